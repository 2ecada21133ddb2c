#pragma once

#include "models/layer_view.h"
#include "models/network.h"

#include <torch/types.h>

namespace tl::models {

// What one layer computes from `image` (1 x C x H x W, preprocessed, on the model's device):
// its feature maps, each channel's mean and the channels ordered by it, and, when the layer is a
// convolution that sees the image (1 or 3 input channels), its filters. `target` null: the first
// convolution the forward pass runs (the live view's layer). The model is put in evaluation
// mode for the pass and back as it was. tl::Error when the layer has no 4-D output.
NetworkView layerView(NetworkImpl &model, const torch::Tensor &image,
                      const torch::nn::Module *target = nullptr, const std::string &name = {});

} // namespace tl::models
