#include "train/trainer.h"

#include "platform/cpu_cores.h"

#include <cstdio>

#include "base/error.h"
#include "train/evaluation_tally.h"
#include "train/grad_scaler.h"
#include "train/gradient_sync.h"
#include "train/throttle.h"

#include <torch/torch.h>

#include <ATen/autocast_mode.h>
#include <ATen/record_function.h>

#include <chrono>
#include <cmath>

namespace tl::train {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// The running loss is read back only at the reporting interval (no device sync per batch), so a
// divergence is caught within one interval.
void checkFinite(double loss, int epoch, std::int64_t batch)
{
    if (!std::isfinite(loss))
        throw DivergenceError(std::string("training diverged: the loss became ") +
                              (std::isnan(loss) ? "NaN" : "infinite") + " by epoch " +
                              std::to_string(epoch) + ", batch " + std::to_string(batch) +
                              "; try a lower learning rate");
}

// Training mode, except that a BatchNorm whose parameters are all frozen runs in inference mode:
// its running statistics must not drift while the layer is frozen (Keras does the same for a
// non-trainable BatchNormalization).
// A top-level block whose parameters are all frozen runs in inference mode as a whole (its
// dropout and stochastic depth too): a frozen backbone is a fixed feature extractor, as with
// Keras' `base_model(x, training=False)`, which is also what makes its features cacheable.
void setTrainingMode(torch::nn::Module &model)
{
    model.train();
    for (const auto &child : model.children()) {
        bool frozen = true;
        for (const auto &p : child->parameters())
            frozen = frozen && !p.requires_grad();
        if (frozen)
            child->eval();
    }
    for (const auto &m : model.modules(/*include_self=*/false)) {
        const bool isBn = dynamic_cast<torch::nn::BatchNorm1dImpl *>(m.get()) ||
                          dynamic_cast<torch::nn::BatchNorm2dImpl *>(m.get());
        if (!isBn)
            continue;
        bool frozen = true;
        for (const auto &p : m->parameters(false))
            frozen = frozen && !p.requires_grad();
        if (frozen)
            m->eval();
    }
}

// Sets a flag for the lifetime of a scope (the trainer's head-only mode during one fit).
class FlagScope
{
public:
    FlagScope(bool &flag, bool value) : m_flag(flag), m_saved(flag) { m_flag = value; }
    ~FlagScope() { m_flag = m_saved; }

private:
    bool &m_flag;
    bool m_saved;
};

} // namespace

// Everything one fit() keeps from epoch to epoch.
struct Trainer::Stage
{
    Stage(models::NetworkImpl &model, const FitOptions &options, std::int64_t batchesPerEpoch,
          bool amp, const torch::Device &device)
        : o(options), batches(batchesPerEpoch), scaler(amp, device), throttle(o.progressInterval)
    {
        // The head is the model's last top-level module; the rest is the backbone.
        std::vector<torch::Tensor> backbone, head;
        const auto children = model.named_children();
        const std::string headName = children.is_empty() ? std::string() : children.keys().back();
        for (const auto &p : model.named_parameters()) {
            if (!p.value().requires_grad())
                continue;
            params.push_back(p.value());
            const bool inHead = !headName.empty() && p.key().rfind(headName + ".", 0) == 0;
            (inHead ? head : backbone).push_back(p.value());
        }
        if (params.empty())
            throw Error("every layer is frozen, so nothing would learn: unfreeze at least the last "
                        "layer (the head)");
        optimizer = makeOptimizer(o.optimizer, backbone, head, o.backboneLrMultiplier);
        if (o.resume) {
            st = *o.resume;
            st.optimizer.clear();
            if (!st.bestWeights.empty())
                checkBestWeights(model, st.bestWeights);
        }
        schedule = std::make_unique<LrSchedule>(o.schedule, *optimizer, o.epochs, batches,
                                                st.plateauFactor, st.plateau);
        early =
            std::make_unique<Monitor>(o.earlyStopping.monitor, o.earlyStopping.patience, st.early);
        lossOptions =
            torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(o.labelSmoothing);
        if (!o.classWeights.empty()) {
            if (o.numClasses > 0 && o.classWeights.size() != std::size_t(o.numClasses))
                throw Error("class weights: " + std::to_string(o.classWeights.size()) +
                            " weights for " + std::to_string(o.numClasses) + " classes");
            lossOptions.weight(torch::tensor(o.classWeights).to(device, torch::kFloat32));
        }
        stageStep = std::int64_t(st.epochsDone) * std::max<std::int64_t>(1, batches);
    }

    const FitOptions &o;
    std::int64_t batches;
    std::vector<torch::Tensor> params; // the trainable ones
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    StageState st;
    std::unique_ptr<LrSchedule> schedule;
    std::unique_ptr<Monitor> early;
    GradScaler scaler;
    torch::nn::functional::CrossEntropyFuncOptions lossOptions;
    std::int64_t stageStep = 0;
    std::int64_t images = 0; // trained in completed epochs
    Throttle throttle;
    std::unique_ptr<GradientSync> sync; // a data-parallel run's
};

// One epoch's training pass.
struct Trainer::EpochRun
{
    torch::Tensor lossSum, correct; // accumulated on the device
    torch::Tensor predicted; // how often each class was predicted (one class for all: a warning)
    std::int64_t seen = 0, done = 0;
    // At the previous progress report: the per-batch curve shows the batches since then.
    double reportedLoss = 0.0;
    std::int64_t reportedCorrect = 0, reportedSeen = 0;
    Clock::time_point start = Clock::now();
    double pausedBefore = 0.0; // RunControl::pausedSeconds() when the epoch began
    double seconds = 0.0;
    double allReduceBefore = 0.0; // GradientSync::seconds() when the epoch began
    bool stopped = false;
};

Trainer::Trainer(std::shared_ptr<models::NetworkImpl> model, torch::Device device,
                 TrainingObserver *observer, RunControl *control)
    : m_model(std::move(model)), m_device(device), m_observer(observer),
      m_control(control ? control : &m_ownControl)
{
    m_model->to(m_device);
}

FitResult Trainer::fit(BatchSource &train, BatchSource *validation, const FitOptions &o)
{
    FlagScope headOnly(m_headOnly, o.headOnly);
    const bool amp = m_deviceOptions.mixedPrecision && m_device.is_cuda() && !o.headOnly;
    Stage stage(*m_model, o, train.batchesPerEpoch(), amp, m_device);
    if (m_collective && m_collective->size() > 1) {
        stage.sync = std::make_unique<GradientSync>(*m_collective, stage.params);
        m_allReduceBytes = stage.sync->bytesPerStep();
    }
    if (o.resume && !o.resume->optimizer.empty())
        loadResumedOptimizer(stage);
    FitResult result;
    result.bestEpoch = stage.st.bestEpoch;
    if (m_observer)
        m_observer->onStageStarted(o.stage, o.stageName, o.epochs);
    const auto stageStart = Clock::now();
    for (int epoch = stage.st.epochsDone + 1; epoch <= o.epochs; ++epoch) {
        EpochRun run = trainEpoch(stage, train, epoch);
        if (stage.sync)
            m_allReduceSeconds += stage.sync->seconds() - run.allReduceBefore;
        if (run.stopped) { // metrics.csv keeps whole epochs: a partial one is only progress
            result.stopped = true;
            break;
        }
        reduceEpoch(run);
        EpochMetrics m = epochMetrics(stage, run, epoch);
        // A stop during the end-of-epoch passes (validation, the confusion pass) ends them, but
        // the epoch's training is complete: it is kept and saved, without the numbers the
        // interrupted pass did not finish.
        const bool evaluated = validateEpoch(stage, validation, m);
        stage.images += run.seen;
        result.epochs.push_back(m);
        if (m_observer)
            m_observer->onEpoch(m);
        if (!evaluated) {
            keepStoppedEpoch(stage, epoch, result);
            break;
        }
        if (!endEpoch(stage, m, epoch, result))
            break;
    }
    finishStage(stage, result);
    result.seconds = secondsSince(stageStart);
    double trainSeconds = 0;
    for (const auto &e : result.epochs)
        trainSeconds += e.seconds;
    result.imagesPerSecond = trainSeconds > 0 ? double(stage.images) / trainSeconds : 0.0;
    return result;
}

void Trainer::loadResumedOptimizer(Stage &stage)
{
    const StageState &saved = *stage.o.resume;
    if (saved.optimizerName == stage.o.optimizer.name)
        loadOptimizerState(*stage.optimizer, stage.o.optimizer.name, *m_model, saved.optimizer);
    else if (m_observer)
        m_observer->onMessage("the saved " + saved.optimizerName + " state does not fit " +
                              stage.o.optimizer.name + "; the optimizer starts fresh");
}

Trainer::EpochRun Trainer::trainEpoch(Stage &stage, BatchSource &train, int epoch)
{
    const FitOptions &o = stage.o;
    stage.schedule->startEpoch(epoch);
    setTrainingMode(*m_model);
    train.startEpoch(o.firstGlobalEpoch + epoch - 1);
    EpochRun run;
    run.pausedBefore = m_control->pausedSeconds();
    run.allReduceBefore = stage.sync ? stage.sync->seconds() : 0.0;
    run.lossSum = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(m_device));
    run.correct = torch::zeros({}, torch::TensorOptions().dtype(torch::kInt64).device(m_device));
    Batch batch;
    while (true) {
        {
            RECORD_USER_SCOPE("tl::data"); // waiting for the loader, in a profile
            if (!train.next(batch))
                break; // the epoch is complete: a stop after its last batch keeps it
        }
        // One process stops before the batch; ranks train it and stop together after it.
        const bool stopHere = !m_control->checkpoint();
        if (stopHere && !stage.sync) {
            run.stopped = true;
            break;
        }
        const auto x = toDevice(batch.images);
        const auto y = batch.labels.to(m_device, m_device.is_cuda());
        stage.schedule->beforeStep(stage.stageStep++);
        stage.optimizer->zero_grad();
        torch::Tensor logits, total, loss;
        {
            RECORD_USER_SCOPE("tl::forward");
            if (stage.scaler.enabled()) {
                at::autocast::set_enabled(true);
                logits = forward(x);
                at::autocast::set_enabled(false);
                at::autocast::clear_cache();
                logits = logits.to(torch::kFloat32);
            } else {
                logits = forward(x);
            }
            loss = torch::nn::functional::cross_entropy(logits, y, stage.lossOptions);
            total = loss;
            if (auto reg = m_model->regularizationLoss(); reg.defined())
                total = loss + reg;
        }
        StopVote vote;
        std::function<void()> averageGradients;
        if (stage.sync)
            averageGradients = [&] {
                vote = stage.sync->step(stopHere, m_control->abortRequested());
            };
        stage.scaler.step(total, *stage.optimizer, stage.params, o.gradClip, averageGradients);
        const std::int64_t n = y.size(0);
        {
            torch::NoGradGuard ng;
            run.lossSum += loss.detach().to(torch::kFloat64) * double(n);
            const torch::Tensor guess = logits.argmax(1);
            run.correct += guess.eq(y).sum();
            const std::int64_t classes = logits.size(1);
            if (!run.predicted.defined())
                run.predicted = torch::zeros({classes}, guess.options());
            run.predicted += torch::bincount(guess, {}, classes).narrow(0, 0, classes);
        }
        run.seen += n;
        ++run.done;
        ++m_globalStep;
        if (m_observer && stage.throttle.due(run.done == stage.batches))
            reportBatch(stage, run, epoch, loss);
        if (m_load && m_load->secondsSinceSample() >= 1.0)
            adaptThreads(false);
        if (vote.stop) {
            applyVote(vote);
            run.stopped = true;
            break;
        }
    }
    run.seconds = trainingSeconds(run);
    return run;
}

double Trainer::trainingSeconds(const EpochRun &run) const
{
    // A pause is not training: a 4 s pause must not make the epoch look 4 s slower.
    return std::max(0.0, secondsSince(run.start) - (m_control->pausedSeconds() - run.pausedBefore));
}

void Trainer::reduceEpoch(EpochRun &run)
{
    if (!m_collective || m_collective->size() <= 1)
        return;
    RECORD_USER_SCOPE("tl::allreduce");
    std::vector<torch::Tensor> sums{
        run.lossSum, run.correct,
        torch::tensor({run.seen}, torch::TensorOptions().dtype(torch::kInt64).device(m_device))};
    if (run.predicted.defined())
        sums.push_back(run.predicted);
    m_collective->allReduceSum(sums);
    run.seen = sums[2].cpu().item<std::int64_t>();
}

void Trainer::applyVote(const StopVote &vote)
{
    if (vote.abort && !m_control->abortRequested())
        m_control->requestAbort();
    else if (vote.stop && !m_control->stopRequested())
        m_control->requestStop();
}

bool Trainer::agreeToStop()
{
    if (!m_collective || m_collective->size() <= 1)
        return m_control->stopRequested();
    const StopVote vote = voteToStop(*m_collective, m_control->stopRequested(),
                                     m_control->abortRequested(), m_device);
    applyVote(vote);
    return vote.stop;
}

void Trainer::reportBatch(Stage &stage, EpochRun &run, int epoch, const torch::Tensor &lastLoss)
{
    BatchProgress p;
    p.stage = stage.o.stage;
    p.epoch = epoch;
    p.globalEpoch = stage.o.firstGlobalEpoch + epoch - 1;
    p.epochs = stage.o.epochs;
    p.batch = run.done;
    p.batches = stage.batches;
    p.globalStep = m_globalStep;
    const double lossSum = run.lossSum.item<double>();
    const std::int64_t correct = run.correct.item<std::int64_t>();
    p.loss = lossSum / double(run.seen);
    checkFinite(p.loss, epoch, run.done);
    p.accuracy = double(correct) / double(run.seen);
    p.lastLoss = lastLoss.item<double>();
    const std::int64_t since = run.seen - run.reportedSeen;
    p.recentLoss = since > 0 ? (lossSum - run.reportedLoss) / double(since) : p.lastLoss;
    p.recentAccuracy =
        since > 0 ? double(correct - run.reportedCorrect) / double(since) : p.accuracy;
    run.reportedLoss = lossSum;
    run.reportedCorrect = correct;
    run.reportedSeen = run.seen;
    p.learningRate = stage.schedule->current();
    p.elapsedSeconds = trainingSeconds(run);
    p.imagesPerSecond = double(run.seen) / std::max(p.elapsedSeconds, 1e-9);
    const double perBatch = p.elapsedSeconds / double(run.done);
    p.etaSeconds = perBatch * double((stage.batches - run.done) +
                                     std::int64_t(stage.o.epochs - epoch) * stage.batches);
    m_observer->onBatch(p);
}

EpochMetrics Trainer::epochMetrics(const Stage &stage, const EpochRun &run, int epoch) const
{
    EpochMetrics m;
    m.stage = stage.o.stage;
    m.stageName = stage.o.stageName;
    m.epoch = epoch;
    m.globalEpoch = stage.o.firstGlobalEpoch + epoch - 1;
    m.trainLoss = run.seen ? run.lossSum.item<double>() / double(run.seen) : 0.0;
    checkFinite(m.trainLoss, epoch, run.done);
    m.trainAccuracy = run.seen ? double(run.correct.item<std::int64_t>()) / double(run.seen) : 0.0;
    if (run.predicted.defined()) {
        const torch::Tensor counts = run.predicted.to(torch::kCPU).contiguous();
        m.predictedCounts.assign(counts.data_ptr<std::int64_t>(),
                                 counts.data_ptr<std::int64_t>() + counts.numel());
    }
    m.learningRate = stage.schedule->current();
    m.seconds = run.seconds;
    m.imagesPerSecond = double(run.seen) / std::max(run.seconds, 1e-9);
    for (const auto &p : stage.params)
        m.trainableParams += p.numel();
    return m;
}

bool Trainer::validateEpoch(Stage &stage, BatchSource *validation, EpochMetrics &m)
{
    // A data-parallel rank's shard may be empty where the whole set is not: it still takes part.
    const bool sharded = m_collective && m_collective->size() > 1;
    if (validation && (sharded || validation->size() > 0)) {
        const Evaluation v = evaluate(*validation, 0, false, "validation");
        if (!v.complete)
            return false;
        m.hasValidation = true;
        m.valLoss = v.loss;
        m.valAccuracy = v.accuracy;
        m.valPredictedCounts = predictedCounts(v);
    }
    BatchSource *confusion = stage.o.trackConfusionOn;
    if (confusion && (sharded || confusion->size() > 0) && !agreeToStop()) {
        Evaluation c = evaluate(*confusion, stage.o.numClasses, false, "confusion");
        if (!c.complete)
            return false;
        m.testConfusion = std::move(c.confusion);
    }
    return true;
}

bool Trainer::endEpoch(Stage &stage, const EpochMetrics &m, int epoch, FitResult &result)
{
    const FitOptions &o = stage.o;
    if (const double lr = stage.schedule->endEpoch(m); lr > 0 && m_observer)
        m_observer->onMessage("learning rate reduced to " + std::to_string(lr));
    if (o.earlyStopping.enabled) {
        if (stage.early->improved(m)) {
            result.bestEpoch = epoch;
            if (o.earlyStopping.restoreBest)
                stage.st.bestWeights = snapshotWeights(*m_model);
        } else if (stage.early->patienceExhausted()) {
            result.stoppedEarly = true;
            if (m_observer)
                m_observer->onMessage("early stopping: no better " + o.earlyStopping.monitor +
                                      " for " + std::to_string(o.earlyStopping.patience) +
                                      " epochs");
            return false;
        }
    }
    stage.st.epochsDone = epoch;
    saveStageState(stage, result);
    if (agreeToStop()) {
        result.stopped = true;
        return false;
    }
    return true;
}

void Trainer::keepStoppedEpoch(Stage &stage, int epoch, FitResult &result)
{
    // Early stopping and schedules judge validation numbers this epoch may lack: they are
    // left as they were, and the stop ends the stage (a resume goes on from the next epoch).
    stage.st.epochsDone = epoch;
    saveStageState(stage, result);
    result.stopped = true;
    result.stoppedAfterEpoch = true;
}

void Trainer::saveStageState(Stage &stage, const FitResult &result)
{
    if (!stage.o.onEpochState)
        return;
    stage.st.bestEpoch = result.bestEpoch;
    stage.st.optimizerName = stage.o.optimizer.name;
    stage.st.optimizer = optimizerState(*stage.optimizer, stage.o.optimizer.name, *m_model);
    stage.o.onEpochState(stage.st);
    stage.st.optimizer.clear();
}

void Trainer::finishStage(Stage &stage, FitResult &result)
{
    const EarlyStoppingConfig &es = stage.o.earlyStopping;
    if (es.enabled && es.restoreBest && !stage.st.bestWeights.empty() && !result.epochs.empty() &&
        result.bestEpoch != result.epochs.back().epoch) {
        restoreWeights(*m_model, stage.st.bestWeights);
        if (m_observer)
            m_observer->onMessage("restored the weights of epoch " +
                                  std::to_string(result.bestEpoch) + " (best " + es.monitor + ")");
    }
    if (result.stoppedEarly) {
        stage.st.epochsDone = result.epochs.back().epoch;
        stage.st.finished = true;
        saveStageState(stage, result);
    }
}

torch::Tensor Trainer::toDevice(const torch::Tensor &images) const
{
    auto x = images.to(m_device, m_device.is_cuda());
    if (m_deviceOptions.channelsLast && m_device.is_cuda() && x.dim() == 4)
        x = x.contiguous(at::MemoryFormat::ChannelsLast);
    return x;
}

torch::Tensor Trainer::forward(const torch::Tensor &x)
{
    return m_headOnly ? m_model->forwardHead(x) : m_model->forward(x);
}

void Trainer::setDeviceOptions(const DeviceOptions &options)
{
    m_deviceOptions = options;
    if (!m_device.is_cuda())
        return; // all of them are CUDA-only
    at::globalContext().setBenchmarkCuDNN(options.cudnnBenchmark);
    if (options.channelsLast) {
        torch::NoGradGuard ng;
        for (auto &p : m_model->parameters())
            if (p.dim() == 4)
                p.set_data(p.data().contiguous(at::MemoryFormat::ChannelsLast));
    }
}

torch::Tensor Trainer::extractFeatures(BatchSource &data)
{
    std::vector<torch::Tensor> parts;
    const bool complete =
        extractFeaturesTo(data, [&](const torch::Tensor &part) { parts.push_back(part); });
    return parts.empty() || !complete ? torch::Tensor() : torch::cat(parts);
}

bool Trainer::extractFeaturesTo(BatchSource &data,
                                const std::function<void(const torch::Tensor &)> &sink)
{
    RECORD_USER_SCOPE("tl::features");
    torch::NoGradGuard noGrad;
    const bool wasTraining = m_model->is_training();
    m_model->eval();
    const int stops = m_control->stopCount();
    Throttle throttle(0.1);
    PhaseProgress progress{"features", 0, data.size()};
    data.startEpoch(0);
    Batch batch;
    bool complete = true;
    while (data.next(batch)) {
        if (m_control->stopCount() != stops || m_control->abortRequested()) {
            complete = false;
            break;
        }
        sink(m_model->forwardBody(toDevice(batch.images))
                 .to(torch::kCPU, torch::kFloat32)
                 .contiguous());
        progress.done += batch.labels.size(0);
        if (m_observer && throttle.due(progress.done >= progress.total))
            m_observer->onPhase(progress);
    }
    m_model->train(wasTraining);
    return complete;
}

std::vector<torch::Tensor> snapshotWeights(models::NetworkImpl &model)
{
    std::vector<torch::Tensor> out;
    for (const auto &p : model.parameters())
        out.push_back(p.detach().to(torch::kCPU, /*non_blocking=*/false, /*copy=*/true));
    for (const auto &b : model.buffers())
        out.push_back(b.detach().to(torch::kCPU, false, true));
    return out;
}

void checkBestWeights(models::NetworkImpl &model, const std::vector<torch::Tensor> &weights)
{
    std::vector<torch::Tensor> targets = model.parameters();
    for (const auto &b : model.buffers())
        targets.push_back(b);
    if (weights.size() != targets.size())
        throw Error("the saved best-epoch weights hold " + std::to_string(weights.size()) +
                    " tensors, the model has " + std::to_string(targets.size()) +
                    ": the state belongs to another model or is damaged");
    for (std::size_t i = 0; i < targets.size(); ++i)
        if (!weights[i].defined() || weights[i].sizes() != targets[i].sizes())
            throw Error("the saved best-epoch weight " + std::to_string(i) +
                        " does not fit the model's shape: the state is damaged");
}

void restoreWeights(models::NetworkImpl &model, const std::vector<torch::Tensor> &weights)
{
    checkBestWeights(model, weights);
    torch::NoGradGuard ng;
    std::size_t i = 0;
    for (auto &p : model.parameters())
        p.copy_(weights[i++]);
    for (auto &b : model.buffers())
        b.copy_(weights[i++]);
}

void Trainer::setAdaptiveThreads(int usableCores, std::unique_ptr<CpuLoadMeter> meter)
{
    m_usableCores = usableCores;
    m_load = usableCores > 0 ? std::move(meter) : nullptr;
    if (m_load)
        adaptThreads(true);
}

int Trainer::threads() const
{
    return torch::get_num_threads();
}

void Trainer::adaptThreads(bool force)
{
    const double busy = m_load->othersBusyCores();
    if (busy < 0 && !force)
        return;
    const int want = threadsForLoad(m_usableCores, busy);
    const int now = torch::get_num_threads();
    if (want == now)
        return;
    torch::set_num_threads(want);
    if (m_observer) {
        char text[160];
        std::snprintf(text, sizeof text,
                      "compute threads: %d (other programs keep %.1f of %d cores busy)", want,
                      std::max(0.0, busy), m_usableCores);
        m_observer->onMessage(text);
    }
}

} // namespace tl::train

int tl::cudaDeviceCount()
{
    return torch::cuda::is_available() ? int(torch::cuda::device_count()) : 0;
}

namespace tl::train {

torch::Device chooseDevice(const std::string &request)
{
    if (request == "cpu")
        return torch::kCPU;
    if (request.empty() || request == "auto")
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA)
                                           : torch::Device(torch::kCPU);
    if (request.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available())
            throw Error("device '" + request +
                        "' asked for, but this LibTorch build sees no CUDA device");
        try {
            return torch::Device(request);
        } catch (const c10::Error &) {
            throw Error("bad device '" + request + "' (use cpu, cuda or cuda:N)");
        }
    }
    throw Error("bad device '" + request + "' (use auto, cpu, cuda or cuda:N)");
}

std::string deviceDescription(const torch::Device &device)
{
    if (device.is_cuda())
        return "CUDA device " + std::to_string(device.has_index() ? device.index() : 0);
    return "CPU (" + std::to_string(at::get_num_threads()) + " threads)";
}

Evaluation Trainer::evaluate(BatchSource &data, int numClasses, bool keepPredictions,
                             const std::string &phase)
{
    RECORD_USER_SCOPE("tl::evaluate");
    torch::NoGradGuard noGrad;
    const bool wasTraining = m_model->is_training();
    m_model->eval();
    Evaluation e;
    EvaluationTally tally(e, numClasses, keepPredictions);
    // A data-parallel run's ranks each see a shard: their logits are gathered at the end.
    const bool gather = m_collective && m_collective->size() > 1;
    std::vector<torch::Tensor> shardLogits, shardIds; // ids: (index, label) rows
    // Ends at a stop requested after it began, so that the test pass after a stopped training
    // runs (with progress) until the user stops again, and a window that closes ends it.
    const int stops = m_control->stopCount();
    Throttle throttle(0.1);
    PhaseProgress progress{phase, 0, data.size()};
    data.startEpoch(0);
    Batch batch;
    while (data.next(batch)) {
        if (m_control->stopCount() != stops || m_control->abortRequested()) {
            e.complete = false;
            break;
        }
        const torch::Tensor logits =
            forward(toDevice(batch.images)).to(torch::kCPU).to(torch::kFloat32);
        if (gather) {
            shardLogits.push_back(logits);
            shardIds.push_back(torch::stack({batch.indices, batch.labels}, 1));
            progress.done += logits.size(0);
        } else {
            tally.add(logits, batch);
            progress.done = e.count;
        }
        if (m_observer && throttle.due(progress.done >= progress.total))
            m_observer->onPhase(progress);
    }
    m_model->train(wasTraining);
    if (gather)
        gatherEvaluation(*m_collective, e, shardLogits, shardIds, numClasses, keepPredictions);
    else
        tally.finish();
    return e;
}

} // namespace tl::train
