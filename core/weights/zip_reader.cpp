#include "weights/zip_reader.h"

#include "base/error.h"
#include "io/file_limits.h"

#include <zlib.h>

#include <algorithm>

namespace tl::weights {

namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint64_t kMax32 = 0xffffffffULL;

} // namespace

ZipReader::ZipReader(const Bytes &data, std::string origin)
    : m_data(data), m_origin(std::move(origin)), m_all(m_data, m_origin)
{
    readDirectory();
}

namespace {

// Where the central directory lies, from the end-of-directory record (ZIP64's when the
// classic one's fields overflowed).
struct DirectoryLocation
{
    std::uint64_t count = 0, size = 0, offset = 0;
};

DirectoryLocation locateDirectory(const ByteView &all, const std::string &origin)
{
    const auto fail = [&](const std::string &what) { return fileError(origin, what); };
    if (all.size() < 22)
        throw fail("too short for a zip archive");
    // End of central directory: the last signature within the final 64 KiB + 22 bytes.
    std::uint64_t eocd = 0;
    bool found = false;
    const std::uint64_t lowest = all.size() > 65557 ? all.size() - 65557 : 0;
    for (std::uint64_t p = all.size() - 22 + 1; p-- > lowest;)
        if (all.le(p, 4, "end of directory") == kEndOfDirectory) {
            eocd = p;
            found = true;
            break;
        }
    if (!found)
        throw fail("zip archive is truncated (no end-of-directory record)");
    DirectoryLocation d;
    d.count = all.le(eocd + 10, 2, "entry count");
    d.size = all.le(eocd + 12, 4, "directory size");
    d.offset = all.le(eocd + 16, 4, "directory offset");
    if (d.offset == kMax32 || d.size == kMax32 || d.count == 0xffff) {
        // ZIP64: the locator sits right before the EOCD record and points at the ZIP64 record.
        if (eocd < 20 || all.le(eocd - 20, 4, "ZIP64 locator") != kZip64Locator)
            throw fail("damaged ZIP64 archive (no locator before the end-of-directory record)");
        const std::uint64_t rec = all.le(eocd - 12, 8, "ZIP64 record offset");
        if (!all.contains(rec, 56) || all.le(rec, 4, "ZIP64 record") != kZip64EndOfDirectory)
            throw fail("damaged ZIP64 archive (its end-of-directory record at byte " +
                       std::to_string(rec) + " is missing)");
        d.count = all.le(rec + 32, 8, "ZIP64 entry count");
        d.size = all.le(rec + 40, 8, "ZIP64 directory size");
        d.offset = all.le(rec + 48, 8, "ZIP64 directory offset");
    }
    return d;
}

} // namespace

void ZipReader::readDirectory()
{
    const ByteView &all = m_all;
    const auto fail = [&](const std::string &what) { return fileError(m_origin, what); };
    const DirectoryLocation where = locateDirectory(all, m_origin);
    const std::uint64_t count = where.count, dirSize = where.size, dirOffset = where.offset;
    if (!all.contains(dirOffset, dirSize))
        throw fail("zip archive is truncated (central directory of " + std::to_string(dirSize) +
                   " bytes at offset " + std::to_string(dirOffset) + ", the file has " +
                   std::to_string(all.size()) + ")");
    // Each directory entry takes at least 46 bytes: a count the directory cannot hold is a lie.
    if (count > dirSize / 46)
        throw fail("damaged zip central directory (" + std::to_string(count) +
                   " entries cannot fit in " + std::to_string(dirSize) + " bytes)");
    const ByteView dir = all.sub(dirOffset, dirSize, "central directory");
    std::uint64_t p = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (!dir.contains(p, 46) || dir.le(p, 4, "directory entry") != kDirectoryEntry)
            throw fail("damaged zip central directory at byte " + std::to_string(dirOffset + p));
        Entry e;
        e.method = std::uint16_t(dir.le(p + 10, 2, "compression method"));
        e.compressedSize = dir.le(p + 20, 4, "compressed size");
        e.size = dir.le(p + 24, 4, "size");
        const std::uint64_t nameLen = dir.le(p + 28, 2, "name length");
        const std::uint64_t extraLen = dir.le(p + 30, 2, "extra length");
        const std::uint64_t commentLen = dir.le(p + 32, 2, "comment length");
        e.headerOffset = dir.le(p + 42, 4, "local header offset");
        const std::string name = dir.text(p + 46, nameLen, "member name");
        // ZIP64 extended information: the fields that overflowed, in order, each read only
        // within the extra field's own declared length.
        const ByteView extra = dir.sub(p + 46 + nameLen, extraLen, "extra field of " + name);
        std::uint64_t x = 0;
        while (extra.contains(x, 4)) {
            const auto id = extra.le(x, 2, "extra id"), len = extra.le(x + 2, 2, "extra length");
            const ByteView field = extra.sub(x + 4, len, "extra field of " + name);
            if (id == 0x0001) {
                Cursor c(field);
                const std::string what = "ZIP64 field of " + name;
                if (e.size == kMax32)
                    e.size = c.le(8, what);
                if (e.compressedSize == kMax32)
                    e.compressedSize = c.le(8, what);
                if (e.headerOffset == kMax32)
                    e.headerOffset = c.le(8, what);
            }
            x += 4 + len;
        }
        if (!all.contains(e.headerOffset, 30))
            throw fail("damaged zip member " + name + " (its header offset " +
                       std::to_string(e.headerOffset) + " lies past the end of the file)");
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

ByteView ZipReader::view(const std::string &name, Bytes &storage) const
{
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        throw fileError(m_origin, "archive has no member " + name);
    const Entry &e = it->second;
    const std::string what = "zip member " + name;
    if (m_all.le(e.headerOffset, 4, what) != kLocalHeader)
        throw fileError(m_origin, "damaged zip member " + name + " (no local header at byte " +
                                      std::to_string(e.headerOffset) + ")");
    const std::uint64_t start = e.headerOffset + 30 + m_all.le(e.headerOffset + 26, 2, what) +
                                m_all.le(e.headerOffset + 28, 2, what);
    if (!m_all.contains(start, e.compressedSize))
        throw fileError(m_origin, "zip member " + name + " is truncated (needs " +
                                      std::to_string(e.compressedSize) + " bytes at offset " +
                                      std::to_string(start) + ", the file has " +
                                      std::to_string(m_all.size()) + ")");
    const ByteView packed = m_all.sub(start, e.compressedSize, what);
    if (e.method == 0) {
        if (e.size != e.compressedSize)
            throw fileError(m_origin, "damaged zip member " + name +
                                          " (stored, but its two sizes differ)");
        return packed;
    }
    if (e.method != 8)
        throw fileError(m_origin, "zip member " + name + " uses compression method " +
                                      std::to_string(e.method) + " (only stored and deflated are "
                                                                 "supported)");
    // The output is sized from the declared size only once that size is plausible.
    std::uint64_t ratioBound = 0;
    if (!checkedMul(e.compressedSize, limits::kMaxDeflateRatio, ratioBound))
        ratioBound = ~std::uint64_t(0);
    if (e.size > ratioBound + 1024)
        throw fileError(m_origin, "damaged zip member " + name + ": " +
                                      std::to_string(e.compressedSize) +
                                      " compressed bytes cannot inflate to the " +
                                      std::to_string(e.size) + " it declares");
    if (e.size > limits::kMaxInflatedBytes)
        throw limitError(m_origin, "the inflated size of " + name, e.size,
                         limits::kMaxInflatedBytes);
    if (packed.size() > limits::kMaxFileBytes)
        throw limitError(m_origin, "the compressed size of " + name, packed.size(),
                         limits::kMaxFileBytes);
    // One spare byte: zlib refuses a null output pointer, and an empty member is legal.
    storage.assign(std::size_t(e.size) + 1, 0);
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
        throw fileError(m_origin, "zlib initialisation failed");
    zs.next_in = const_cast<Bytef *>(packed.data());
    zs.avail_in = uInt(packed.size()); // both bounded by 1 GiB (limits) and so fit 32 bits
    zs.next_out = storage.data();
    zs.avail_out = uInt(storage.size());
    const int rc = inflate(&zs, Z_FINISH);
    const std::uint64_t produced = zs.total_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || produced != e.size)
        throw fileError(m_origin, "zip member " + name + " does not inflate to its declared " +
                                      std::to_string(e.size) + " bytes");
    storage.resize(std::size_t(e.size));
    return ByteView(storage.data(), storage.size(), &m_origin);
}

Bytes ZipReader::read(const std::string &name) const
{
    Bytes storage;
    const ByteView v = view(name, storage);
    if (v.data() == storage.data())
        return storage;
    return Bytes(v.data(), v.data() + v.size());
}

} // namespace tl::weights
