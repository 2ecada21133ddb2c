#include "run/run_experiment.h"
#include "run/resolve_config.h"

#include "data/rng.h"

#include "train/training_hints.h"

#include "base/error.h"
#include "data/batch_loader.h"
#include "data/dataset.h"
#include "data/image_preprocess.h"
#include "data/transform.h"
#include "experiment/freeze.h"
#include "io/files.h"
#include "models/layer_tree.h"
#include "models/model_factory.h"
#include "models/random.h"
#include "platform/cpu_cores.h"
#include "run/feature_cache.h"
#include "rundir/run_folder.h"
#include "rundir/run_state.h"
#include "rundir/run_summary.h"
#include "rundir/run_weights.h"
#include "train/trainer.h"
#include "weights/checkpoint.h"
#include "weights/weight_catalog.h"

#include "rundir/run_dir.h"
#include <ATen/record_function.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>
#include <tuple>

namespace tl::runs {

using experiment::ExperimentConfig;

namespace {

using Clock = std::chrono::steady_clock;

std::string timestamp(const char *format)
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

// Stage `s`'s options: first epoch global `globalEpoch`, class weights from all of `trainSet`.
train::FitOptions fitOptions(const ExperimentConfig &c, std::size_t s, int globalEpoch,
                             const data::ImageStore &trainSet)
{
    const auto &stage = c.stages[s];
    train::FitOptions fo;
    fo.stage = static_cast<int>(s);
    fo.stageName = stage.name;
    fo.epochs = stage.epochs;
    fo.firstGlobalEpoch = globalEpoch;
    fo.optimizer = stage.optimizer;
    fo.schedule = stage.schedule;
    fo.earlyStopping = stage.earlyStopping;
    fo.labelSmoothing = stage.labelSmoothing;
    fo.classWeights = train::classWeights(stage.classWeights, trainSet.labels, c.model.numClasses);
    fo.gradClip = stage.gradClip;
    fo.backboneLrMultiplier = stage.backboneLrMultiplier;
    fo.numClasses = c.model.numClasses;
    return fo;
}

// The test set's most confused class pairs (true -> predicted), most frequent first.
std::vector<RunSummary::Confusion> mostConfused(const train::Evaluation &e,
                                                const std::vector<std::string> &names, int count)
{
    std::vector<std::tuple<std::int64_t, int, int>> pairs;
    for (int t = 0; t < e.numClasses; ++t)
        for (int p = 0; p < e.numClasses; ++p)
            if (t != p && e.at(t, p) > 0)
                pairs.emplace_back(e.at(t, p), t, p);
    std::sort(pairs.begin(), pairs.end(), [](const auto &a, const auto &b) {
        return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b) : a < b;
    });
    auto name = [&](int c) {
        return c < int(names.size()) ? names[std::size_t(c)] : std::to_string(c);
    };
    std::vector<RunSummary::Confusion> out;
    for (std::size_t i = 0; i < pairs.size() && int(i) < count; ++i) {
        const auto [n, t, p] = pairs[i];
        out.push_back({name(t), name(p), n});
    }
    return out;
}

// Where training starts: the first stage, or the saved state's position.
struct ResumePoint
{
    std::size_t stage = 0;
    const train::StageState *state = nullptr; // progress within `stage`
    int globalEpoch = 1;                      // of the stage's first epoch
};

// One run of an experiment, as a list of named steps (see run()).
class ExperimentRun
{
public:
    ExperimentRun(const ExperimentConfig &config, train::TrainingObserver *observer,
                  train::RunControl *control, const StartFrom &startFrom,
                  train::Collective *collective)
        : m_config(config), m_observer(observer), m_control(control ? control : &m_ownControl),
          m_from(startFrom), m_start(Clock::now()), m_generator(models::makeGenerator(config.seed)),
          m_collective(collective && collective->size() > 1 ? collective : nullptr)
    {
    }

    RunResult run(const std::string &runDir, const data::DatasetSplits *preloaded);

private:
    void say(const std::string &s) const
    {
        if (m_observer && !s.empty())
            m_observer->onMessage(s);
    }
    void prepare();
    const data::DatasetSplits &loadData(const data::DatasetSplits *preloaded);
    void writeRunFiles(const data::DatasetSplits &ds);
    void buildModel();
    void loadInitialWeights();
    void startTraining(const data::DatasetSplits &ds);
    ResumePoint resumePoint();
    void runStage(std::size_t s, const train::StageState *resume, int &globalEpoch);
    void saveState(int stage, const train::StageState &st, int nextGlobalEpoch);
    void writeState(const RunState &rs);
    void flushPendingState();
    void warnIfFrozenRandom(std::int64_t trainable);
    void rollBackPartialEpoch();
    // A data-parallel run: rank 0's weights (parameters and buffers) on every rank.
    void shareWeights();
    void sayBatchNormIsPerRank() const;
    train::Shard shard() const
    {
        return m_collective ? train::Shard{m_collective->rank(), m_collective->size()}
                            : train::Shard{};
    }
    void evaluateTest();
    RunSummary summarize() const;
    void writeResults();

    ExperimentConfig m_config;
    train::TrainingObserver *m_observer;
    train::RunControl m_ownControl;
    train::RunControl *m_control;
    StartFrom m_from;
    Clock::time_point m_start;
    at::Generator m_generator; // the run's own randomness (dropout, stochastic depth)
    torch::Device m_device = torch::kCPU;
    data::DatasetSplits m_loaded;
    const data::DatasetSplits *m_data = nullptr;
    std::unique_ptr<RunFolder> m_folder;
    std::shared_ptr<models::NetworkImpl> m_model;
    std::unique_ptr<data::SampleTransform> m_transform;
    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<train::Trainer> m_trainer;
    // Threads that follow the load (threads 0): the meter runs from the start of the run until
    // the trainer takes it.
    std::unique_ptr<CpuLoadMeter> m_loadMeter;
    std::unique_ptr<data::BatchLoader> m_testLoader;
    std::unique_ptr<train::TensorBatchSource> m_cachedTest; // the last stage's, if it cached
    RunResult m_result;
    experiment::StageFreeze m_firstFreeze;
    std::vector<std::string> m_frozenAtStart;
    int m_evalBatch = 256; // evaluationBatchSize() for this model
    // Paced saving, in stages that train the head on cached features: their epochs take
    // milliseconds and rewriting a 45 MB model.pth and state after each (0.1 s) was most of such
    // a run. An epoch's state is then written only when the last write ended at least nine of
    // its durations ago (saving stays under a tenth of the time), else kept in memory: `m_pending`,
    // written when the stage ends for any reason. A hard kill loses at most about a second.
    bool m_paceSaves = false;
    std::unique_ptr<RunState> m_pending;
    double m_lastWriteSeconds = 0.0;
    Clock::time_point m_lastWriteEnd;
    bool m_partialEpoch = false; // a stop left weights from an unfinished epoch
    double m_trainSeconds = 0.0, m_trainImages = 0.0; // epochs trained by this process
    // Per stage: the frozen body's feature pass of a cached stage (summary.json's
    // feature_seconds), in this process.
    std::map<std::size_t, double> m_featureSeconds;
    std::size_t m_trainedEpochs = 0;
    train::Collective *m_collective; // null: one process
    std::string m_runDir;            // rank 0 writes it; every rank reads a resumed run's state
};

RunResult ExperimentRun::run(const std::string &runDir, const data::DatasetSplits *preloaded)
{
    prepare();
    const data::DatasetSplits &ds = loadData(preloaded);
    m_config = resolveConfig(m_config, ds);
    m_runDir = runDir;
    // One writer: the other ranks of a data-parallel run write nothing.
    const bool writes = !m_collective || m_collective->rank() == 0;
    m_folder = std::make_unique<RunFolder>(writes ? runDir : std::string(),
                                           m_from.state && m_from.inPlace);
    writeRunFiles(ds);
    models::RandomScope random(m_generator);
    buildModel();
    startTraining(ds);
    const ResumePoint from = resumePoint();
    int globalEpoch = from.globalEpoch;
    for (std::size_t s = from.stage; s < m_config.stages.size() && !m_result.stopped; ++s)
        runStage(s, s == from.stage ? from.state : nullptr, globalEpoch);
    m_trainer->agreeToStop(); // a stop asked on any rank since the last step counts on all
    m_result.epochs = m_recorder->epochs;
    if (m_result.epochs.empty()) { // stopped before the first epoch: nothing to keep
        m_folder->discard();
        m_result.discarded = m_result.stopped = true;
        return m_result;
    }
    if (m_control->abortRequested()) // every completed epoch is already on disk
        return m_result.interrupted = m_result.stopped = true, m_result;
    rollBackPartialEpoch();
    evaluateTest();
    if (!m_result.test.complete)
        return m_result.interrupted = m_result.stopped = true, m_result;
    writeResults();
    return m_result;
}

void ExperimentRun::prepare()
{
    m_config.validate();
    m_config.data.seed = m_config.seed;
    // Debian's LibTorch starts with one compute thread. threads 0 (the default) follows the
    // load: every core this process may run on (affinity, cgroup quota) to start with, then as
    // many as other programs leave (Trainer::setAdaptiveThreads; the meter sees the data
    // loading). OMP_NUM_THREADS (torchrun sets 1 for each of several ranks) fixes the count as
    // threads does. How the threads wait for each other is chosen at start-up (openmp_policy.h).
    const int fixed = fixedComputeThreads(m_config.threads);
    const bool adaptive = fixed <= 0;
    torch::set_num_threads(adaptive ? usableCores() : fixed);
    if (adaptive)
        m_loadMeter = std::make_unique<CpuLoadMeter>();
    m_device = train::chooseDevice(m_config.device);
}

const data::DatasetSplits &ExperimentRun::loadData(const data::DatasetSplits *preloaded)
{
    if (preloaded) {
        // A run folder must describe exactly what was trained: data kept by the caller (the
        // window's Data tab) is used only when it is what the experiment asks for.
        const std::string why = data::datasetMismatch(preloaded->options, m_config.data);
        if (!why.empty())
            throw Error("the data in memory does not match the experiment: " + why);
        m_data = preloaded;
    } else {
        say("Loading " + data::datasetInfo(m_config.data.name).title);
        m_loaded = data::loadDataset(m_config.data);
        m_data = &m_loaded;
    }
    const data::DatasetSplits &ds = *m_data;
    say("Loaded " + std::to_string(ds.train.size()) + " training, " +
        std::to_string(ds.val.size()) + " validation and " + std::to_string(ds.test.size()) +
        " test images from " + ds.source + ds.overridesNote);
    if (const std::string skipped = ds.skippedText(RunDir::kSkipped); !skipped.empty())
        say(skipped);
    return ds;
}

void ExperimentRun::writeRunFiles(const data::DatasetSplits &ds)
{
    if (!m_folder->enabled())
        return;
    m_folder->writer()->writeConfig(m_config.toJson());
    // What a user of model.pth needs to feed it: the preprocessing and the class names.
    const auto &p = m_config.preprocess;
    const nlohmann::json side = {
        {"model", m_config.model.name},
        {"num_classes", m_config.model.numClasses},
        {"class_names", ds.train.classNames},
        {"image_size", p.imageSize},
        {"channels", p.channels},
        {"resize", data::describeTrainingResize(ds.train.streamed(), ds.train.height, p.imageSize)},
        {"scale", "pixel / 255"},
        {"mean", p.mean},
        {"std", p.std}};
    writeFileAtomic(m_folder->path(RunDir::kPreprocessing), side.dump(2) + "\n");
    if (ds.streamed()) // the files left out while listing; writeResults adds those of decoding
        data::writeSkippedCsv(m_folder->path(RunDir::kSkipped), ds.allSkipped());
}

void ExperimentRun::buildModel()
{
    models::ModelSpec spec = m_config.model;
    spec.frozen.clear(); // freezing is the stages' business (experiment/freeze.h)
    spec.freeze = "none";
    m_model = models::createModel(spec, m_config.seed);
    if (const RunState *state = m_from.state) {
        // Every weight comes from the state; the pretrained file is not needed again.
        try {
            weights::loadStateDict(*m_model, state->model, true, m_from.origin);
        } catch (const Error &e) {
            throw Error(std::string(e.what()) +
                        " (the state was saved from a different model; a fork may change "
                        "training settings, not the architecture)");
        }
        say("Continuing from " + m_from.origin + " after " + std::to_string(state->epochs.size()) +
            " completed epoch" + (state->epochs.size() == 1 ? "" : "s"));
    } else if (m_config.model.weights != "none") {
        loadInitialWeights();
    }
}

void ExperimentRun::loadInitialWeights()
{
    const std::string &name = m_config.model.name;
    std::string path = m_config.model.weights;
    if (const std::string dir = runWeightsFolder(path); !dir.empty()) {
        const SourceRun source = readSourceRun(dir);
        const TransferReport report =
            loadRunWeights(*m_model, name, m_data->train.classNames, source);
        say("Weights: " + report.summary("run " + dir));
        return;
    }
    if (path == "imagenet") {
        path = weights::findWeights(name);
        if (path.empty() && m_config.data.download) {
            say("Downloading " + weights::weightInfo(name).fileName);
            path = weights::downloadWeights(name);
        }
        if (path.empty())
            throw Error("ImageNet weights for " + name + " are not in " +
                        weights::torchHubCheckpointDir() + " (" +
                        weights::weightInfo(name).fileName + "); run `transferlab-cli weights " +
                        "download " + name + "`, pass --download, or --weights none to start " +
                        "from random weights");
    }
    const weights::Checkpoint ckpt = weights::readCheckpoint(path);
    const weights::LoadReport report = weights::loadStateDict(*m_model, ckpt.tensors, false, path);
    if (report.loaded == 0)
        throw fileError(path, "none of its tensors fit " + name + ": " + report.summary());
    say("Weights from " + path + ": " + report.summary());
}

void ExperimentRun::startTraining(const data::DatasetSplits &ds)
{
    m_firstFreeze = experiment::freezeForStage(m_config, m_from.state ? m_from.state->stage : 0);
    experiment::applyFreeze(*m_model, m_firstFreeze);
    m_frozenAtStart = experiment::frozenModules(*m_model);
    const auto &c = m_config;
    const auto summary =
        models::summarize(*m_model, {c.model.inChannels, c.model.inputSize, c.model.inputSize});
    say("Model " + c.model.name + ": " + std::to_string(summary.totalParams) + " parameters, " +
        std::to_string(summary.trainableParams) + " trainable; training on " +
        train::deviceDescription(m_device));
    m_result.runDir = m_folder->dir();
    m_result.device = train::deviceDescription(m_device);
    if (m_loadMeter && m_device.is_cpu())
        m_result.device = "CPU (up to " + std::to_string(usableCores()) +
                          " threads, as many as other programs leave)";
    m_result.classNames = ds.train.classNames;
    m_result.totalParams = summary.totalParams;
    m_result.trainableParams = summary.trainableParams;

    m_transform = std::make_unique<data::SampleTransform>(
        ds.train.height, ds.train.width, ds.train.channels, c.augment, c.preprocess);
    train::HintContext hints;
    hints.numClasses = c.model.numClasses;
    hints.classNames = ds.train.classNames;
    if (m_from.state)
        hints.history = m_from.state->epochs;
    m_recorder = std::make_unique<Recorder>(m_observer, *m_folder, *m_model, std::move(hints));
    {
        // The live view's image: the first test image, as the network sees it.
        const data::ImageStore &from = ds.test.empty() ? ds.train : ds.test;
        if (!from.empty()) {
            std::vector<float> input(m_transform->outFloats());
            data::Rng rng(0);
            std::vector<std::uint8_t> first = from.pixelsOf(0);
            m_transform->apply(first.data(), input.data(), rng, false);
            m_recorder->setLiveView(
                m_control, std::move(input),
                {m_transform->outChannels(), m_transform->outHeight(), m_transform->outWidth()},
                std::move(first), from.height, from.width, from.channels);
        }
    }
    m_trainer = std::make_unique<train::Trainer>(m_model, m_device, m_recorder.get(), m_control);
    m_trainer->setCollective(m_collective);
    shareWeights();
    sayBatchNormIsPerRank();
    m_trainer->setDeviceOptions({c.gpu.mixedPrecision, c.gpu.channelsLast, c.gpu.cudnnBenchmark});
    if (m_loadMeter && m_device.is_cpu())
        m_trainer->setAdaptiveThreads(usableCores(), std::move(m_loadMeter));
    if (m_device.is_cuda() && (c.gpu.mixedPrecision || c.gpu.channelsLast))
        say(std::string("CUDA options:") + (c.gpu.mixedPrecision ? " mixed precision" : "") +
            (c.gpu.channelsLast ? " channels-last" : ""));
    data::LoaderOptions to;
    m_evalBatch =
        evaluationBatchSize(models::largestActivation(summary.root), c.stages.front().batchSize);
    to.batchSize = m_evalBatch;
    to.shuffle = false;
    to.augment = false;
    to.workers = c.workers;
    to.prefetch = c.prefetch;
    to.shard = shard();
    m_testLoader = std::make_unique<data::BatchLoader>(ds.test, *m_transform, to);
}

ResumePoint ExperimentRun::resumePoint()
{
    ResumePoint p;
    const RunState *state = m_from.state;
    if (!state)
        return p;
    const int world = m_collective ? m_collective->size() : 1;
    if (m_from.inPlace && state->worldSize != world)
        throw fileError(m_from.origin,
                        "was trained by " + std::to_string(state->worldSize) +
                            " data-parallel process(es); resume it with as many (this is " +
                            std::to_string(world) +
                            "): another count changes the global batch, and with it what the "
                            "learning rate means, in the middle of the run. --fork starts a new "
                            "run from it with any count");
    p.stage = static_cast<std::size_t>(state->stage);
    p.state = &state->stageState;
    p.globalEpoch = state->nextGlobalEpoch - state->stageState.epochsDone;
    // A finished stage (or one a fork shortened) goes on with the next one.
    if (p.stage < m_config.stages.size() &&
        (p.state->finished || p.state->epochsDone >= m_config.stages[p.stage].epochs)) {
        p.globalEpoch += p.state->epochsDone;
        ++p.stage;
        p.state = nullptr;
    }
    // Resuming a run whose every stage is done goes straight to the test evaluation (it was
    // stopped there); a fork of such a run has nothing to train.
    const bool finished = !m_from.inPlace || m_runDir.empty() || RunDir(m_runDir).isFinished();
    if (p.stage >= m_config.stages.size() && finished)
        throw fileError(m_from.origin, "the run has already finished all " +
                                           std::to_string(m_config.stages.size()) +
                                           " stage(s); add epochs or a stage to train further");
    // Everything in the state that the trainer will use, checked against the model first.
    try {
        if (!state->stageState.bestWeights.empty())
            train::checkBestWeights(*m_model, state->stageState.bestWeights);
        train::checkOptimizerState(*m_model, state->stageState.optimizer);
    } catch (const Error &e) {
        throw fileError(m_from.origin, std::string("damaged training state: ") + e.what());
    }
    m_trainer->setGlobalStep(state->globalStep);
    if (state->cpuRng.defined()) {
        try {
            m_generator.set_state(state->cpuRng);
        } catch (const c10::Error &e) {
            throw fileError(m_from.origin, "damaged random-generator state: " + e.msg());
        }
    }
    if (m_folder->enabled()) // metrics.csv may be one epoch ahead of the state (a hard kill)
        m_folder->writer()->writeMetrics(m_recorder->epochs);
    return p;
}

void ExperimentRun::runStage(std::size_t s, const train::StageState *resume, int &globalEpoch)
{
    const auto &stage = m_config.stages[s];
    const auto &ds = *m_data;
    const experiment::StageFreeze freeze = experiment::freezeForStage(m_config, s);
    const std::int64_t trainable = experiment::applyFreeze(*m_model, freeze);
    say("Stage " + std::to_string(s + 1) + " (" + stage.name + "): freeze " + freeze.describe() +
        ", " + std::to_string(trainable) + " trainable parameters");
    warnIfFrozenRandom(trainable);
    data::LoaderOptions lo;
    lo.batchSize = stage.batchSize;
    lo.workers = m_config.workers;
    lo.prefetch = m_config.prefetch;
    lo.seed = m_config.seed;
    lo.pinMemory = m_config.gpu.pinnedMemory && m_device.is_cuda();
    lo.shard = shard();
    lo.padShard = true;
    data::BatchLoader trainLoader(ds.train, *m_transform, lo);
    lo.shuffle = lo.augment = lo.padShard = false;
    lo.batchSize = m_evalBatch;
    data::BatchLoader valLoader(ds.val, *m_transform, lo);

    train::FitOptions fo = fitOptions(m_config, s, globalEpoch, ds.train);
    say(train::describeClassWeights(stage.classWeights, fo.classWeights, ds.train.classNames));
    fo.resume = resume;
    fo.onEpochState = [this, s, first = fo.firstGlobalEpoch](const train::StageState &st) {
        saveState(static_cast<int>(s), st, first + st.epochsDone);
    };
    if (m_config.confusionEveryEpoch)
        fo.trackConfusionOn = m_testLoader.get();
    // Features over the memory budget go to the run folder (none: other ranks, tests: a temporary
    // folder).
    FeatureCacheRequest request{m_config, stage,       ds,      *m_transform,
                                m_device, m_evalBatch, shard(), m_folder->dir()};
    const int done = resume ? resume->epochsDone : 0;
    // The test set's features only when each epoch's confusion is tracked on them. A resumed
    // stage caches as it began (its optimizer state is that of a standardised head, if it was).
    FeatureCache cache =
        buildFeatureCache(*m_trainer, request, resume ? stage.epochs : stage.epochs - done,
                          m_config.confusionEveryEpoch, [this](auto t) { say(t); });
    train::FitResult fit;
    if (cache.train) {
        m_trainSeconds += cache.seconds;
        m_featureSeconds[s] += cache.seconds;
        m_result.cachedStages.push_back(stage.name);
        m_paceSaves = !m_config.keepCheckpoints; // --keep-checkpoints wants every epoch's
        // A standardised head's model.pth is the folded one of the state writes.
        m_recorder->writesModel = !m_paceSaves && !cache.scaling.active();
        try {
            fit = fitOnCache(*m_trainer, cache, fo);
        } catch (...) {
            try { // keep the last completed epoch; the training error is the one to report
                flushPendingState();
            } catch (...) {
            }
            throw;
        }
        flushPendingState();
    } else {
        fit = m_trainer->fit(trainLoader, ds.val.empty() ? nullptr : &valLoader, fo);
    }
    // The body stays as it was cached until a later stage trains it: the test pass after this
    // stage can use the cached test features too.
    m_cachedTest = cache.train ? std::move(cache.test) : nullptr;
    m_trainedEpochs += fit.epochs.size();
    for (const auto &e : fit.epochs) {
        m_trainSeconds += e.seconds;
        m_trainImages += e.imagesPerSecond * e.seconds;
    }
    globalEpoch = fo.firstGlobalEpoch + done + static_cast<int>(fit.epochs.size());
    m_partialEpoch = fit.stopped && !fit.stoppedEarly && !fit.stoppedAfterEpoch;
    m_result.stopped = fit.stopped || m_trainer->agreeToStop();
    m_result.allReduceSeconds = m_trainer->allReduceSeconds();
    m_result.allReduceBytesPerStep = m_trainer->allReduceBytesPerStep();
}

void ExperimentRun::sayBatchNormIsPerRank() const
{
    if (!m_collective)
        return;
    for (const auto &m : m_model->modules(/*include_self=*/false))
        if (dynamic_cast<torch::nn::BatchNorm1dImpl *>(m.get()) ||
            dynamic_cast<torch::nn::BatchNorm2dImpl *>(m.get())) {
            say("BatchNorm layers normalise with each rank's own batch statistics (" +
                std::to_string(m_config.stages.front().batchSize) +
                " images), not the global batch's");
            return;
        }
}

void ExperimentRun::shareWeights()
{
    if (!m_collective)
        return;
    torch::NoGradGuard ng;
    std::vector<torch::Tensor> tensors;
    for (const auto &p : m_model->parameters())
        tensors.push_back(p.data());
    for (const auto &b : m_model->buffers())
        tensors.push_back(b);
    m_collective->broadcast(tensors, 0);
}

void ExperimentRun::warnIfFrozenRandom(std::int64_t trainable)
{
    // Frozen layers that were never trained pass on noise: only when the weights are random
    // and nothing trained them yet (not a resumed or forked run, which trained them before).
    if (m_config.model.weights != "none" || m_from.state)
        return;
    std::int64_t total = 0;
    for (const auto &p : m_model->parameters())
        total += p.numel();
    train::HintContext context;
    context.frozenRandomParams = total - trainable;
    if (auto hint = train::TrainingHints(context).onStart())
        m_recorder->warn(*hint);
}

void ExperimentRun::saveState(int stage, const train::StageState &st, int nextGlobalEpoch)
{
    if (!m_folder->enabled())
        return;
    RECORD_USER_SCOPE("tl::save");
    auto rs = std::make_unique<RunState>();
    rs->stage = stage;
    rs->stageState = st;
    rs->nextGlobalEpoch = nextGlobalEpoch;
    rs->globalStep = m_trainer->globalStep();
    rs->epochs = m_recorder->epochs;
    rs->model = weights::stateDictOf(*m_model);
    rs->cpuRng = m_generator.get_state();
    rs->configJson = m_config.toJson();
    rs->worldSize = m_collective ? m_collective->size() : 1;
    const double since = std::chrono::duration<double>(Clock::now() - m_lastWriteEnd).count();
    if (m_paceSaves && since < 9.0 * m_lastWriteSeconds) {
        // Kept for later: copies of what the next epochs change (the head, the optimizer's
        // state); the frozen body, which no epoch of this stage runs, is shared.
        const std::string head = m_model->named_children().keys().back() + ".";
        for (auto &[name, t] : rs->model)
            if (name.rfind(head, 0) == 0 || t.requires_grad())
                t = t.detach().clone();
        for (auto &[name, t] : rs->stageState.optimizer)
            t = t.clone();
        m_pending = std::move(rs);
        return;
    }
    m_pending.reset();
    writeState(*rs);
}

void ExperimentRun::writeState(const RunState &rs)
{
    const auto start = Clock::now();
    if (!m_recorder->writesModel) // model.pth too: the Recorder leaves it to these writes
        weights::writeStateDict(rs.model, m_folder->path(RunDir::kModel));
    writeRunState(rs, runStatePath(m_folder->dir()));
    if (m_config.keepCheckpoints) {
        std::filesystem::create_directories(m_folder->path("checkpoints"));
        char name[64];
        std::snprintf(name, sizeof name, "checkpoints/epoch-%03d.tlstate", rs.nextGlobalEpoch - 1);
        writeRunState(rs, m_folder->path(name));
    }
    m_lastWriteEnd = Clock::now();
    m_lastWriteSeconds = std::chrono::duration<double>(m_lastWriteEnd - start).count();
}

void ExperimentRun::flushPendingState()
{
    if (m_pending) {
        const std::unique_ptr<RunState> pending = std::move(m_pending);
        writeState(*pending);
    }
    m_paceSaves = false;
    m_recorder->writesModel = true;
}

void ExperimentRun::rollBackPartialEpoch()
{
    // A stop in the middle of an epoch left weights no file describes; what the run reports and
    // saves is its last completed epoch, as model.pth holds it.
    if (!m_partialEpoch || m_runDir.empty())
        return;
    if (m_folder->enabled()) {
        const std::string path = m_folder->path(RunDir::kModel);
        weights::loadStateDict(*m_model, weights::readCheckpoint(path).tensors, true, path);
    }
    shareWeights(); // rank 0 read the file; the others take its weights
    say("Stopped: the run keeps its last completed epoch");
}

void ExperimentRun::evaluateTest()
{
    m_trainer->setHeadOnly(false);
    say("Evaluating on " + std::to_string(m_data->test.size()) + " test images");
    if (m_cachedTest) { // the last stage trained the head on cached features, test's included
        m_trainer->setHeadOnly(true);
        m_result.test = m_trainer->evaluate(*m_cachedTest, m_config.model.numClasses, true, "test");
        m_trainer->setHeadOnly(false);
    } else {
        m_result.test = m_trainer->evaluate(*m_testLoader, m_config.model.numClasses, true, "test");
    }
    // Report the test file's own index so rows can be traced back to the image.
    for (auto &p : m_result.test.predictions)
        p.index = m_data->test.sourceIndex[static_cast<std::size_t>(p.index)];
    if (m_result.test.complete)
        m_recorder->onTest(m_result.test);
    m_result.warnings = m_recorder->warnings;
    m_result.seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    m_result.seconds -= m_control->pausedSeconds();
    // Every epoch's own training time (a resumed run's earlier epochs from metrics.csv), plus
    // the feature passes of cached stages, over every epoch.
    double epochSeconds = m_trainSeconds;
    const std::size_t before = m_result.epochs.size() - m_trainedEpochs;
    for (std::size_t i = 0; i < before; ++i)
        epochSeconds += m_result.epochs[i].seconds;
    m_result.secondsPerEpoch =
        m_result.epochs.empty() ? 0.0 : epochSeconds / double(m_result.epochs.size());
    m_result.trainImagesPerSecond = m_trainSeconds > 0 ? m_trainImages / m_trainSeconds : 0.0;
}

RunSummary ExperimentRun::summarize() const
{
    const auto &c = m_config;
    const auto &r = m_result;
    RunSummary s;
    s.name = c.name;
    s.model = c.model.name;
    s.weights = c.model.weights;
    s.head = c.model.head;
    s.freeze = m_firstFreeze.describe();
    s.frozenLayers = m_frozenAtStart;
    s.dataset = c.data.name;
    s.trainFraction = c.data.trainFraction;
    s.device = r.device;
    s.worldSize = m_collective ? m_collective->size() : 1;
    s.distBackend = m_collective ? m_collective->backend() : std::string();
    s.globalBatchSize = c.stages.back().batchSize * s.worldSize;
    s.allReduceSeconds = r.allReduceSeconds;
    s.allReduceBytesPerStep = r.allReduceBytesPerStep;
    s.epochs = int(r.epochs.size());
    s.stopped = r.stopped;
    s.trainSamples = std::int64_t(m_data->train.size());
    s.valSamples = std::int64_t(m_data->val.size());
    s.testSamples = std::int64_t(m_data->test.size());
    s.testSet = m_data->test.identity();
    s.totalParams = r.totalParams;
    s.trainableParams = r.epochs.empty() ? r.trainableParams : r.epochs.back().trainableParams;
    s.testAccuracy = r.test.accuracy;
    s.testLoss = r.test.loss;
    s.testTop5Accuracy = r.test.top5Accuracy;
    for (const auto &e : r.epochs)
        if (e.hasValidation)
            s.bestValAccuracy = std::max(s.bestValAccuracy.value_or(0.0), e.valAccuracy);
    s.secondsPerEpoch = r.secondsPerEpoch;
    s.trainImagesPerSecond = r.trainImagesPerSecond;
    s.totalSeconds = r.seconds;
    s.finishedAt = timestamp("%Y-%m-%dT%H:%M:%S%z");
    s.runDir = r.runDir;
    s.featureCachedStages = r.cachedStages;
    if (m_from.state)
        (m_from.inPlace ? s.resumedFrom : s.forkedFrom) = m_from.origin;
    // Per stage: which model trained faster, and how (the notebooks' question).
    for (std::size_t i = 0; i < c.stages.size(); ++i) {
        RunSummary::Stage st;
        st.name = c.stages[i].name;
        st.freeze = experiment::freezeForStage(c, i).describe();
        double secs = 0, images = 0;
        for (const auto &e : r.epochs)
            if (e.stage == int(i)) {
                secs += e.seconds;
                images += e.imagesPerSecond * e.seconds;
                st.trainableParams = e.trainableParams;
                ++st.epochs;
            }
        st.secondsPerEpoch = st.epochs ? secs / st.epochs : 0.0;
        st.trainSeconds = secs;
        const auto feature = m_featureSeconds.find(i);
        st.featureSeconds = feature == m_featureSeconds.end() ? 0.0 : feature->second;
        st.trainImagesPerSecond = secs > 0 ? images / secs : 0.0;
        st.cachedFeatures = std::find(r.cachedStages.begin(), r.cachedStages.end(), st.name) !=
                            r.cachedStages.end();
        s.stages.push_back(st);
    }
    s.mostConfused = mostConfused(r.test, r.classNames, 5);
    for (const auto &w : r.warnings)
        s.warnings.push_back({train::hintKindName(w.kind), w.epoch, w.text});
    return s;
}

void ExperimentRun::writeResults()
{
    const RunSummary summary = summarize();
    m_result.summaryJson = summary.toJson(-1);
    if (!m_folder->enabled())
        return;
    const RunWriter &w = *m_folder->writer();
    if (m_data->streamed()) {
        const auto skipped = m_data->allSkipped();
        if (skipped.size() > m_data->skipped.size())
            say(m_data->skippedText(RunDir::kSkipped) + " (" +
                std::to_string(skipped.size() - m_data->skipped.size()) +
                " found only when decoded)");
        data::writeSkippedCsv(m_folder->path(RunDir::kSkipped), skipped);
    }
    w.writeConfusion(m_result.test, m_result.classNames);
    if (m_config.confusionEveryEpoch)
        w.writeEpochConfusions(m_result.epochs);
    w.writePredictions(m_result.test);
    // The weights the test evaluated (early stopping may have restored an earlier epoch's).
    saveModel(*m_model, m_folder->path(RunDir::kModel));
    w.writeSummary(summary.toJson()); // last: its presence marks the run finished
}

} // namespace

RunResult runExperiment(const ExperimentConfig &config, const std::string &runDir,
                        train::TrainingObserver *observer, train::RunControl *control,
                        const data::DatasetSplits *preloaded, const StartFrom &startFrom,
                        train::Collective *collective)
{
    ExperimentRun run(config, observer, control, startFrom, collective);
    return run.run(runDir, preloaded);
}

std::string defaultRunDir(const std::string &parent, const ExperimentConfig &c)
{
    return (std::filesystem::path(parent) /
            (timestamp("%Y%m%d-%H%M%S") + "-" + c.model.name + "-" + c.data.name))
        .string();
}

} // namespace tl::runs
