#pragma once

#include "models/network.h"
#include "train/batch_source.h"
#include "train/run_control.h"
#include "train/training_types.h"

#include <torch/types.h>

#include <functional>
#include <map>
#include <memory>

namespace torch::optim {
class Optimizer;
}

namespace tl::train {

// Where a stage stands between two epochs: with the model's weights, enough to continue it
// exactly as if it had never stopped (saved in a run's state file after every epoch).
struct StageState
{
    int epochsDone = 0;
    bool finished = false; // early stopping ended the stage
    // ReduceLROnPlateau
    double plateauFactor = 1.0;
    double plateauBest = 0.0;
    int plateauWait = 0;
    bool plateauSeen = false;
    // Early stopping
    double best = 0.0;
    bool bestSeen = false;
    int sinceBest = 0;
    int bestEpoch = 0;
    std::vector<torch::Tensor> bestWeights; // the best epoch's parameters then buffers, on the CPU
    // The optimizer's per-parameter state, "<parameter name>/<slot>", on the CPU.
    std::string optimizerName;
    std::map<std::string, torch::Tensor> optimizer;
};

// CUDA-only speed-ups; every one is a no-op on the CPU.
struct DeviceOptions
{
    bool mixedPrecision = false; // autocast to float16 with dynamic loss scaling
    bool channelsLast = false;   // NHWC memory format for 4-D weights and inputs
    bool cudnnBenchmark = true;  // let cuDNN pick the fastest convolution algorithms
};

struct FitOptions
{
    int stage = 0;
    std::string stageName = "train";
    int epochs = 1;
    int firstGlobalEpoch = 1;
    OptimizerConfig optimizer;
    ScheduleConfig schedule;
    EarlyStoppingConfig earlyStopping;
    double labelSmoothing = 0.0;
    double gradClip = 0.0; // max global gradient norm; 0: off
    // Learning rate of the backbone relative to the head (the model's last top-level module);
    // 1: one group. Fine-tuning often uses 0.1.
    double backboneLrMultiplier = 1.0;
    double progressInterval = 0.1; // seconds between onBatch reports
    // When set, evaluated after every epoch for EpochMetrics::testConfusion.
    BatchSource *trackConfusionOn = nullptr;
    int numClasses = 0;
    // Continue the stage from this state (epochs already done, optimizer, schedules).
    const StageState *resume = nullptr;
    // Called with the state to save after every completed epoch, and once more with `finished`
    // when early stopping ends the stage (after restoring the best weights).
    std::function<void(const StageState &)> onEpochState;
    // The sources hold the body's features (feature caching): only the head runs.
    bool headOnly = false;
};

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &config,
                                                       const std::vector<torch::Tensor> &params);
// Two parameter groups: `backbone` at lr * multiplier, `head` at lr (either may be empty).
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &config,
                                                       const std::vector<torch::Tensor> &backbone,
                                                       const std::vector<torch::Tensor> &head,
                                                       double multiplier);
// The learning rate an epoch-based schedule gives at `epoch` (0-based) of `epochs`.
double scheduledLr(const ScheduleConfig &s, double baseLr, int epoch, int epochs);

// Trains and evaluates one model on one device. Runs on whatever thread calls it (the CLI's
// main thread, the GUI's worker thread); reports through the observer, obeys the RunControl
// at every batch.
class Trainer
{
public:
    Trainer(std::shared_ptr<models::NetworkImpl> model, torch::Device device,
            TrainingObserver *observer = nullptr, RunControl *control = nullptr);

    FitResult fit(BatchSource &train, BatchSource *validation, const FitOptions &options);
    // Loss, accuracy, top-5, confusion matrix, per-class metrics and (optionally) one
    // Prediction per sample. `numClasses` sizes the confusion matrix.
    Evaluation evaluate(BatchSource &data, int numClasses, bool keepPredictions);

    models::NetworkImpl &model() { return *m_model; }
    torch::Device device() const { return m_device; }
    std::int64_t globalStep() const { return m_globalStep; }
    void setGlobalStep(std::int64_t step) { m_globalStep = step; }
    void setDeviceOptions(const DeviceOptions &options);
    // Evaluation runs only the head: the source holds the body's features.
    void setHeadOnly(bool headOnly) { m_headOnly = headOnly; }
    // The body's output (the head's input) for every sample of `data`, in its order, on the CPU.
    torch::Tensor extractFeatures(BatchSource &data);

private:
    std::shared_ptr<models::NetworkImpl> m_model;
    torch::Device m_device;
    TrainingObserver *m_observer;
    RunControl *m_control;
    RunControl m_ownControl;
    std::int64_t m_globalStep = 0;
    DeviceOptions m_deviceOptions;
    bool m_headOnly = false;
    torch::Tensor forward(const torch::Tensor &x);
};

// The optimizer's per-parameter state by parameter name (see StageState::optimizer), and back.
// Parameters without saved state start fresh; saved entries for parameters the optimizer does
// not hold (now frozen) are ignored.
std::map<std::string, torch::Tensor> optimizerState(torch::optim::Optimizer &optimizer,
                                                    const std::string &name,
                                                    models::NetworkImpl &model);
void loadOptimizerState(torch::optim::Optimizer &optimizer, const std::string &name,
                        models::NetworkImpl &model,
                        const std::map<std::string, torch::Tensor> &state);

// "cuda" when available (or asked for), else "cpu"; tl::Error for an unusable request.
torch::Device chooseDevice(const std::string &request);
std::string deviceDescription(const torch::Device &device);

} // namespace tl::train
