#include "train/trainer.h"

#include "error.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <math.h>

namespace tl::train {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

double currentLr(torch::optim::Optimizer &opt)
{
    return opt.param_groups().empty() ? 0.0 : opt.param_groups().front().options().get_lr();
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
void setTrainingMode(torch::nn::Module &model)
{
    model.train();
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

} // namespace

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &c,
                                                       const std::vector<torch::Tensor> &params)
{
    if (!(c.lr > 0) || !std::isfinite(c.lr))
        throw Error("learning rate must be positive, got " + std::to_string(c.lr));
    if (c.weightDecay < 0)
        throw Error("weight decay must not be negative");
    if (c.name == "sgd") {
        if (c.nesterov && c.momentum <= 0)
            throw Error("nesterov momentum needs --momentum > 0");
        return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(c.lr)
                                                               .momentum(c.momentum)
                                                               .nesterov(c.nesterov)
                                                               .weight_decay(c.weightDecay));
    }
    if (c.name == "adam")
        return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(c.lr)
                                                                .betas({c.beta1, c.beta2})
                                                                .eps(c.eps)
                                                                .weight_decay(c.weightDecay));
    if (c.name == "adamw")
        return std::make_unique<torch::optim::AdamW>(params, torch::optim::AdamWOptions(c.lr)
                                                                 .betas({c.beta1, c.beta2})
                                                                 .eps(c.eps)
                                                                 .weight_decay(c.weightDecay));
    if (c.name == "rmsprop")
        return std::make_unique<torch::optim::RMSprop>(
            params,
            torch::optim::RMSpropOptions(c.lr).momentum(c.momentum).weight_decay(c.weightDecay));
    throw Error("unknown optimizer '" + c.name + "' (known: sgd, adam, adamw, rmsprop)");
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &c,
                                                       const std::vector<torch::Tensor> &backbone,
                                                       const std::vector<torch::Tensor> &head,
                                                       double multiplier)
{
    if (!(multiplier > 0))
        throw Error("the backbone's learning-rate multiplier must be positive");
    if (backbone.empty() || head.empty() || multiplier == 1.0) {
        std::vector<torch::Tensor> all = backbone;
        all.insert(all.end(), head.begin(), head.end());
        return makeOptimizer(c, all);
    }
    auto optimizer = makeOptimizer(c, head);
    auto options = optimizer->defaults().clone();
    options->set_lr(c.lr * multiplier);
    optimizer->add_param_group(torch::optim::OptimizerParamGroup(backbone, std::move(options)));
    return optimizer;
}

double scheduledLr(const ScheduleConfig &s, double baseLr, int epoch, int epochs)
{
    if (s.type == "step")
        return baseLr * std::pow(s.gamma, double(epoch / std::max(1, s.stepSize)));
    if (s.type == "cosine") {
        const double t = epochs > 1 ? double(epoch) / double(epochs) : 0.0;
        return s.minLr + (baseLr - s.minLr) * 0.5 * (1.0 + std::cos(M_PI * t));
    }
    return baseLr; // none, plateau (driven by the monitor), onecycle (per batch)
}

namespace {

// torch.optim.lr_scheduler.OneCycleLR's defaults: 30 % warm-up from lr/25, cosine annealing to
// lr/25/1e4.
double oneCycleFactor(double t)
{
    const double start = 1.0 / 25.0, end = start / 1e4, pct = 0.3;
    auto cosine = [](double a, double b, double x) {
        return b + (a - b) * 0.5 * (1.0 + std::cos(M_PI * x));
    };
    return t < pct ? cosine(start, 1.0, t / pct) : cosine(1.0, end, (t - pct) / (1.0 - pct));
}

double monitored(const EpochMetrics &m, const std::string &monitor)
{
    if (monitor == "val_accuracy")
        return m.hasValidation ? m.valAccuracy : m.trainAccuracy;
    if (monitor == "val_loss")
        return m.hasValidation ? m.valLoss : m.trainLoss;
    if (monitor == "train_accuracy")
        return m.trainAccuracy;
    return m.trainLoss;
}

bool higherIsBetter(const std::string &monitor)
{
    return monitor.find("accuracy") != std::string::npos;
}

} // namespace

Trainer::Trainer(std::shared_ptr<models::NetworkImpl> model, torch::Device device,
                 TrainingObserver *observer, RunControl *control)
    : m_model(std::move(model)), m_device(device), m_observer(observer),
      m_control(control ? control : &m_ownControl)
{
    m_model->to(m_device);
}

FitResult Trainer::fit(BatchSource &train, BatchSource *validation, const FitOptions &o)
{
    FitResult result;
    // The head is the model's last top-level module; the rest is the backbone.
    std::vector<torch::Tensor> params, backbone, head;
    const auto children = m_model->named_children();
    const std::string headName = children.is_empty() ? std::string() : children.keys().back();
    for (const auto &p : m_model->named_parameters()) {
        if (!p.value().requires_grad())
            continue;
        params.push_back(p.value());
        const bool inHead = !headName.empty() && p.key().rfind(headName + ".", 0) == 0;
        (inHead ? head : backbone).push_back(p.value());
    }
    if (params.empty())
        throw Error("nothing to train: every layer is frozen");
    auto optimizer = makeOptimizer(o.optimizer, backbone, head, o.backboneLrMultiplier);
    std::vector<double> baseLr;
    for (auto &g : optimizer->param_groups())
        baseLr.push_back(g.options().get_lr());
    auto setLr = [&](double factor) {
        auto &groups = optimizer->param_groups();
        for (std::size_t g = 0; g < groups.size(); ++g)
            groups[g].options().set_lr(baseLr[g] * factor);
    };
    double plateauFactor = 1.0, plateauBest = 0.0;
    int plateauWait = 0;
    bool plateauSeen = false;
    // Early stopping: the best epoch's weights, kept on the CPU.
    double best = 0.0;
    bool bestSeen = false;
    int sinceBest = 0;
    std::vector<torch::Tensor> bestState;
    auto snapshot = [&] {
        bestState.clear();
        for (const auto &p : m_model->parameters())
            bestState.push_back(p.detach().to(torch::kCPU, /*non_blocking=*/false, /*copy=*/true));
        for (const auto &b : m_model->buffers())
            bestState.push_back(b.detach().to(torch::kCPU, false, true));
    };
    auto restore = [&] {
        torch::NoGradGuard ng;
        std::size_t i = 0;
        for (auto &p : m_model->parameters())
            p.copy_(bestState[i++]);
        for (auto &b : m_model->buffers())
            b.copy_(bestState[i++]);
    };
    const std::int64_t totalSteps =
        std::int64_t(o.epochs) * std::max<std::int64_t>(1, train.batchesPerEpoch());
    std::int64_t stageStep = 0;
    auto nn_options =
        torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(o.labelSmoothing);
    if (m_observer)
        m_observer->onStageStarted(o.stage, o.stageName, o.epochs);

    const auto stageStart = Clock::now();
    std::int64_t stageImages = 0;
    const std::int64_t batches = train.batchesPerEpoch();
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        const double epochFactor =
            scheduledLr(o.schedule, 1.0, epoch - 1, o.epochs) * plateauFactor;
        setLr(epochFactor);
        setTrainingMode(*m_model);
        train.startEpoch(o.firstGlobalEpoch + epoch - 1);
        const auto epochStart = Clock::now();
        auto lastReport = epochStart;
        // Accumulated on the device; read back at the reporting interval only.
        torch::Tensor lossSum =
            torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat64).device(m_device));
        torch::Tensor correct =
            torch::zeros({}, torch::TensorOptions().dtype(torch::kInt64).device(m_device));
        std::int64_t seen = 0, done = 0;
        Batch batch;
        while (true) {
            if (!m_control->checkpoint()) {
                result.stopped = true;
                break;
            }
            if (!train.next(batch))
                break;
            const bool nonBlocking = m_device.is_cuda();
            auto x = batch.images.to(m_device, nonBlocking);
            auto y = batch.labels.to(m_device, nonBlocking);
            if (o.schedule.type == "onecycle" || o.schedule.warmupEpochs > 0) {
                double f = o.schedule.type == "onecycle"
                               ? oneCycleFactor(double(stageStep) / double(totalSteps))
                               : epochFactor;
                const std::int64_t warmupSteps = std::int64_t(o.schedule.warmupEpochs) * batches;
                if (stageStep < warmupSteps)
                    f *= 0.01 + 0.99 * double(stageStep) / double(warmupSteps);
                setLr(f);
            }
            ++stageStep;
            optimizer->zero_grad();
            auto logits = m_model->forward(x);
            auto loss = torch::nn::functional::cross_entropy(logits, y, nn_options);
            torch::Tensor total = loss;
            if (auto reg = m_model->regularizationLoss(); reg.defined())
                total = loss + reg;
            total.backward();
            if (o.gradClip > 0)
                torch::nn::utils::clip_grad_norm_(params, o.gradClip);
            optimizer->step();

            const std::int64_t n = y.size(0);
            {
                torch::NoGradGuard ng;
                lossSum += loss.detach().to(torch::kFloat64) * double(n);
                correct += logits.argmax(1).eq(y).sum();
            }
            seen += n;
            ++done;
            ++m_globalStep;
            if (m_observer && (secondsSince(lastReport) >= o.progressInterval || done == batches)) {
                lastReport = Clock::now();
                BatchProgress p;
                p.stage = o.stage;
                p.epoch = epoch;
                p.epochs = o.epochs;
                p.batch = done;
                p.batches = batches;
                p.globalStep = m_globalStep;
                p.loss = lossSum.item<double>() / double(seen);
                checkFinite(p.loss, epoch, done);
                p.accuracy = double(correct.item<std::int64_t>()) / double(seen);
                p.lastLoss = loss.item<double>();
                p.learningRate = currentLr(*optimizer);
                p.elapsedSeconds = secondsSince(epochStart);
                p.imagesPerSecond = seen / std::max(p.elapsedSeconds, 1e-9);
                const double perBatch = p.elapsedSeconds / double(done);
                p.etaSeconds =
                    perBatch * double((batches - done) + std::int64_t(o.epochs - epoch) * batches);
                m_observer->onBatch(p);
            }
        }
        const double trainSeconds = secondsSince(epochStart);
        if (result.stopped && seen == 0)
            break;
        stageImages += seen;

        EpochMetrics m;
        m.stage = o.stage;
        m.stageName = o.stageName;
        m.epoch = epoch;
        m.globalEpoch = o.firstGlobalEpoch + epoch - 1;
        m.trainLoss = seen ? lossSum.item<double>() / double(seen) : 0.0;
        checkFinite(m.trainLoss, epoch, done);
        m.trainAccuracy = seen ? double(correct.item<std::int64_t>()) / double(seen) : 0.0;
        m.learningRate = currentLr(*optimizer);
        m.seconds = trainSeconds;
        m.imagesPerSecond = seen / std::max(trainSeconds, 1e-9);
        if (result.stopped) {
            // A partial epoch is reported only through progress; metrics.csv keeps whole epochs.
            break;
        }
        if (validation && validation->size() > 0) {
            const Evaluation v = evaluate(*validation, 0, false);
            m.hasValidation = true;
            m.valLoss = v.loss;
            m.valAccuracy = v.accuracy;
        }
        if (o.trackConfusionOn && o.trackConfusionOn->size() > 0 && !m_control->stopRequested())
            m.testConfusion = evaluate(*o.trackConfusionOn, o.numClasses, false).confusion;
        result.epochs.push_back(m);
        if (m_observer)
            m_observer->onEpoch(m);
        if (m_control->stopRequested()) {
            result.stopped = true;
            break;
        }
        if (o.schedule.type == "plateau") {
            // Keras' ReduceLROnPlateau: after `patience` epochs without improvement, lr *= factor.
            const double v = monitored(m, o.schedule.monitor);
            const bool better =
                !plateauSeen ||
                (higherIsBetter(o.schedule.monitor) ? v > plateauBest : v < plateauBest);
            if (better) {
                plateauBest = v;
                plateauSeen = true;
                plateauWait = 0;
            } else if (++plateauWait >= o.schedule.patience) {
                plateauFactor =
                    std::max(plateauFactor * o.schedule.factor, o.schedule.minLr / baseLr.front());
                plateauWait = 0;
                if (m_observer)
                    m_observer->onMessage("learning rate reduced to " +
                                          std::to_string(baseLr.front() * plateauFactor));
            }
        }
        if (o.earlyStopping.enabled) {
            const double v = monitored(m, o.earlyStopping.monitor);
            const bool better =
                !bestSeen || (higherIsBetter(o.earlyStopping.monitor) ? v > best : v < best);
            if (better) {
                best = v;
                bestSeen = true;
                sinceBest = 0;
                result.bestEpoch = epoch;
                if (o.earlyStopping.restoreBest)
                    snapshot();
            } else if (++sinceBest >= o.earlyStopping.patience) {
                result.stoppedEarly = true;
                if (m_observer)
                    m_observer->onMessage("early stopping: no better " + o.earlyStopping.monitor +
                                          " for " + std::to_string(o.earlyStopping.patience) +
                                          " epochs");
                break;
            }
        }
    }
    if (o.earlyStopping.enabled && o.earlyStopping.restoreBest && !bestState.empty() &&
        result.bestEpoch != int(result.epochs.size())) {
        restore();
        if (m_observer)
            m_observer->onMessage("restored the weights of epoch " +
                                  std::to_string(result.bestEpoch) + " (best " +
                                  o.earlyStopping.monitor + ")");
    }
    result.seconds = secondsSince(stageStart);
    double trainSeconds = 0;
    for (const auto &e : result.epochs)
        trainSeconds += e.seconds;
    result.imagesPerSecond = trainSeconds > 0 ? double(stageImages) / trainSeconds : 0.0;
    return result;
}

Evaluation Trainer::evaluate(BatchSource &data, int numClasses, bool keepPredictions)
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = m_model->is_training();
    m_model->eval();
    Evaluation e;
    data.startEpoch(0);
    Batch batch;
    double lossSum = 0.0;
    std::int64_t correct = 0, top5 = 0;
    std::vector<std::int64_t> confusion;
    while (data.next(batch)) {
        auto x = batch.images.to(m_device);
        auto logits = m_model->forward(x).to(torch::kCPU).to(torch::kFloat32);
        if (numClasses <= 0)
            numClasses = static_cast<int>(logits.size(1));
        if (confusion.empty())
            confusion.assign(static_cast<std::size_t>(numClasses) * numClasses, 0);
        auto logp = torch::log_softmax(logits, 1);
        auto y = batch.labels;
        auto losses = -logp.gather(1, y.unsqueeze(1)).squeeze(1);
        auto [conf, pred] = logp.max(1);
        conf = conf.exp();
        const int k = std::min<int>(5, static_cast<int>(logits.size(1)));
        auto [topLogp, topk] = logp.topk(k, 1);
        auto inTop = topk.eq(y.unsqueeze(1)).any(1);
        auto topP = topLogp.exp();
        auto tka = topk.accessor<std::int64_t, 2>();
        auto tpa = topP.accessor<float, 2>();

        const std::int64_t n = y.size(0);
        auto ya = y.accessor<std::int64_t, 1>();
        auto pa = pred.accessor<std::int64_t, 1>();
        auto ca = conf.accessor<float, 1>();
        auto la = losses.accessor<float, 1>();
        auto ta = inTop.accessor<bool, 1>();
        auto ia = batch.indices.accessor<std::int64_t, 1>();
        for (std::int64_t i = 0; i < n; ++i) {
            const auto t = ya[i], p = pa[i];
            if (t < 0 || t >= numClasses)
                throw Error("label " + std::to_string(t) + " outside the model's " +
                            std::to_string(numClasses) + " classes");
            lossSum += la[i];
            correct += t == p;
            top5 += ta[i];
            if (p < numClasses)
                ++confusion[static_cast<std::size_t>(t * numClasses + p)];
            if (keepPredictions) {
                Prediction pr{ia[i], static_cast<int>(t), static_cast<int>(p), ca[i], la[i], {},
                              {}};
                pr.topClasses.fill(-1);
                pr.topProbabilities.fill(0.f);
                for (int j = 0; j < k; ++j) {
                    pr.topClasses[std::size_t(j)] = static_cast<int>(tka[i][j]);
                    pr.topProbabilities[std::size_t(j)] = tpa[i][j];
                }
                e.predictions.push_back(pr);
            }
        }
        e.count += n;
    }
    m_model->train(wasTraining);
    e.numClasses = numClasses;
    e.confusion = confusion.empty()
                      ? std::vector<std::int64_t>(
                            std::size_t(std::max(numClasses, 0)) * std::max(numClasses, 0), 0)
                      : confusion;
    if (e.count > 0) {
        e.loss = lossSum / double(e.count);
        e.accuracy = double(correct) / double(e.count);
        e.top5Accuracy = double(top5) / double(e.count);
    }
    computeClassMetrics(e);
    return e;
}

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

} // namespace tl::train
