#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <string>

namespace tl::models {

// Base of every model TransferLab trains: a torch module with a single-tensor forward.
// Backbones keep torchvision's registered names so their state_dicts load unchanged.
class NetworkImpl : public torch::nn::Module
{
public:
    explicit NetworkImpl(std::string name) : torch::nn::Module(std::move(name)) {}
    virtual torch::Tensor forward(torch::Tensor x) = 0;
    // Added to the loss (Keras' kernel_regularizer); zero unless the model asks for it.
    virtual torch::Tensor regularizationLoss() { return {}; }
};

} // namespace tl::models
