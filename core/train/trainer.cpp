#include "train/trainer.h"

#include "error.h"

#include <torch/torch.h>

#include <ATen/autocast_mode.h>

#include <chrono>
#include <cmath>
#include <math.h>
#include <set>

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
    struct HeadOnlyGuard
    {
        bool &flag;
        bool saved;
        ~HeadOnlyGuard() { flag = saved; }
    } headOnlyGuard{m_headOnly, m_headOnly};
    m_headOnly = o.headOnly;
    auto optimizer = makeOptimizer(o.optimizer, backbone, head, o.backboneLrMultiplier);
    if (o.resume && !o.resume->optimizer.empty()) {
        if (o.resume->optimizerName == o.optimizer.name)
            loadOptimizerState(*optimizer, o.optimizer.name, *m_model, o.resume->optimizer);
        else if (m_observer)
            m_observer->onMessage("the saved " + o.resume->optimizerName + " state does not fit " +
                                  o.optimizer.name + "; the optimizer starts fresh");
    }
    std::vector<double> baseLr;
    for (auto &g : optimizer->param_groups())
        baseLr.push_back(g.options().get_lr());
    auto setLr = [&](double factor) {
        auto &groups = optimizer->param_groups();
        for (std::size_t g = 0; g < groups.size(); ++g)
            groups[g].options().set_lr(baseLr[g] * factor);
    };
    // Schedules and early stopping (its best weights kept on the CPU); continued when resuming.
    StageState st = o.resume ? *o.resume : StageState{};
    st.optimizer.clear();
    double &plateauFactor = st.plateauFactor, &plateauBest = st.plateauBest, &best = st.best;
    int &plateauWait = st.plateauWait, &sinceBest = st.sinceBest;
    bool &plateauSeen = st.plateauSeen, &bestSeen = st.bestSeen;
    std::vector<torch::Tensor> &bestState = st.bestWeights;
    result.bestEpoch = st.bestEpoch;
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
    std::int64_t stageStep =
        std::int64_t(st.epochsDone) * std::max<std::int64_t>(1, train.batchesPerEpoch());
    auto nn_options =
        torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(o.labelSmoothing);
    if (m_observer)
        m_observer->onStageStarted(o.stage, o.stageName, o.epochs);

    const auto stageStart = Clock::now();
    std::int64_t stageImages = 0;
    const std::int64_t batches = train.batchesPerEpoch();
    const bool amp = m_deviceOptions.mixedPrecision && m_device.is_cuda() && !o.headOnly;
    torch::Tensor lossScale, growthTracker, foundInf;
    if (amp) {
        auto f32 = torch::TensorOptions().dtype(torch::kFloat32).device(m_device);
        lossScale = torch::full({1}, 65536.0, f32);
        growthTracker = torch::zeros({1}, f32.dtype(torch::kInt32));
        foundInf = torch::zeros({1}, f32);
    }
    for (int epoch = st.epochsDone + 1; epoch <= o.epochs; ++epoch) {
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
            if (m_deviceOptions.channelsLast && m_device.is_cuda() && x.dim() == 4)
                x = x.contiguous(at::MemoryFormat::ChannelsLast);
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
            torch::Tensor logits, loss;
            if (amp) {
                at::autocast::set_enabled(true);
                logits = forward(x);
                at::autocast::set_enabled(false);
                at::autocast::clear_cache();
                logits = logits.to(torch::kFloat32);
            } else {
                logits = forward(x);
            }
            loss = torch::nn::functional::cross_entropy(logits, y, nn_options);
            torch::Tensor total = loss;
            if (auto reg = m_model->regularizationLoss(); reg.defined())
                total = loss + reg;
            if (amp) {
                // Dynamic loss scaling, as torch.cuda.amp.GradScaler: scale, unscale, skip the
                // step when a gradient overflowed, then grow or shrink the scale.
                (total * lossScale).backward();
                std::vector<torch::Tensor> grads;
                for (auto &p : params)
                    if (p.grad().defined())
                        grads.push_back(p.grad());
                foundInf.zero_();
                at::_amp_foreach_non_finite_check_and_unscale_(grads, foundInf,
                                                               lossScale.reciprocal());
                if (o.gradClip > 0)
                    torch::nn::utils::clip_grad_norm_(params, o.gradClip);
                if (foundInf.item<float>() == 0.f)
                    optimizer->step();
                at::_amp_update_scale_(lossScale, growthTracker, foundInf, 2.0, 0.5, 2000);
            } else {
                total.backward();
                if (o.gradClip > 0)
                    torch::nn::utils::clip_grad_norm_(params, o.gradClip);
                optimizer->step();
            }

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
        for (const auto &p : params)
            m.trainableParams += p.numel();
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
        st.epochsDone = epoch;
        if (o.onEpochState) {
            st.bestEpoch = result.bestEpoch;
            st.optimizerName = o.optimizer.name;
            st.optimizer = optimizerState(*optimizer, o.optimizer.name, *m_model);
            o.onEpochState(st);
            st.optimizer.clear();
        }
        if (m_control->stopRequested()) {
            result.stopped = true;
            break;
        }
    }
    if (o.earlyStopping.enabled && o.earlyStopping.restoreBest && !bestState.empty() &&
        !result.epochs.empty() && result.bestEpoch != result.epochs.back().epoch) {
        restore();
        if (m_observer)
            m_observer->onMessage("restored the weights of epoch " +
                                  std::to_string(result.bestEpoch) + " (best " +
                                  o.earlyStopping.monitor + ")");
    }
    if (result.stoppedEarly && o.onEpochState) {
        st.epochsDone = result.epochs.back().epoch;
        st.finished = true;
        st.bestEpoch = result.bestEpoch;
        st.optimizerName = o.optimizer.name;
        st.optimizer = optimizerState(*optimizer, o.optimizer.name, *m_model);
        o.onEpochState(st);
    }
    result.seconds = secondsSince(stageStart);
    double trainSeconds = 0;
    for (const auto &e : result.epochs)
        trainSeconds += e.seconds;
    result.imagesPerSecond = trainSeconds > 0 ? double(stageImages) / trainSeconds : 0.0;
    return result;
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
    torch::NoGradGuard noGrad;
    const bool wasTraining = m_model->is_training();
    m_model->eval();
    std::vector<torch::Tensor> parts;
    data.startEpoch(0);
    Batch batch;
    while (data.next(batch)) {
        if (m_control->stopRequested())
            break;
        auto x = batch.images.to(m_device);
        if (m_deviceOptions.channelsLast && m_device.is_cuda() && x.dim() == 4)
            x = x.contiguous(at::MemoryFormat::ChannelsLast);
        parts.push_back(m_model->forwardBody(x).to(torch::kCPU).contiguous());
    }
    m_model->train(wasTraining);
    return parts.empty() ? torch::Tensor() : torch::cat(parts);
}

namespace {

// Each optimizer's per-parameter slots, by name.
template <class State> State *stateAs(torch::optim::OptimizerParamState *s)
{
    return dynamic_cast<State *>(s);
}

void putTensor(std::map<std::string, torch::Tensor> &out, const std::string &key,
               const torch::Tensor &t)
{
    if (t.defined())
        out[key] = t.detach().to(torch::kCPU).clone();
}

torch::Tensor getTensor(const std::map<std::string, torch::Tensor> &in, const std::string &key,
                        const torch::Tensor &like)
{
    auto it = in.find(key);
    if (it == in.end())
        return {};
    if (!it->second.sizes().equals(like.sizes()))
        throw Error("saved optimizer state " + key + " does not fit the parameter's shape");
    return it->second.to(like.options()).clone();
}

// Adam and AdamW keep the same slots in different types.
template <class State>
void putAdam(std::map<std::string, torch::Tensor> &out, const std::string &k, State &s)
{
    out[k + "step"] = torch::full({1}, s.step(), torch::kInt64);
    putTensor(out, k + "exp_avg", s.exp_avg());
    putTensor(out, k + "exp_avg_sq", s.exp_avg_sq());
    putTensor(out, k + "max_exp_avg_sq", s.max_exp_avg_sq());
}

template <class State>
std::unique_ptr<State> adamState(std::int64_t step, const torch::Tensor &avg,
                                 const torch::Tensor &sq, const torch::Tensor &mx)
{
    auto s = std::make_unique<State>();
    s->step(step);
    s->exp_avg(avg);
    s->exp_avg_sq(sq);
    if (mx.defined())
        s->max_exp_avg_sq(mx);
    return s;
}

std::int64_t getStep(const std::map<std::string, torch::Tensor> &in, const std::string &key)
{
    auto it = in.find(key);
    return it == in.end() ? 0 : it->second.item<std::int64_t>();
}

} // namespace

std::map<std::string, torch::Tensor> optimizerState(torch::optim::Optimizer &optimizer,
                                                    const std::string &name,
                                                    models::NetworkImpl &model)
{
    std::map<std::string, torch::Tensor> out;
    auto &state = optimizer.state();
    for (const auto &np : model.named_parameters()) {
        auto it = state.find(c10::guts::to_string(np.value().unsafeGetTensorImpl()));
        if (it == state.end())
            continue;
        const std::string k = np.key() + "/";
        auto *raw = it->second.get();
        if (name == "sgd") {
            if (auto *s = stateAs<torch::optim::SGDParamState>(raw))
                putTensor(out, k + "momentum_buffer", s->momentum_buffer());
        } else if (name == "adam") {
            if (auto *s = stateAs<torch::optim::AdamParamState>(raw))
                putAdam(out, k, *s);
        } else if (name == "adamw") {
            if (auto *s = stateAs<torch::optim::AdamWParamState>(raw))
                putAdam(out, k, *s);
        } else if (name == "rmsprop") {
            if (auto *s = stateAs<torch::optim::RMSpropParamState>(raw)) {
                out[k + "step"] = torch::full({1}, s->step(), torch::kInt64);
                putTensor(out, k + "square_avg", s->square_avg());
                putTensor(out, k + "momentum_buffer", s->momentum_buffer());
                putTensor(out, k + "grad_avg", s->grad_avg());
            }
        }
    }
    return out;
}

void loadOptimizerState(torch::optim::Optimizer &optimizer, const std::string &name,
                        models::NetworkImpl &model, const std::map<std::string, torch::Tensor> &in)
{
    std::set<const void *> held;
    for (const auto &g : optimizer.param_groups())
        for (const auto &p : g.params())
            held.insert(p.unsafeGetTensorImpl());
    auto &state = optimizer.state();
    for (const auto &np : model.named_parameters()) {
        const torch::Tensor &p = np.value();
        if (!held.count(p.unsafeGetTensorImpl()))
            continue;
        const std::string k = np.key() + "/";
        const std::string key = c10::guts::to_string(p.unsafeGetTensorImpl());
        if (name == "sgd") {
            auto buffer = getTensor(in, k + "momentum_buffer", p);
            if (!buffer.defined())
                continue;
            auto s = std::make_unique<torch::optim::SGDParamState>();
            s->momentum_buffer(buffer);
            state[key] = std::move(s);
        } else if (name == "adam" || name == "adamw") {
            auto avg = getTensor(in, k + "exp_avg", p), sq = getTensor(in, k + "exp_avg_sq", p);
            if (!avg.defined() || !sq.defined())
                continue;
            auto mx = getTensor(in, k + "max_exp_avg_sq", p);
            const std::int64_t step = getStep(in, k + "step");
            if (name == "adam")
                state[key] = adamState<torch::optim::AdamParamState>(step, avg, sq, mx);
            else
                state[key] = adamState<torch::optim::AdamWParamState>(step, avg, sq, mx);
        } else if (name == "rmsprop") {
            auto sq = getTensor(in, k + "square_avg", p);
            if (!sq.defined())
                continue;
            auto s = std::make_unique<torch::optim::RMSpropParamState>();
            s->step(getStep(in, k + "step"));
            s->square_avg(sq);
            if (auto m = getTensor(in, k + "momentum_buffer", p); m.defined())
                s->momentum_buffer(m);
            if (auto g = getTensor(in, k + "grad_avg", p); g.defined())
                s->grad_avg(g);
            state[key] = std::move(s);
        }
    }
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
        if (m_deviceOptions.channelsLast && m_device.is_cuda() && x.dim() == 4)
            x = x.contiguous(at::MemoryFormat::ChannelsLast);
        auto logits = forward(x).to(torch::kCPU).to(torch::kFloat32);
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
