#pragma once

#include "models/model_spec.h"
#include "models/network.h"

#include <torch/nn/modules/container/sequential.h>

namespace tl::models {

// NCHW -> NHWC, so that a Linear acts on channels per pixel and Flatten follows Keras' order.
struct ChannelsLastImpl : torch::nn::Module
{
    torch::Tensor forward(const torch::Tensor &x) { return x.permute({0, 2, 3, 1}); }
};
TORCH_MODULE(ChannelsLast);

// Seed 000's custom CNN, layer for layer as Keras builds it:
// Conv2D(32,3,same)+ReLU, MaxPool(2), Conv2D(64,3,same)+ReLU, MaxPool(2), Dense(128)+ReLU applied
// to every pixel (Keras' Dense acts on the last axis of a 4-D tensor), Flatten (HWC order),
// Dropout(0.2), Dense(classes). CIFAR-10 at 32x32 gives 109,642 parameters.
class SimpleCnnImpl : public NetworkImpl
{
public:
    explicit SimpleCnnImpl(const ModelSpec &spec);
    torch::Tensor forward(torch::Tensor x) override;
    bool canSplit() const override { return true; }
    torch::Tensor forwardBody(torch::Tensor x) override { return features->forward(x); }
    torch::Tensor forwardHead(torch::Tensor f) override { return classifier->forward(f); }

    torch::nn::Sequential features{nullptr};
    torch::nn::Sequential classifier{nullptr};
};
TORCH_MODULE(SimpleCnn);

// Seed 002's VGG-style network: three blocks of two 3x3 convolutions (32, 64, 128 filters), each
// optionally followed by BatchNorm (Keras momentum and epsilon), ReLU, MaxPool(k) and Dropout;
// then Flatten, Dense(128) [+BatchNorm] + ReLU, Dropout, Dense(classes). Optional L2 on the conv
// and first dense kernels, added to the loss as Keras' kernel_regularizer does.
class VggStyleCnnImpl : public NetworkImpl
{
public:
    explicit VggStyleCnnImpl(const ModelSpec &spec);
    torch::Tensor forward(torch::Tensor x) override;
    bool canSplit() const override { return true; }
    torch::Tensor forwardBody(torch::Tensor x) override { return features->forward(x); }
    torch::Tensor forwardHead(torch::Tensor f) override { return classifier->forward(f); }
    torch::Tensor regularizationLoss() override;

    torch::nn::Sequential features{nullptr};
    torch::nn::Sequential classifier{nullptr};

private:
    double m_l2;
    std::vector<torch::Tensor> m_kernels;
};
TORCH_MODULE(VggStyleCnn);

} // namespace tl::models
