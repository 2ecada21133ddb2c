#pragma once

#include "train/training_types.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tl::train {

// Warnings a teacher wants while a run trains, each short and with what to try. Fed with the
// run's own progress; each kind is said once per run (a warning that repeats every batch is
// noise in front of a class). Pure logic, no threads: the run owns one (runs::Recorder), sends
// what it says to the window and the CLI through TrainingObserver::onWarning and records it in
// summary.json.
struct TrainingHint
{
    enum class Kind {
        LearningRateTooHigh,
        OneClass,     // on the validation images (training batches without them)
        OneClassTest, // on the test images, after training
        Overfitting,
        FrozenRandomWeights
    };
    Kind kind;
    std::string text;
    int epoch = 0; // global epoch it was seen in (0: before training)
};

// summary.json's name for a kind: "loss_rising", "one_class", "one_class_test", "overfitting",
// "frozen_random_weights".
std::string hintKindName(TrainingHint::Kind kind);

struct HintContext
{
    HintContext(int classes = 0, std::vector<std::string> names = {}, std::int64_t frozenRandom = 0)
        : numClasses(classes), classNames(std::move(names)), frozenRandomParams(frozenRandom)
    {
    }

    int numClasses = 0;
    std::vector<std::string> classNames;
    // Frozen parameters that were never trained (random weights with a frozen part).
    std::int64_t frozenRandomParams = 0;
    // The run's epochs before this process (a resumed run): the loss is judged against the
    // run's own history, not against a start it no longer has.
    std::vector<EpochMetrics> history;
};

class TrainingHints
{
public:
    explicit TrainingHints(HintContext context = {});

    // At the start of a run: frozen random weights.
    std::optional<TrainingHint> onStart();
    // The loss far above both chance and the lowest loss this run has reached (or not a number
    // any more): the learning rate is too high.
    std::optional<TrainingHint> onBatch(const BatchProgress &p);
    // One class predicted for almost every validation image (training batches without a
    // validation split); validation loss rising while training loss falls.
    std::optional<TrainingHint> onEpoch(const EpochMetrics &m);
    // The run warned that frozen layers have random weights (said elsewhere): a one-class
    // warning then names them as the cause, not the learning rate.
    void setFrozenRandom(bool on) { m_frozenRandom = on; }
    // One class predicted for almost every test image.
    std::optional<TrainingHint> onTest(const Evaluation &test, int globalEpoch);

    // Thresholds, named so tests and the README can quote them.
    static constexpr double kRisingFactor = 3.0;    // loss above 3x max(chance, lowest so far)
    static constexpr int kReportsBeforeJudging = 5; // progress reports seen first
    static constexpr double kOneClassShare = 0.9;   // 90 % of predictions are one class
    static constexpr int kOverfitEpochs = 2;        // validation loss up 2 epochs in a row

private:
    std::optional<TrainingHint> once(TrainingHint::Kind kind, std::string text, int epoch);
    std::optional<TrainingHint> oneClass(const std::vector<std::int64_t> &counts,
                                         const std::string &images, double learningRate, int epoch,
                                         TrainingHint::Kind kind = TrainingHint::Kind::OneClass);

    HintContext m_context;
    std::vector<TrainingHint::Kind> m_said;
    double m_lowestLoss = -1.0; // of this run, its history included
    int m_reports = 0;
    int m_risingEpochs = 0;
    double m_learningRate = 0.0;
    bool m_frozenRandom = false;
    std::optional<EpochMetrics> m_previous;
};

} // namespace tl::train
