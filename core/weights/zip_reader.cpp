#include "weights/zip_reader.h"

#include "error.h"

#include <zlib.h>

#include <cstring>

namespace tl::weights {

namespace {

std::uint64_t le(const Bytes &b, std::uint64_t off, int n)
{
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = (v << 8) | b[off + std::uint64_t(i)];
    return v;
}

} // namespace

ZipReader::ZipReader(const Bytes &data, std::string origin)
    : m_data(data), m_origin(std::move(origin))
{
    const auto fail = [&](const std::string &what) { return fileError(m_origin, what); };
    if (data.size() < 22)
        throw fail("too short for a zip archive");
    // End of central directory: the last 0x06054b50 within the final 64 KiB + 22 bytes.
    std::int64_t eocd = -1;
    const std::uint64_t lowest = data.size() > 65557 ? data.size() - 65557 : 0;
    for (std::uint64_t p = data.size() - 22 + 1; p-- > lowest;)
        if (le(data, p, 4) == 0x06054b50) {
            eocd = std::int64_t(p);
            break;
        }
    if (eocd < 0)
        throw fail("zip archive is truncated (no end-of-directory record)");
    std::uint64_t count = le(data, std::uint64_t(eocd) + 10, 2);
    std::uint64_t dirSize = le(data, std::uint64_t(eocd) + 12, 4);
    std::uint64_t dirOffset = le(data, std::uint64_t(eocd) + 16, 4);
    if (dirOffset == 0xffffffffULL || count == 0xffff) {
        // ZIP64: the locator sits right before the EOCD record.
        if (eocd < 20 || le(data, std::uint64_t(eocd) - 20, 4) != 0x07064b50)
            throw fail("damaged ZIP64 archive");
        const std::uint64_t rec = le(data, std::uint64_t(eocd) - 12, 8);
        if (rec + 56 > data.size() || le(data, rec, 4) != 0x06064b50)
            throw fail("damaged ZIP64 archive");
        count = le(data, rec + 32, 8);
        dirSize = le(data, rec + 40, 8);
        dirOffset = le(data, rec + 48, 8);
    }
    if (dirOffset + dirSize > data.size())
        throw fail("zip archive is truncated (central directory past the end)");
    std::uint64_t p = dirOffset;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (p + 46 > data.size() || le(data, p, 4) != 0x02014b50)
            throw fail("damaged zip central directory at byte " + std::to_string(p));
        Entry e;
        e.method = std::uint16_t(le(data, p + 10, 2));
        e.compressedSize = le(data, p + 20, 4);
        e.size = le(data, p + 24, 4);
        const std::uint64_t nameLen = le(data, p + 28, 2), extraLen = le(data, p + 30, 2),
                            commentLen = le(data, p + 32, 2);
        e.headerOffset = le(data, p + 42, 4);
        if (p + 46 + nameLen + extraLen > data.size())
            throw fail("damaged zip central directory");
        const std::string name(reinterpret_cast<const char *>(data.data() + p + 46), nameLen);
        // ZIP64 extended information: the fields that overflowed, in order.
        std::uint64_t x = p + 46 + nameLen;
        const std::uint64_t xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
            const auto id = le(data, x, 2), len = le(data, x + 2, 2);
            if (id == 0x0001) {
                std::uint64_t q = x + 4;
                if (e.size == 0xffffffffULL) {
                    e.size = le(data, q, 8);
                    q += 8;
                }
                if (e.compressedSize == 0xffffffffULL) {
                    e.compressedSize = le(data, q, 8);
                    q += 8;
                }
                if (e.headerOffset == 0xffffffffULL)
                    e.headerOffset = le(data, q, 8);
            }
            x += 4 + len;
        }
        m_entries[name] = e;
        p += 46 + nameLen + extraLen + commentLen;
    }
}

std::vector<std::string> ZipReader::names() const
{
    std::vector<std::string> out;
    for (const auto &e : m_entries)
        out.push_back(e.first);
    return out;
}

Bytes ZipReader::read(const std::string &name) const
{
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        throw fileError(m_origin, "archive has no member " + name);
    const Entry &e = it->second;
    if (e.headerOffset + 30 > m_data.size() || le(m_data, e.headerOffset, 4) != 0x04034b50)
        throw fileError(m_origin, "damaged zip member " + name);
    const std::uint64_t start = e.headerOffset + 30 + le(m_data, e.headerOffset + 26, 2) +
                                le(m_data, e.headerOffset + 28, 2);
    if (start + e.compressedSize > m_data.size())
        throw fileError(m_origin, "zip member " + name + " is truncated (needs " +
                                      std::to_string(e.compressedSize) + " bytes at offset " +
                                      std::to_string(start) + ", the file has " +
                                      std::to_string(m_data.size()) + ")");
    if (e.method == 0)
        return Bytes(m_data.begin() + std::int64_t(start),
                     m_data.begin() + std::int64_t(start + e.compressedSize));
    if (e.method != 8)
        throw fileError(m_origin, "zip member " + name + " uses compression method " +
                                      std::to_string(e.method));
    Bytes out(e.size);
    z_stream zs{};
    inflateInit2(&zs, -MAX_WBITS);
    zs.next_in = const_cast<Bytef *>(m_data.data() + start);
    zs.avail_in = uInt(e.compressedSize);
    zs.next_out = out.data();
    zs.avail_out = uInt(out.size());
    const int rc = inflate(&zs, Z_FINISH);
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw fileError(m_origin, "zip member " + name + " does not inflate");
    return out;
}

} // namespace tl::weights
