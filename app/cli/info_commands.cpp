#include "commands.h"
#include "io/files.h"
#include "options.h"

#include "analysis/report.h"
#include "analysis/sweep_report.h"
#include "base/error.h"
#include "data/dataset.h"
#include "models/layer_tree.h"
#include "models/model_spec.h"
#include "orchestration/sweep_results.h"
#include "platform/cpu_cores.h"
#include "platform/system_info.h"
#include "rundir/run_dir.h"
#include "rundir/run_reader.h"
#include "tl_version.h"
#include "train/device_info.h"
#include "weights/weight_catalog.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include <cstdlib>
#include <thread>

namespace tl::cli {

namespace {

std::string envOr(const char *name, const std::string &fallback)
{
    const char *v = std::getenv(name);
    return v && *v ? v : fallback;
}

// Where the window keeps its runs (Qt's AppDataLocation for organisation and application
// "TransferLab"), worked out without Qt.
std::string windowRunsFolder()
{
    const std::string data = envOr("XDG_DATA_HOME", envOr("HOME", "~") + "/.local/share");
    return data + "/TransferLab/TransferLab/runs";
}

} // namespace

const Options &infoOptions()
{
    // What libgomp was started with (the tests of the OpenMP policy).
    static const Options options = {flag("openmp-environment", "", Option::kHidden)};
    return options;
}

int infoCommand(Args &args)
{
    allow(args, infoOptions());
    if (args.flag("help")) {
        std::puts("Usage: transferlab-cli info\nWhat a bug report needs: versions, the device, "
                  "the BLAS and OpenMP settings in use, the compute threads, and where runs, "
                  "datasets and weights are looked for.");
        return 0;
    }
    if (args.flag("openmp-environment")) { // what libgomp was started with (tests)
        const char *policy = std::getenv("OMP_WAIT_POLICY");
        const char *spin = std::getenv("GOMP_SPINCOUNT");
        std::printf("%s\n", policy ? ("OMP_WAIT_POLICY=" + std::string(policy)).c_str()
                            : spin ? ("GOMP_SPINCOUNT=" + std::string(spin)).c_str()
                                   : "libgomp defaults");
        return 0;
    }
    const int fixedThreads = fixedComputeThreads(0);
    const train::ComputeInfo compute =
        train::describeCompute(fixedThreads > 0 ? fixedThreads : usableCores()); // as a run does
    const std::string blas = loadedBlasLibrary();
    std::printf("TransferLab      %s\n", TL_VERSION_STRING);
    std::printf("LibTorch         %s (CUDA %s)\n", compute.libtorchVersion.c_str(),
                compute.cudaAvailable
                    ? ("available, " + std::to_string(compute.cudaDevices) + " device(s)").c_str()
                    : "not available");
    std::printf("Device           %s\n", compute.device.c_str());
    std::printf("BLAS             %s%s\n", blas.empty() ? "(none loaded)" : blas.c_str(),
                referenceBlasActive() ? "  <- the slow reference BLAS: install libopenblas0-openmp"
                                      : "");
    if (fixedThreads > 0)
        std::printf("Compute threads  %d (OMP_NUM_THREADS=%s; usable cores %d of %u; --threads N "
                    "sets another)\n",
                    fixedThreads, std::getenv("OMP_NUM_THREADS"), usableCores(),
                    std::thread::hardware_concurrency());
    else
        std::printf("Compute threads  %d (usable cores %d of %u; --threads N fixes it)\n",
                    usableCores(), usableCores(), std::thread::hardware_concurrency());
    const char *policy = std::getenv("OMP_WAIT_POLICY");
    const char *spin = std::getenv("GOMP_SPINCOUNT");
    std::printf("OpenMP waiting   %s\n",
                policy ? ("OMP_WAIT_POLICY=" + std::string(policy) + " (yours)").c_str()
                : spin
                    ? ("GOMP_SPINCOUNT=" + std::string(spin) +
                       (std::getenv("TL_OPENMP_CHOSEN") ? " (chosen by TransferLab)" : " (yours)"))
                          .c_str()
                    : "libgomp defaults");
    std::printf("Runs (window)    %s\n", windowRunsFolder().c_str());
    std::printf("Runs (CLI)       ./runs/ unless --out DIR\n");
    std::error_code ec;
    for (const auto &d : data::datasetCatalog()) {
        if (d.files.empty())
            continue;
        std::string where = data::datasetCacheFolder(d.name);
        if (d.name == "fashion-mnist" &&
            std::filesystem::is_directory("/usr/share/datasets/fashion-mnist", ec))
            where =
                "/usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist), else " + where;
        std::printf("Dataset          %-16s %s\n", d.name.c_str(), where.c_str());
    }
    std::printf("Weights          %s\n", weights::torchHubCheckpointDir().c_str());
    return 0;
}

int datasetsCommand(Args &args)
{
    allow(args, {});
    if (args.flag("help")) {
        std::puts("Usage: transferlab-cli datasets\nLists the datasets and whether they are on "
                  "this machine.");
        return 0;
    }
    for (const auto &d : data::datasetCatalog()) {
        std::string where = "(give --data-root)";
        std::error_code ec;
        if (d.name == "fashion-mnist" &&
            std::filesystem::is_directory("/usr/share/datasets/fashion-mnist", ec))
            where = "/usr/share/datasets/fashion-mnist";
        else if (!d.files.empty())
            where =
                std::filesystem::exists(std::filesystem::path(data::datasetCacheFolder(d.name)) /
                                            d.files.front().fileName,
                                        ec)
                    ? data::datasetCacheFolder(d.name)
                    : "not downloaded (transferlab-cli download " + d.name + ")";
        std::printf("%-16s %-28s %s\n%16s %s\n", d.name.c_str(), d.title.c_str(), where.c_str(), "",
                    d.description.c_str());
    }
    return 0;
}

const Options &downloadOptions()
{
    static const Options options = {
        valued("mirror", "BASE_URL", "fetch from this address instead of the official one"),
        valued("stall-seconds", "S", "give up after S seconds below 1 kB/s (default 30)"),
    };
    return options;
}

int downloadCommand(Args &args)
{
    allow(args, downloadOptions());
    if (args.flag("help") || args.positional().size() != 1) {
        std::fputs(
            ("Usage: transferlab-cli download DATASET [--mirror BASE_URL] [--stall-seconds S]\n"
             "Downloads into $XDG_CACHE_HOME/transferlab/datasets, verifies checksums,\n"
             "resumes an interrupted download. A transfer slower than 1 kB/s for S seconds\n"
             "(default 30) is given up; run it again to resume.\n\nOptions:\n" +
             renderOptions(downloadOptions()))
                .c_str(),
            args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    const int stall = args.intIn("stall-seconds", 0, 1, 3600);
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    const std::string folder = data::downloadDataset(
        args.positional().front(), args.str("mirror"),
        [&](const tl::DownloadProgress &p) {
            if (tty) {
                if (p.total > 0)
                    std::fprintf(stderr, "\r\033[K%s %.1f / %.1f MB", p.fileName.c_str(),
                                 p.received / 1e6, p.total / 1e6);
                else
                    std::fprintf(stderr, "\r\033[K%s %.1f MB", p.fileName.c_str(),
                                 p.received / 1e6);
            }
            return true;
        },
        stall);
    if (tty)
        std::fprintf(stderr, "\r\033[K");
    std::printf("%s\n", folder.c_str());
    return 0;
}

const Options &compareOptions()
{
    static const Options options = {flag("csv", "CSV instead of a Markdown table")};
    return options;
}

int compareCommand(Args &args)
{
    allow(args, compareOptions());
    if (args.flag("help") || args.positional().empty()) {
        std::fputs(
            ("Usage: transferlab-cli compare RUN_DIR... [--csv]\n"
             "The comparison table the notebooks end with: model, parameters, stages, best\n"
             "validation and test accuracy, seconds per epoch, images per second, wall time.\n"
             "\nOptions:\n" +
             renderOptions(compareOptions()))
                .c_str(),
            args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    std::vector<runs::RunInfo> all;
    for (const auto &dir : args.positional())
        all.push_back(runs::readRun(dir));
    std::fputs(runs::comparisonTable(all, args.flag("csv")).c_str(), stdout);
    return 0;
}

const Options &reportOptions()
{
    static const Options options = {
        valued("out", "FILE.html", "the page to write (-o FILE.html)", Values::Files),
        valued("title", "TEXT", "the page's title"),
        valued("images", "N", "mistakes shown per run (default 16)"),
        flag("no-images", "captions only, without the runs' images"),
    };
    return options;
}

int reportCommand(Args &args)
{
    allow(args, reportOptions());
    if (args.flag("help") || args.positional().empty() || !args.has("out")) {
        std::fputs(
            ("Usage: transferlab-cli report RUN_DIR... -o FILE.html [--title TEXT] [--no-images]\n"
             "One self-contained HTML page for a class handout: each run's settings, curves,\n"
             "confusion matrix, per-class table and worst mistakes; for two or more runs the\n"
             "comparison table, overlaid curves and the images that flipped between the first\n"
             "two. A sweep folder (one with " +
             std::string(runs::RunDir::kSweep) +
             ") gets the sweep's results table, accuracy\n"
             "against each setting, a heat map for two settings and accuracy against training\n"
             "time with the Pareto front.\n\nOptions:\n" +
             renderOptions(reportOptions()))
                .c_str(),
            args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    runs::ReportOptions options;
    options.images = !args.flag("no-images");
    options.worstImages = static_cast<int>(args.integer("images", options.worstImages));
    if (options.worstImages < 0)
        throw UsageError{"--images must not be negative"};
    options.title = args.str("title");
    // A sweep folder: its results table and charts.
    const bool sweep = args.positional().size() == 1 && runs::isSweepFolder(args.positional()[0]);
    const std::string html = sweep ? runs::sweepReportHtml(args.positional()[0], options.title)
                                   : runs::reportHtml(args.positional(), options);
    writeFileAtomic(args.str("out"), html);
    std::printf("%s\n", args.str("out").c_str());
    return 0;
}

int modelsCommand(Args &args)
{
    allow(args, {});
    for (const auto &m : models::modelCatalog())
        std::printf("%-16s %s\n", m.name.c_str(), m.description.c_str());
    return 0;
}

namespace {

std::string shapeText(const std::vector<std::int64_t> &s)
{
    if (s.empty())
        return "?";
    std::string t;
    for (auto v : s)
        t += (t.empty() ? "" : "x") + std::to_string(v);
    return t;
}

void printRows(const models::LayerNode &n, int indent)
{
    for (const auto &c : n.children) {
        const std::string name = std::string(std::size_t(indent) * 2, ' ') + c.name +
                                 (c.alias.empty() ? "" : " (" + c.alias + ")");
        std::printf("%-40s %-20s %-18s %12lld %12lld\n", name.c_str(), c.type.c_str(),
                    shapeText(c.outputShape).c_str(), static_cast<long long>(c.params),
                    static_cast<long long>(c.trainableParams));
        printRows(c, indent + 1);
    }
}

nlohmann::json layerJson(const models::LayerNode &n)
{
    nlohmann::json j = {{"name", n.name},
                        {"path", n.path},
                        {"alias", n.alias},
                        {"type", n.type},
                        {"output_shape", n.outputShape},
                        {"params", n.params},
                        {"trainable_params", n.trainableParams}};
    if (!n.children.empty()) {
        j["children"] = nlohmann::json::array();
        for (const auto &c : n.children)
            j["children"].push_back(layerJson(c));
    }
    return j;
}

} // namespace

const Options &summaryOptions()
{
    static const Options options = {
        valued("model", "NAME", "(default simple-cnn; transferlab-cli models)", Values::Models),
        valued("image-size", "N", "the input's side (default: the model's, else 32)"),
        // --image-size as in train (the side images are resized to); --input-size, its first
        // spelling here, still works and is no longer documented.
        valued("input-size", "N", "", Values::None, {}, Option::kHidden),
        valued("channels", "C", "1 or 3 (default 3)"),
        valued("num-classes", "K", "(default 1000 for ImageNet backbones, else 10)"),
        valued("dropout", "P", "dropout rate (default: the model's)"),
        flag("batch-norm", "vgg-style-cnn: BatchNorm after each conv"),
        valued("bn-momentum", "M", "Keras-style BatchNorm momentum (default 0.99)"),
        valued("l2", "F", "Keras-style L2 penalty"),
        valued("pool-size", "K", "vgg-style-cnn: the pooling window (default 3)"),
        valued("head", "H", "keep, imagenet, gap, flatten", Values::Words,
               "keep imagenet gap flatten"),
        valued("head-hidden", "UNITS", "gap/flatten: a hidden layer of UNITS"),
        valued("head-dropout", "P", "gap/flatten: dropout before the output layer"),
        valued("truncate-at", "LAYER", "keep the backbone only up to LAYER"),
        valued("freeze", "SPEC", "none, backbone, before:LAYER, all-but-last:N or PATH[,PATH...]",
               Values::Words, "none backbone before: all-but-last:"),
        flag("json", "one JSON object instead of the table"),
    };
    return options;
}

int summaryCommand(Args &args)
{
    allow(args, summaryOptions());
    if (args.flag("help")) {
        std::fputs(
            ("Usage: transferlab-cli summary --model NAME [--image-size N] [--channels C]\n"
             "       [--num-classes K] [--head keep|imagenet|gap|flatten] [--head-hidden UNITS]\n"
             "       [--head-dropout P] [--truncate-at LAYER] [--freeze SPEC] [--batch-norm] "
             "[--json]\n"
             "Prints each layer (name, type, output shape, parameters, trainable) and the totals:\n"
             "total, trainable and non-trainable parameters, and depth (layers with weights).\n"
             "\nOptions:\n" +
             renderOptions(summaryOptions()))
                .c_str(),
            stdout);
        return 0;
    }
    models::ModelSpec spec;
    spec.name = args.str("model", "simple-cnn");
    const models::ModelInfo &info = models::modelInfo(spec.name);
    if (args.has("image-size") && args.has("input-size"))
        throw UsageError{"--input-size is the old name of --image-size: give one of them"};
    spec.inputSize =
        static_cast<int>(args.integer(args.has("input-size") ? "input-size" : "image-size",
                                      info.nativeInputSize > 0 ? info.nativeInputSize : 32));
    spec.inChannels = static_cast<int>(args.integer("channels", 3));
    spec.head = args.str("head", "keep");
    spec.numClasses = static_cast<int>(args.integer("num-classes", info.isBackbone() ? 1000 : 10));
    spec.headHidden = static_cast<int>(args.integer("head-hidden", 0));
    spec.headDropout = args.number("head-dropout", 0.0);
    spec.truncateAt = args.str("truncate-at");
    spec.freeze = args.str("freeze", "none");
    spec.dropout = args.number("dropout", -1);
    spec.batchNorm = args.flag("batch-norm");
    spec.bnMomentum = args.number("bn-momentum", 0.99);
    spec.l2 = args.number("l2", 0);
    spec.poolSize = static_cast<int>(args.integer("pool-size", 3));
    if (spec.inputSize < 1 || spec.inputSize > 4096)
        throw UsageError{"--image-size must be 1..4096"};
    if (spec.inChannels != 1 && spec.inChannels != 3)
        throw UsageError{"--channels must be 1 or 3"};
    if (spec.numClasses < 2)
        throw UsageError{"--num-classes must be at least 2"};
    const models::ModelSummary s = models::describeModel(spec);
    if (args.flag("json")) {
        nlohmann::json j = {{"model", spec.name},
                            {"input_size", spec.inputSize},
                            {"total_params", s.totalParams},
                            {"trainable_params", s.trainableParams},
                            {"non_trainable_params", s.nonTrainableParams},
                            {"depth", s.depth},
                            {"layers", layerJson(s.root)["children"]}};
        std::printf("%s\n", j.dump().c_str());
        return 0;
    }
    std::printf("%-40s %-20s %-18s %12s %12s\n", "Layer", "Type", "Output shape", "Params",
                "Trainable");
    printRows(s.root, 0);
    auto grouped = [](long long v) {
        std::string t = std::to_string(v);
        for (int i = int(t.size()) - 3; i > 0; i -= 3)
            t.insert(std::size_t(i), ",");
        return t;
    };
    std::printf("\nTotal params: %s\nTrainable params: %s\nNon-trainable params: %s\nDepth (layers "
                "with weights): %d\n",
                grouped(s.totalParams).c_str(), grouped(s.trainableParams).c_str(),
                grouped(s.nonTrainableParams).c_str(), s.depth);
    return 0;
}

} // namespace tl::cli
