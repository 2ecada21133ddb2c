#pragma once

#include "models/backbone.h"

namespace tl::models {

// torchvision.models.resnet: BasicBlock (resnet18/34) and Bottleneck (resnet50, stride on the
// 3x3 convolution as in torchvision's "ResNet v1.5"). Module names match torchvision's.
struct ResNetBlockImpl : torch::nn::Module
{
    ResNetBlockImpl(int inplanes, int planes, int stride, bool bottleneck);
    torch::Tensor forward(torch::Tensor x);
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
    torch::nn::ReLU relu{nullptr};
    torch::nn::Sequential downsample{nullptr};
    bool bottleneck;
};
TORCH_MODULE(ResNetBlock);

class ResNetImpl : public BackboneNetImpl
{
public:
    ResNetImpl(const ModelSpec &spec, const std::vector<int> &layers, bool bottleneck);

    torch::nn::Conv2d conv1{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr};
    torch::nn::ReLU relu{nullptr};
    torch::nn::MaxPool2d maxpool{nullptr};
    std::vector<torch::nn::Sequential> stages; // layer1..layer4
    torch::nn::AdaptiveAvgPool2d avgpool{nullptr};
    // How much of the network a truncated model keeps: the first stemUsed() of conv1, bn1, relu,
    // maxpool, then the first stagesUsed() of layer1..layer4.
    int stemUsed() const { return m_stemUsed; }
    int stagesUsed() const { return m_stagesUsed; }

protected:
    torch::Tensor forwardFeatures(torch::Tensor x, const ShapeHook *hook) override;
    torch::Tensor nativePool(torch::Tensor x, const ShapeHook *hook) override;
    torch::Tensor nativeClassifier(torch::Tensor x, const ShapeHook *hook) override;
    void buildNativeHead(int numClasses) override;

private:
    int m_stagesUsed = 4;
    int m_stemUsed = 4; // conv1, bn1, relu, maxpool
    int m_featureChannels = 512;
    torch::nn::Linear m_fc{nullptr};
};
TORCH_MODULE(ResNet);

} // namespace tl::models
