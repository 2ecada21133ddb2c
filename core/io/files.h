#pragma once

#include "io/file_limits.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tl {

using Bytes = std::vector<std::uint8_t>;

// Whole file into memory; tl::Error naming the file when it cannot be read or is larger than
// `maxBytes`. Pipes and devices (/dev/stdin) are read to their end.
Bytes readFile(const std::string &path, std::uint64_t maxBytes = limits::kMaxFileBytes);
// Like readFile, but a gzip stream (.gz, detected by its magic bytes) is inflated.
Bytes readMaybeGzip(const std::string &path);
// Inflates a gzip stream held in memory; `origin` names it in errors. The output never exceeds
// `maxBytes` (tl::Error naming the limit).
Bytes gunzip(const Bytes &compressed, const std::string &origin,
             std::uint64_t maxBytes = limits::kMaxGunzipBytes);

// Writes to "path.tmp-XXXX" in the same folder, flushes, then renames over `path`, so a reader
// never sees half a file and an interrupted write leaves the old file (or none) in place.
void writeFileAtomic(const std::string &path, const std::string &contents);
// For writers that need a path (torch::save): `write` fills the temporary path, then it is
// renamed over `path`. The temporary file is removed if `write` throws.
void writeAtomicWith(const std::string &path,
                     const std::function<void(const std::string &)> &write);

// One member of a tar archive (regular files only).
struct TarEntry
{
    std::string name;
    Bytes data;
};
// Parses a POSIX/GNU tar image (already decompressed). `origin` names the archive in errors.
std::vector<TarEntry> parseTar(const Bytes &tar, const std::string &origin);

std::string homeDir();
// $XDG_CACHE_HOME or ~/.cache
std::string xdgCacheHome();

} // namespace tl
