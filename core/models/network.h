#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <functional>
#include <map>
#include <string>

namespace tl::models {

// Base of every model TransferLab trains: a torch module with a single-tensor forward.
// Backbones keep torchvision's registered names so their state_dicts load unchanged.
class NetworkImpl : public torch::nn::Module
{
public:
    explicit NetworkImpl(std::string name) : torch::nn::Module(std::move(name)) {}
    virtual torch::Tensor forward(torch::Tensor x) = 0;
    // A forward pass that reports each module's output to `hook` (for output shapes in the
    // layer tree). The default walks the top-level children as a chain of Sequentials.
    virtual torch::Tensor forwardTraced(
        torch::Tensor x,
        const std::function<void(const torch::nn::Module *, const torch::Tensor &)> &hook);
    // Friendlier names for some layers, by path (VGG's Keras names: "features.16" ->
    // "block3_pool").
    virtual std::map<std::string, std::string> aliases() const { return {}; }
    // The model cut where its head (its last top-level module) begins: forward(x) equals
    // forwardHead(forwardBody(x)). Feature caching runs the body once and trains the head on its
    // output. Models that cannot be cut say so with canSplit() false.
    virtual bool canSplit() const { return false; }
    virtual torch::Tensor forwardBody(torch::Tensor x);
    virtual torch::Tensor forwardHead(torch::Tensor features);
    // Added to the loss (Keras' kernel_regularizer); zero unless the model asks for it.
    virtual torch::Tensor regularizationLoss() { return {}; }
};

} // namespace tl::models
