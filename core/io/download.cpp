#include "io/download.h"

#include "base/error.h"
#include "io/file_limits.h"
#include "io/hash.h"

#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>

namespace fs = std::filesystem;

namespace tl {

namespace {

using Clock = std::chrono::steady_clock;

struct Transfer
{
    FILE *out = nullptr;
    const DownloadProgressFn *progress = nullptr;
    const DownloadLimits *limits = nullptr;
    DownloadProgress state;
    std::int64_t offset = 0;
    std::uint64_t written = 0;
    Clock::time_point start = Clock::now();
    bool cancelled = false;
    std::string refused; // why the transfer was cut (too large, too slow)
};

size_t onData(char *ptr, size_t size, size_t nmemb, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const std::uint64_t n = std::uint64_t(size) * nmemb;
    if (std::uint64_t(t->offset) + t->written + n > t->limits->maxBytes) {
        t->refused = "the server sent more than the " + std::to_string(t->limits->maxBytes) +
                     " bytes this file can have";
        return 0; // curl aborts with a write error
    }
    t->written += n;
    return std::fwrite(ptr, size, nmemb, t->out) * size;
}

int onProgress(void *user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t)
{
    auto *t = static_cast<Transfer *>(user);
    t->state.received = t->offset + now;
    t->state.total = total > 0 ? t->offset + total : -1;
    const double elapsed = std::chrono::duration<double>(Clock::now() - t->start).count();
    if (elapsed > 60 && double(now) / elapsed < t->limits->minAverageBytesPerSecond) {
        t->refused = "the server is too slow (" + std::to_string(int(double(now) / elapsed)) +
                     " bytes/s on average)";
        return 1;
    }
    if (t->progress && *t->progress && !(*t->progress)(t->state)) {
        t->cancelled = true;
        return 1;
    }
    return 0;
}

void curlGlobalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool verify(const RemoteFile &file, const std::string &path, std::string *got)
{
    if (!file.sha256.empty()) {
        const std::string h = hashFile(path, HashKind::Sha256);
        if (got)
            *got = "sha256 " + h;
        return h.rfind(file.sha256, 0) == 0; // catalogs may give a prefix, as torchvision's do
    }
    const std::string h = hashFile(path, HashKind::Md5);
    if (got)
        *got = "md5 " + h;
    return h == file.md5;
}

// Returns an empty string on success, else the reason.
std::string fetch(const std::string &url, const std::string &part, Transfer &t)
{
    std::error_code ec;
    t.offset = fs::exists(part, ec) ? static_cast<std::int64_t>(fs::file_size(part, ec)) : 0;
    t.out = std::fopen(part.c_str(), t.offset > 0 ? "ab" : "wb");
    if (!t.out)
        throw fileError(part, "cannot write the download");
    CURL *curl = curl_easy_init();
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onData);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    // A stalled, crawling or endless transfer ends instead of hanging: low speed for a while,
    // a deadline for the whole, and no more bytes than the file can have.
    const DownloadLimits &lim = *t.limits;
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, lim.stallBytesPerSecond);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, long(lim.stallSeconds));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(lim.deadlineSeconds * 1000));
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(lim.maxBytes - std::uint64_t(t.offset)));
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "TransferLab/0.1");
    // An error page must never end up in the .part file.
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    if (t.offset > 0)
        curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(t.offset));
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    std::fclose(t.out);
    t.out = nullptr;

    if (t.cancelled)
        return "cancelled";
    if (!t.refused.empty() || rc == CURLE_FILESIZE_EXCEEDED) {
        fs::remove(part, ec); // nothing of a refused transfer is kept
        return t.refused.empty() ? "the server announces more bytes than this file can have"
                                 : t.refused;
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) {
        fs::remove(part, ec);
        return std::string("the transfer stalled or took too long (") +
               (errbuf[0] ? errbuf : curl_easy_strerror(rc)) + ")";
    }
    if (rc == CURLE_HTTP_RETURNED_ERROR && status != 416) {
        if (t.offset == 0)
            fs::remove(part, ec);
        return "HTTP status " + std::to_string(status);
    }
    if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT ||
        rc == CURLE_COULDNT_RESOLVE_PROXY)
        return std::string("cannot reach the server (") +
               (errbuf[0] ? errbuf : curl_easy_strerror(rc)) + "); is this machine offline?";
    if (rc == CURLE_RANGE_ERROR || status == 416) {
        // The server will not resume: start over next time.
        fs::remove(part, ec);
        return "the server refused to resume the download; try again";
    }
    if (rc != CURLE_OK)
        return errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (status >= 400)
        return "HTTP status " + std::to_string(status);
    if (t.offset > 0 && status == 200) {
        // Server ignored the Range header and sent the whole file after our partial bytes.
        fs::remove(part, ec);
        return "the server does not support resuming; try again";
    }
    return {};
}

} // namespace

DownloadLimits DownloadLimits::forFile(const RemoteFile &file)
{
    DownloadLimits l;
    l.maxBytes = file.size >= 0 ? std::uint64_t(file.size) + std::uint64_t(file.size) / 10 + 65536
                                : limits::kMaxDownloadBytes;
    l.deadlineSeconds = 600.0 + double(l.maxBytes) / l.minAverageBytesPerSecond;
    return l;
}

std::string downloadFile(const RemoteFile &file, const std::string &folder,
                         const DownloadProgressFn &progress, const DownloadLimits *limits)
{
    const DownloadLimits defaults = DownloadLimits::forFile(file);
    if (!limits)
        limits = &defaults;
    if (file.md5.empty() && file.sha256.empty())
        throw Error("internal: no checksum for " + file.fileName);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw fileError(folder, "cannot create the download folder: " + ec.message());
    const std::string dest = (fs::path(folder) / file.fileName).string();
    if (fs::exists(dest, ec) && verify(file, dest, nullptr))
        return dest;
    const std::string part = dest + ".part";
    curlGlobalInit();

    std::string lastError = "no address to download from";
    for (const auto &url : file.urls) {
        Transfer t;
        t.progress = &progress;
        t.limits = limits;
        t.state.fileName = file.fileName;
        const std::string err = fetch(url, part, t);
        if (err == "cancelled")
            throw Error(url +
                        ": download cancelled (the partial file is kept and resumed next time)");
        if (!err.empty()) {
            lastError = url + ": " + err;
            continue;
        }
        std::string got;
        if (!verify(file, part, &got)) {
            fs::remove(part, ec);
            lastError = url + ": checksum mismatch, expected " +
                        (file.sha256.empty() ? "md5 " + file.md5 : "sha256 " + file.sha256) +
                        ", got " + got + " (the file was deleted)";
            continue;
        }
        fs::rename(part, dest, ec);
        if (ec)
            throw fileError(dest, "cannot move the download into place: " + ec.message());
        return dest;
    }
    throw Error(lastError);
}

} // namespace tl
