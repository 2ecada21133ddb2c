#include "train/schedule.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace tl::train {

Monitor::Monitor(std::string metric, int patience, MonitorState &state)
    : m_metric(std::move(metric)), m_patience(patience), m_state(state)
{
}

double Monitor::value(const EpochMetrics &m, const std::string &metric)
{
    if (metric == "val_accuracy")
        return m.hasValidation ? m.valAccuracy : m.trainAccuracy;
    if (metric == "val_loss")
        return m.hasValidation ? m.valLoss : m.trainLoss;
    if (metric == "train_accuracy")
        return m.trainAccuracy;
    return m.trainLoss;
}

bool Monitor::higherIsBetter(const std::string &metric)
{
    return metric.find("accuracy") != std::string::npos;
}

bool Monitor::improved(const EpochMetrics &m)
{
    const double v = value(m, m_metric);
    const bool better =
        !m_state.seen || (higherIsBetter(m_metric) ? v > m_state.best : v < m_state.best);
    if (better) {
        m_state.best = v;
        m_state.seen = true;
        m_state.wait = 0;
    } else {
        ++m_state.wait;
    }
    return better;
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

double oneCycleFactor(double t)
{
    // OneCycleLR's defaults: 30 % warm-up from lr/25, cosine annealing to lr/25/1e4.
    const double start = 1.0 / 25.0, end = start / 1e4, pct = 0.3;
    auto cosine = [](double a, double b, double x) {
        return b + (a - b) * 0.5 * (1.0 + std::cos(M_PI * x));
    };
    return t < pct ? cosine(start, 1.0, t / pct) : cosine(1.0, end, (t - pct) / (1.0 - pct));
}

LrSchedule::LrSchedule(const ScheduleConfig &config, torch::optim::Optimizer &optimizer,
                       int epochs, std::int64_t batchesPerEpoch, double &plateauFactor,
                       MonitorState &plateau)
    : m_config(config), m_optimizer(optimizer), m_epochs(epochs),
      m_batches(std::max<std::int64_t>(1, batchesPerEpoch)), m_plateauFactor(plateauFactor),
      m_plateau(config.monitor, config.patience, plateau)
{
    for (auto &g : m_optimizer.param_groups())
        m_baseLr.push_back(g.options().get_lr());
}

void LrSchedule::apply(double factor)
{
    auto &groups = m_optimizer.param_groups();
    for (std::size_t g = 0; g < groups.size(); ++g)
        groups[g].options().set_lr(m_baseLr[g] * factor);
}

void LrSchedule::startEpoch(int epoch)
{
    m_epochFactor = scheduledLr(m_config, 1.0, epoch - 1, m_epochs) * m_plateauFactor;
    apply(m_epochFactor);
}

void LrSchedule::beforeStep(std::int64_t stageStep)
{
    const bool oneCycle = m_config.type == "onecycle";
    if (!oneCycle && m_config.warmupEpochs <= 0)
        return;
    const std::int64_t total = std::int64_t(m_epochs) * m_batches;
    double f = oneCycle ? oneCycleFactor(double(stageStep) / double(total)) : m_epochFactor;
    const std::int64_t warmupSteps = std::int64_t(m_config.warmupEpochs) * m_batches;
    if (stageStep < warmupSteps)
        f *= 0.01 + 0.99 * double(stageStep) / double(warmupSteps);
    apply(f);
}

double LrSchedule::endEpoch(const EpochMetrics &m)
{
    // Keras' ReduceLROnPlateau: after `patience` epochs without improvement, lr *= factor.
    if (m_config.type != "plateau" || m_plateau.improved(m) || !m_plateau.patienceExhausted())
        return 0.0;
    m_plateauFactor =
        std::max(m_plateauFactor * m_config.factor, m_config.minLr / m_baseLr.front());
    m_plateau.restartWait();
    return m_baseLr.front() * m_plateauFactor;
}

double LrSchedule::current() const
{
    const auto &groups = m_optimizer.param_groups();
    return groups.empty() ? 0.0 : groups.front().options().get_lr();
}

} // namespace tl::train
