#include "data/image_folder.h"

#include "data/image_decode.h"
#include "data/splits.h"
#include "error.h"
#include "file_limits.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

namespace fs = std::filesystem;

namespace tl::data {

bool hasImageExtension(const std::string &path)
{
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    static const char *known[] = {".jpg",  ".jpeg", ".jpe", ".png", ".bmp", ".dib", ".tif",
                                  ".tiff", ".webp", ".pgm", ".ppm", ".pbm", ".pnm", ".pxm",
                                  ".sr",   ".ras",  ".jp2", ".exr", ".hdr", ".pic"};
    return std::any_of(std::begin(known), std::end(known), [&](const char *k) { return ext == k; });
}

namespace {

// Every image keeps this side at most unless the experiment asks for another (data.image_size).
constexpr int kDefaultMaxSide = 256;

struct Listing
{
    std::string root;
    std::vector<std::string> classNames;
    std::vector<std::string> files;
    std::vector<std::int64_t> labels;
};

Listing listClassFolders(const fs::path &root, const std::vector<std::string> *expectedClasses);

Listing listClasses(const fs::path &root, const std::vector<std::string> *expectedClasses)
{
    try {
        return listClassFolders(root, expectedClasses);
    } catch (const fs::filesystem_error &e) {
        throw fileError(e.path1().empty() ? root.string() : e.path1().string(),
                        "cannot list: " + e.code().message());
    }
}

Listing listClassFolders(const fs::path &root, const std::vector<std::string> *expectedClasses)
{
    Listing l;
    l.root = root.string();
    std::vector<fs::path> dirs;
    for (const auto &e : fs::directory_iterator(root)) {
        if (e.is_directory() && e.path().filename().string()[0] != '.')
            dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    if (dirs.size() > std::size_t(limits::kMaxClasses))
        throw limitError(root.string(), "the number of class folders", dirs.size(),
                         std::uint64_t(limits::kMaxClasses));
    if (dirs.empty())
        throw fileError(root.string(), "holds no class folders (expected one subfolder per class)");
    for (const auto &d : dirs)
        l.classNames.push_back(d.filename().string());
    if (expectedClasses && *expectedClasses != l.classNames)
        throw fileError(root.string(), "its class folders differ from those of the train folder");
    for (std::size_t c = 0; c < dirs.size(); ++c) {
        std::vector<std::string> files;
        for (const auto &e : fs::recursive_directory_iterator(dirs[c])) {
            if (e.is_regular_file() && e.path().filename().string()[0] != '.' &&
                hasImageExtension(e.path().string()))
                files.push_back(e.path().string());
        }
        if (files.empty())
            throw fileError(dirs[c].string(), "class folder holds no images");
        std::sort(files.begin(), files.end());
        for (auto &f : files) {
            l.files.push_back(std::move(f));
            l.labels.push_back(static_cast<std::int64_t>(c));
        }
    }
    return l;
}

cv::Mat decode(const std::string &path)
{
    return decodeImageFile(path, cv::IMREAD_COLOR);
}

ImageStore load(const Listing &l, int &size)
{
    if (size <= 0) {
        // The first image's shorter side, but no more than a size the backbones train at: every
        // image is kept decoded in memory at this size.
        const cv::Mat first = decode(l.files.front());
        size = std::min({first.rows, first.cols, kDefaultMaxSide});
    }
    const std::uint64_t bytes =
        std::uint64_t(l.files.size()) * std::uint64_t(size) * std::uint64_t(size) * 3;
    if (bytes > limits::kMaxImageStoreBytes)
        throw fileError(l.root, std::to_string(l.files.size()) + " images at " +
                                    std::to_string(size) + " x " + std::to_string(size) +
                                    " would need " + std::to_string(bytes >> 20) +
                                    " MiB in memory, over TransferLab's limit of " +
                                    std::to_string(limits::kMaxImageStoreBytes >> 20) +
                                    " MiB; choose a smaller image size (data.image_size)");
    ImageStore s;
    s.height = s.width = size;
    s.channels = 3;
    s.classNames = l.classNames;
    s.resize(l.files.size());
    s.labels = l.labels;
    s.sourcePaths = l.files;

    std::atomic<std::size_t> next{0};
    std::mutex errMutex;
    std::string error;
    auto work = [&] {
        for (std::size_t i = next++; i < l.files.size(); i = next++) {
            try {
                cv::Mat m = decode(l.files[i]);
                if (m.rows != size || m.cols != size) {
                    const bool shrink = m.rows > size || m.cols > size;
                    cv::resize(m, m, cv::Size(size, size), 0, 0,
                               shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
                }
                cv::cvtColor(m, m, cv::COLOR_BGR2RGB);
                if (!m.isContinuous())
                    m = m.clone();
                std::memcpy(s.image(i), m.data, s.imageBytes());
            } catch (const std::exception &e) {
                std::lock_guard<std::mutex> lock(errMutex);
                if (error.empty())
                    error = e.what();
                next = l.files.size();
            }
        }
    };
    const unsigned n = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < n; ++t)
        threads.emplace_back(work);
    for (auto &t : threads)
        t.join();
    if (!error.empty())
        throw Error(error);
    return s;
}

} // namespace

TrainTest readImageFolder(const std::string &rootPath, const ImageFolderOptions &options)
{
    const fs::path root(rootPath);
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw fileError(rootPath, "no such folder");
    int size = options.imageSize;
    TrainTest out;
    const fs::path trainDir = root / "train";
    if (fs::is_directory(trainDir, ec)) {
        const Listing train = listClasses(trainDir, nullptr);
        out.train = load(train, size);
        for (const char *name : {"test", "val"}) {
            if (fs::is_directory(root / name, ec)) {
                out.test = load(listClasses(root / name, &train.classNames), size);
                return out;
            }
        }
        const auto [keep, held] = stratifiedSplit(out.train.labels, out.train.numClasses(),
                                                  options.testFraction, options.seed);
        ImageStore all = std::move(out.train);
        out.train = all.subset(keep);
        out.test = all.subset(held);
        return out;
    }
    ImageStore all = load(listClasses(root, nullptr), size);
    const auto [keep, held] =
        stratifiedSplit(all.labels, all.numClasses(), options.testFraction, options.seed);
    out.train = all.subset(keep);
    out.test = all.subset(held);
    return out;
}

} // namespace tl::data
