#include "models/resnet.h"

#include "base/error.h"

#include <torch/torch.h>

namespace tl::models {

ResNetBlockImpl::ResNetBlockImpl(int inplanes, int planes, int stride, bool bottleneck_)
    : bottleneck(bottleneck_)
{
    using namespace torch::nn;
    const int expansion = bottleneck ? 4 : 1;
    if (bottleneck) {
        conv1 = register_module("conv1", Conv2d(Conv2dOptions(inplanes, planes, 1).bias(false)));
        bn1 = register_module("bn1", BatchNorm2d(planes));
        conv2 = register_module(
            "conv2",
            Conv2d(Conv2dOptions(planes, planes, 3).stride(stride).padding(1).bias(false)));
        bn2 = register_module("bn2", BatchNorm2d(planes));
        conv3 = register_module("conv3", Conv2d(Conv2dOptions(planes, planes * 4, 1).bias(false)));
        bn3 = register_module("bn3", BatchNorm2d(planes * 4));
    } else {
        conv1 = register_module(
            "conv1",
            Conv2d(Conv2dOptions(inplanes, planes, 3).stride(stride).padding(1).bias(false)));
        bn1 = register_module("bn1", BatchNorm2d(planes));
        // torchvision's registration order: it decides the order of layers in the tree.
        relu = register_module("relu", ReLU(ReLUOptions(true)));
        conv2 = register_module("conv2",
                                Conv2d(Conv2dOptions(planes, planes, 3).padding(1).bias(false)));
        bn2 = register_module("bn2", BatchNorm2d(planes));
    }
    if (bottleneck)
        relu = register_module("relu", ReLU(ReLUOptions(true)));
    if (stride != 1 || inplanes != planes * expansion) {
        downsample = Sequential(
            Conv2d(Conv2dOptions(inplanes, planes * expansion, 1).stride(stride).bias(false)),
            BatchNorm2d(planes * expansion));
        register_module("downsample", downsample);
    }
}

torch::Tensor ResNetBlockImpl::forward(torch::Tensor x)
{
    torch::Tensor identity = x;
    auto out = relu(bn1(conv1(x)));
    out = bn2(conv2(out));
    if (bottleneck)
        out = bn3(conv3(relu(out)));
    if (downsample)
        identity = downsample->forward(x);
    return relu(out + identity);
}

ResNetImpl::ResNetImpl(const ModelSpec &spec, const std::vector<int> &layers, bool bottleneck)
    : BackboneNetImpl("ResNet")
{
    using namespace torch::nn;
    conv1 = register_module(
        "conv1", Conv2d(Conv2dOptions(spec.inChannels, 64, 7).stride(2).padding(3).bias(false)));
    bn1 = register_module("bn1", BatchNorm2d(64));
    relu = register_module("relu", ReLU(ReLUOptions(true)));
    maxpool = register_module("maxpool", MaxPool2d(MaxPool2dOptions(3).stride(2).padding(1)));
    int inplanes = 64;
    const int expansion = bottleneck ? 4 : 1;
    for (int s = 0; s < 4; ++s) {
        const int planes = 64 << s;
        Sequential stage;
        for (int b = 0; b < layers[std::size_t(s)]; ++b) {
            stage->push_back(ResNetBlock(inplanes, planes, b == 0 && s > 0 ? 2 : 1, bottleneck));
            inplanes = planes * expansion;
        }
        stages.push_back(register_module("layer" + std::to_string(s + 1), stage));
    }
    avgpool = register_module("avgpool", AdaptiveAvgPool2d(1));
    m_featureChannels = inplanes;

    if (!spec.truncateAt.empty()) {
        const std::vector<std::string> order = {"conv1",  "bn1",    "relu",   "maxpool",
                                                "layer1", "layer2", "layer3", "layer4"};
        const auto it = std::find(order.begin(), order.end(), spec.truncateAt);
        if (it == order.end())
            throw Error("cannot truncate " + spec.name + " at '" + spec.truncateAt +
                        "' (choose conv1, bn1, relu, maxpool or layer1..layer4)");
        const int pos = int(it - order.begin());
        m_stemUsed = std::min(pos + 1, 4);
        m_stagesUsed = std::max(0, pos - 3);
    }
    finishHead(spec, "fc");
}

torch::Tensor ResNetImpl::forwardFeatures(torch::Tensor x, const ShapeHook *hook)
{
    torch::nn::Module *stem[4] = {conv1.get(), bn1.get(), relu.get(), maxpool.get()};
    for (int i = 0; i < m_stemUsed; ++i) {
        switch (i) {
        case 0:
            x = conv1(x);
            break;
        case 1:
            x = bn1(x);
            break;
        case 2:
            x = relu(x);
            break;
        default:
            x = maxpool(x);
        }
        if (hook)
            (*hook)(stem[i], x);
    }
    for (int s = 0; s < m_stagesUsed; ++s) {
        x = runSequential(*stages[std::size_t(s)], x, hook);
    }
    return x;
}

torch::Tensor ResNetImpl::nativePool(torch::Tensor x, const ShapeHook *hook)
{
    x = avgpool(x);
    if (hook)
        (*hook)(avgpool.get(), x);
    return x.flatten(1);
}

torch::Tensor ResNetImpl::nativeClassifier(torch::Tensor x, const ShapeHook *hook)
{
    x = m_fc(x);
    if (hook)
        (*hook)(m_fc.get(), x);
    return x;
}

void ResNetImpl::buildNativeHead(int numClasses)
{
    m_fc = register_module("fc", torch::nn::Linear(m_featureChannels, numClasses));
}

} // namespace tl::models
