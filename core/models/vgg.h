#pragma once

#include "models/backbone.h"

namespace tl::models {

// torchvision.models.vgg: `features` (3x3 convolutions, optional BatchNorm, ReLU, max pools),
// `avgpool` (adaptive, 7x7) and `classifier` (4096-4096-classes with dropout).
class VggImpl : public BackboneNetImpl
{
public:
    VggImpl(const ModelSpec &spec, const std::vector<int> &config, bool batchNorm);

    torch::nn::Sequential features{nullptr};
    torch::nn::AdaptiveAvgPool2d avgpool{nullptr};
    torch::nn::Sequential classifier{nullptr};

    // Keras' names for the layers of `features` (block1_conv1, ..., block5_pool), by index.
    static std::vector<std::string> kerasNames(const std::vector<int> &config, bool batchNorm);
    std::map<std::string, std::string> aliases() const override;

protected:
    torch::Tensor forwardFeatures(torch::Tensor x, const ShapeHook *hook) override;
    torch::Tensor nativePool(torch::Tensor x, const ShapeHook *hook) override;
    torch::Tensor nativeClassifier(torch::Tensor x, const ShapeHook *hook) override;
    void buildNativeHead(int numClasses) override;

private:
    std::vector<std::string> m_keras;
};
TORCH_MODULE(Vgg);

// Configurations "A" (vgg11), "D" (vgg16) and "E" (vgg19); -1 is a max pool.
const std::vector<int> &vggConfig(int depth);

} // namespace tl::models
