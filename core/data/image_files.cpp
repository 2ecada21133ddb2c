#include "data/image_files.h"

#include "data/image_decode.h"
#include "data/pil_resize.h"
#include "base/error.h"
#include "io/file_limits.h"
#include "io/files.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <unordered_map>

namespace fs = std::filesystem;

namespace tl::data {

namespace {

bool startsWith(const std::string &b, const char *sig, std::size_t n)
{
    return b.size() >= n && std::memcmp(b.data(), sig, n) == 0;
}

// The format the first bytes announce: "jpeg", "png", another OpenCV reads, "" for none;
// `unsupported` names an image format OpenCV cannot read.
std::string signature(const std::string &head, std::string &unsupported)
{
    if (startsWith(head, "\xff\xd8\xff", 3))
        return "jpeg";
    if (startsWith(head, "\x89PNG\r\n\x1a\n", 8))
        return "png";
    if (startsWith(head, "BM", 2) || startsWith(head, "II*\0", 4) || startsWith(head, "MM\0*", 4) ||
        startsWith(head, "\x76\x2f\x31\x01", 4) || startsWith(head, "#?RADIANCE", 10) ||
        startsWith(head, "#?RGBE", 6) || startsWith(head, "\x59\xa6\x6a\x95", 4) ||
        startsWith(head, "\0\0\0\x0cjP  ", 8) || startsWith(head, "\xff\x4f\xff\x51", 4))
        return "other";
    if (head.size() >= 12 && startsWith(head, "RIFF", 4) && head.compare(8, 4, "WEBP") == 0)
        return "other";
    if (head.size() >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '7' &&
        std::isspace(static_cast<unsigned char>(head[2])))
        return "other";
    if (startsWith(head, "GIF8", 4))
        unsupported = "GIF";
    else if (head.size() >= 12 && head.compare(4, 4, "ftyp") == 0)
        unsupported = "HEIF/AVIF";
    else if (startsWith(head, "%PDF", 4))
        unsupported = "PDF";
    return {};
}

} // namespace

std::optional<SkippedFile> checkImageFile(const std::string &path)
{
    auto skipped = [&](const char *reason, std::string detail) {
        return std::optional<SkippedFile>(SkippedFile{path, reason, std::move(detail)});
    };
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return skipped(skip::kMissing, "no such file");
    if (!fs::is_regular_file(status))
        return skipped(skip::kNotImage, "not a regular file");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec)
        return skipped(skip::kUnreadable, ec.message());
    if (size == 0)
        return skipped(skip::kEmpty, "0 bytes");
    std::ifstream in(path, std::ios::binary);
    std::string head(std::size_t(std::min<std::uintmax_t>(size, 64)), '\0');
    if (!in || !in.read(head.data(), std::streamsize(head.size())))
        return skipped(skip::kUnreadable, "cannot read the file");
    std::string unsupported;
    const std::string format = signature(head, unsupported);
    if (!unsupported.empty())
        return skipped(skip::kUnsupported, unsupported + " (OpenCV cannot decode it)");
    if (format.empty())
        return skipped(skip::kNotImage, "no known image signature at its start");
    long long w = 0, h = 0; // the sizes a header states, checked before anything is decoded
    if (imageHeaderSize(reinterpret_cast<const unsigned char *>(head.data()), head.size(), w, h)) {
        if (w > limits::kMaxImageSide || h > limits::kMaxImageSide)
            return skipped(skip::kTooLarge, "the image's side (" + std::to_string(w) + " x " +
                                                std::to_string(h) + ") is over the limit of " +
                                                std::to_string(limits::kMaxImageSide));
        if (std::uint64_t(w) * std::uint64_t(h) > limits::kMaxImagePixels)
            return skipped(skip::kTooLarge, "the image's pixel count (" + std::to_string(w) +
                                                " x " + std::to_string(h) +
                                                ") is over the limit of " +
                                                std::to_string(limits::kMaxImagePixels));
    }
    if (format == "jpeg" || format == "png") {
        // An interrupted copy: the end marker is missing. (libjpeg fills a truncated JPEG with
        // grey rather than fail, so decoding alone would not notice.)
        const std::uintmax_t tailSize = std::min<std::uintmax_t>(size, 64);
        std::string tail(std::size_t(tailSize), '\0');
        in.seekg(std::streamoff(size - tailSize));
        if (!in.read(tail.data(), std::streamsize(tail.size())))
            return skipped(skip::kUnreadable, "cannot read the file's end");
        const bool ends = format == "jpeg" ? tail.find("\xff\xd9") != std::string::npos
                                           : tail.find("IEND") != std::string::npos;
        if (!ends)
            return skipped(skip::kTruncated, format == "jpeg"
                                                 ? "the JPEG has no end-of-image marker"
                                                 : "the PNG has no IEND chunk");
    }
    return std::nullopt;
}

int resizeSideFor(int crop)
{
    return int(std::lround(crop * 256.0 / 224.0));
}

std::string skippedSummary(const std::vector<SkippedFile> &skipped, std::size_t files,
                           const std::string &seeAlso)
{
    if (skipped.empty())
        return {};
    std::vector<std::pair<std::string, std::size_t>> counts;
    for (const auto &s : skipped) {
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto &c) { return c.first == s.reason; });
        if (it == counts.end())
            counts.emplace_back(s.reason, 1);
        else
            ++it->second;
    }
    std::string out = "Skipped " + std::to_string(skipped.size()) + " of " +
                      std::to_string(std::max(files, skipped.size())) + " files: ";
    for (std::size_t i = 0; i < counts.size(); ++i) {
        std::string what = counts[i].first;
        if (what == skip::kNotImage && counts[i].second != 1)
            what = "not images";
        out += (i ? ", " : "") + std::to_string(counts[i].second) + " " + what;
    }
    if (!seeAlso.empty())
        out += " \u2014 see " + seeAlso;
    return out;
}

void writeSkippedCsv(const std::string &file, const std::vector<SkippedFile> &skipped)
{
    auto quote = [](const std::string &s) {
        if (s.find_first_of(",\"\n\r") == std::string::npos)
            return s;
        std::string q = "\"";
        for (char c : s)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    std::string text = "path,reason,detail\n";
    for (const auto &s : skipped)
        text += quote(s.path) + "," + quote(s.reason) + "," + quote(s.detail) + "\n";
    writeFileAtomic(file, text);
}

struct ImageFiles::Impl
{
    std::uint64_t budget = 0;
    mutable std::mutex mutex;
    std::unordered_map<std::string, cv::Mat> cache; // "side\npath" -> the resized RGB image
    std::uint64_t used = 0;
    std::map<std::string, std::size_t> brokenIndex;
    std::vector<SkippedFile> broken;

    // The file decoded, RGB 8-bit, its shorter side resized to `side` (torchvision's Resize(side)
    // on a PIL image). Empty when it cannot be used.
    cv::Mat resized(const std::string &path, int side);
    void record(const std::string &path, const std::exception &e);
};

void ImageFiles::Impl::record(const std::string &path, const std::exception &e)
{
    SkippedFile s;
    if (auto why = checkImageFile(path))
        s = *why; // it changed since it was listed: say how
    else
        s = {path,
             std::string(e.what()).find("limit") != std::string::npos ? skip::kTooLarge
                                                                      : skip::kUndecodable,
             userMessage(e)};
    std::lock_guard<std::mutex> lock(mutex);
    if (brokenIndex.emplace(path, broken.size()).second)
        broken.push_back(std::move(s));
}

cv::Mat ImageFiles::Impl::resized(const std::string &path, int side)
{
    const std::string key = std::to_string(side) + "\n" + path;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (brokenIndex.count(path))
            return {};
        const auto it = cache.find(key);
        if (it != cache.end())
            return it->second;
    }
    cv::Mat img;
    try {
        // IMREAD_COLOR: EXIF orientation applied; gray, palette, alpha, CMYK and 16-bit images
        // become 8-bit BGR (alpha dropped, as PIL's convert("RGB") does).
        img = decodeImageFile(path, cv::IMREAD_COLOR);
        cv::cvtColor(img, img, cv::COLOR_BGR2RGB);
        // torchvision's Resize(int) on a PIL image: the shorter side becomes `side`, the other
        // int(side * long / short); an image whose shorter side is already `side` is kept.
        const bool portrait = img.cols <= img.rows;
        const long long shortSide = portrait ? img.cols : img.rows;
        const long long longSide = portrait ? img.rows : img.cols;
        if (shortSide != side) {
            const int newLong = int(double(side * longSide) / double(shortSide));
            if (newLong <= 0)
                throw Error("the image is too thin to resize (" + std::to_string(img.cols) + " x " +
                            std::to_string(img.rows) + ")");
            img = portrait ? pilResizeBilinear(img, side, newLong)
                           : pilResizeBilinear(img, newLong, side);
        }
    } catch (const std::exception &e) {
        record(path, e);
        return {};
    }
    const std::uint64_t bytes = img.total() * img.elemSize();
    std::lock_guard<std::mutex> lock(mutex);
    // Filled once, never evicted: with a new shuffle each epoch any eviction policy would miss
    // as often as it hits; a stable part of the dataset stays decoded instead.
    if (used + bytes <= budget && cache.emplace(key, img).second)
        used += bytes;
    return img;
}

ImageFiles::ImageFiles(std::uint64_t cacheBytes) : d(std::make_unique<Impl>())
{
    d->budget = cacheBytes;
}

ImageFiles::~ImageFiles() = default;

bool ImageFiles::evaluationImage(const std::string &path, int size, std::uint8_t *out) const
{
    const cv::Mat img = d->resized(path, resizeSideFor(size));
    if (img.empty())
        return false;
    // CenterCrop: torchvision's int(round((side - size) / 2.0)), Python's round: half to even.
    const int top = int(std::nearbyint((img.rows - size) / 2.0));
    const int left = int(std::nearbyint((img.cols - size) / 2.0));
    if (top < 0 || left < 0)
        return false; // cannot happen: the shorter side is resizeSideFor(size) >= size
    for (int y = 0; y < size; ++y)
        std::memcpy(out + std::size_t(y) * std::size_t(size) * 3,
                    img.ptr<std::uint8_t>(top + y) + std::size_t(left) * 3, std::size_t(size) * 3);
    return true;
}

bool ImageFiles::trainingImage(const std::string &path, int size, Rng &rng, std::uint8_t *out) const
{
    const cv::Mat img = d->resized(path, resizeSideFor(size));
    if (img.empty())
        return false;
    // torchvision's RandomResizedCrop.get_params, scale (0.08, 1), ratio (3/4, 4/3).
    const int height = img.rows, width = img.cols;
    const double area = double(height) * width;
    const double logLo = std::log(3.0 / 4.0), logHi = std::log(4.0 / 3.0);
    int top = -1, left = 0, h = 0, w = 0;
    for (int attempt = 0; attempt < 10 && top < 0; ++attempt) {
        const double target = area * rng.uniform(0.08, 1.0);
        const double ratio = std::exp(rng.uniform(logLo, logHi));
        w = int(std::nearbyint(std::sqrt(target * ratio)));
        h = int(std::nearbyint(std::sqrt(target / ratio)));
        if (w > 0 && w <= width && h > 0 && h <= height) {
            top = int(rng.below(std::uint64_t(height - h + 1)));
            left = int(rng.below(std::uint64_t(width - w + 1)));
        }
    }
    if (top < 0) { // the centre, within the ratio's range
        const double inRatio = double(width) / height;
        w = width;
        h = height;
        if (inRatio < 3.0 / 4.0)
            h = int(std::nearbyint(w / (3.0 / 4.0)));
        else if (inRatio > 4.0 / 3.0)
            w = int(std::nearbyint(h * (4.0 / 3.0)));
        h = std::min(h, height);
        w = std::min(w, width);
        top = (height - h) / 2;
        left = (width - w) / 2;
    }
    const cv::Mat box = pilResizeBilinear(img(cv::Rect(left, top, w, h)), size, size);
    for (int y = 0; y < size; ++y)
        std::memcpy(out + std::size_t(y) * std::size_t(size) * 3, box.ptr<std::uint8_t>(y),
                    std::size_t(size) * 3);
    return true;
}

bool ImageFiles::broken(const std::string &path) const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->brokenIndex.count(path) != 0;
}

std::vector<SkippedFile> ImageFiles::skipped() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->broken;
}

std::uint64_t ImageFiles::cacheBudget() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->budget;
}

void ImageFiles::setCacheBudget(std::uint64_t bytes)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->budget = bytes;
}

std::uint64_t ImageFiles::cachedBytes() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->used;
}

std::size_t ImageFiles::cachedImages() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->cache.size();
}

} // namespace tl::data
