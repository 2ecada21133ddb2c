#pragma once

#include "models/network.h"
#include "train/batch_source.h"
#include "train/run_control.h"
#include "train/training_types.h"

#include <torch/types.h>

#include <memory>

namespace torch::optim {
class Optimizer;
}

namespace tl::train {

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

private:
    std::shared_ptr<models::NetworkImpl> m_model;
    torch::Device m_device;
    TrainingObserver *m_observer;
    RunControl *m_control;
    RunControl m_ownControl;
    std::int64_t m_globalStep = 0;
};

// "cuda" when available (or asked for), else "cpu"; tl::Error for an unusable request.
torch::Device chooseDevice(const std::string &request);
std::string deviceDescription(const torch::Device &device);

} // namespace tl::train
