#pragma once

#include "data/dataset.h"
#include "train/experiment_config.h"
#include "train/run_control.h"
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
    std::string summaryJson;  // what summary.json holds, one line
    bool interrupted = false; // aborted (Ctrl-C): state.tlstate holds the last completed epoch
    std::vector<std::string> cachedStages; // stages that trained on cached features
};

// Everything an experiment does, end to end: load the data, build the model, train every stage,
// evaluate on the test set, write the run directory `runDir` (empty: nothing is written).
// The observer hears about progress from the calling thread; `control` may stop or pause it.
// Stopping keeps the epochs already done and still evaluates and writes the run.
// Throws tl::Error for bad input (files, config).
// `preloaded`: the data already loaded with config.data (the GUI keeps it for its previews and
// galleries); it must outlive the call.
// `startFrom`: continue from a saved state (resume: `inPlace` with runDir the state's own run;
// fork: a new runDir, possibly with changed settings) instead of starting afresh.
struct RunState;
struct StartFrom
{
    const RunState *state = nullptr;
    bool inPlace = false;
    std::string origin; // the state's file, for messages and summary.json
};
RunResult runExperiment(const train::ExperimentConfig &config, const std::string &runDir,
                        train::TrainingObserver *observer = nullptr,
                        train::RunControl *control = nullptr,
                        const data::DatasetSplits *preloaded = nullptr,
                        const StartFrom &startFrom = {});

// How much backbone-feature memory feature caching may use before it falls back to images.
constexpr std::int64_t kFeatureCacheBytes = std::int64_t(2) << 30;

// "<yyyymmdd-hhmmss>-<model>-<dataset>" under `parent`.
std::string defaultRunDir(const std::string &parent, const train::ExperimentConfig &config);

} // namespace tl::runs
