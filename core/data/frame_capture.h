#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tl::data {

// Recording camera frames into a class folder: `transferlab-cli capture` and the Teach tab. The
// folder is an ordinary image-folder class (ROOT/CLASS/frame-000001.png), so what was recorded
// trains like any folder dataset.

struct CaptureOptions
{
    std::string source; // a device index or a video file (Camera::open)
    int frames = 30;    // how many to keep
    int every = 1;      // keep every K-th frame read
    std::string outDir; // the class folder; created when missing
};

struct CaptureResult
{
    std::vector<std::string> files; // written, in order
    int framesRead = 0;
    bool sourceEnded = false; // a video file ended before `frames` were kept
};

// Reads frames from the source and writes every `every`-th as PNG into `outDir`, after the
// frames already there (numbering goes on, nothing is overwritten). `progress(kept)` after each;
// returning false stops. tl::Error naming the source, or the folder, when it cannot do so.
CaptureResult captureFrames(const CaptureOptions &options,
                            const std::function<bool(int)> &progress = {});

// One RGB frame (height x width x 3, rows packed) written as PNG to `path`, atomically.
void writeFramePng(const std::string &path, const std::uint8_t *rgb, int height, int width);

// The next free "frame-NNNNNN.png" in `dir` (one past the highest number there).
std::string nextFramePath(const std::string &dir);

} // namespace tl::data
