#pragma once

#include "models/backbone.h"

namespace tl::models {

// torchvision.models.densenet (121: blocks of 6, 12, 24, 16 layers, growth 32, bn_size 4):
// `features` = conv0, norm0, relu0, pool0, denseblock1, transition1, ..., denseblock4, norm5;
// then ReLU, global average pooling and `classifier` (Linear).
struct DenseLayerImpl : torch::nn::Module
{
    DenseLayerImpl(int in, int growth, int bnSize);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::BatchNorm2d norm1{nullptr}, norm2{nullptr};
    torch::nn::ReLU relu1{nullptr}, relu2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
};
TORCH_MODULE(DenseLayer);

// Concatenates each layer's output to its input, as torchvision's _DenseBlock does.
struct DenseBlockImpl : torch::nn::Module
{
    DenseBlockImpl(int layers, int in, int growth, int bnSize);
    torch::Tensor forward(const torch::Tensor &x);
    std::vector<DenseLayer> denseLayers;
};
TORCH_MODULE(DenseBlock);

class DenseNetImpl : public BackboneNetImpl
{
public:
    explicit DenseNetImpl(const ModelSpec &spec);

    torch::nn::Sequential features{nullptr};
    torch::nn::Linear classifier{nullptr};
    // torchvision's F.relu after the features, applied when they end with norm5 (not truncated).
    bool finalRelu() const { return m_complete; }

protected:
    torch::Tensor forwardFeatures(torch::Tensor x, const ShapeHook *hook) override;
    torch::Tensor nativePool(torch::Tensor x, const ShapeHook *hook) override;
    torch::Tensor nativeClassifier(torch::Tensor x, const ShapeHook *hook) override;
    void buildNativeHead(int numClasses) override;

private:
    int m_channels = 1024;
    bool m_complete = true; // features end with norm5: the final ReLU belongs to them
};
TORCH_MODULE(DenseNet);

} // namespace tl::models
