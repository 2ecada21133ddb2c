#include "data/download.h"

#include "error.h"
#include "hash.h"

#include <curl/curl.h>

#include <cstdio>
#include <filesystem>
#include <mutex>

namespace fs = std::filesystem;

namespace tl::data {

namespace {

struct Transfer
{
    FILE *out = nullptr;
    const DownloadProgressFn *progress = nullptr;
    DownloadProgress state;
    std::int64_t offset = 0;
    bool cancelled = false;
};

size_t onData(char *ptr, size_t size, size_t nmemb, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    return std::fwrite(ptr, size, nmemb, t->out) * size;
}

int onProgress(void *user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t)
{
    auto *t = static_cast<Transfer *>(user);
    t->state.received = t->offset + now;
    t->state.total = total > 0 ? t->offset + total : -1;
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
    // Give up on a stalled transfer (under 1 byte/s for 60 s) rather than hang forever.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
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
    if (rc == CURLE_HTTP_RETURNED_ERROR && status != 416) {
        if (t.offset == 0)
            fs::remove(part, ec);
        return "HTTP status " + std::to_string(status);
    }
    if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT ||
        rc == CURLE_COULDNT_RESOLVE_PROXY || rc == CURLE_OPERATION_TIMEDOUT)
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

std::string downloadFile(const RemoteFile &file, const std::string &folder,
                         const DownloadProgressFn &progress)
{
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

} // namespace tl::data
