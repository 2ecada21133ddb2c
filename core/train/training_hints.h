#pragma once

#include "train/training_types.h"

#include <optional>
#include <string>
#include <vector>

namespace tl::train {

// Warnings a teacher wants while a run trains, each short and with what to try. Fed with the
// same progress the charts get; each kind is said once per run (a warning that repeats every
// batch is noise in front of a class). Pure logic, no threads: the window and the CLI each own
// one.
struct TrainingHint
{
    enum class Kind { LearningRateTooHigh, OneClass, Overfitting, FrozenRandomWeights };
    Kind kind;
    std::string text;
};

struct HintContext
{
    int numClasses = 0;
    std::vector<std::string> classNames;
    // Frozen parameters that were never trained (random weights with a frozen part).
    std::int64_t frozenRandomParams = 0;
};

class TrainingHints
{
public:
    explicit TrainingHints(HintContext context = {});

    // At the start of a run: frozen random weights.
    std::optional<TrainingHint> onStart();
    // The loss rising far above where it started: the learning rate is too high.
    std::optional<TrainingHint> onBatch(const BatchProgress &p);
    // One class predicted for almost everything; validation loss rising while training loss
    // falls.
    std::optional<TrainingHint> onEpoch(const EpochMetrics &m);

    // Thresholds, named so tests and the README can quote them.
    static constexpr double kRisingFactor = 3.0;     // loss above 3x its starting value
    static constexpr int kReportsBeforeJudging = 5;  // progress reports seen first
    static constexpr double kOneClassShare = 0.9;    // 90 % of predictions are one class
    static constexpr int kOverfitEpochs = 2;         // validation loss up 2 epochs in a row

private:
    std::optional<TrainingHint> once(TrainingHint::Kind kind, std::string text);

    HintContext m_context;
    std::vector<TrainingHint::Kind> m_said;
    double m_startLoss = -1.0;
    int m_reports = 0;
    int m_risingEpochs = 0;
    std::optional<EpochMetrics> m_previous;
};

} // namespace tl::train
