#include "models/backbone.h"

#include "models/random.h"

#include "base/error.h"

#include <torch/torch.h>

namespace tl::models {

torch::Tensor runSequential(torch::nn::SequentialImpl &seq, torch::Tensor x, const ShapeHook *hook)
{
    for (auto &any : seq) {
        torch::nn::Module *child = any.ptr().get();
        if (auto *inner = dynamic_cast<torch::nn::SequentialImpl *>(child)) {
            x = runSequential(*inner, x, hook);
        } else {
            x = any.forward(x);
            if (hook)
                (*hook)(child, x);
        }
    }
    if (hook)
        (*hook)(&seq, x);
    return x;
}

torch::nn::Sequential truncateSequential(const torch::nn::Sequential &features,
                                         const std::string &at, const std::string &model)
{
    std::string t = at;
    if (t.rfind("features.", 0) == 0)
        t = t.substr(9);
    std::size_t keep = 0;
    try {
        std::size_t used = 0;
        keep = std::stoul(t, &used) + 1;
        if (used != t.size())
            keep = 0;
    } catch (const std::exception &) {
        keep = 0;
    }
    if (keep == 0 || keep > features->size())
        throw Error("cannot truncate " + model + " at '" + at + "' (use features.N, N from 0 to " +
                    std::to_string(features->size() - 1) + ")");
    torch::nn::Sequential kept;
    std::size_t i = 0;
    for (const auto &any : *features) {
        if (i++ >= keep)
            break;
        kept->push_back(any);
    }
    return kept;
}

int makeDivisible(double v, int divisor)
{
    int newV = std::max(divisor, int(v + divisor / 2.0) / divisor * divisor);
    if (newV < 0.9 * v)
        newV += divisor;
    return newV;
}

SequentialBlock convNormAct(int in, int out, int kernel, int stride, int groups, Act act,
                            double bnEps, double bnMomentum)
{
    SequentialBlock s;
    s->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                       .stride(stride)
                                       .padding((kernel - 1) / 2)
                                       .groups(groups)
                                       .bias(false)));
    s->push_back(
        torch::nn::BatchNorm2d(torch::nn::BatchNormOptions(out).eps(bnEps).momentum(bnMomentum)));
    switch (act) {
    case Act::ReLU:
        s->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
        break;
    case Act::ReLU6:
        s->push_back(torch::nn::ReLU6(torch::nn::ReLU6Options(true)));
        break;
    case Act::Hardswish:
        s->push_back(Hardswish());
        break;
    case Act::SiLU:
        s->push_back(torch::nn::SiLU());
        break;
    case Act::None:
        break;
    }
    return s;
}

SqueezeExcitationImpl::SqueezeExcitationImpl(int channels, int squeeze, Act activation,
                                             bool hardSigmoid)
    : m_activation(activation), m_hard(hardSigmoid)
{
    avgpool = register_module("avgpool", torch::nn::AdaptiveAvgPool2d(1));
    fc1 = register_module("fc1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, squeeze, 1)));
    fc2 = register_module("fc2", torch::nn::Conv2d(torch::nn::Conv2dOptions(squeeze, channels, 1)));
}

torch::Tensor SqueezeExcitationImpl::forward(const torch::Tensor &x)
{
    auto s = fc1(avgpool(x));
    s = m_activation == Act::SiLU ? torch::silu(s) : torch::relu(s);
    s = fc2(s);
    s = m_hard ? torch::hardsigmoid(s) : torch::sigmoid(s);
    return s * x;
}

torch::Tensor StochasticDepthImpl::forward(const torch::Tensor &x)
{
    if (!is_training() || p == 0.0)
        return x;
    const double survival = 1.0 - p;
    std::vector<std::int64_t> shape(std::size_t(x.dim()), 1);
    shape[0] = x.size(0);
    auto noise = torch::empty(shape, x.options()).bernoulli_(survival, generatorFor(x.device()));
    if (survival > 0.0)
        noise.div_(survival);
    return x * noise;
}

torch::Tensor BackboneNetImpl::forward(torch::Tensor x)
{
    return forwardTraced(std::move(x), nullptr);
}

torch::Tensor BackboneNetImpl::nativePool(torch::Tensor x, const ShapeHook *)
{
    return torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
}

torch::Tensor BackboneNetImpl::forwardBody(torch::Tensor x)
{
    x = forwardFeatures(x, nullptr);
    if (m_native)
        return nativePool(x, nullptr);
    return m_gap ? torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1) : x.flatten(1);
}

torch::Tensor BackboneNetImpl::forwardHead(torch::Tensor x)
{
    if (m_native)
        return nativeClassifier(x, nullptr);
    if (auto *seq = dynamic_cast<torch::nn::SequentialImpl *>(m_headModule))
        return runSequential(*seq, x, nullptr);
    return m_head.forward(x);
}

torch::Tensor BackboneNetImpl::forwardTraced(torch::Tensor x, const ShapeHook &hookRef)
{
    const ShapeHook *hook = hookRef ? &hookRef : nullptr;
    x = forwardFeatures(x, hook);
    if (m_native)
        return nativeClassifier(nativePool(x, hook), hook);
    x = m_gap ? torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1) : x.flatten(1);
    if (auto *seq = dynamic_cast<torch::nn::SequentialImpl *>(m_headModule))
        return runSequential(*seq, x, hook);
    x = m_head.forward(x);
    if (hook)
        (*hook)(m_headModule, x);
    return x;
}

void BackboneNetImpl::finishHead(const ModelSpec &spec, const std::string &headName)
{
    m_headName = headName;
    const std::string head = spec.head.empty() ? "keep" : spec.head;
    if (head == "keep" || head == "imagenet") {
        if (!spec.truncateAt.empty())
            throw Error("a truncated " + spec.name +
                        " has no classifier of its own; use --head gap or flatten");
        if (head == "imagenet" && spec.numClasses != 1000)
            throw Error("--head imagenet keeps the 1000 ImageNet classes; drop --num-classes or "
                        "use --head keep");
        m_native = true;
        buildNativeHead(spec.numClasses);
        return;
    }
    if (head != "gap" && head != "flatten")
        throw Error("unknown head '" + head + "' (known: gap, flatten, keep, imagenet)");
    m_native = false;
    m_gap = head == "gap";
    // The head's input size: one dummy pass through the (possibly truncated) features.
    std::int64_t inFeatures = 0;
    {
        torch::NoGradGuard noGrad;
        const bool wasTraining = is_training();
        eval();
        const int side = m_gap ? std::min(spec.inputSize, 64) : spec.inputSize;
        auto f = forwardFeatures(torch::zeros({1, spec.inChannels, side, side}), nullptr);
        train(wasTraining);
        inFeatures = m_gap ? f.size(1) : f.numel();
    }
    const double dropout = spec.headDropout;
    std::shared_ptr<torch::nn::Module> module;
    if (spec.headHidden <= 0 && dropout <= 0.0) {
        auto linear = torch::nn::Linear(inFeatures, spec.numClasses);
        m_head = torch::nn::AnyModule(linear);
        module = linear.ptr();
    } else {
        SequentialBlock s;
        std::int64_t in = inFeatures;
        if (spec.headHidden > 0) {
            s->push_back(torch::nn::Linear(in, spec.headHidden));
            s->push_back(torch::nn::BatchNorm1d(spec.headHidden));
            s->push_back(torch::nn::ReLU());
            in = spec.headHidden;
        }
        if (dropout > 0.0)
            s->push_back(tl::models::Dropout(dropout));
        s->push_back(torch::nn::Linear(in, spec.numClasses));
        m_head = torch::nn::AnyModule(s);
        module = s.ptr();
    }
    m_headModule = module.get();
    register_module(headName, module);
}

} // namespace tl::models
