// capture: camera frames into a class folder; predict RUN --camera: a run labels camera frames.
// A video file stands in for a webcam, so both work on machines without one.

#include "commands.h"

#include "base/error.h"
#include "data/camera.h"
#include "data/frame_capture.h"
#include "inference/predictor.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace tl::cli {

namespace {

const char *kCaptureHelp =
    R"(Usage: transferlab-cli capture --camera SOURCE --frames N [--every K] --out DIR/CLASS

Records camera frames as PNG files into a class folder (frame-000001.png, ...), after the
frames already there: DIR is then an ordinary folder dataset (train --dataset folder
--data-root DIR), one subfolder per class.
  --camera SOURCE       a device index (0 is the first webcam) or a video file
  --frames N            how many frames to keep
  --every K             keep every K-th frame read (default 1)
  --out DIR/CLASS       the class folder (created when missing)
)";

} // namespace

int captureCommand(Args &args)
{
    args.allow({"camera", "frames", "every", "out"}, {"help", "quiet"});
    if (args.flag("help") || !args.has("camera") || !args.has("frames") || !args.has("out") ||
        !args.positional().empty()) {
        std::fputs(kCaptureHelp, args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    data::CaptureOptions o;
    o.source = args.str("camera");
    o.frames = args.intIn("frames", 30, 1, 1'000'000);
    o.every = args.intIn("every", 1, 1, 1'000'000);
    o.outDir = args.str("out");
    const data::CaptureResult r = data::captureFrames(o);
    if (r.sourceEnded)
        std::fprintf(stderr,
                     "transferlab-cli capture: %s ended after %d frames: kept %zu of the %d "
                     "asked for\n",
                     o.source.c_str(), r.framesRead, r.files.size(), o.frames);
    if (!args.flag("quiet"))
        std::printf("wrote %zu frames to %s\n", r.files.size(), o.outDir.c_str());
    return r.files.empty() ? 2 : 0;
}

// predict RUN_DIR --camera SOURCE --frames N [--topk K] [--json]
int predictFromCamera(const std::string &runDir, Args &args)
{
    const std::string source = args.str("camera");
    const int frames =
        args.intIn("frames", std::numeric_limits<int>::max(), 1, std::numeric_limits<int>::max());
    const int topk = args.intIn("topk", 1, 1, 1000);
    const bool json = args.flag("json");
    data::Camera camera;
    camera.open(source); // before the model: a bad source is named at once
    runs::RunPredictor predictor(runDir);
    const auto &names = predictor.classNames();
    std::vector<std::uint8_t> rgb;
    int h = 0, w = 0, i = 0;
    for (; i < frames && camera.read(rgb, h, w); ++i) {
        const runs::RunPredictor::Result r = predictor.predict(rgb.data(), h, w, 3, w * 3);
        const std::size_t k = std::min(std::size_t(topk), r.topClasses.size());
        if (json) {
            nlohmann::json line = {{"frame", i},
                                   {"label", names.at(std::size_t(r.topClasses.at(0)))},
                                   {"probability", r.topProbabilities.at(0)}};
            if (topk > 1) {
                nlohmann::json top = nlohmann::json::array();
                for (std::size_t j = 0; j < k; ++j)
                    top.push_back({{"label", names.at(std::size_t(r.topClasses[j]))},
                                   {"probability", r.topProbabilities[j]}});
                line["top"] = top;
            }
            std::printf("%s\n", line.dump().c_str());
        } else {
            std::printf("frame %d:", i);
            for (std::size_t j = 0; j < k; ++j)
                std::printf("  %s %.2f%%", names.at(std::size_t(r.topClasses[j])).c_str(),
                            100.0 * r.topProbabilities[j]);
            std::printf("\n");
        }
        std::fflush(stdout);
    }
    if (i == 0)
        throw Error("camera " + source + ": gave no frame");
    if (i < frames && frames != std::numeric_limits<int>::max())
        std::fprintf(stderr, "transferlab-cli predict: %s ended after %d frames (%d asked for)\n",
                     source.c_str(), i, frames);
    return 0;
}

} // namespace tl::cli
