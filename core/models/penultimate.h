#pragma once

#include "models/network.h"

#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include <string>
#include <utility>

namespace tl::models {

// A model's penultimate features: the input of its last Linear layer (the classifier's), what
// an embedding map, nearest neighbours and label checks look at. Where that input shows up in
// the traced forward pass differs by model (a dropout's output, a pooling's, the body's); it is
// found on the first batch and checked: the Linear applied to it must give what the Linear gave.
// tl::Error for a model without a Linear layer or one whose input cannot be located.
class PenultimateProbe
{
public:
    explicit PenultimateProbe(NetworkImpl &model);

    const std::string &layer() const { return m_name; }
    std::int64_t width() const { return m_linear->options.in_features(); }

    // The features (rows x width) and the model's output for a batch (evaluation mode, no grad).
    std::pair<torch::Tensor, torch::Tensor> operator()(const torch::Tensor &x);

private:
    static constexpr int kUnknown = -2, kBody = -1;
    void locate(const torch::Tensor &x);

    NetworkImpl &m_model;
    torch::nn::LinearImpl *m_linear = nullptr;
    std::string m_name;
    int m_position = kUnknown;
};

} // namespace tl::models
