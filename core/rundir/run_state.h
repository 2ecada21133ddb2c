#pragma once

#include "train/trainer.h"
#include "train/training_types.h"
#include "weights/checkpoint.h"

#include <torch/types.h>

#include <string>
#include <vector>

namespace tl::runs {

// Everything needed to continue a run after its last completed epoch, written to the run's
// state.tlstate after every epoch: the model, the optimizer, the schedules, the position
// (stage, epoch, step), torch's random generator, and every completed epoch's metrics. A
// safetensors file (tensors only, nothing executable) whose JSON header carries the rest.
struct RunState
{
    static constexpr int kVersion = 1;
    int stage = 0; // the stage to continue; the config's stage count: every stage is done
    train::StageState stageState; // progress within `stage`
    int nextGlobalEpoch = 1;
    std::int64_t globalStep = 0;
    std::vector<train::EpochMetrics> epochs; // every completed epoch so far, all stages
    weights::StateDict model;
    torch::Tensor cpuRng;   // torch's default CPU generator (dropout)
    std::string configJson; // the experiment the state belongs to
    // Data-parallel ranks that trained it (1: one process); a run resumes with as many.
    int worldSize = 1;
};

// Written whole (temporary name, then rename): a crash never leaves half a state.
void writeRunState(const RunState &state, const std::string &path);
// tl::Error naming the file when it is not a TransferLab state or is damaged.
RunState readRunState(const std::string &path);
// The same from the file's bytes in memory.
RunState readRunStateBytes(const Bytes &data, const std::string &path);

// "state.tlstate" in a run folder.
std::string runStatePath(const std::string &runDir);

// EpochMetrics as JSON text and back (state files, tests).
std::string epochsToJson(const std::vector<train::EpochMetrics> &epochs);
std::vector<train::EpochMetrics> epochsFromJson(const std::string &text, const std::string &origin);

} // namespace tl::runs
