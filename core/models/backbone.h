#pragma once

#include "models/model_spec.h"
#include "models/network.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/sequential.h>

#include <functional>

namespace tl::models {

// torch::nn::Sequential with a plain Tensor forward, so that it can sit inside another
// Sequential (LibTorch's AnyModule cannot hold its templated forward). Shown as "Sequential".
struct SequentialImpl : torch::nn::SequentialImpl
{
    using torch::nn::SequentialImpl::SequentialImpl;
    torch::Tensor forward(torch::Tensor x)
    {
        return torch::nn::SequentialImpl::forward(std::move(x));
    }
};
TORCH_MODULE_IMPL(SequentialBlock, SequentialImpl);

// Called after each module of a traced forward pass with that module's output (summaries).
using ShapeHook = std::function<void(const torch::nn::Module *, const torch::Tensor &)>;

// Runs a Sequential child by child, reporting every child's output and finally its own
// (nested Sequentials included).
torch::Tensor runSequential(torch::nn::SequentialImpl &seq, torch::Tensor x, const ShapeHook *hook);

// The first children of `features` up to and including `at` ("features.N" or "N").
torch::nn::Sequential truncateSequential(const torch::nn::Sequential &features,
                                         const std::string &at, const std::string &model);

// torchvision.ops.misc.Conv2dNormActivation: Sequential("0": conv, "1": BatchNorm, "2": act).
enum class Act { None, ReLU, ReLU6, Hardswish, SiLU };
SequentialBlock convNormAct(int in, int out, int kernel, int stride = 1, int groups = 1,
                            Act act = Act::ReLU, double bnEps = 1e-5, double bnMomentum = 0.1);
// torchvision's _make_divisible (from the TensorFlow MobileNet code).
int makeDivisible(double v, int divisor = 8);

struct HardswishImpl : torch::nn::Module
{
    torch::Tensor forward(const torch::Tensor &x) { return torch::hardswish(x); }
};
TORCH_MODULE(Hardswish);

struct HardsigmoidImpl : torch::nn::Module
{
    torch::Tensor forward(const torch::Tensor &x) { return torch::hardsigmoid(x); }
};
TORCH_MODULE(Hardsigmoid);

// torchvision.ops.misc.SqueezeExcitation: avgpool, fc1 (1x1 conv), activation, fc2, scale.
struct SqueezeExcitationImpl : torch::nn::Module
{
    SqueezeExcitationImpl(int channels, int squeeze, Act activation, bool hardSigmoid);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::AdaptiveAvgPool2d avgpool{nullptr};
    torch::nn::Conv2d fc1{nullptr}, fc2{nullptr};
    Act m_activation;
    bool m_hard;
};
TORCH_MODULE(SqueezeExcitation);

// torchvision.ops.StochasticDepth, mode "row": drops whole residual branches per sample while
// training (scaled by 1 / survival), identity in evaluation. No parameters.
struct StochasticDepthImpl : torch::nn::Module
{
    explicit StochasticDepthImpl(double p) : p(p) {}
    torch::Tensor forward(const torch::Tensor &x);
    double p;
};
TORCH_MODULE(StochasticDepth);

// Base of the torchvision backbones. Each family builds its modules under torchvision's names
// and implements features (up to an optional truncation point) and its own classifier; the base
// swaps in a new head when asked (gap / flatten, optional hidden Dense+BN+ReLU+Dropout) under the
// classifier's own name, so state_dicts keep torchvision's keys.
class BackboneNetImpl : public NetworkImpl
{
public:
    using NetworkImpl::NetworkImpl;

    torch::Tensor forward(torch::Tensor x) override;
    torch::Tensor forwardTraced(torch::Tensor x, const ShapeHook &hook) override;
    bool canSplit() const override { return true; }
    torch::Tensor forwardBody(torch::Tensor x) override;
    torch::Tensor forwardHead(torch::Tensor features) override;

    // Registered name of the classifier ("fc" for ResNet, "classifier" elsewhere).
    const std::string &headName() const { return m_headName; }
    bool nativeHead() const { return m_native; }
    // A new head's input: global average pooling (gap) or the flattened features (flatten).
    bool gapHead() const { return m_gap; }

protected:
    // Features up to the truncation point; reports each module's output through `hook`.
    virtual torch::Tensor forwardFeatures(torch::Tensor x, const ShapeHook *hook) = 0;
    // torchvision's own head on the features: its parameter-free pooling (global average by
    // default), then its classifier.
    virtual torch::Tensor nativePool(torch::Tensor x, const ShapeHook *hook);
    virtual torch::Tensor nativeClassifier(torch::Tensor x, const ShapeHook *hook) = 0;
    // Builds the native classifier (its last Linear sized `numClasses`) under headName().
    virtual void buildNativeHead(int numClasses) = 0;

    // Call at the end of a family's constructor.
    void finishHead(const ModelSpec &spec, const std::string &headName);

private:
    std::string m_headName;
    bool m_native = true;
    bool m_gap = true;
    torch::nn::AnyModule m_head;
    torch::nn::Module *m_headModule = nullptr;
};

} // namespace tl::models
