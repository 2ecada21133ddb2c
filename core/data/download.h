#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tl::data {

struct RemoteFile
{
    std::string fileName;
    std::vector<std::string> urls; // tried in order (mirrors)
    std::string md5;               // at least one of md5 / sha256 must be set
    std::string sha256;
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
std::string downloadFile(const RemoteFile &file, const std::string &folder,
                         const DownloadProgressFn &progress = {});

} // namespace tl::data
