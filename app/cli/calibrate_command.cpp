// transferlab-cli calibrate: temperature scaling and the "I don't know" threshold of a finished
// run; and predict with a run folder, which uses them.

#include "commands.h"
#include "options.h"

#include "base/error.h"
#include "data/dataset.h"
#include "inference/predictor.h"
#include "inference/run_calibration.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

namespace tl::cli {

namespace {

const char *kCalibrateHelp = R"(Usage: transferlab-cli calibrate RUN_DIR [--json]

How far a finished run's confidence can be trusted, and when it should say "I don't know".
Fits a temperature T on the run's validation images (the one number that minimises their
negative log-likelihood; probabilities become softmax(logits / T)), measures the test images'
expected calibration error (15 equal-width confidence bins) before and after, and sets the
"unfamiliar" threshold: an image whose penultimate features are far (cosine distance) from those
of every training image is unlike anything the model was trained on; the threshold keeps 95 % of
the validation images familiar.
Writes RUN_DIR/calibration.json and RUN_DIR/calibration.safetensors (the training images'
features the score compares with, at most 5,000 images and 16 MiB); from
then on `predict RUN_DIR` and the window's Predict tab use the calibrated probabilities and say
when an image is unfamiliar. The run needs a validation split (data.val_split).
  --json                the calibration.json written, on stdout
)";

} // namespace

const Options &calibrateOptions()
{
    static const Options options = optionsFromHelp(kCalibrateHelp);
    return options;
}

int calibrateCommand(Args &args)
{
    allow(args, calibrateOptions());
    if (args.flag("help") || args.positional().size() != 1) {
        std::fputs(kCalibrateHelp, args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    const std::string dir = args.positional().front();
    const data::DatasetSplits data = runs::loadRunData(dir);
    const runs::RunCalibration c = runs::calibrateRun(dir, data, progressLine());
    if (args.flag("json")) {
        std::fputs(c.toJson().c_str(), stdout);
        return 0;
    }
    std::printf("temperature %.4f, fitted on %lld validation images (NLL %.4f -> %.4f)\n",
                c.temperature, static_cast<long long>(c.valImages), c.valNllBefore, c.valNllAfter);
    std::printf("test images' expected calibration error %.4f -> %.4f (%lld images, accuracy "
                "%.2f %%, mean confidence %.2f %% -> %.2f %%)\n",
                c.testBefore.ece, c.testAfter.ece, static_cast<long long>(c.testImages),
                100.0 * c.testBefore.accuracy, 100.0 * c.testBefore.meanConfidence,
                100.0 * c.testAfter.meanConfidence);
    std::printf("unfamiliar above %.4f (features of %s): %.1f %% of the validation images, "
                "%.1f %% of the test images\n",
                c.unfamiliarThreshold, c.layer.c_str(), 100.0 * c.valUnfamiliarShare,
                100.0 * c.testUnfamiliarShare);
    std::printf("wrote %s\n", runs::RunDir(dir).calibration().c_str());
    return 0;
}

int predictWithRunFolder(const std::string &runDir, const std::vector<std::string> &images,
                         int topk, bool json)
{
    runs::RunPredictor predictor(runDir);
    const auto &cal = predictor.calibration();
    if (!cal.note.empty())
        std::fprintf(stderr, "transferlab-cli predict: %s\n", cal.note.c_str());
    else if (!cal.calibrated)
        std::fprintf(stderr,
                     "transferlab-cli predict: %s is not calibrated: the probabilities are the "
                     "model's own and there is no unfamiliar score (transferlab-cli calibrate "
                     "%s)\n",
                     runDir.c_str(), runDir.c_str());
    const auto &names = predictor.classNames();
    for (const auto &image : images) {
        const runs::RunPredictor::Result r = predictor.predictFile(image);
        // Every class by probability; the first `topk`.
        std::vector<int> order(r.probabilities.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return r.probabilities[std::size_t(a)] > r.probabilities[std::size_t(b)];
        });
        order.resize(std::min(order.size(), std::size_t(std::max(topk, 1))));
        if (json) {
            nlohmann::json top = nlohmann::json::array();
            for (const int c : order)
                top.push_back({{"index", c},
                               {"label", names.at(std::size_t(c))},
                               {"probability", r.probabilities[std::size_t(c)]}});
            nlohmann::json line = {{"image", image},
                                   {"top", top},
                                   {"calibrated", cal.calibrated},
                                   {"temperature", cal.temperature}};
            if (cal.calibrated) {
                line["unfamiliar"] = r.unfamiliar;
                line["unfamiliar_threshold"] = cal.unfamiliarThreshold;
                line["unfamiliar_image"] = r.unfamiliarImage;
            } else {
                line["unfamiliar"] = nullptr;
            }
            std::printf("%s\n", line.dump().c_str());
        } else {
            std::printf("%s%s\n", image.c_str(),
                        cal.calibrated ? "  (calibrated probabilities)" : "");
            for (const int c : order)
                std::printf("  %6.2f%%  %s\n", 100.0 * r.probabilities[std::size_t(c)],
                            names.at(std::size_t(c)).c_str());
            if (cal.calibrated)
                std::printf(
                    "  unfamiliar %.4f (threshold %.4f)%s\n", r.unfamiliar, cal.unfamiliarThreshold,
                    r.unfamiliarImage ? ": this does not look like anything I was trained on" : "");
        }
        std::fflush(stdout);
    }
    return 0;
}

} // namespace tl::cli
