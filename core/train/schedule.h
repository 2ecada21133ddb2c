#pragma once

#include "train/training_types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace torch::optim {
class Optimizer;
}

namespace tl::train {

// Where a "has it improved?" watch stands; saved with the stage so a resumed run goes on alike.
struct MonitorState
{
    double best = 0.0;
    bool seen = false; // `best` holds a value
    int wait = 0;      // epochs since the last improvement
};

// One rule for "better / wait / patience", shared by ReduceLROnPlateau and early stopping (as
// Keras' callbacks do): accuracy-like metrics improve upwards, losses downwards.
class Monitor
{
public:
    Monitor(std::string metric, int patience, MonitorState &state);
    // Records epoch `m`: true when it improved on the best so far (the wait starts again),
    // otherwise one more epoch of waiting.
    bool improved(const EpochMetrics &m);
    bool patienceExhausted() const { return m_state.wait >= m_patience; }
    void restartWait() { m_state.wait = 0; }
    const std::string &metric() const { return m_metric; }

    // The metric's value in `m` (validation metrics fall back to training ones without a
    // validation split).
    static double value(const EpochMetrics &m, const std::string &metric);
    static bool higherIsBetter(const std::string &metric);

private:
    std::string m_metric;
    int m_patience;
    MonitorState &m_state;
};

// The learning rate an epoch-based schedule gives at `epoch` (0-based) of `epochs`.
double scheduledLr(const ScheduleConfig &s, double baseLr, int epoch, int epochs);
// torch.optim.lr_scheduler.OneCycleLR's factor at fraction `t` of the stage.
double oneCycleFactor(double t);

// A stage's learning rate over time: the epoch schedule (step, cosine), per-batch one-cycle and
// warm-up, and the plateau factor, applied to every parameter group relative to its base rate.
class LrSchedule
{
public:
    LrSchedule(const ScheduleConfig &config, torch::optim::Optimizer &optimizer, int epochs,
               std::int64_t batchesPerEpoch, double &plateauFactor, MonitorState &plateau);
    // Before epoch `epoch` (1-based within the stage).
    void startEpoch(int epoch);
    // Before the optimizer step numbered `stageStep` (0-based within the stage).
    void beforeStep(std::int64_t stageStep);
    // After an epoch's metrics are known: the plateau rule. Returns the new rate when it was
    // reduced, 0 otherwise.
    double endEpoch(const EpochMetrics &m);
    double current() const;

private:
    void apply(double factor);
    const ScheduleConfig &m_config;
    torch::optim::Optimizer &m_optimizer;
    int m_epochs;
    std::int64_t m_batches;
    double &m_plateauFactor;
    Monitor m_plateau;
    std::vector<double> m_baseLr;
    double m_epochFactor = 1.0;
};

} // namespace tl::train
