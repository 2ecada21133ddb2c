#pragma once

#include "models/network.h"
#include "train/training_types.h"

#include <torch/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace torch::optim {
class Optimizer;
}

namespace tl::train {

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &config,
                                                       const std::vector<torch::Tensor> &params);
// Two parameter groups: `backbone` at lr * multiplier, `head` at lr (either may be empty).
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &config,
                                                       const std::vector<torch::Tensor> &backbone,
                                                       const std::vector<torch::Tensor> &head,
                                                       double multiplier);

// The optimizer's per-parameter state by parameter name (see StageState::optimizer), and back.
// Parameters without saved state start fresh; saved entries for parameters the optimizer does
// not hold (now frozen) are ignored. A saved tensor of the wrong shape is a tl::Error.
std::map<std::string, torch::Tensor> optimizerState(torch::optim::Optimizer &optimizer,
                                                    const std::string &name,
                                                    models::NetworkImpl &model);
void loadOptimizerState(torch::optim::Optimizer &optimizer, const std::string &name,
                        models::NetworkImpl &model,
                        const std::map<std::string, torch::Tensor> &state);

// Checks saved optimizer state against the model before anything uses it: every entry names one
// of its parameters and a known slot, tensors fit the parameter's shape, steps are single
// non-negative counts. tl::Error saying which entry is wrong.
void checkOptimizerState(models::NetworkImpl &model,
                         const std::map<std::string, torch::Tensor> &state);

} // namespace tl::train
