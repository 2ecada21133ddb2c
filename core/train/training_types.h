#pragma once

#include "models/layer_view.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tl::train {

struct OptimizerConfig
{
    std::string name = "adam"; // sgd | adam | adamw | rmsprop
    double lr = 1e-3;
    double momentum = 0.0;    // sgd, rmsprop
    bool nesterov = false;    // sgd
    double weightDecay = 0.0; // coupled (sgd, adam, rmsprop) or decoupled (adamw)
    double beta1 = 0.9;       // adam, adamw
    double beta2 = 0.999;
    double eps = 1e-8;
};

// Learning-rate schedule of a stage. Epoch-based ones change the rate between epochs; one-cycle
// and warm-up change it every batch.
struct ScheduleConfig
{
    std::string type = "none";        // none | step | cosine | onecycle | plateau
    int stepSize = 10;                // step: epochs between decays
    double gamma = 0.1;               // step: decay factor
    double factor = 0.5;              // plateau: decay factor (Keras' ReduceLROnPlateau)
    int patience = 1;                 // plateau: epochs without improvement before decaying
    std::string monitor = "val_loss"; // plateau: val_loss | val_accuracy | train_loss
    double minLr = 0.0;               // cosine and plateau floor
    int warmupEpochs = 0;             // linear warm-up from lr/100 over these epochs (per batch)
};

struct EarlyStoppingConfig
{
    bool enabled = false;
    std::string monitor = "val_accuracy"; // val_accuracy | val_loss | train_loss
    int patience = 3;
    bool restoreBest = true; // Keras' restore_best_weights
};

// Throttled (about every 100 ms) progress of the running epoch.
struct BatchProgress
{
    int stage = 0;
    int epoch = 0; // 1-based within the stage
    int globalEpoch =
        0; // 1-based across stages (the x of a chart: globalEpoch - 1 + batch/batches)
    int epochs = 0;
    std::int64_t batch = 0; // batches done in this epoch
    std::int64_t batches = 0;
    std::int64_t globalStep = 0;
    double loss = 0.0; // running mean over the epoch so far
    double accuracy = 0.0;
    double lastLoss = 0.0; // of the most recent batch
    // Over the batches since the previous report (progress is reported a few times a second):
    // what a per-batch curve plots, unlike the running means above.
    double recentLoss = 0.0;
    double recentAccuracy = 0.0;
    double learningRate = 0.0;
    double imagesPerSecond = 0.0;
    double elapsedSeconds = 0.0; // in this epoch
    double etaSeconds = 0.0;     // until the end of the stage
};

struct EpochMetrics
{
    int stage = 0;
    std::string stageName;
    int epoch = 0;       // 1-based within the stage
    int globalEpoch = 0; // 1-based across stages
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    bool hasValidation = false;
    double valLoss = 0.0;
    double valAccuracy = 0.0;
    double learningRate = 0.0;
    double seconds = 0.0;             // training part of the epoch
    double imagesPerSecond = 0.0;     // training images per second
    std::int64_t trainableParams = 0; // during this epoch (stages freeze differently)
    // How often the model predicted each class on this epoch's training batches (not stored in
    // metrics.csv): a model that predicts one class for everything has collapsed.
    std::vector<std::int64_t> predictedCounts;
    // The same on the validation images after the epoch, when validated (not in metrics.csv).
    std::vector<std::int64_t> valPredictedCounts;
    // Test-set confusion matrix after this epoch (row-major, true x predicted), when tracked:
    // lets the GUI scrub the matrix through training.
    std::vector<std::int64_t> testConfusion;
};

struct ClassMetrics
{
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::int64_t support = 0;
};

struct Prediction
{
    std::int64_t index = 0; // position in the evaluated set's source (the test file's index)
    int trueLabel = 0;
    int predicted = 0;
    float confidence = 0.f;                              // softmax probability of `predicted`
    float loss = 0.f;                                    // cross-entropy of this sample
    std::array<int, 5> topClasses{{-1, -1, -1, -1, -1}}; // most probable classes, best first
    std::array<float, 5> topProbabilities{{0, 0, 0, 0, 0}};
};

struct Evaluation
{
    int numClasses = 0;
    std::int64_t count = 0;
    double loss = 0.0;
    double accuracy = 0.0;
    double top5Accuracy = 0.0;
    std::vector<std::int64_t> confusion; // row = true class, column = predicted, row-major
    std::vector<ClassMetrics> perClass;
    std::vector<Prediction> predictions;
    bool complete = true; // false: a stop ended the pass before its last batch

    std::int64_t at(int trueLabel, int predicted) const
    {
        return confusion[static_cast<std::size_t>(trueLabel) * numClasses + predicted];
    }
};

// Fills perClass from confusion (precision = tp / predicted, recall = tp / support).
void computeClassMetrics(Evaluation &e);
// How often each class was predicted: the confusion matrix's column sums.
std::vector<std::int64_t> predictedCounts(const Evaluation &e);

// Progress of a pass that is not training: validation, the per-epoch confusion pass, the test
// evaluation, feature extraction (throttled like BatchProgress).
struct PhaseProgress
{
    std::string phase;     // "validation", "confusion", "test", "features"
    std::int64_t done = 0; // samples
    std::int64_t total = 0;
};

struct FitResult
{
    std::vector<EpochMetrics> epochs;
    bool stopped = false;
    // The stop came during the end-of-epoch passes: the last epoch trained completely and its
    // state was saved (the weights are that epoch's, not a partial one's).
    bool stoppedAfterEpoch = false;
    bool stoppedEarly = false; // early stopping ended the stage
    int bestEpoch = 0;         // 1-based within the stage, when early stopping ran
    double seconds = 0.0;
    double imagesPerSecond = 0.0;
};

// One layer seen from inside during training: models/layer_view.h (the model computes it).
using NetworkView = models::NetworkView;

// Reports from the training thread. Implementations must be cheap and must not touch widgets:
// the GUI's adapter turns each call into a queued signal.
class TrainingObserver
{
public:
    virtual ~TrainingObserver() = default;
    virtual void onStageStarted(int /*stage*/, const std::string & /*name*/, int /*epochs*/) {}
    virtual void onBatch(const BatchProgress &) {}
    virtual void onEpoch(const EpochMetrics &) {}
    virtual void onPhase(const PhaseProgress &) {}
    virtual void onMessage(const std::string &) {}
    // Something a teacher should see now, with what to try (train/training_hints.h).
    virtual void onWarning(const std::string &) {}
    // After an epoch, when RunControl::liveView() is on.
    virtual void onNetworkView(const NetworkView &) {}
};

} // namespace tl::train
