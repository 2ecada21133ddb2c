#pragma once

#include "data/dataset.h"
#include "experiment/experiment_config.h"
#include "train/collective.h"
#include "train/run_control.h"
#include "train/training_hints.h"
#include "train/training_types.h"

#include <string>
#include <vector>

namespace tl::runs {

struct RunResult
{
    std::string runDir;
    std::string device;
    std::vector<std::string> classNames;
    std::vector<train::EpochMetrics> epochs;
    train::Evaluation test;
    bool stopped = false;
    std::int64_t totalParams = 0;
    std::int64_t trainableParams = 0;
    double seconds = 0.0;         // whole run, data loading included
    double secondsPerEpoch = 0.0; // mean training time of an epoch
    double trainImagesPerSecond = 0.0;
    std::string summaryJson; // what summary.json holds
    // Not finished: aborted (Ctrl-C, the window closing) or stopped during the test pass.
    // state.tlstate holds the last completed epoch; the run can be resumed.
    bool interrupted = false;
    // Stopped before its first epoch completed: nothing was saved (the folder is removed).
    bool discarded = false;
    std::vector<std::string> cachedStages; // stages that trained on cached features
    // The teacher's warnings the run gave (also in summary.json).
    std::vector<train::TrainingHint> warnings;
    // A data-parallel run: seconds this rank spent averaging gradients, and the bytes each
    // step's all-reduce carries (tests/bench/bench_distributed).
    double allReduceSeconds = 0.0;
    std::int64_t allReduceBytesPerStep = 0;
};

// Where a run continues from instead of starting afresh (resume: `inPlace` with runDir the
// state's own run; fork: a new runDir, possibly with changed settings).
struct RunState;
struct StartFrom
{
    const RunState *state = nullptr;
    bool inPlace = false;
    std::string origin; // the state's file, for messages and summary.json
};

// Everything an experiment does, end to end: load the data, build the model, train every stage,
// evaluate on the test set, write the run directory `runDir` (empty: nothing is written).
// The observer hears about progress from the calling thread; `control` may stop or pause it.
// A stop keeps the epochs already done and then evaluates the test set (a second stop ends
// that too, leaving the run resumable); a stop before the first epoch saves nothing.
// Throws tl::Error for bad input (files, config).
// `preloaded`: the data already loaded with config.data (the GUI keeps it for its previews and
// galleries); it must be what config.data asks for (tl::Error otherwise) and outlive the call.
// `collective`: this process is one rank of a data-parallel run (dist/process_group.h). Every
// rank runs the same experiment on its shard of the data; rank 0's weights are copied to all
// before training; only rank 0 writes `runDir` (the others write nothing, not even the folder),
// and every rank returns the same metrics and test evaluation.
RunResult runExperiment(const experiment::ExperimentConfig &config, const std::string &runDir,
                        train::TrainingObserver *observer = nullptr,
                        train::RunControl *control = nullptr,
                        const data::DatasetSplits *preloaded = nullptr,
                        const StartFrom &startFrom = {}, train::Collective *collective = nullptr);

// The experiment with every "auto" value resolved against the data (class count, channels,
// input size, normalisation): what config.json records.
experiment::ExperimentConfig resolveConfig(experiment::ExperimentConfig config,
                                           const data::DatasetSplits &data);

// How much backbone-feature memory feature caching may use before it falls back to images.
constexpr std::int64_t kFeatureCacheBytes = std::int64_t(2) << 30;

// The batch size for passes without gradients (validation, test, feature extraction): as large
// as keeps the model's largest activation (`largestActivation` elements per image, float) within
// kEvaluationTensorBytes, at most 256 and at least the smaller of 16 and the training batch.
// A bigger batch does not pay on the CPU: above 32 MiB glibc maps each tensor afresh, and it
// leaves the caches (ResNet-18 at 64 px: 740 images/s at 64 a batch, 420 at 256).
constexpr std::int64_t kEvaluationTensorBytes = std::int64_t(24) << 20;
int evaluationBatchSize(std::int64_t largestActivation, int trainingBatch);

// "<yyyymmdd-hhmmss>-<model>-<dataset>" under `parent`.
std::string defaultRunDir(const std::string &parent, const experiment::ExperimentConfig &config);

} // namespace tl::runs
