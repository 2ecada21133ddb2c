#include "data/image_folder.h"

#include "data/splits.h"
#include "error.h"

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

struct Listing
{
    std::vector<std::string> classNames;
    std::vector<std::string> files;
    std::vector<std::int64_t> labels;
};

Listing listClasses(const fs::path &root, const std::vector<std::string> *expectedClasses)
{
    Listing l;
    std::vector<fs::path> dirs;
    for (const auto &e : fs::directory_iterator(root)) {
        if (e.is_directory() && e.path().filename().string()[0] != '.')
            dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
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
    cv::Mat m;
    try {
        m = cv::imread(path, cv::IMREAD_COLOR);
    } catch (const cv::Exception &e) {
        throw fileError(path, std::string("cannot decode image: ") + e.what());
    }
    if (m.empty())
        throw fileError(path, "cannot decode image (corrupt or unsupported format)");
    return m;
}

ImageStore load(const Listing &l, int &size)
{
    if (size <= 0) {
        const cv::Mat first = decode(l.files.front());
        size = std::max(first.rows, first.cols);
        if (first.rows != first.cols)
            size = std::min(first.rows, first.cols);
    }
    ImageStore s;
    s.height = s.width = size;
    s.channels = 3;
    s.classNames = l.classNames;
    s.resize(l.files.size());
    s.labels = l.labels;

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
