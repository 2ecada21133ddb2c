#pragma once

#include "base/checked.h"
#include "io/files.h"

#include <map>
#include <string>

namespace tl::weights {

// Just enough of ZIP for PyTorch's checkpoint archives: the central directory (ZIP64 included),
// stored or deflated members. Every offset and size in the archive is checked against the real
// buffer before use (ByteView); inflated sizes are bounded by the declared size, deflate's
// largest ratio and limits::kMaxInflatedBytes. `data` must outlive the reader.
class ZipReader
{
public:
    ZipReader(const Bytes &data, std::string origin);

    bool has(const std::string &name) const { return m_entries.count(name) != 0; }
    // The member's bytes (inflated if it was deflated); tl::Error naming the archive otherwise.
    Bytes read(const std::string &name) const;
    // A stored member's bytes are returned as a view into the archive (no copy); a deflated one
    // is inflated into `storage` and the view points there.
    ByteView view(const std::string &name, Bytes &storage) const;
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
    void readDirectory();
    const Bytes &m_data;
    std::string m_origin;
    ByteView m_all;
    std::map<std::string, Entry> m_entries;
};

} // namespace tl::weights
