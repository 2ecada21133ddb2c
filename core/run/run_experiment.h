#pragma once

#include "data/dataset.h"
#include "experiment/experiment_config.h"
#include "rundir/run_result.h"
#include "train/run_control.h"
#include "train/training_types.h"

#include <string>
#include <vector>

namespace tl::train {
class Collective; // train/collective.h (tensors): only a pointer is passed here
}

namespace tl::runs {

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

// How much backbone-feature memory feature caching may use (a streamed dataset: data.cache_mib)
// before the features go to a file in the run folder (feature_cache.h).
constexpr std::int64_t kFeatureCacheBytes = std::int64_t(2) << 30;

// "<yyyymmdd-hhmmss>-<model>-<dataset>" under `parent`.
std::string defaultRunDir(const std::string &parent, const experiment::ExperimentConfig &config);

} // namespace tl::runs
