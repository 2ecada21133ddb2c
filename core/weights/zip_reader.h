#pragma once

#include "files.h"

#include <map>
#include <string>

namespace tl::weights {

// Just enough of ZIP for PyTorch's checkpoint archives: the central directory (ZIP64 included),
// stored or deflated members. Member data are views into `data`, which must outlive the reader.
class ZipReader
{
public:
    ZipReader(const Bytes &data, std::string origin);

    bool has(const std::string &name) const { return m_entries.count(name) != 0; }
    // The member's bytes (inflated if it was deflated); tl::Error naming the archive otherwise.
    Bytes read(const std::string &name) const;
    // Member names in the archive.
    std::vector<std::string> names() const;

    static bool looksLikeZip(const Bytes &data)
    {
        return data.size() >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4;
    }

private:
    struct Entry
    {
        std::uint64_t headerOffset = 0;
        std::uint64_t compressedSize = 0;
        std::uint64_t size = 0;
        std::uint16_t method = 0;
    };
    const Bytes &m_data;
    std::string m_origin;
    std::map<std::string, Entry> m_entries;
};

} // namespace tl::weights
