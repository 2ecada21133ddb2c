#pragma once

#include "train/training_types.h"

#include <string>

namespace tl::runs {

// A run's model rebuilt from its config.json with the weights of `weightsFile` (a state dict
// that fills it exactly: its model.pth, or an export of it), evaluated on the run's test images
// with its preprocessing, as the run did (`transferlab-cli evaluate`). tl::Error naming the file
// that is missing or does not fit.
train::Evaluation evaluateRunWeights(const std::string &runDir, const std::string &weightsFile);

// A run's model.pth written for Python at `out`: `.safetensors` by extension, otherwise a
// PyTorch zip that torch.load + load_state_dict take (weights::exportStateDict).
void exportRunStateDict(const std::string &runDir, const std::string &out);

} // namespace tl::runs
