#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tl {

struct RemoteFile
{
    std::string fileName;
    std::vector<std::string> urls; // tried in order (mirrors)
    std::string md5;               // at least one of md5 / sha256 must be set
    std::string sha256;
    std::int64_t size = -1; // as published; -1: not known (limits::kMaxDownloadBytes then)
};

// What a download may take: a server may be slow, stall or send without end.
struct DownloadLimits
{
    std::uint64_t maxBytes = 0;  // the file may not grow past this
    int stallSeconds = 30;       // under `stallBytesPerSecond` for this long: give up
    long stallBytesPerSecond = 1024;
    double minAverageBytesPerSecond = 4096; // after the first minute
    double deadlineSeconds = 0;  // the whole transfer
    // From the file's published size (10 % margin) or the ceiling when unknown; the deadline
    // allows the slowest average speed above for that many bytes, plus ten minutes.
    static DownloadLimits forFile(const RemoteFile &file);
};

struct DownloadProgress
{
    std::string fileName;
    std::int64_t received = 0;
    std::int64_t total = -1; // -1 when the server does not say
};
// Return false to cancel the download.
using DownloadProgressFn = std::function<bool(const DownloadProgress &)>;

// Downloads into `folder`/fileName through "fileName.part" (resumed with an HTTP Range request if
// a previous attempt left one), verifies the checksum, then renames. A file already present with
// the right checksum is not downloaded again. Throws tl::Error on network failure (saying when
// the machine looks offline), HTTP errors, checksum mismatch or cancellation. Returns the path.
// Every transfer is bounded by `limits` (default: DownloadLimits::forFile).
std::string downloadFile(const RemoteFile &file, const std::string &folder,
                         const DownloadProgressFn &progress = {},
                         const DownloadLimits *limits = nullptr);

} // namespace tl
