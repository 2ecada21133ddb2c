#include "data/frame_capture.h"

#include "base/error.h"
#include "data/camera.h"
#include "data/image_encode.h"
#include "io/files.h"

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace tl::data {

namespace {

constexpr const char *kPrefix = "frame-";

// The number of a "frame-NNNNNN.png" name; -1 for any other name.
long long frameNumber(const std::string &name)
{
    const std::string prefix = kPrefix, suffix = ".png";
    if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix))
        return -1;
    long long n = 0;
    for (std::size_t i = prefix.size(); i < name.size() - suffix.size(); ++i) {
        if (name[i] < '0' || name[i] > '9' || n > 1'000'000'000LL)
            return -1;
        n = n * 10 + (name[i] - '0');
    }
    return n;
}

std::string framePath(const std::string &dir, long long number)
{
    char name[32];
    std::snprintf(name, sizeof name, "%s%06lld.png", kPrefix, number);
    return (fs::path(dir) / name).string();
}

long long highestFrameNumber(const std::string &dir)
{
    long long highest = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        highest = std::max(highest, frameNumber(it->path().filename().string()));
    return highest;
}

} // namespace

std::string nextFramePath(const std::string &dir)
{
    return framePath(dir, highestFrameNumber(dir) + 1);
}

void writeFramePng(const std::string &path, const std::uint8_t *rgb, int height, int width)
{
    const std::vector<unsigned char> png = encodePng(rgb, height, width, 3);
    if (png.empty())
        throw fileError(path, "could not encode the frame as PNG");
    writeFileAtomic(path, std::string(png.begin(), png.end()));
}

CaptureResult captureFrames(const CaptureOptions &o, const std::function<bool(int)> &progress)
{
    if (o.frames < 1 || o.every < 1)
        throw Error("capture: --frames and --every must be at least 1");
    if (o.outDir.empty())
        throw Error("capture: no class folder to write to (--out DIR/CLASS)");
    Camera camera;
    camera.open(o.source); // first: a bad source leaves no empty class folder behind
    std::error_code ec;
    fs::create_directories(o.outDir, ec);
    if (ec || !fs::is_directory(o.outDir, ec))
        throw fileError(o.outDir, "cannot create the class folder: " + ec.message());
    CaptureResult result;
    std::vector<std::uint8_t> rgb;
    int h = 0, w = 0;
    long long number = highestFrameNumber(o.outDir);
    while (int(result.files.size()) < o.frames) {
        if (!camera.read(rgb, h, w)) {
            if (!camera.isFile())
                throw Error("camera " + o.source + ": stopped giving frames after " +
                            std::to_string(result.framesRead));
            result.sourceEnded = true;
            break;
        }
        if (result.framesRead++ % o.every)
            continue;
        const std::string path = framePath(o.outDir, ++number);
        writeFramePng(path, rgb.data(), h, w);
        result.files.push_back(path);
        if (progress && !progress(int(result.files.size())))
            break;
    }
    return result;
}

} // namespace tl::data
