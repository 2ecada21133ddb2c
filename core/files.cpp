#include "files.h"

#include "error.h"

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

Bytes readFile(const std::string &path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw fileError(path, "no such file");
    if (fs::is_directory(path, ec))
        throw fileError(path, "is a folder, expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw fileError(path, std::string("cannot open: ") + std::strerror(errno));
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(in.tellg());
    in.seekg(0);
    Bytes data(size);
    if (size > 0 && !in.read(reinterpret_cast<char *>(data.data()), static_cast<long>(size)))
        throw fileError(path, "read failed");
    return data;
}

Bytes gunzip(const Bytes &compressed, const std::string &origin)
{
    z_stream zs{};
    // 16 + MAX_WBITS: expect a gzip header; concatenated members are handled by the loop.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw fileError(origin, "zlib initialisation failed");
    Bytes out;
    out.resize(compressed.size() * 4 + 1024);
    zs.next_in = const_cast<Bytef *>(compressed.data());
    zs.avail_in = static_cast<uInt>(compressed.size());
    std::size_t produced = 0;
    int rc = Z_OK;
    while (true) {
        if (produced == out.size())
            out.resize(out.size() * 2);
        zs.next_out = out.data() + produced;
        zs.avail_out = static_cast<uInt>(out.size() - produced);
        rc = inflate(&zs, Z_NO_FLUSH);
        produced = out.size() - zs.avail_out;
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0)
                break;
            inflateReset(&zs); // another gzip member follows
            continue;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            throw fileError(origin, "gzip stream is truncated (ends after " +
                                        std::to_string(compressed.size()) + " bytes)");
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const std::string msg = zs.msg ? zs.msg : "invalid data";
            const auto offset = zs.total_in;
            inflateEnd(&zs);
            throw fileError(origin,
                            "corrupt gzip data near byte " + std::to_string(offset) + ": " + msg);
        }
    }
    inflateEnd(&zs);
    out.resize(produced);
    return out;
}

Bytes readMaybeGzip(const std::string &path)
{
    Bytes data = readFile(path);
    if (data.size() >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        return gunzip(data, path);
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

static std::uint64_t parseOctal(const std::uint8_t *p, std::size_t n)
{
    // GNU base-256 encoding for sizes over 8 GiB.
    if (p[0] & 0x80) {
        std::uint64_t v = p[0] & 0x7f;
        for (std::size_t i = 1; i < n; ++i)
            v = (v << 8) | p[i];
        return v;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n && p[i]; ++i) {
        if (p[i] == ' ')
            continue;
        if (p[i] < '0' || p[i] > '7')
            break;
        v = v * 8 + (p[i] - '0');
    }
    return v;
}

std::vector<TarEntry> parseTar(const Bytes &tar, const std::string &origin)
{
    std::vector<TarEntry> entries;
    std::size_t pos = 0;
    std::string longName;
    while (pos + 512 <= tar.size()) {
        const std::uint8_t *h = tar.data() + pos;
        bool zero = true;
        for (int i = 0; i < 512 && zero; ++i)
            zero = h[i] == 0;
        if (zero)
            return entries; // end-of-archive marker
        std::uint64_t sum = 0;
        for (int i = 0; i < 512; ++i)
            sum += (i >= 148 && i < 156) ? ' ' : h[i];
        if (sum != parseOctal(h + 148, 8))
            throw fileError(origin, "not a tar archive (bad header checksum at byte " +
                                        std::to_string(pos) + ")");
        const std::uint64_t size = parseOctal(h + 124, 12);
        const char type = static_cast<char>(h[156]);
        std::string name(reinterpret_cast<const char *>(h),
                         strnlen(reinterpret_cast<const char *>(h), 100));
        if (std::memcmp(h + 257, "ustar", 5) == 0 && h[345]) {
            std::string prefix(reinterpret_cast<const char *>(h + 345),
                               strnlen(reinterpret_cast<const char *>(h + 345), 155));
            name = prefix + "/" + name;
        }
        const std::size_t dataPos = pos + 512;
        if (dataPos + size > tar.size())
            throw fileError(origin, "archive is truncated: member '" + name + "' needs " +
                                        std::to_string(size) + " bytes at offset " +
                                        std::to_string(dataPos) + ", the archive has " +
                                        std::to_string(tar.size()));
        if (type == 'L') { // GNU long name for the next member
            longName.assign(reinterpret_cast<const char *>(tar.data() + dataPos),
                            strnlen(reinterpret_cast<const char *>(tar.data() + dataPos), size));
        } else if (type == '0' || type == '\0') {
            TarEntry e;
            e.name = longName.empty() ? name : longName;
            e.data.assign(tar.begin() + static_cast<long>(dataPos),
                          tar.begin() + static_cast<long>(dataPos + size));
            entries.push_back(std::move(e));
            longName.clear();
        } else {
            longName.clear();
        }
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
