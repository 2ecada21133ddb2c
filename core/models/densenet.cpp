#include "models/densenet.h"

#include "base/error.h"

#include <torch/torch.h>

namespace tl::models {

DenseLayerImpl::DenseLayerImpl(int in, int growth, int bnSize)
{
    using namespace torch::nn;
    norm1 = register_module("norm1", BatchNorm2d(in));
    relu1 = register_module("relu1", ReLU(ReLUOptions(true)));
    conv1 = register_module("conv1", Conv2d(Conv2dOptions(in, bnSize * growth, 1).bias(false)));
    norm2 = register_module("norm2", BatchNorm2d(bnSize * growth));
    relu2 = register_module("relu2", ReLU(ReLUOptions(true)));
    conv2 = register_module(
        "conv2", Conv2d(Conv2dOptions(bnSize * growth, growth, 3).padding(1).bias(false)));
}

torch::Tensor DenseLayerImpl::forward(const torch::Tensor &x)
{
    return conv2(relu2(norm2(conv1(relu1(norm1(x))))));
}

DenseBlockImpl::DenseBlockImpl(int layers, int in, int growth, int bnSize)
{
    for (int i = 0; i < layers; ++i)
        denseLayers.push_back(register_module("denselayer" + std::to_string(i + 1),
                                              DenseLayer(in + i * growth, growth, bnSize)));
}

torch::Tensor DenseBlockImpl::forward(const torch::Tensor &x)
{
    std::vector<torch::Tensor> all{x};
    for (auto &layer : denseLayers)
        all.push_back(layer(torch::cat(all, 1)));
    return torch::cat(all, 1);
}

DenseNetImpl::DenseNetImpl(const ModelSpec &spec) : BackboneNetImpl("DenseNet")
{
    using namespace torch::nn;
    const int blocks[4] = {6, 12, 24, 16};
    const int growth = 32, bnSize = 4;
    features = Sequential();
    features->push_back(
        "conv0", Conv2d(Conv2dOptions(spec.inChannels, 64, 7).stride(2).padding(3).bias(false)));
    features->push_back("norm0", BatchNorm2d(64));
    features->push_back("relu0", ReLU(ReLUOptions(true)));
    features->push_back("pool0", MaxPool2d(MaxPool2dOptions(3).stride(2).padding(1)));
    int channels = 64;
    for (int b = 0; b < 4; ++b) {
        features->push_back("denseblock" + std::to_string(b + 1),
                            DenseBlock(blocks[b], channels, growth, bnSize));
        channels += blocks[b] * growth;
        if (b != 3) {
            SequentialBlock transition;
            transition->push_back("norm", BatchNorm2d(channels));
            transition->push_back("relu", ReLU(ReLUOptions(true)));
            transition->push_back("conv",
                                  Conv2d(Conv2dOptions(channels, channels / 2, 1).bias(false)));
            transition->push_back("pool", AvgPool2d(AvgPool2dOptions(2).stride(2)));
            features->push_back("transition" + std::to_string(b + 1), transition);
            channels /= 2;
        }
    }
    features->push_back("norm5", BatchNorm2d(channels));
    m_channels = channels;
    if (!spec.truncateAt.empty()) {
        // By name ("denseblock3", "transition2") as in torchvision's state_dict.
        std::string at = spec.truncateAt;
        if (at.rfind("features.", 0) == 0)
            at = at.substr(9);
        const auto names = features->named_children().keys();
        const auto it = std::find(names.begin(), names.end(), at);
        if (it == names.end())
            throw Error("cannot truncate " + spec.name + " at '" + spec.truncateAt +
                        "' (use a name such as denseblock3 or transition2)");
        Sequential kept;
        std::size_t i = 0;
        const std::size_t keep = std::size_t(it - names.begin()) + 1;
        for (const auto &any : *features) {
            if (i >= keep)
                break;
            kept->push_back(names[i], any);
            ++i;
        }
        features = kept;
        m_complete = false;
    }
    register_module("features", features);
    finishHead(spec, "classifier");
}

void DenseNetImpl::buildNativeHead(int numClasses)
{
    classifier = register_module("classifier", torch::nn::Linear(m_channels, numClasses));
}

torch::Tensor DenseNetImpl::forwardFeatures(torch::Tensor x, const ShapeHook *hook)
{
    x = runSequential(*features, x, hook);
    if (m_complete)
        x = torch::relu(x); // torchvision applies F.relu after features
    if (hook)
        (*hook)(features.get(), x);
    return x;
}

torch::Tensor DenseNetImpl::nativePool(torch::Tensor x, const ShapeHook *)
{
    return torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
}

torch::Tensor DenseNetImpl::nativeClassifier(torch::Tensor x, const ShapeHook *hook)
{
    x = classifier(x);
    if (hook)
        (*hook)(classifier.get(), x);
    return x;
}

} // namespace tl::models
