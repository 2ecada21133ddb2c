#include "runs/run_experiment.h"

#include "data/batch_loader.h"
#include "data/dataset.h"
#include "data/transform.h"
#include "error.h"
#include "files.h"
#include "models/layer_tree.h"
#include "models/model_factory.h"
#include "runs/run_state.h"
#include "runs/run_writer.h"
#include "runs/tensorboard.h"
#include "train/trainer.h"
#include "weights/checkpoint.h"
#include "weights/weight_catalog.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <thread>
#include <tuple>

#include <unistd.h>

namespace tl::runs {

namespace {

// Forwards to the caller's observer and rewrites metrics.csv and the checkpoint after every
// epoch, so an interrupted run keeps every completed epoch.
class Recorder : public train::TrainingObserver
{
public:
    Recorder(train::TrainingObserver *next, const RunWriter *writer, models::NetworkImpl &model,
             std::vector<train::EpochMetrics> history)
        : epochs(std::move(history)), m_next(next), m_writer(writer), m_model(model)
    {
        if (m_writer)
            m_board = std::make_unique<TensorBoardWriter>(m_writer->dir());
    }
    void onStageStarted(int stage, const std::string &name, int epochs) override
    {
        if (m_next)
            m_next->onStageStarted(stage, name, epochs);
    }
    void onBatch(const train::BatchProgress &p) override
    {
        if (m_board)
            m_board->scalar("batch/loss", p.lastLoss, p.globalStep);
        if (m_next)
            m_next->onBatch(p);
    }
    void onEpoch(const train::EpochMetrics &m) override
    {
        epochs.push_back(m);
        if (m_board) {
            m_board->scalar("train/loss", m.trainLoss, m.globalEpoch);
            m_board->scalar("train/accuracy", m.trainAccuracy, m.globalEpoch);
            if (m.hasValidation) {
                m_board->scalar("val/loss", m.valLoss, m.globalEpoch);
                m_board->scalar("val/accuracy", m.valAccuracy, m.globalEpoch);
            }
            m_board->scalar("learning_rate", m.learningRate, m.globalEpoch);
            m_board->scalar("images_per_second", m.imagesPerSecond, m.globalEpoch);
            m_board->flush();
        }
        if (m_writer) {
            m_writer->writeMetrics(epochs);
            saveCheckpoint(m_model, m_writer->path("model.pth"));
        }
        if (m_next)
            m_next->onEpoch(m);
    }
    void onMessage(const std::string &s) override
    {
        if (m_next)
            m_next->onMessage(s);
    }
    // A state dict with torchvision's names: Python's torch.load + load_state_dict take it,
    // and so do `--weights FILE` and `predict`.
    static void saveCheckpoint(models::NetworkImpl &model, const std::string &path)
    {
        weights::exportStateDict(model, path);
    }

    std::vector<train::EpochMetrics> epochs;

private:
    train::TrainingObserver *m_next;
    const RunWriter *m_writer;
    std::unique_ptr<TensorBoardWriter> m_board;
    models::NetworkImpl &m_model;
};

std::string timestamp(const char *format)
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

} // namespace

std::string defaultRunDir(const std::string &parent, const train::ExperimentConfig &c)
{
    return (std::filesystem::path(parent) /
            (timestamp("%Y%m%d-%H%M%S") + "-" + c.model.name + "-" + c.data.name))
        .string();
}

namespace {

// Each stage sets its own freezing (e.g. the backbone, then "none" to fine-tune everything); a
// stage without a freeze spec keeps the latest earlier one's, and with none at all the model's
// own (its frozen layers and freeze spec). Returns the trainable parameter count.
std::int64_t applyStageFreeze(models::NetworkImpl &model, const train::ExperimentConfig &config,
                              std::size_t stage)
{
    std::string spec;
    for (std::size_t s = 0; s <= stage; ++s)
        if (!config.stages[s].freeze.empty())
            spec = config.stages[s].freeze;
    for (auto &p : model.parameters())
        p.set_requires_grad(true);
    if (spec.empty()) {
        models::freezeLayers(model, config.model.frozen);
        spec = config.model.freeze;
    }
    if (!spec.empty() && spec != "none")
        models::freezeLayers(model, models::resolveFreezeSpec(models::summarize(model, {}), spec));
    std::int64_t trainable = 0;
    for (const auto &p : model.parameters())
        trainable += p.requires_grad() ? p.numel() : 0;
    return trainable;
}

// Feature caching applies when everything before the head (the last top-level module) is
// frozen: that part then runs in inference mode and gives the same output every epoch.
bool bodyFrozen(models::NetworkImpl &model)
{
    const auto children = model.named_children();
    if (children.size() < 2 || !model.canSplit())
        return false;
    const std::string head = children.keys().back() + ".";
    bool anyTrainable = false;
    for (const auto &p : model.named_parameters()) {
        const bool inHead = p.key().rfind(head, 0) == 0;
        if (!inHead && p.value().requires_grad())
            return false;
        anyTrainable = anyTrainable || (inHead && p.value().requires_grad());
    }
    return anyTrainable;
}

torch::Tensor labelTensor(const data::ImageStore &store)
{
    std::vector<std::int64_t> labels(store.labels.begin(), store.labels.end());
    return torch::tensor(labels, torch::kInt64);
}

// A run that fails before its first epoch completes (a bad weights file, a divergence in epoch
// one) leaves nothing behind: the folder it created is removed again.
class RemoveIfFailedEarly
{
public:
    explicit RemoveIfFailedEarly(const RunWriter *writer)
        : m_writer(writer), m_exceptions(std::uncaught_exceptions())
    {
    }
    ~RemoveIfFailedEarly()
    {
        std::error_code ec;
        // metrics.csv is written when the first epoch completes.
        if (!m_writer || !m_writer->createdFolder() || std::uncaught_exceptions() == m_exceptions ||
            std::filesystem::exists(m_writer->path("metrics.csv"), ec))
            return;
        std::filesystem::remove_all(m_writer->dir(), ec);
    }

private:
    const RunWriter *m_writer;
    int m_exceptions;
};

class LockFile
{
public:
    explicit LockFile(std::string path) : m_path(std::move(path))
    {
        if (!m_path.empty())
            writeFileAtomic(m_path, std::to_string(::getpid()) + "\n");
    }
    ~LockFile()
    {
        std::error_code ec;
        if (!m_path.empty())
            std::filesystem::remove(m_path, ec);
    }

private:
    std::string m_path;
};

} // namespace

RunResult runExperiment(const train::ExperimentConfig &configIn, const std::string &runDir,
                        train::TrainingObserver *observer, train::RunControl *control,
                        const data::DatasetSplits *preloaded, const StartFrom &startFrom)
{
    const auto start = std::chrono::steady_clock::now();
    train::ExperimentConfig config = configIn;
    config.validate();
    auto say = [&](const std::string &s) {
        if (observer)
            observer->onMessage(s);
    };

    // Debian's LibTorch starts with one compute thread; use every core unless told otherwise.
    config.threads = config.threads > 0
                         ? config.threads
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(config.threads);
    const torch::Device device = train::chooseDevice(config.device);

    config.data.seed = config.seed;
    data::DatasetSplits loaded;
    if (!preloaded) {
        say("Loading " + data::datasetInfo(config.data.name).title);
        loaded = data::loadDataset(config.data);
    }
    const data::DatasetSplits &ds = preloaded ? *preloaded : loaded;
    say("Loaded " + std::to_string(ds.train.size()) + " training, " +
        std::to_string(ds.val.size()) + " validation and " + std::to_string(ds.test.size()) +
        " test images from " + ds.source);

    // Resolve what "auto" meant, so config.json says exactly what ran.
    if (config.model.numClasses <= 0)
        config.model.numClasses = ds.train.numClasses();
    if (config.model.numClasses < ds.train.numClasses())
        throw Error("model.num_classes is " + std::to_string(config.model.numClasses) +
                    " but the data has " + std::to_string(ds.train.numClasses()) + " classes");
    const models::ModelInfo &info = models::modelInfo(config.model.name);
    // torchvision's backbones (and their weights) expect RGB: gray images are replicated.
    if (info.isBackbone() && config.preprocess.channels == 0 && config.model.inChannels <= 0)
        config.preprocess.channels = 3;
    if (config.preprocess.normalization == data::Normalization::Auto)
        config.preprocess.normalization = info.isBackbone() && config.model.weights != "none"
                                              ? data::Normalization::ImageNet
                                              : data::Normalization::Dataset;
    if (config.preprocess.channels == 0)
        config.preprocess.channels =
            config.model.inChannels > 0 ? config.model.inChannels : ds.train.channels;
    config.model.inChannels = config.preprocess.channels;
    if (config.preprocess.imageSize == 0)
        config.preprocess.imageSize =
            config.model.inputSize > 0 ? config.model.inputSize : ds.train.height;
    config.model.inputSize = config.preprocess.imageSize;
    config.preprocess = data::resolvePreprocess(config.preprocess, ds.train);

    const RunState *state = startFrom.state;
    std::unique_ptr<RunWriter> writer;
    std::unique_ptr<LockFile> lock;
    std::unique_ptr<RemoveIfFailedEarly> cleanup; // destroyed first: before the lock and writer
    if (!runDir.empty()) {
        writer = std::make_unique<RunWriter>(runDir, state && startFrom.inPlace);
        lock = std::make_unique<LockFile>(writer->path("run.lock"));
        cleanup = std::make_unique<RemoveIfFailedEarly>(writer.get());
        writer->writeConfig(config.toJson());
        // What a user of model.pth needs to feed it: the preprocessing and the class names.
        nlohmann::json side = {{"model", config.model.name},
                               {"num_classes", config.model.numClasses},
                               {"class_names", ds.train.classNames},
                               {"image_size", config.preprocess.imageSize},
                               {"channels", config.preprocess.channels},
                               {"resize", "bilinear, to image_size x image_size"},
                               {"scale", "pixel / 255"},
                               {"mean", config.preprocess.mean},
                               {"std", config.preprocess.std}};
        writeFileAtomic(writer->path("preprocessing.json"), side.dump(2) + "\n");
    }

    torch::manual_seed(config.seed);
    std::shared_ptr<models::NetworkImpl> model = models::createModel(config.model);
    if (state) {
        // Every weight comes from the state; the pretrained file is not needed again.
        try {
            weights::loadStateDict(*model, state->model, true, startFrom.origin);
        } catch (const Error &e) {
            throw Error(std::string(e.what()) +
                        " (the state was saved from a different model; a fork may change "
                        "training settings, not the architecture)");
        }
        say("Continuing from " + startFrom.origin + " after " +
            std::to_string(state->epochs.size()) + " completed epoch" +
            (state->epochs.size() == 1 ? "" : "s"));
    } else if (config.model.weights != "none") {
        std::string path = config.model.weights;
        if (path == "imagenet") {
            path = weights::findWeights(config.model.name);
            if (path.empty() && config.data.download) {
                say("Downloading " + weights::weightInfo(config.model.name).fileName);
                path = weights::downloadWeights(config.model.name);
            }
            if (path.empty())
                throw Error("ImageNet weights for " + config.model.name + " are not in " +
                            weights::torchHubCheckpointDir() + " (" +
                            weights::weightInfo(config.model.name).fileName +
                            "); run `transferlab-cli weights download " + config.model.name +
                            "`, pass --download, or --weights none to start from random weights");
        }
        const weights::Checkpoint ckpt = weights::readCheckpoint(path);
        const weights::LoadReport report =
            weights::loadStateDict(*model, ckpt.tensors, false, path);
        if (report.loaded == 0)
            throw fileError(path, "none of its tensors fit " + config.model.name + ": " +
                                      report.summary());
        say("Weights from " + path + ": " + report.summary());
    }
    const auto summary = models::summarize(
        *model, {config.model.inChannels, config.model.inputSize, config.model.inputSize});
    say("Model " + config.model.name + ": " + std::to_string(summary.totalParams) +
        " parameters, " + std::to_string(summary.trainableParams) + " trainable; training on " +
        train::deviceDescription(device));

    const data::SampleTransform transform(ds.train.height, ds.train.width, ds.train.channels,
                                          config.augment, config.preprocess);
    Recorder recorder(observer, writer.get(), *model,
                      state ? state->epochs : std::vector<train::EpochMetrics>{});
    train::Trainer trainer(model, device, &recorder, control);
    train::DeviceOptions deviceOptions;
    deviceOptions.mixedPrecision = config.gpu.mixedPrecision;
    deviceOptions.channelsLast = config.gpu.channelsLast;
    deviceOptions.cudnnBenchmark = config.gpu.cudnnBenchmark;
    trainer.setDeviceOptions(deviceOptions);
    if (device.is_cuda() && (config.gpu.mixedPrecision || config.gpu.channelsLast))
        say(std::string("CUDA options:") + (config.gpu.mixedPrecision ? " mixed precision" : "") +
            (config.gpu.channelsLast ? " channels-last" : ""));

    // Where training starts: the first stage, or the saved state's position.
    std::size_t firstStage = 0;
    train::StageState resumeState;
    int globalEpoch = 1;
    if (state) {
        firstStage = static_cast<std::size_t>(state->stage);
        resumeState = state->stageState;
        globalEpoch = state->nextGlobalEpoch - resumeState.epochsDone;
        // A fork may have shortened the stage: go on with the next one.
        if (firstStage < config.stages.size() &&
            (resumeState.finished || resumeState.epochsDone >= config.stages[firstStage].epochs)) {
            globalEpoch += resumeState.epochsDone;
            ++firstStage;
            resumeState = train::StageState{};
        }
        if (firstStage >= config.stages.size())
            throw fileError(startFrom.origin,
                            "the run has already finished all " +
                                std::to_string(config.stages.size()) +
                                " stage(s); add epochs or a stage to train further");
        trainer.setGlobalStep(state->globalStep);
        if (state->cpuRng.defined()) {
            auto gen = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> g(gen.mutex());
            gen.set_state(state->cpuRng);
        }
        if (writer) // what metrics.csv said may be one epoch ahead of the state (a hard kill)
            writer->writeMetrics(recorder.epochs);
    }
    auto saveState = [&](int stage, const train::StageState &st, int nextGlobalEpoch) {
        if (!writer)
            return;
        RunState rs;
        rs.stage = stage;
        rs.stageState = st;
        rs.nextGlobalEpoch = nextGlobalEpoch;
        rs.globalStep = trainer.globalStep();
        rs.epochs = recorder.epochs;
        rs.model = weights::stateDictOf(*model);
        {
            auto gen = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> g(gen.mutex());
            rs.cpuRng = gen.get_state();
        }
        rs.configJson = config.toJson();
        writeRunState(rs, runStatePath(writer->dir()));
        if (config.keepCheckpoints) {
            std::filesystem::create_directories(writer->path("checkpoints"));
            char name[64];
            std::snprintf(name, sizeof name, "checkpoints/epoch-%03d.tlstate", nextGlobalEpoch - 1);
            writeRunState(rs, writer->path(name));
        }
    };

    RunResult result;
    result.runDir = runDir;
    result.device = train::deviceDescription(device);
    result.classNames = ds.train.classNames;
    result.totalParams = summary.totalParams;
    result.trainableParams = summary.trainableParams;

    data::LoaderOptions to;
    to.batchSize = std::max(config.stages.front().batchSize, 256);
    to.shuffle = false;
    to.augment = false;
    to.workers = config.workers;
    to.prefetch = config.prefetch;
    data::BatchLoader testLoader(ds.test, transform, to);

    double trainSeconds = 0.0, trainImages = 0.0;
    for (std::size_t s = firstStage; s < config.stages.size() && !result.stopped; ++s) {
        const auto &stage = config.stages[s];
        data::LoaderOptions lo;
        lo.batchSize = stage.batchSize;
        lo.workers = config.workers;
        lo.prefetch = config.prefetch;
        lo.seed = config.seed;
        lo.pinMemory = config.gpu.pinnedMemory && device.is_cuda();
        data::BatchLoader trainLoader(ds.train, transform, lo);
        lo.shuffle = false;
        lo.augment = false;
        data::BatchLoader valLoader(ds.val, transform, lo);
        const train::StageState *resume = s == firstStage && state ? &resumeState : nullptr;
        const int done = resume ? resume->epochsDone : 0;

        train::FitOptions fo;
        fo.stage = static_cast<int>(s);
        fo.stageName = stage.name;
        fo.epochs = stage.epochs;
        fo.firstGlobalEpoch = globalEpoch;
        fo.optimizer = stage.optimizer;
        fo.schedule = stage.schedule;
        fo.earlyStopping = stage.earlyStopping;
        fo.labelSmoothing = stage.labelSmoothing;
        fo.gradClip = stage.gradClip;
        fo.backboneLrMultiplier = stage.backboneLrMultiplier;
        if (!stage.freeze.empty() || resume) {
            const std::int64_t trainable = applyStageFreeze(*model, config, s);
            say("Stage " + std::to_string(s + 1) + " (" + stage.name + "): freeze " +
                (stage.freeze.empty() ? std::string("as before") : stage.freeze) + ", " +
                std::to_string(trainable) + " trainable parameters");
        }
        fo.numClasses = config.model.numClasses;
        fo.resume = resume;
        fo.onEpochState = [&, s, first = fo.firstGlobalEpoch](const train::StageState &st) {
            saveState(static_cast<int>(s), st, first + st.epochsDone);
        };
        if (config.confusionEveryEpoch)
            fo.trackConfusionOn = &testLoader;

        // Feature caching: a frozen body and no random augmentation give the head the same
        // input every epoch, so compute it once.
        std::unique_ptr<train::TensorBatchSource> cachedTrain, cachedVal, cachedTest;
        const int remaining = stage.epochs - done;
        if (config.cacheFeatures && remaining >= 2 && !config.augment.any() && bodyFrozen(*model)) {
            torch::Tensor probe;
            {
                torch::NoGradGuard ng;
                model->eval();
                probe = model->forwardBody(
                    torch::zeros({1, config.preprocess.channels, config.preprocess.imageSize,
                                  config.preprocess.imageSize})
                        .to(device));
                model->train();
            }
            const std::int64_t samples =
                std::int64_t(ds.train.size() + ds.val.size() +
                             (config.confusionEveryEpoch ? ds.test.size() : 0));
            const std::int64_t bytes = samples * probe.numel() * 4;
            if (bytes > kFeatureCacheBytes) {
                say("Feature caching skipped for stage " + std::to_string(s + 1) + ": the " +
                    std::to_string(probe.numel()) + " features per image would need " +
                    std::to_string(bytes >> 20) + " MiB");
            } else {
                const auto t0 = std::chrono::steady_clock::now();
                say("Stage " + std::to_string(s + 1) + ": computing the frozen backbone's " +
                    "features once (" + std::to_string(probe.numel()) + " per image)");
                data::LoaderOptions eo = lo;
                eo.batchSize = std::max(stage.batchSize, 256);
                data::BatchLoader trainOrdered(ds.train, transform, eo);
                const torch::Tensor ftrain = trainer.extractFeatures(trainOrdered);
                torch::Tensor fval, ftest;
                if (!ds.val.empty())
                    fval = trainer.extractFeatures(valLoader);
                if (config.confusionEveryEpoch)
                    ftest = trainer.extractFeatures(testLoader);
                if (!(control && control->stopRequested()) && ftrain.defined()) {
                    cachedTrain = std::make_unique<train::TensorBatchSource>(
                        ftrain, labelTensor(ds.train), stage.batchSize, false);
                    const std::size_t n = ds.train.size();
                    const std::uint64_t seed = config.seed;
                    cachedTrain->setOrder([n, seed](int epoch) {
                        return data::BatchLoader::epochOrder(n, seed, epoch, true);
                    });
                    if (fval.defined())
                        cachedVal = std::make_unique<train::TensorBatchSource>(
                            fval, labelTensor(ds.val), eo.batchSize, false);
                    if (ftest.defined()) {
                        cachedTest = std::make_unique<train::TensorBatchSource>(
                            ftest, labelTensor(ds.test), eo.batchSize, false);
                        fo.trackConfusionOn = cachedTest.get();
                    }
                    fo.headOnly = true;
                    const double secs =
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
                            .count();
                    trainSeconds += secs;
                    char line[160];
                    std::snprintf(line, sizeof line,
                                  "Cached %lld training images' features in %.1f s; the head "
                                  "trains on them",
                                  static_cast<long long>(ftrain.size(0)), secs);
                    say(line);
                    result.cachedStages.push_back(stage.name);
                }
            }
        }
        train::FitResult fit;
        if (fo.headOnly)
            fit = trainer.fit(*cachedTrain, cachedVal.get(), fo);
        else
            fit = trainer.fit(trainLoader, ds.val.empty() ? nullptr : &valLoader, fo);
        for (const auto &e : fit.epochs) {
            trainSeconds += e.seconds;
            trainImages += e.imagesPerSecond * e.seconds;
        }
        const int completed = done + static_cast<int>(fit.epochs.size());
        globalEpoch = fo.firstGlobalEpoch + completed;
        result.stopped = fit.stopped;
        if (control && control->stopRequested())
            result.stopped = true;
    }
    result.epochs = recorder.epochs;
    if (control && control->abortRequested()) {
        // metrics.csv, model.pth and state.tlstate already hold every completed epoch.
        result.stopped = true;
        result.interrupted = true;
        return result;
    }

    say("Evaluating on " + std::to_string(ds.test.size()) + " test images");
    result.test = trainer.evaluate(testLoader, config.model.numClasses, true);
    // Report the test file's own index so rows can be traced back to the image.
    for (auto &p : result.test.predictions)
        p.index = ds.test.sourceIndex[static_cast<std::size_t>(p.index)];

    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.secondsPerEpoch =
        result.epochs.empty() ? 0.0 : trainSeconds / double(result.epochs.size());
    result.trainImagesPerSecond = trainSeconds > 0 ? trainImages / trainSeconds : 0.0;

    double bestVal = -1;
    for (const auto &e : result.epochs)
        if (e.hasValidation)
            bestVal = std::max(bestVal, e.valAccuracy);
    nlohmann::json j = {
        {"name", config.name},
        {"model", config.model.name},
        {"weights", config.model.weights},
        {"head", config.model.head},
        {"freeze", config.model.freeze},
        {"dataset", config.data.name},
        {"device", result.device},
        {"epochs", result.epochs.size()},
        {"stopped", result.stopped},
        {"train_samples", ds.train.size()},
        {"val_samples", ds.val.size()},
        {"test_samples", ds.test.size()},
        {"total_params", result.totalParams},
        {"trainable_params", result.trainableParams},
        {"test_accuracy", result.test.accuracy},
        {"test_loss", result.test.loss},
        {"test_top5_accuracy", result.test.top5Accuracy},
        {"best_val_accuracy", bestVal >= 0 ? nlohmann::json(bestVal) : nlohmann::json(nullptr)},
        {"seconds_per_epoch", result.secondsPerEpoch},
        {"train_images_per_second", result.trainImagesPerSecond},
        {"total_seconds", result.seconds},
        {"finished_at", timestamp("%Y-%m-%dT%H:%M:%S%z")},
        {"run_dir", runDir},
        {"feature_cached_stages", result.cachedStages},
    };
    if (state)
        j[startFrom.inPlace ? "resumed_from" : "forked_from"] = startFrom.origin;
    // Per stage: which model trained faster, and how (the notebooks' question).
    nlohmann::json stages = nlohmann::json::array();
    for (std::size_t s = 0; s < config.stages.size(); ++s) {
        double secs = 0, images = 0;
        int count = 0;
        std::int64_t trainable = 0;
        for (const auto &e : result.epochs)
            if (e.stage == int(s)) {
                secs += e.seconds;
                images += e.imagesPerSecond * e.seconds;
                trainable = e.trainableParams;
                ++count;
            }
        const bool cached = std::find(result.cachedStages.begin(), result.cachedStages.end(),
                                      config.stages[s].name) != result.cachedStages.end();
        stages.push_back({{"name", config.stages[s].name},
                          {"epochs", count},
                          {"trainable_params", trainable},
                          {"seconds_per_epoch", count ? secs / count : 0.0},
                          {"train_images_per_second", secs > 0 ? images / secs : 0.0},
                          {"cached_features", cached}});
    }
    j["stages"] = stages;
    // The most confused class pairs on the test set (true -> predicted), most frequent first.
    std::vector<std::tuple<std::int64_t, int, int>> pairs;
    const int n = result.test.numClasses;
    for (int t = 0; t < n; ++t)
        for (int p = 0; p < n; ++p)
            if (t != p && result.test.at(t, p) > 0)
                pairs.emplace_back(result.test.at(t, p), t, p);
    std::sort(pairs.begin(), pairs.end(), [](const auto &a, const auto &b) {
        return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b) : a < b;
    });
    nlohmann::json confused = nlohmann::json::array();
    for (std::size_t i = 0; i < pairs.size() && i < 5; ++i) {
        const auto [count, t, p] = pairs[i];
        auto name = [&](int c) {
            return c < int(result.classNames.size()) ? result.classNames[std::size_t(c)]
                                                     : std::to_string(c);
        };
        confused.push_back({{"true", name(t)}, {"predicted", name(p)}, {"count", count}});
    }
    j["most_confused"] = confused;
    result.summaryJson = j.dump();
    if (writer) {
        writer->writeConfusion(result.test, result.classNames);
        if (config.confusionEveryEpoch)
            writer->writeEpochConfusions(result.epochs);
        writer->writePredictions(result.test);
        writer->writeSummary(j.dump(2) + "\n");
        if (result.epochs.empty())
            Recorder::saveCheckpoint(*model, writer->path("model.pth"));
    }
    return result;
}

} // namespace tl::runs
