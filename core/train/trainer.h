#pragma once

#include "platform/cpu_cores.h"

#include "models/network.h"
#include "train/batch_source.h"
#include "train/class_weights.h" // FitOptions::classWeights
#include "train/collective.h"
#include "train/gradient_sync.h"
#include "train/optimizers.h"
#include "train/run_control.h"
#include "train/schedule.h"
#include "train/training_types.h"

#include <torch/types.h>

#include <functional>
#include <map>
#include <memory>
#include <vector>

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
    double plateauFactor = 1.0;
    MonitorState plateau; // ReduceLROnPlateau's watch
    MonitorState early;   // early stopping's watch
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
    // The training loss's weight per class (class_weights.h); empty: unweighted. Validation and
    // test losses are never weighted.
    std::vector<double> classWeights;
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

// Trains and evaluates one model on one device. Runs on whatever thread calls it (the CLI's
// main thread, the GUI's worker thread); reports through the observer, obeys the RunControl
// at every batch of every phase.
class Trainer
{
public:
    Trainer(std::shared_ptr<models::NetworkImpl> model, torch::Device device,
            TrainingObserver *observer = nullptr, RunControl *control = nullptr);

    FitResult fit(BatchSource &train, BatchSource *validation, const FitOptions &options);
    // Loss, accuracy, top-5, confusion matrix, per-class metrics and (optionally) one
    // Prediction per sample. `numClasses` sizes the confusion matrix. Reports progress as
    // `phase`; a stop requested while it runs ends it within a batch (Evaluation::complete
    // false).
    Evaluation evaluate(BatchSource &data, int numClasses, bool keepPredictions,
                        const std::string &phase = "test");

    models::NetworkImpl &model() { return *m_model; }
    torch::Device device() const { return m_device; }
    std::int64_t globalStep() const { return m_globalStep; }
    void setGlobalStep(std::int64_t step) { m_globalStep = step; }
    void setDeviceOptions(const DeviceOptions &options);
    // Evaluation runs only the head: the source holds the body's features.
    void setHeadOnly(bool headOnly) { m_headOnly = headOnly; }
    // Compute threads that follow the load (cpu_cores.h): set at once from what `meter` saw
    // since it started (the data loading), then checked about once a second between batches:
    // as many threads as the `usableCores` other programs leave. Without this the count the
    // caller set stays. Results differ in the last digits between thread counts: a run that
    // must repeat bit for bit fixes the count (ExperimentConfig::threads).
    void setAdaptiveThreads(int usableCores, std::unique_ptr<CpuLoadMeter> meter);
    // The compute threads in use now.
    int threads() const;
    // One rank of a data-parallel run (nullptr or one rank: a single process). The sources then
    // hold this rank's shard (training padded to equal sizes); the trainer averages gradients
    // after every backward (GradientSync), sums each epoch's training metrics, gathers every
    // evaluation so that all ranks see what one process would, and makes every stop a joint
    // decision so that the ranks never part ways.
    void setCollective(Collective *collective) { m_collective = collective; }
    Collective *collective() const { return m_collective; }
    // Whether to stop now: this process's RunControl, or in a data-parallel run the vote of all
    // ranks (a stop asked on any rank is then applied on every rank's RunControl).
    bool agreeToStop();
    // Seconds spent averaging gradients so far, and the bytes each step sends (0 in one process).
    double allReduceSeconds() const { return m_allReduceSeconds; }
    std::int64_t allReduceBytesPerStep() const { return m_allReduceBytes; }
    // The body's output (the head's input) for every sample of `data`, in its order, on the CPU;
    // undefined when a stop ended it early.
    torch::Tensor extractFeatures(BatchSource &data);
    // The same, batch by batch to `sink` (float32, rows x features) instead of kept: false when
    // a stop ended it early.
    bool extractFeaturesTo(BatchSource &data,
                           const std::function<void(const torch::Tensor &)> &sink);

private:
    struct Stage;
    struct EpochRun;
    void loadResumedOptimizer(Stage &stage);
    EpochRun trainEpoch(Stage &stage, BatchSource &train, int epoch);
    EpochMetrics epochMetrics(const Stage &stage, const EpochRun &run, int epoch) const;
    // Validation and the per-epoch confusion pass; false when a stop ended them.
    bool validateEpoch(Stage &stage, BatchSource *validation, EpochMetrics &m);
    // Schedules, early stopping, the saved state; false when the stage ends here.
    bool endEpoch(Stage &stage, const EpochMetrics &m, int epoch, FitResult &result);
    void keepStoppedEpoch(Stage &stage, int epoch, FitResult &result);
    double trainingSeconds(const EpochRun &run) const;
    void saveStageState(Stage &stage, const FitResult &result);
    void finishStage(Stage &stage, FitResult &result);
    void reportBatch(Stage &stage, EpochRun &run, int epoch, const torch::Tensor &lastLoss);
    torch::Tensor toDevice(const torch::Tensor &images) const;
    void adaptThreads(bool force);
    torch::Tensor forward(const torch::Tensor &x);
    void reduceEpoch(EpochRun &run);
    void applyVote(const StopVote &vote);

    std::shared_ptr<models::NetworkImpl> m_model;
    torch::Device m_device;
    TrainingObserver *m_observer;
    RunControl *m_control;
    RunControl m_ownControl;
    Collective *m_collective = nullptr;
    double m_allReduceSeconds = 0.0;
    std::int64_t m_allReduceBytes = 0;
    std::int64_t m_globalStep = 0;
    DeviceOptions m_deviceOptions;
    bool m_headOnly = false;
    int m_usableCores = 0; // adaptive threads when > 0
    std::unique_ptr<CpuLoadMeter> m_load;
};

// The model's parameters then buffers, copied to the CPU (early stopping's best epoch).
std::vector<torch::Tensor> snapshotWeights(models::NetworkImpl &model);
// The best epoch's weights from a state file must be exactly the model's parameters then
// buffers, shape by shape; tl::Error otherwise.
void checkBestWeights(models::NetworkImpl &model, const std::vector<torch::Tensor> &weights);
// Copies a snapshot back (checked as above).
void restoreWeights(models::NetworkImpl &model, const std::vector<torch::Tensor> &weights);

// "cuda" when available (or asked for), else "cpu"; tl::Error for an unusable request.
torch::Device chooseDevice(const std::string &request);
std::string deviceDescription(const torch::Device &device);

} // namespace tl::train
