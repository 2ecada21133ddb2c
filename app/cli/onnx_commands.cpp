#include "onnx_commands.h"

#include "inference/run_onnx.h"
#include "platform/cpu_cores.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <numeric>

namespace tl::cli {

bool isOnnxFile(const std::string &path)
{
    if (path.size() < 5)
        return false;
    std::string ext = path.substr(path.size() - 5);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".onnx";
}

int exportOnnxCommand(const Args &args, const std::string &runDir, const std::string &out)
{
    const runs::OnnxExport e = runs::exportRunOnnx(runDir, out);
    if (args.flag("json")) {
        std::printf("%s\n", nlohmann::json({{"onnx", e.onnxPath},
                                            {"json", e.jsonPath},
                                            {"bytes", e.bytes},
                                            {"opset", e.opset},
                                            {"nodes", e.nodes},
                                            {"batchnorm_folded", e.foldedBatchNorms},
                                            {"batchnorm_kept", e.keptBatchNorms},
                                            {"checked_images", e.checkedImages},
                                            {"max_logit_difference", e.maxLogitDifference}})
                                .dump()
                                .c_str());
        return 0;
    }
    std::printf("%s\n%s\n", e.onnxPath.c_str(), e.jsonPath.c_str());
    std::fprintf(stderr,
                 "ONNX opset %d, %d nodes, %.1f MB; BatchNorm: %d folded, %d kept. OpenCV's DNN "
                 "module reads it back: largest logit difference from LibTorch %.2g on %d probe "
                 "images.\n",
                 e.opset, e.nodes, double(e.bytes) / 1e6, e.foldedBatchNorms, e.keptBatchNorms,
                 e.maxLogitDifference, e.checkedImages);
    return 0;
}

namespace {

void printTop(const std::string &image, const std::vector<float> &probs, int topk,
              const std::vector<std::string> &names, bool json)
{
    std::vector<std::size_t> order(probs.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    const std::size_t k = std::min(order.size(), std::size_t(std::max(1, topk)));
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(k), order.end(),
                      [&](std::size_t a, std::size_t b) { return probs[a] > probs[b]; });
    nlohmann::json top = nlohmann::json::array();
    for (std::size_t i = 0; i < k; ++i)
        top.push_back({{"index", order[i]},
                       {"label", order[i] < names.size() ? names[order[i]]
                                                         : "class " + std::to_string(order[i])},
                       {"probability", double(probs[order[i]])}});
    if (json) {
        std::printf("%s\n", nlohmann::json({{"image", image}, {"top", top}}).dump().c_str());
    } else {
        std::printf("%s\n", image.c_str());
        for (const auto &t : top)
            std::printf("  %6.2f%%  %s\n", t["probability"].get<double>() * 100.0,
                        t["label"].get<std::string>().c_str());
    }
    std::fflush(stdout);
}

} // namespace

int predictWithOnnx(const Args &args)
{
    const std::string file = args.str("model");
    if (args.positional().empty()) {
        if (!args.has("run"))
            throw UsageError{"predict --model FILE.onnx needs IMAGE... or --run RUN_DIR"};
        const std::string run = args.str("run");
        // Both runtimes get the same threads, so that their speeds compare.
        const runs::OnnxRunCheck c = runs::checkOnnxAgainstRun(file, run, 64, 0, usableCores());
        if (args.flag("json")) {
            std::printf("%s\n", nlohmann::json({{"onnx", file},
                                                {"run", run},
                                                {"test_images", c.images},
                                                {"agreeing", c.agreeing},
                                                {"agreement", c.agreement()},
                                                {"test_accuracy",
                                                 double(c.correct) /
                                                     double(std::max<std::int64_t>(1, c.images))},
                                                {"max_logit_difference", c.maxLogitDifference},
                                                {"opencv_ms_per_image", c.opencvMsPerImage},
                                                {"libtorch_ms_per_image", c.libtorchMsPerImage},
                                                {"batch_size", c.batchSize},
                                                {"threads", c.threads}})
                                    .dump()
                                    .c_str());
        } else {
            std::printf("%s on the %lld test images of %s:\n"
                        "  agrees with %s on %lld (%.2f %%), test accuracy %.4f\n"
                        "  largest logit difference from LibTorch (%s): %.3g\n"
                        "  OpenCV DNN %.3f ms per image, LibTorch %.3f ms (batches of %d, %d "
                        "threads each)\n",
                        file.c_str(), static_cast<long long>(c.images), run.c_str(),
                        runs::RunDir::kPredictions, static_cast<long long>(c.agreeing),
                        100.0 * c.agreement(),
                        double(c.correct) / double(std::max<std::int64_t>(1, c.images)),
                        runs::RunDir::kModel, c.maxLogitDifference, c.opencvMsPerImage,
                        c.libtorchMsPerImage, c.batchSize, c.threads);
        }
        return c.agreement() >= 0.999 ? 0 : 1; // near-ties may fall either way
    }
    runs::OnnxClassifier model(file);
    const int topk = static_cast<int>(args.integer("topk", 5));
    if (topk < 1)
        throw UsageError{"--topk must be positive"};
    if (model.temperature() != 1.0) // said on stderr: --json keeps stdout to JSON
        std::fprintf(stderr,
                     "calibrated probabilities: softmax(logits / %.4g), the temperature of the "
                     "run's calibration\n",
                     model.temperature());
    for (const auto &image : args.positional())
        printTop(image, model.predictFile(image), topk, model.classNames(), args.flag("json"));
    return 0;
}

} // namespace tl::cli
