#include "models/vgg.h"

#include "models/random.h"

#include "base/error.h"

#include <torch/torch.h>

namespace tl::models {

const std::vector<int> &vggConfig(int depth)
{
    static const std::vector<int> a = {64, -1, 128, -1, 256, 256, -1, 512, 512, -1, 512, 512, -1};
    static const std::vector<int> d = {64, 64,  -1,  128, 128, -1,  256, 256, 256,
                                       -1, 512, 512, 512, -1,  512, 512, 512, -1};
    static const std::vector<int> e = {64,  64,  -1,  128, 128, -1,  256, 256, 256, 256, -1,
                                       512, 512, 512, 512, -1,  512, 512, 512, 512, -1};
    switch (depth) {
    case 11:
        return a;
    case 16:
        return d;
    case 19:
        return e;
    }
    throw Error("no VGG with " + std::to_string(depth) + " layers");
}

std::vector<std::string> VggImpl::kerasNames(const std::vector<int> &config, bool batchNorm)
{
    std::vector<std::string> names;
    int block = 1, conv = 1;
    for (int v : config) {
        const std::string b = "block" + std::to_string(block);
        if (v < 0) {
            names.push_back(b + "_pool");
            ++block;
            conv = 1;
            continue;
        }
        const std::string c = b + "_conv" + std::to_string(conv++);
        names.push_back(c);
        if (batchNorm)
            names.push_back(c + "_bn");
        names.push_back(c + "_relu");
    }
    return names;
}

VggImpl::VggImpl(const ModelSpec &spec, const std::vector<int> &config, bool batchNorm)
    : BackboneNetImpl("VGG")
{
    using namespace torch::nn;
    m_keras = kerasNames(config, batchNorm);
    features = Sequential();
    int in = spec.inChannels;
    for (int v : config) {
        if (v < 0) {
            features->push_back(MaxPool2d(MaxPool2dOptions(2).stride(2)));
            continue;
        }
        features->push_back(Conv2d(Conv2dOptions(in, v, 3).padding(1)));
        if (batchNorm)
            features->push_back(BatchNorm2d(v));
        features->push_back(ReLU(ReLUOptions(true)));
        in = v;
    }
    if (!spec.truncateAt.empty()) {
        // A Keras name ("block3_pool") or a torchvision path ("features.16").
        const auto &keras = m_keras;
        const auto k = std::find(keras.begin(), keras.end(), spec.truncateAt);
        features = truncateSequential(
            features, k != keras.end() ? std::to_string(k - keras.begin()) : spec.truncateAt,
            spec.name);
    }
    register_module("features", features);
    avgpool = register_module("avgpool", AdaptiveAvgPool2d(AdaptiveAvgPool2dOptions({7, 7})));
    finishHead(spec, "classifier");
}

std::map<std::string, std::string> VggImpl::aliases() const
{
    std::map<std::string, std::string> a;
    for (std::size_t i = 0; i < m_keras.size() && i < features->size(); ++i)
        a["features." + std::to_string(i)] = m_keras[i];
    return a;
}

void VggImpl::buildNativeHead(int numClasses)
{
    using namespace torch::nn;
    classifier = register_module("classifier",
                                 Sequential(Linear(512 * 7 * 7, 4096), ReLU(ReLUOptions(true)),
                                            tl::models::Dropout(), Linear(4096, 4096), ReLU(ReLUOptions(true)),
                                            tl::models::Dropout(), Linear(4096, numClasses)));
}

torch::Tensor VggImpl::forwardFeatures(torch::Tensor x, const ShapeHook *hook)
{
    return runSequential(*features, x, hook);
}

torch::Tensor VggImpl::nativePool(torch::Tensor x, const ShapeHook *hook)
{
    x = avgpool(x);
    if (hook)
        (*hook)(avgpool.get(), x);
    return x.flatten(1);
}

torch::Tensor VggImpl::nativeClassifier(torch::Tensor x, const ShapeHook *hook)
{
    return runSequential(*classifier, x, hook);
}

} // namespace tl::models
