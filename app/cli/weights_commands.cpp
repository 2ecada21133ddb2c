#include "commands.h"
#include "onnx_commands.h"
#include "options.h"

#include "base/error.h"
#include "inference/checkpoint_classifier.h"
#include "inference/run_model.h"
#include "io/files.h"
#include "rundir/run_dir.h"
#include "rundir/run_summary.h"
#include "rundir/run_weights.h"
#include "weights/checkpoint_info.h"
#include "weights/weight_catalog.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace tl::cli {

namespace {

void printTop(const std::string &image, const std::vector<runs::ClassProbability> &classes,
              bool json)
{
    nlohmann::json top = nlohmann::json::array();
    for (const auto &c : classes)
        top.push_back({{"index", c.index}, {"label", c.label}, {"probability", c.probability}});
    if (json) {
        std::printf("%s\n", nlohmann::json({{"image", image}, {"top", top}}).dump().c_str());
    } else {
        std::printf("%s\n", image.c_str());
        for (const auto &c : classes)
            std::printf("  %6.2f%%  %s\n", c.probability * 100.0, c.label.c_str());
    }
    std::fflush(stdout);
}

// A run folder's model with exactly its training preprocessing and class names (the same
// predictor as the window's Predict tab).
int predictWithRun(const Args &args)
{
    return predictWithRunFolder(args.str("run"), args.positional(),
                                static_cast<int>(args.integer("topk", 5)), args.flag("json"));
}

bool isDirectory(const std::string &path)
{
    std::error_code ec;
    return std::filesystem::is_directory(path, ec);
}

} // namespace

// predict's, evaluate's, export's and weights' options are named in their usage lines.
const char *const kPredictHelp =
    R"(Usage: transferlab-cli predict [--run] RUN_DIR [--topk K] [--json] IMAGE...
       transferlab-cli predict RUN_DIR --camera SOURCE [--frames N] [--topk K] [--json]
       transferlab-cli predict --model M --weights FILE|imagenet
               [--resize N] [--crop N] [--topk K] [--json] IMAGE...
       transferlab-cli predict --model FILE.onnx [--topk K] [--json] IMAGE...
       transferlab-cli predict --model FILE.onnx --run RUN_DIR [--json]

Classifies images and prints the K most likely classes of each (default 5).
  [--run] RUN_DIR       a finished run's model.pth, with the run's own preprocessing
                        (preprocessing.json) and class names, as the window's Predict tab;
                        once the run is calibrated (transferlab-cli calibrate RUN_DIR), its
                        calibrated probabilities and each image's unfamiliar score (above
                        the run's threshold: "this does not look like anything I was
                        trained on")
  --model M --weights FILE|imagenet
                        a checkpoint with its own head, with torchvision's ImageNet
                        preprocessing: shorter side resized to --resize (default 256),
                        center crop --crop (default 224), ImageNet mean/std
  --model FILE.onnx     an export (transferlab-cli export --format onnx) run by OpenCV's
                        DNN module, no LibTorch, with the preprocessing and class names
                        it carries; with --run RUN_DIR and no images: checked against
                        the run on its test images (agreement with predictions.csv,
                        largest logit difference from model.pth, speed of both)
  --camera SOURCE       with a run folder: label the frames of a camera (a device index,
                        0 the first webcam) or a video file standing in for one; one line
                        per frame, with --json {"frame": I, "label": NAME,
                        "probability": P} (and "top" with --topk K > 1)
  --frames N            how many frames (default: until a video file ends)
  --topk K              how many classes per image (default 5)
  --json                one line per image: {"image": PATH, "top": [{"index": I,
                        "label": NAME, "probability": P}]}; with a run folder also
                        "calibrated", "temperature" and "unfamiliar" (null when not
                        calibrated), "unfamiliar_threshold", "unfamiliar_image"
)";

const Options &predictOptions()
{
    static const Options options = {
        valued("run", "RUN_DIR", "", Values::Files, {}, Option::kUsageOnly),
        valued("model", "M", "", Values::Models, {}, Option::kUsageOnly),
        valued("weights", "FILE", "", Values::WordsOrFiles, "imagenet", Option::kUsageOnly),
        valued("topk", "K", "", Values::None, {}, Option::kUsageOnly),
        valued("resize", "N", "", Values::None, {}, Option::kUsageOnly),
        valued("crop", "N", "", Values::None, {}, Option::kUsageOnly),
        valued("camera", "SOURCE", "", Values::None, {}, Option::kUsageOnly),
        valued("frames", "N", "", Values::None, {}, Option::kUsageOnly),
        flag("json", "", Option::kUsageOnly),
    };
    return options;
}

int predictCommand(Args &args)
{
    allow(args, predictOptions());
    if (!args.flag("help") && args.has("camera")) {
        // predict [--run] RUN_DIR --camera SOURCE: a run labels camera frames.
        const auto &p = args.positional();
        if (args.has("model") || p.size() + (args.has("run") ? 1U : 0U) != 1)
            throw UsageError{"--camera takes a run folder (predict RUN_DIR --camera SOURCE "
                             "--frames N) and no images"};
        return predictFromCamera(args.has("run") ? args.str("run") : p.front(), args);
    }
    if (!args.flag("help") && isOnnxFile(args.str("model")))
        return predictWithOnnx(args); // an export, in OpenCV's DNN module (onnx_commands.cpp)
    if (!args.flag("help") && args.has("run") && !args.positional().empty())
        return predictWithRun(args);
    // predict RUN_DIR IMAGE...: a run folder as the model.
    if (!args.flag("help") && !args.has("model") && args.positional().size() >= 2 &&
        isDirectory(args.positional().front())) {
        const auto &p = args.positional();
        return predictWithRunFolder(p.front(), {p.begin() + 1, p.end()},
                                    static_cast<int>(args.integer("topk", 5)), args.flag("json"));
    }
    if (args.flag("help") || !args.has("model") || !args.has("weights") ||
        args.positional().empty()) {
        std::fputs(kPredictHelp, args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    const std::string name = args.str("model");
    std::string file = args.str("weights");
    if (file == "imagenet") {
        file = weights::findWeights(name);
        if (file.empty())
            throw Error("ImageNet weights for " + name + " are not in " +
                        weights::torchHubCheckpointDir() +
                        "; run `transferlab-cli weights download " + name + "`");
    }
    const int topk = static_cast<int>(args.integer("topk", 5));
    const int resize = static_cast<int>(args.integer("resize", 256));
    const int crop = static_cast<int>(args.integer("crop", 224));
    if (topk < 1 || resize < 1 || crop < 1 || crop > 4096 || resize > 4096)
        throw UsageError{"--topk, --resize and --crop must be positive"};
    const runs::CheckpointClassifier classifier(name, file, crop);
    for (const auto &image : args.positional())
        printTop(image, classifier.classify(image, resize, topk), args.flag("json"));
    return 0;
}

const Options &evaluateOptions()
{
    static const Options options = {
        valued("weights", "FILE", "", Values::Files, {}, Option::kUsageOnly),
        flag("json", "", Option::kUsageOnly),
    };
    return options;
}

int evaluateCommand(Args &args)
{
    allow(args, evaluateOptions());
    if (args.flag("help") || args.positional().size() != 1) {
        std::fputs("Usage: transferlab-cli evaluate RUN_DIR [--weights FILE] [--json]\n"
                   "Re-runs the test evaluation of a run with its model.pth (or an exported FILE), "
                   "with the\n"
                   "run's preprocessing, and checks the accuracy against the run's summary.json.\n",
                   args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    const std::string dir = args.positional().front();
    const std::string file = args.str("weights", runs::RunDir(dir).model());
    const train::Evaluation e = runs::evaluateRunWeights(dir, file);
    double recorded = -1;
    try {
        recorded = runs::RunSummary::fromFile(runs::RunDir(dir).summary()).testAccuracy;
    } catch (const Error &) {
        // no summary (an unfinished run) or a damaged one: nothing recorded to compare with
    }
    const bool same = recorded >= 0 && std::abs(recorded - e.accuracy) < 1e-9;
    if (args.flag("json"))
        std::printf("%s\n", nlohmann::json({{"run", dir},
                                            {"weights", file},
                                            {"test_accuracy", e.accuracy},
                                            {"test_loss", e.loss},
                                            {"recorded_test_accuracy", recorded},
                                            {"matches", same}})
                                .dump()
                                .c_str());
    else
        std::printf("%s: test accuracy %.4f (loss %.4f, %lld images); the run recorded %.4f: %s\n",
                    file.c_str(), e.accuracy, e.loss, static_cast<long long>(e.count), recorded,
                    same ? "same" : "DIFFERENT");
    return same || recorded < 0 ? 0 : 1;
}

const Options &exportOptions()
{
    static const Options options = {
        valued("out", "FILE", "", Values::Files, {}, Option::kUsageOnly),
        valued("format", "FORMAT", "", Values::Words, "pt onnx", Option::kUsageOnly),
        flag("json", "", Option::kUsageOnly),
    };
    return options;
}

int exportCommand(Args &args)
{
    allow(args, exportOptions());
    const std::string format = args.str("format", isOnnxFile(args.str("out")) ? "onnx" : "pt");
    if (format != "pt" && format != "onnx")
        throw UsageError{"--format is pt (a state dict, .pth or .safetensors) or onnx"};
    if (args.flag("help") || args.positional().size() != 1 || !args.has("out")) {
        std::fputs("Usage: transferlab-cli export RUN_DIR --out FILE.pth|FILE.safetensors\n"
                   "       transferlab-cli export RUN_DIR --format onnx --out FILE.onnx [--json]\n"
                   "Writes the run's weights as a state dict for Python (torch.load + "
                   "load_state_dict into the\n"
                   "matching torchvision model) or safetensors, and FILE.json with the "
                   "preprocessing and classes.\n"
                   "  --format onnx  (or an .onnx name) the model itself as ONNX (opset 10, "
                   "dynamic batch, input\n"
                   "                 \"input\" [batch, channels, size, size], output \"logits\"; "
                   "class names and\n"
                   "                 preprocessing in its metadata_props) for OpenCV's DNN "
                   "module, ONNX Runtime\n"
                   "                 and the like; read back by OpenCV and compared with LibTorch "
                   "before it is kept\n"
                   "  --json         (onnx) one line: the files, size, opset, largest logit "
                   "difference\n",
                   args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    const std::string dir = args.positional().front();
    if (format == "onnx")
        return exportOnnxCommand(args, dir, args.str("out"));
    const std::string out = args.str("out");
    runs::exportRunStateDict(dir, out);
    const Bytes side = readFile(runs::RunDir(dir).preprocessing());
    const std::string sidecar = out.substr(0, out.rfind('.')) + ".json";
    writeFileAtomic(sidecar, std::string(side.begin(), side.end()));
    std::printf("%s\n%s\n", out.c_str(), sidecar.c_str());
    return 0;
}

const Options &weightsOptions()
{
    static const Options options = {
        valued("mirror", "BASE_URL", "", Values::None, {}, Option::kUsageOnly),
        valued("runs", "DIR", "", Values::Files, {}, Option::kUsageOnly),
    };
    return options;
}

namespace {

void listWeights(const Args &args)
{
    std::printf("%-20s %-42s %s\n", "model", "file", "status");
    for (const auto &w : weights::weightCatalog()) {
        const std::string path = weights::findWeights(w.model);
        std::printf("%-20s %-42s %s\n", w.model.c_str(), w.fileName.c_str(),
                    path.empty() ? "not downloaded" : "present");
    }
    std::printf("\nfolder: %s\n", weights::torchHubCheckpointDir().c_str());
    const std::string parent = args.str("runs", "runs");
    const auto finished = runs::runsUsableAsWeights(parent, "");
    std::printf("\nFinished runs in %s (--weights run:DIR starts the same model from them):\n",
                parent.c_str());
    if (finished.empty())
        std::printf("  none\n");
    else
        std::printf("%-20s %-16s %-8s %s\n", "model", "dataset", "test acc", "run");
    for (const auto &r : finished)
        std::printf("%-20s %-16s %-8.4f %s\n", r.model.c_str(), r.dataset.c_str(), r.testAccuracy,
                    r.dir.c_str());
}

void downloadWeights(const Args &args, const std::string &model)
{
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    const std::string path = weights::downloadWeights(
        model,
        [&](const tl::DownloadProgress &p) {
            if (tty && p.total > 0)
                std::fprintf(stderr, "\r\033[K%s %.1f / %.1f MB", p.fileName.c_str(),
                             p.received / 1e6, p.total / 1e6);
            return true;
        },
        args.str("mirror"));
    if (tty)
        std::fprintf(stderr, "\r\033[K");
    std::printf("%s\n", path.c_str());
}

void verifyWeights(const std::string &what)
{
    std::string path = what;
    const weights::WeightInfo *info = nullptr;
    for (const auto &w : weights::weightCatalog())
        if (w.model == what || w.fileName == std::filesystem::path(what).filename().string())
            info = &w;
    if (!info)
        throw Error(what +
                    ": not a model name or a torchvision checkpoint file name from the catalog");
    if (path == info->model) {
        path = weights::findWeights(info->model);
        if (path.empty())
            throw Error(info->fileName + " is not in " + weights::torchHubCheckpointDir());
    }
    if (!weights::verifyWeights(path, *info))
        throw fileError(path, "SHA-256 does not start with " + info->sha256Prefix +
                                  ": damaged or a different file");
    std::printf("%s: SHA-256 matches %s\n", path.c_str(), info->sha256Prefix.c_str());
}

void inspectWeights(const std::string &file)
{
    const weights::CheckpointInfo c = weights::inspectCheckpoint(file);
    std::printf("%s\nformat: %s%s\ntensors: %zu\nvalues: %lld\n", file.c_str(), c.format.c_str(),
                c.wrapper.empty() ? "" : (", under '" + c.wrapper + "'").c_str(), c.tensors.size(),
                static_cast<long long>(c.values));
    if (!c.fitsModel.empty()) // which of our models it fits
        std::printf("fits: %s (%d classes)\n", c.fitsModel.c_str(), c.fitsClasses);
    for (const auto &tensor : c.tensors) {
        std::string shape;
        for (auto d : tensor.shape)
            shape += (shape.empty() ? "" : "x") + std::to_string(d);
        std::printf("  %-50s %-16s %s\n", tensor.name.c_str(), shape.c_str(), tensor.type.c_str());
    }
}

} // namespace

int weightsCommand(Args &args)
{
    allow(args, weightsOptions());
    const auto &pos = args.positional();
    if (args.flag("help") || pos.empty()) {
        std::fputs("Usage: transferlab-cli weights list [--runs DIR]\n"
                   "       transferlab-cli weights download MODEL [--mirror BASE_URL]\n"
                   "       transferlab-cli weights verify MODEL|FILE\n"
                   "       transferlab-cli weights inspect FILE\n"
                   "torchvision's ImageNet checkpoints live in $TORCH_HOME/hub/checkpoints\n"
                   "(default ~/.cache/torch/hub/checkpoints), shared with PyTorch.\n"
                   "Finished runs (under --runs, default runs/) start other runs of the same\n"
                   "model: transferlab-cli train --weights run:RUN_DIR ...\n",
                   args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    const std::string verb = pos[0];
    if (verb == "list") {
        listWeights(args);
        return 0;
    }
    if (pos.size() != 2)
        throw UsageError{"weights " + verb + " needs one argument (see --help)"};
    if (verb == "download")
        downloadWeights(args, pos[1]);
    else if (verb == "verify")
        verifyWeights(pos[1]);
    else if (verb == "inspect")
        inspectWeights(pos[1]);
    else
        throw UsageError{"unknown weights command '" + verb +
                         "' (list, download, verify, inspect)"};
    return 0;
}

} // namespace tl::cli
