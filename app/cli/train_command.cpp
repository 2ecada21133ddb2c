#include "commands.h"
#include "interrupt.h"
#include "options.h"
#include "progress.h"

#include "analysis/run_inspect.h"
#include "base/error.h"
#include "dist/dist_env.h"
#include "dist/process_group.h"
#include "experiment/experiment_config.h"
#include "inference/run_features.h"
#include "io/file_limits.h"
#include "io/files.h"
#include "orchestration/recipes.h"
#include "orchestration/scheduler.h"
#include "orchestration/sweep.h"
#include "platform/cpu_cores.h"
#include "platform/system_info.h"
#include "run/run_experiment.h"
#include "run/saved_state.h"
#include "rundir/run_dir.h"
#include "rundir/run_reader.h"
#include "rundir/run_summary.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>

namespace tl::cli {

namespace {

const char *kTrainUsage =
    R"(Usage: transferlab-cli train [--config FILE.json | --recipe NAME [--quick]] [OPTIONS]

Trains a model and writes a run directory (config.json, metrics.csv, confusion.csv,
predictions.csv, summary.json, model.pth). Options override the config file.
The last line on stdout is the run's summary as one JSON object.

)";

// The options of `train`, declared once: its --help, its allow-list, what --resume allows
// beside it and bash completion are made from this table (options.h).
const Options kTrainOptions = {
    valued("config", "FILE.json", "", Values::Files, {}, Option::kUsageOnly),
    heading("Experiments:"),
    valued("recipe", "NAME", "one of the notebooks' experiments (transferlab-cli recipes)",
           Values::Recipes),
    flag("quick", "shrink it to a laptop-sized run: 2 % of the data, 64 px, 1 epoch/stage"),
    heading("Data:"),
    valued("dataset", "NAME",
           "fashion-mnist (default), mnist, cifar10, cifar100,\n"
           "cifar100-coarse, folder (one subfolder per class), csv (a CSV\n"
           "file of path,label[,split] lines, paths relative to it)",
           Values::Datasets),
    valued("data-root", "PATH",
           "folder (or CIFAR .tar.gz, or the csv dataset's FILE.csv) to read\n"
           "instead of the usual places; a folder's or CSV's broken files are\n"
           "skipped and listed in the run's skipped.csv",
           Values::Files),
    valued("cache-mib", "N",
           "folder and csv: memory for decoded images, in MiB (default 1024);\n"
           "beyond it images are decoded from disk again each epoch (0: none).\n"
           "A frozen backbone's cached features share it: beyond it they go to\n"
           "feature-cache/ in the run folder"),
    flag("download", "fetch the dataset from its official address if it is missing"),
    valued("train-fraction", "F", "stratified subset of the training set, e.g. 0.1 (default 1)"),
    valued("val-split", "F",
           "fraction of the training set held out for validation: the last\n"
           "part, as Keras (built-in datasets); the same share of each class,\n"
           "chosen with the seed (folders and CSV files)"),
    valued("test-fraction", "F", "stratified subset of the test set (default 1)"),
    valued("classes", "A,B,C",
           "only these classes (names or indices), seen by the model as 0..k-1"),
    valued("per-class", "N", "few-shot: exactly N training images per class (stratified, seeded)"),
    valued("exclude", "FILE",
           "leave out these training images: the \"index\" column of a CSV (the\n"
           "suspicious-labels export of the window or of `inspect --suspicious`)\n"
           "or one index per line",
           Values::Files),
    valued("label-overrides", "FILE",
           "training images given another class (or left out): index,label\n"
           "per line, as `labels apply --overrides` writes it",
           Values::Files),
    heading("Model:"),
    valued("model", "NAME", "simple-cnn (default), vgg-style-cnn (transferlab-cli models)",
           Values::Models),
    valued("image-size", "N",
           "resize images to NxN for the model (default: the stored size;\n"
           "folder and csv: the model's input, 224 for ImageNet backbones)"),
    valued("channels", "1|3", "3 replicates gray images to RGB"),
    valued("dropout", "P", "dropout rate (default: the model's)"),
    flag("batch-norm", "vgg-style-cnn: BatchNorm after each conv"),
    valued("bn-momentum", "M", "Keras-style BatchNorm momentum (default 0.99)"),
    valued("l2", "F", "Keras-style L2 penalty on conv and dense kernels"),
    valued("weights", "W",
           "none (default), imagenet (torchvision's file from the torch hub\n"
           "cache; --download fetches it), a checkpoint file (.pth, .safetensors)\n"
           "or a finished run of the same model: run:RUN_DIR (or the folder);\n"
           "layers that do not fit (the classifier for other classes) start fresh",
           Values::WordsOrFiles, "none imagenet run:"),
    valued("head", "H", "keep (the backbone's classifier, resized), imagenet, gap, flatten",
           Values::Words, "keep imagenet gap flatten"),
    valued("head-hidden", "UNITS",
           "gap/flatten: Dense(UNITS)+BatchNorm+ReLU before the output layer"),
    valued("head-dropout", "P", "gap/flatten: dropout before the output layer"),
    valued("truncate-at", "LAYER", "keep the backbone only up to LAYER (e.g. block3_pool)"),
    valued("freeze", "SPEC", "none, backbone, before:LAYER, all-but-last:N or PATH[,PATH...]",
           Values::Words, "none backbone before: all-but-last:"),
    valued("num-classes", "N", "(default: the dataset's)"),
    heading("Training:"),
    valued("epochs", "N", "(default 1)"),
    valued("batch-size", "N", "(default 64)"),
    valued("optimizer", "NAME", "sgd, adam (default), adamw, rmsprop", Values::Words,
           "sgd adam adamw rmsprop"),
    valued("lr", "F", "learning rate (default 1e-3)"),
    valued("momentum", "F", "sgd / rmsprop momentum"),
    flag("nesterov", "sgd with Nesterov momentum"),
    valued("weight-decay", "F", ""),
    valued("class-weights", "MODE",
           "none (default) or balanced: weight each class's training loss by\n"
           "N / (classes x its images), for imbalanced data; every stage",
           Values::Words, "none balanced"),
    valued("augment", "LIST",
           "e.g. hflip,rotation=15,zoom=0.1,translate=0.1,brightness=0.2,\n"
           "contrast=0.2,cutout=8,autoaugment  (default none)"),
    valued("normalize", "KIND", "dataset (default), imagenet, none", Values::Words,
           "dataset imagenet none"),
    valued("seed", "N", "(default 0)"),
    valued("device", "D", "auto (default: CUDA when available), cpu, cuda, cuda:N", Values::Words,
           "auto cpu cuda", Option::kResume),
    valued("workers", "N", "data loader threads (default 1)", Values::None, {}, Option::kResume),
    valued("threads", "N", "compute threads (default 0: follow the cores other programs leave)",
           Values::None, {}, Option::kResume),
    flag("no-cache-features",
         "train every stage on images, even when the backbone is frozen and\n"
         "nothing is augmented (by default the head trains on cached features)"),
    flag("mixed-precision", "CUDA: float16 autocast with loss scaling (no-op on the CPU)"),
    flag("channels-last", "CUDA: NHWC memory format (no-op on the CPU)"),
    heading("Resume and fork:"),
    valued("resume", "RUN_DIR",
           "continue an interrupted run in place from its last completed epoch\n"
           "(Ctrl-C keeps that epoch's state and exits with code 130)",
           Values::Files, {}, Option::kResume),
    valued("fork", "STATE",
           "start a new run from a saved state (a run folder, its state.tlstate\n"
           "or checkpoints/epoch-NNN.tlstate) with the options given here; training\n"
           "options apply to the stage being continued",
           Values::Files),
    flag("keep-checkpoints", "keep every epoch's state in RUN_DIR/checkpoints/ to fork from later"),
    flag("resume-if-exists",
         "with --out DIR: continue DIR when it holds a saved state, else start\n"
         "it (what each rank of a restarted torchrun job wants)",
         Option::kResume),
    heading("Several processes or machines (data parallel; README \"Train on several "
            "processes\"):"),
    text("  Started by torchrun (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT) or "
         "srun\n"
         "  (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID, SLURM_JOB_NODELIST), this process is "
         "one rank:\n"
         "  it trains on its shard of each epoch, gradients are averaged, only rank 0 writes "
         "the run.\n"
         "  --batch-size is per rank: a step averages over batch x ranks (summary.json: "
         "global_batch_size)."),
    valued("dist-rank", "N", "this process's rank (overrides RANK / SLURM_PROCID)", Values::None,
           {}, Option::kResume),
    valued("dist-world-size", "N", "how many ranks (overrides WORLD_SIZE / SLURM_NTASKS)",
           Values::None, {}, Option::kResume),
    valued("dist-master", "A:P",
           "rank 0's address and port for the rendezvous (default 127.0.0.1:29500)", Values::None,
           {}, Option::kResume),
    valued("dist-backend", "B", "auto (NCCL on CUDA when built in, else Gloo), gloo, nccl",
           Values::Words, "auto gloo nccl", Option::kResume),
    valued("dist-timeout", "S",
           "seconds any rank waits for the others (default 60); a lost rank ends\n"
           "the others with exit code 4 and a line naming it",
           Values::None, {}, Option::kResume),
    heading("Output:"),
    valued("out", "DIR", "run directory (default runs/<time>-<model>-<dataset>)", Values::Files),
    flag("quiet", "no progress output", Option::kResume),
    valued("save-config", "FILE", "write the resolved experiment file and exit without training",
           Values::Files),
};

} // namespace

const Options &trainOptions()
{
    return kTrainOptions;
}

namespace {

// The data-parallel settings from the launcher's environment and the --dist-* options.
dist::DistSettings distSettings(const Args &a)
{
    dist::DistFlags f;
    if (a.has("dist-rank"))
        f.rank = a.intIn("dist-rank", 0, 0, 65535);
    if (a.has("dist-world-size"))
        f.worldSize = a.intIn("dist-world-size", 1, 1, 65536);
    if (a.has("dist-master"))
        f.master = a.str("dist-master");
    if (a.has("dist-backend"))
        f.backend = a.str("dist-backend");
    if (a.has("dist-timeout"))
        f.timeoutSeconds = a.number("dist-timeout", 60);
    try {
        return dist::resolveDistSettings(f, [](const char *name) { return std::getenv(name); });
    } catch (const Error &e) {
        throw UsageError{e.what()};
    }
}

// Each rank of a distributed run takes the GPU of its local rank.
void chooseRankDevice(experiment::ExperimentConfig &config, const dist::DistSettings &d)
{
    if (!d.distributed() || config.device == "cpu" || cudaDeviceCount() == 0)
        return;
    if (config.device == "auto" || config.device.empty() || config.device == "cuda")
        config.device = "cuda:" + std::to_string(d.localRank % cudaDeviceCount());
}

// `base`: the forked state's experiment; `stage`: the stage training options apply to.
// The data options of the command line over those of `d`.
void dataFromArgs(const Args &a, data::DatasetOptions &d)
{
    if (a.has("dataset"))
        d.name = a.str("dataset");
    if (a.has("data-root"))
        d.root = a.str("data-root");
    if (a.flag("download"))
        d.download = true;
    d.trainFraction = a.number("train-fraction", d.trainFraction);
    d.valSplit = a.number("val-split", d.valSplit);
    d.testFraction = a.number("test-fraction", d.testFraction);
    if (a.has("classes")) {
        d.classes.clear();
        const std::string list = a.str("classes");
        std::size_t start = 0;
        while (start <= list.size()) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            std::string name = list.substr(start, comma - start);
            while (!name.empty() && name.front() == ' ')
                name.erase(name.begin());
            while (!name.empty() && name.back() == ' ')
                name.pop_back();
            if (name.empty())
                throw UsageError{"--classes: an empty class name in '" + list + "'"};
            d.classes.push_back(name);
            start = comma + 1;
        }
    }
    d.perClass = a.intIn("per-class", d.perClass, 0, 1000000);
    d.cacheMiB = a.intIn("cache-mib", d.cacheMiB, 0, 1 << 20);
    if (a.has("exclude"))
        d.exclude = runs::readIndexList(a.str("exclude"));
    if (a.has("label-overrides"))
        d.labelOverrides = std::filesystem::absolute(a.str("label-overrides")).string();
}

// The model and input options of the command line over those of `c`.
void modelFromArgs(const Args &a, experiment::ExperimentConfig &c)
{
    if (a.has("model"))
        c.model.name = a.str("model");
    c.preprocess.imageSize =
        a.intIn("image-size", c.preprocess.imageSize, 0, limits::kMaxInputSize);
    c.preprocess.channels = a.intIn("channels", c.preprocess.channels, 0, 3);
    c.model.dropout = a.number("dropout", c.model.dropout);
    if (a.flag("batch-norm"))
        c.model.batchNorm = true;
    c.model.bnMomentum = a.number("bn-momentum", c.model.bnMomentum);
    c.model.l2 = a.number("l2", c.model.l2);
    if (a.has("freeze"))
        c.model.freeze = a.str("freeze");
    if (a.has("head"))
        c.model.head = a.str("head");
    c.model.headHidden = a.intIn("head-hidden", c.model.headHidden, 0, 65536);
    c.model.headDropout = a.number("head-dropout", c.model.headDropout);
    if (a.has("truncate-at"))
        c.model.truncateAt = a.str("truncate-at");
    if (a.has("weights"))
        c.model.weights = a.str("weights");
    c.model.numClasses = a.intIn("num-classes", c.model.numClasses, 0, limits::kMaxClasses);
}

experiment::ExperimentConfig configFromArgs(const Args &a,
                                            const experiment::ExperimentConfig *base = nullptr,
                                            std::size_t stage = 0)
{
    experiment::ExperimentConfig c;
    if (int(a.has("config")) + int(a.has("recipe")) + int(base != nullptr) > 1)
        throw UsageError{"--config, --recipe and --fork: choose one"};
    if (base)
        c = *base;
    if (a.has("config"))
        c = experiment::ExperimentConfig::fromFile(a.str("config"));
    if (a.has("recipe"))
        c = runs::recipeConfig(a.str("recipe"));
    if (a.flag("quick"))
        runs::makeQuick(c);
    stage = std::min(stage, c.stages.size() - 1);
    auto &st = c.stages[stage];
    dataFromArgs(a, c.data);
    modelFromArgs(a, c);
    const int epochs = a.intIn("epochs", st.epochs, 1, 100000);
    const int batch = a.intIn("batch-size", st.batchSize, 1, 65536);
    if (a.has("epochs") || a.has("batch-size") || a.has("optimizer") || a.has("lr") ||
        a.has("momentum") || a.has("nesterov") || a.has("weight-decay")) {
        if (c.stages.size() > 1 && !base)
            throw UsageError{"training options apply to a single stage; this config has " +
                             std::to_string(c.stages.size()) + " stages, edit them in the file"};
    }
    st.epochs = epochs;
    st.batchSize = batch;
    if (a.has("optimizer"))
        st.optimizer.name = a.str("optimizer");
    st.optimizer.lr = a.number("lr", st.optimizer.lr);
    st.optimizer.momentum = a.number("momentum", st.optimizer.momentum);
    if (a.flag("nesterov"))
        st.optimizer.nesterov = true;
    st.optimizer.weightDecay = a.number("weight-decay", st.optimizer.weightDecay);
    if (a.has("class-weights"))
        for (auto &s : c.stages)
            s.classWeights = a.str("class-weights");
    if (a.has("augment")) {
        try {
            c.augment = data::AugmentOptions::parse(a.str("augment"));
        } catch (const Error &e) {
            throw UsageError{std::string("--augment: ") + e.what()};
        }
    }
    if (a.has("normalize")) {
        try {
            c.preprocess.normalization = data::normalizationFromName(a.str("normalize"));
        } catch (const Error &e) {
            throw UsageError{std::string("--normalize: ") + e.what()};
        }
    }
    const long long seed = a.integer("seed", static_cast<long long>(c.seed));
    if (seed < 0)
        throw UsageError{"--seed must not be negative"};
    c.seed = static_cast<std::uint64_t>(seed);
    if (a.has("device"))
        c.device = a.str("device");
    if (a.flag("no-cache-features"))
        c.cacheFeatures = false;
    if (a.flag("keep-checkpoints"))
        c.keepCheckpoints = true;
    if (a.flag("mixed-precision"))
        c.gpu.mixedPrecision = true;
    if (a.flag("channels-last"))
        c.gpu.channelsLast = true;
    c.workers = a.intIn("workers", c.workers, 0, 64);
    c.threads = a.intIn("threads", c.threads, 0, 256);
    try {
        c.validate();
    } catch (const Error &e) {
        throw UsageError{e.what()};
    }
    return c;
}

// A sweep's early stopping asks a run to stop through a file in its folder (RunDir::kStopRequest,
// orchestration/sweep_search.h): the run stops after its current batch like the window's Stop
// (finished epochs kept, the test set evaluated, summary.json written). The reason in the file
// then goes into summary.json, and the request is removed.
bool stopRequested(const std::string &runDir)
{
    std::error_code ec;
    return std::filesystem::exists(runs::RunDir(runDir).stopRequest(), ec);
}

void recordStopReason(const std::string &runDir)
{
    const runs::RunDir dir(runDir);
    if (!stopRequested(runDir))
        return;
    if (dir.isFinished()) {
        try {
            const Bytes b = readFile(dir.stopRequest());
            runs::RunSummary s = runs::RunSummary::fromFile(dir.summary());
            s.stopReason =
                std::string(b.begin(), b.begin() + long(std::min<std::size_t>(b.size(), 2000)));
            writeFileAtomic(dir.summary(), s.toJson());
        } catch (const Error &) {
            // the run is written; only the reason is missing
        }
    }
    std::error_code ec;
    std::filesystem::remove(dir.stopRequest(), ec);
}

} // namespace

const Options &recipesOptions()
{
    static const Options options = {flag("json", "each recipe's experiment file, one a line")};
    return options;
}

int recipesCommand(Args &args)
{
    allow(args, recipesOptions());
    for (const auto &r : runs::recipes()) {
        if (args.flag("json")) {
            std::printf("%s\n", r.json.c_str());
            continue;
        }
        if (r.sweep) {
            const runs::SweepPlan plan = runs::planSweep(r.json, "recipe " + r.name);
            const auto &c = plan.points.front().config;
            std::printf("%-30s %s\n%30s dataset %s, a sweep of %zu runs (%s)\n", r.name.c_str(),
                        r.title.c_str(), "", c.data.name.c_str(), plan.points.size(),
                        plan.mode.c_str());
            continue;
        }
        const auto c = experiment::ExperimentConfig::fromJson(r.json, r.name);
        std::printf("%-30s %s\n%30s dataset %s, model %s, %zu stage%s\n", r.name.c_str(),
                    r.title.c_str(), "", c.data.name.c_str(), c.model.name.c_str(), c.stages.size(),
                    c.stages.size() == 1 ? "" : "s");
    }
    if (!args.flag("json"))
        std::printf("%-30s %s\n%30s dataset fashion-mnist (offline), model simple-cnn, a group of "
                    "runs\n",
                    "transfer-lesson",
                    "Why transfer learning: pretrain on 5 classes, learn 5 "
                    "others from 10/20/50 images each",
                    "");
    std::printf("\nRun one: transferlab-cli train --recipe NAME [--quick] [--download]\n"
                "A sweep: transferlab-cli sweep --recipe NAME [--quick]\n"
                "The lesson: transferlab-cli lesson transfer-lesson [--quick]\n");
    return 0;
}

namespace {

// Where a train command starts: a new run, --resume DIR (the run's own config and state, in
// place), --resume-if-exists, or --fork STATE (a new run from a saved state).
struct StartPlan
{
    runs::SavedState saved; // what `start` continues from (kept while the run goes on)
    runs::StartFrom start;
    experiment::ExperimentConfig config;
    std::string runDir;
};

void planResume(const Args &args, const std::string &resumeDir, StartPlan &p)
{
    const std::vector<std::string> resumable = resumeOptions(trainOptions());
    const std::set<std::string> allowed(resumable.begin(), resumable.end());
    for (const auto &o : args.names())
        if (!allowed.count(o) && !args.flag("resume-if-exists"))
            throw UsageError{"--resume continues the run as it was configured; --" + o +
                             " does not apply (--fork starts a new run with changed settings)"};
    p.runDir = resumeDir;
    if (!runs::SavedState::existsIn(p.runDir))
        throw fileError(p.runDir, std::string("has no ") + runs::RunDir::kState +
                                      " to resume from (it is not a run folder, or it "
                                      "was made by an older TransferLab)");
    p.saved = runs::SavedState::read(p.runDir);
    p.config = experiment::ExperimentConfig::fromJson(p.saved.configJson(), p.saved.origin());
    if (args.has("device"))
        p.config.device = args.str("device");
    p.config.workers = static_cast<int>(args.integer("workers", p.config.workers));
    p.config.threads = static_cast<int>(args.integer("threads", p.config.threads));
    p.start = p.saved.resume();
}

void planStart(const Args &args, StartPlan &p)
{
    if (args.has("resume") && args.has("fork"))
        throw UsageError{"--resume and --fork: choose one"};
    // --resume-if-exists: a restarted rank continues the run where the last epoch left it.
    std::string resumeDir = args.has("resume") ? args.str("resume") : std::string();
    if (args.flag("resume-if-exists")) {
        if (!args.has("out") || args.has("resume") || args.has("fork"))
            throw UsageError{
                "--resume-if-exists needs --out DIR (and neither --resume nor --fork)"};
        if (runs::SavedState::existsIn(args.str("out")))
            resumeDir = args.str("out");
    }
    if (!resumeDir.empty()) {
        planResume(args, resumeDir, p);
    } else if (args.has("fork")) {
        p.saved = runs::SavedState::read(args.str("fork"));
        const auto base =
            experiment::ExperimentConfig::fromJson(p.saved.configJson(), p.saved.origin());
        p.config = configFromArgs(args, &base, static_cast<std::size_t>(p.saved.stage()));
        p.start = p.saved.fork();
    } else {
        p.config = configFromArgs(args);
    }
}

// The run, with a watcher thread that turns Ctrl-C and a sweep's stop request into the run's
// stop (finish the batch, keep the last completed epoch).
runs::RunResult runWatched(StartPlan &p, ConsoleProgress *progress, train::Collective *collective,
                           bool speaks)
{
    train::RunControl control;
    std::atomic<bool> done{false};
    std::thread watcher([&] {
        for (int tick = 0; !done; ++tick) {
            if (interrupted()) {
                control.requestAbort(); // skip the test set too
                return;
            }
            if (tick % 4 == 0 && !control.stopRequested() && stopRequested(p.runDir))
                control.requestStop(); // a sweep's early stopping (recordStopReason)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    try {
        runs::RunResult result = runs::runExperiment(p.config, p.runDir, progress, &control,
                                                     nullptr, p.start, collective);
        done = true;
        watcher.join();
        return result;
    } catch (...) {
        done = true;
        watcher.join();
        if (progress)
            progress->clearLine();
        // Rank 0 killed: its run.lock would say the run goes on. The others see it go.
        if (!speaks)
            runs::removeDeadRunLock(p.runDir);
        throw;
    }
}

// What the run's end says on the console, and the exit code.
int reportEnd(const runs::RunResult &result, const std::string &runDir, bool speaks)
{
    if (speaks)
        recordStopReason(runDir);
    if (result.interrupted && result.epochs.empty()) {
        std::fprintf(stderr, "interrupted before the first epoch ended; nothing to resume\n");
        return 130;
    }
    if (result.interrupted && !speaks) {
        runs::removeDeadRunLock(runDir); // torchrun ends the others when rank 0 is killed
        return 130;
    }
    if (result.interrupted) {
        std::fprintf(stderr,
                     "interrupted after %zu completed epoch%s; continue with:\n"
                     "  transferlab-cli train --resume %s\n",
                     result.epochs.size(), result.epochs.size() == 1 ? "" : "s", runDir.c_str());
        return 130;
    }
    if (!speaks)
        return result.stopped && interrupted() ? 130 : 0;
    std::printf("test accuracy %.4f, loss %.4f (%lld images) | %.1f s per epoch, %.0f train "
                "images/s | %s\n",
                result.test.accuracy, result.test.loss, static_cast<long long>(result.test.count),
                result.secondsPerEpoch, result.trainImagesPerSecond, result.runDir.c_str());
    std::printf("%s\n", result.summaryJson.c_str());
    std::fflush(stdout);
    return result.stopped && interrupted() ? 130 : 0;
}

} // namespace

int trainCommand(Args &args)
{
    allow(args, trainOptions());
    if (args.flag("help")) {
        std::fputs((kTrainUsage + renderOptions(trainOptions())).c_str(), stdout);
        return 0;
    }
    if (!args.positional().empty())
        throw UsageError{"unexpected argument '" + args.positional().front() + "'"};
    const dist::DistSettings distributed = distSettings(args);
    StartPlan plan;
    planStart(args, plan);
    if (args.has("save-config")) {
        writeFileAtomic(args.str("save-config"), plan.config.toJson());
        return 0;
    }
    if (referenceBlasActive())
        std::fprintf(stderr, "%s\n", referenceBlasWarning().c_str());
    if (plan.runDir.empty())
        plan.runDir =
            args.has("out")
                ? args.str("out")
                : runs::freeFolder("runs", runs::runFolderStem(plan.config, plan.config.name));
    // Progress and results from rank 0 only; the other ranks speak only of trouble.
    const bool speaks = distributed.rank == 0;
    ConsoleProgress progress(args.flag("quiet") || !speaks);
    // Ctrl-C: finish the current batch, keep what is done, write the run, exit 130.
    // (SIGTERM too: what torchrun and Slurm send their ranks on Ctrl-C or at the job's end.)
    InterruptScope interruptible;
    std::shared_ptr<train::Collective> collective;
    if (distributed.distributed()) {
        chooseRankDevice(plan.config, distributed);
        collective = dist::connect(distributed, plan.config.device.rfind("cuda", 0) == 0,
                                   [&](const std::string &s) { progress.onMessage(s); });
    }
    const runs::RunResult result =
        runWatched(plan, speaks ? &progress : nullptr, collective.get(), speaks);
    progress.clearLine();
    return reportEnd(result, plan.runDir, speaks);
}

} // namespace tl::cli
