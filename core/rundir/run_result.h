#pragma once

#include "train/training_hints.h"
#include "train/training_types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::runs {

// What a run produced: its metrics, test evaluation and timings. Returned by runExperiment
// (run/run_experiment.h) and read back from a run folder by loadRunResult (rundir/run_reader.h);
// compared and reported by analysis/. Plain values, no tensors.
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

} // namespace tl::runs
