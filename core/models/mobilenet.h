#pragma once

#include "models/backbone.h"

namespace tl::models {

// torchvision.models.mobilenetv2.InvertedResidual: `conv` = [expand 1x1] + depthwise 3x3 +
// project 1x1 conv + BatchNorm; residual when the stride is 1 and the width is unchanged.
struct InvertedResidualV2Impl : torch::nn::Module
{
    InvertedResidualV2Impl(int in, int out, int stride, int expandRatio);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Sequential conv{nullptr};
    bool residual;
};
TORCH_MODULE(InvertedResidualV2);

// torchvision.models.mobilenetv3.InvertedResidual: `block` = [expand] + depthwise + [SE] +
// project, Hardswish or ReLU.
struct InvertedResidualV3Impl : torch::nn::Module
{
    InvertedResidualV3Impl(int in, int kernel, int expanded, int out, bool se, bool hardswish,
                           int stride);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Sequential block{nullptr};
    bool residual;
};
TORCH_MODULE(InvertedResidualV3);

// MobileNetV2 and MobileNetV3 (large / small): `features`, then global average pooling and
// `classifier`.
class MobileNetImpl : public BackboneNetImpl
{
public:
    enum class Variant { V2, V3Large, V3Small };
    MobileNetImpl(const ModelSpec &spec, Variant variant);

    torch::nn::Sequential features{nullptr};
    torch::nn::Sequential classifier{nullptr};

protected:
    torch::Tensor forwardFeatures(torch::Tensor x, const ShapeHook *hook) override;
    torch::Tensor nativeClassifier(torch::Tensor x, const ShapeHook *hook) override;
    void buildNativeHead(int numClasses) override;

private:
    Variant m_variant;
    int m_lastConv = 0;
    int m_lastChannel = 0;
};
TORCH_MODULE(MobileNet);

// torchvision.models.efficientnet (B0): MBConv stages with squeeze-and-excitation and
// stochastic depth (0.2 across the network), SiLU, `classifier` = Dropout(0.2) + Linear.
struct MBConvImpl : torch::nn::Module
{
    MBConvImpl(int in, int out, int kernel, int stride, int expandRatio, double stochasticDepth);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Sequential block{nullptr};
    StochasticDepth stochastic_depth{nullptr};
    bool residual;
};
TORCH_MODULE(MBConv);

class EfficientNetImpl : public BackboneNetImpl
{
public:
    explicit EfficientNetImpl(const ModelSpec &spec);

    torch::nn::Sequential features{nullptr};
    torch::nn::Sequential classifier{nullptr};

protected:
    torch::Tensor forwardFeatures(torch::Tensor x, const ShapeHook *hook) override;
    torch::Tensor nativeClassifier(torch::Tensor x, const ShapeHook *hook) override;
    void buildNativeHead(int numClasses) override;

private:
    int m_lastConv = 1280;
};
TORCH_MODULE(EfficientNet);

} // namespace tl::models
