#include "io/files.h"

#include "base/checked.h"
#include "base/error.h"
#include "io/file_limits.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

namespace fs = std::filesystem;

namespace tl {

Bytes readFile(const std::string &path, std::uint64_t maxBytes)
{
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw fileError(path, "no such file");
    if (fs::is_directory(status))
        throw fileError(path, "is a folder, expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw fileError(path, std::string("cannot open: ") + std::strerror(errno));
    Bytes data;
    if (fs::is_regular_file(status)) {
        const std::uint64_t size = fs::file_size(path, ec);
        if (ec)
            throw fileError(path, "cannot read its size: " + ec.message());
        if (size > maxBytes)
            throw limitError(path, "the file's size", size, maxBytes);
        data.resize(std::size_t(size));
        if (size > 0 && !in.read(reinterpret_cast<char *>(data.data()), std::streamsize(size)))
            throw fileError(path, "read failed (the file shrank while being read?)");
        return data;
    }
    // A pipe, a terminal or a device (/dev/stdin): no size to ask for, read until the end.
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        const auto n = std::size_t(in.gcount());
        if (data.size() + n > maxBytes)
            throw limitError(path, "the data read", data.size() + n, maxBytes);
        data.insert(data.end(), chunk, chunk + n);
    }
    if (in.bad())
        throw fileError(path, "read failed");
    return data;
}

Bytes gunzip(const Bytes &compressed, const std::string &origin, std::uint64_t maxBytes)
{
    z_stream zs{};
    // 16 + MAX_WBITS: expect a gzip header; concatenated members are handled by the loop.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw fileError(origin, "zlib initialisation failed");
    struct End
    {
        z_stream &zs;
        ~End() { inflateEnd(&zs); }
    } end{zs};
    Bytes out;
    // The output grows as it is produced. The gzip trailer's size (of the last member, modulo
    // 2^32) is only a hint for the first allocation, believed when deflate could produce it from
    // this input (at most 1032:1) and it is within the limit; a right hint saves growing and a
    // final copy of tens of megabytes (Fashion-MNIST: 47 MB).
    std::uint64_t first = std::max<std::uint64_t>(1024, std::uint64_t(compressed.size()) * 4);
    if (compressed.size() >= 18) {
        const std::uint8_t *t = compressed.data() + compressed.size() - 4;
        const std::uint64_t hint = std::uint64_t(t[0]) | (std::uint64_t(t[1]) << 8) |
                                   (std::uint64_t(t[2]) << 16) | (std::uint64_t(t[3]) << 24);
        if (hint > 0 && hint <= std::uint64_t(compressed.size()) * 1032)
            first = hint + 1; // one spare byte: a full buffer then means more output follows
    }
    out.resize(std::size_t(std::min<std::uint64_t>(maxBytes, first)));
    const Bytef *in = compressed.data();
    std::uint64_t inLeft = compressed.size();
    std::size_t produced = 0;
    while (true) {
        if (produced == out.size()) {
            if (out.size() >= maxBytes)
                throw limitError(origin, "the inflated size", std::uint64_t(out.size()) + 1,
                                 maxBytes);
            out.resize(
                std::size_t(std::min<std::uint64_t>(maxBytes, std::uint64_t(out.size()) * 2)));
        }
        // zlib counts in 32 bits: feed at most 1 GiB at a time.
        const uInt feed = uInt(std::min<std::uint64_t>(inLeft, 1u << 30));
        zs.next_in = const_cast<Bytef *>(in);
        zs.avail_in = feed;
        const uInt room = uInt(std::min<std::uint64_t>(out.size() - produced, 1u << 30));
        zs.next_out = out.data() + produced;
        zs.avail_out = room;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        in += feed - zs.avail_in;
        inLeft -= feed - zs.avail_in;
        produced += room - zs.avail_out;
        if (rc == Z_STREAM_END) {
            if (inLeft == 0)
                break;
            inflateReset(&zs); // another gzip member follows
            continue;
        }
        if (rc == Z_BUF_ERROR && inLeft == 0)
            throw fileError(origin, "gzip stream is truncated (ends after " +
                                        std::to_string(compressed.size()) + " bytes)");
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            throw fileError(origin, "corrupt gzip data near byte " +
                                        std::to_string(compressed.size() - inLeft) + ": " +
                                        (zs.msg ? zs.msg : "invalid data"));
    }
    out.resize(produced);
    if (out.capacity() - produced > produced / 8)
        out.shrink_to_fit();
    return out;
}

Bytes readMaybeGzip(const std::string &path)
{
    Bytes data = readFile(path);
    if (data.size() >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        return gunzip(data, path, limits::kMaxGunzipBytes);
    return data;
}

static std::string tempSibling(const std::string &path)
{
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".tmp-%08llx",
                  static_cast<unsigned long long>(rng() & 0xffffffffULL));
    return path + suffix;
}

void writeAtomicWith(const std::string &path, const std::function<void(const std::string &)> &write)
{
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path())
        fs::create_directories(target.parent_path(), ec);
    const std::string tmp = tempSibling(path);
    try {
        write(tmp);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw fileError(path, "cannot write: " + ec.message());
    }
}

void writeFileAtomic(const std::string &path, const std::string &contents)
{
    writeAtomicWith(path, [&](const std::string &tmp) {
        FILE *f = std::fopen(tmp.c_str(), "wb");
        if (!f)
            throw fileError(path, std::string("cannot write: ") + std::strerror(errno));
        const bool ok = std::fwrite(contents.data(), 1, contents.size(), f) == contents.size() &&
                        std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
        const int err = errno;
        std::fclose(f);
        if (!ok)
            throw fileError(path, std::string("write failed: ") + std::strerror(err));
    });
}

namespace {

// A numeric tar header field: octal digits, or GNU's base-256 for values over 8 GiB. Anything
// that does not fit 64 bits is refused rather than wrapped.
std::uint64_t parseNumber(const ByteView &h, std::uint64_t off, std::uint64_t n,
                          const std::string &field)
{
    const ByteView f = h.sub(off, n, "tar header field " + field);
    const std::uint8_t *p = f.data();
    if (p[0] & 0x80) {
        std::uint64_t v = p[0] & 0x7f;
        for (std::uint64_t i = 1; i < n; ++i) {
            if (v >> 56)
                throw fileError(h.origin(), "tar header field " + field + " is too large");
            v = (v << 8) | p[i];
        }
        return v;
    }
    std::uint64_t v = 0;
    for (std::uint64_t i = 0; i < n && p[i]; ++i) {
        if (p[i] == ' ')
            continue;
        if (p[i] < '0' || p[i] > '7')
            break;
        if (v >> 60)
            throw fileError(h.origin(), "tar header field " + field + " is too large");
        v = v * 8 + std::uint64_t(p[i] - '0');
    }
    return v;
}

std::string cString(const ByteView &b)
{
    const auto *p = reinterpret_cast<const char *>(b.data());
    return std::string(p, strnlen(p, std::size_t(b.size())));
}

} // namespace

std::vector<TarEntry> parseTar(const Bytes &tar, const std::string &origin)
{
    const ByteView all(tar, origin);
    std::vector<TarEntry> entries;
    std::uint64_t pos = 0;
    std::string longName;
    while (all.contains(pos, 512)) {
        const ByteView h = all.sub(pos, 512, "tar header");
        bool zero = true;
        for (std::uint64_t i = 0; i < 512 && zero; ++i)
            zero = h.data()[i] == 0;
        if (zero)
            return entries; // end-of-archive marker
        std::uint64_t sum = 0;
        for (std::uint64_t i = 0; i < 512; ++i)
            sum += (i >= 148 && i < 156) ? ' ' : h.data()[i];
        if (sum != parseNumber(h, 148, 8, "checksum"))
            throw fileError(origin, "not a tar archive (bad header checksum at byte " +
                                        std::to_string(pos) + ")");
        const std::uint64_t size = parseNumber(h, 124, 12, "size");
        const char type = static_cast<char>(h.data()[156]);
        std::string name = cString(h.sub(0, 100, "tar name"));
        if (std::memcmp(h.data() + 257, "ustar", 5) == 0 && h.data()[345])
            name = cString(h.sub(345, 155, "tar prefix")) + "/" + name;
        const std::uint64_t dataPos = pos + 512;
        if (!all.contains(dataPos, size))
            throw fileError(origin, "archive is truncated: member '" + name + "' needs " +
                                        std::to_string(size) + " bytes at offset " +
                                        std::to_string(dataPos) + ", the archive has " +
                                        std::to_string(tar.size()));
        const ByteView body = all.sub(dataPos, size, "tar member " + name);
        if (type == 'L') { // GNU long name for the next member
            longName = cString(body);
        } else if (type == '0' || type == '\0') {
            TarEntry e;
            e.name = longName.empty() ? name : longName;
            e.data.assign(body.data(), body.data() + body.size());
            entries.push_back(std::move(e));
            longName.clear();
        } else {
            longName.clear();
        }
        // size fits the archive, so rounding it up to whole blocks cannot wrap.
        pos = dataPos + ((size + 511) / 512) * 512;
    }
    if (pos != tar.size() && entries.empty())
        throw fileError(origin, "not a tar archive");
    return entries;
}

std::string homeDir()
{
    const char *home = std::getenv("HOME");
    return home && *home ? home : "/tmp";
}

std::string xdgCacheHome()
{
    const char *xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg)
        return xdg;
    return homeDir() + "/.cache";
}

} // namespace tl
