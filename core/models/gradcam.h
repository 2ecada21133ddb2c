#pragma once

#include "models/network.h"

#include <torch/types.h>

#include <string>

namespace tl::models {

struct GradCamResult
{
    torch::Tensor heatmap;       // H x W float in [0, 1] at the input's resolution, on the CPU
    torch::Tensor probabilities; // softmax over the classes, on the CPU
    int targetClass = 0;
    std::string layer; // the layer's path ("layer4.1", "features.29")
};

// Grad-CAM (Selvaraju et al. 2017): the layer's activations weighted by the spatial mean of the
// target score's gradient, summed over channels, ReLU, upsampled (bilinear) to the input and
// scaled to [0, 1] (all zero when nothing speaks for the class).
// `image`: 1 x C x H x W, already preprocessed, on the model's device. `targetClass` < 0: the
// predicted class. `layer` empty: the last layer of the body with a 4-D output (the last
// convolutional block), skipping pooling and dropout. Frozen parameters need no gradient.
// tl::Error for an unknown layer or one without a 4-D output.
GradCamResult gradCam(NetworkImpl &model, const torch::Tensor &image, int targetClass = -1,
                      const std::string &layer = {});

// Layers the default skips although their output is 4-D: pooling and dropout (they only
// thin out what the layer before them computed).
bool skippedByDefault(const torch::nn::Module *m);

} // namespace tl::models
