#include "models/mobilenet.h"

#include "models/random.h"

#include "base/error.h"

#include <torch/torch.h>

namespace tl::models {

InvertedResidualV2Impl::InvertedResidualV2Impl(int in, int out, int stride, int expandRatio)
    : residual(stride == 1 && in == out)
{
    const int hidden = int(std::lround(double(in) * expandRatio));
    conv = torch::nn::Sequential();
    if (expandRatio != 1)
        conv->push_back(convNormAct(in, hidden, 1, 1, 1, Act::ReLU6));
    conv->push_back(convNormAct(hidden, hidden, 3, stride, hidden, Act::ReLU6));
    conv->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, out, 1).bias(false)));
    conv->push_back(torch::nn::BatchNorm2d(out));
    register_module("conv", conv);
}

torch::Tensor InvertedResidualV2Impl::forward(const torch::Tensor &x)
{
    return residual ? x + conv->forward(x) : conv->forward(x);
}

InvertedResidualV3Impl::InvertedResidualV3Impl(int in, int kernel, int expanded, int out, bool se,
                                               bool hardswish, int stride)
    : residual(stride == 1 && in == out)
{
    // torchvision: BatchNorm2d(eps=0.001, momentum=0.01) throughout MobileNetV3.
    const double eps = 1e-3, momentum = 0.01;
    const Act act = hardswish ? Act::Hardswish : Act::ReLU;
    block = torch::nn::Sequential();
    if (expanded != in)
        block->push_back(convNormAct(in, expanded, 1, 1, 1, act, eps, momentum));
    block->push_back(convNormAct(expanded, expanded, kernel, stride, expanded, act, eps, momentum));
    if (se)
        block->push_back(
            SqueezeExcitation(expanded, makeDivisible(expanded / 4, 8), Act::ReLU, true));
    block->push_back(convNormAct(expanded, out, 1, 1, 1, Act::None, eps, momentum));
    register_module("block", block);
}

torch::Tensor InvertedResidualV3Impl::forward(const torch::Tensor &x)
{
    return residual ? block->forward(x) + x : block->forward(x);
}

MobileNetImpl::MobileNetImpl(const ModelSpec &spec, Variant variant)
    : BackboneNetImpl("MobileNet"), m_variant(variant)
{
    features = torch::nn::Sequential();
    if (variant == Variant::V2) {
        // t (expansion), c (channels), n (repeats), s (stride of the first)
        const int setting[7][4] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                   {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        int in = 32;
        features->push_back(convNormAct(spec.inChannels, in, 3, 2, 1, Act::ReLU6));
        for (const auto &row : setting) {
            for (int i = 0; i < row[2]; ++i) {
                features->push_back(InvertedResidualV2(in, row[1], i == 0 ? row[3] : 1, row[0]));
                in = row[1];
            }
        }
        m_lastConv = 1280;
        features->push_back(convNormAct(in, m_lastConv, 1, 1, 1, Act::ReLU6));
    } else {
        // in, kernel, expanded, out, SE, hardswish, stride (torchvision's _mobilenet_v3_conf)
        struct Row
        {
            int in, k, exp, out;
            bool se, hs;
            int s;
        };
        const std::vector<Row> large = {
            {16, 3, 16, 16, false, false, 1},  {16, 3, 64, 24, false, false, 2},
            {24, 3, 72, 24, false, false, 1},  {24, 5, 72, 40, true, false, 2},
            {40, 5, 120, 40, true, false, 1},  {40, 5, 120, 40, true, false, 1},
            {40, 3, 240, 80, false, true, 2},  {80, 3, 200, 80, false, true, 1},
            {80, 3, 184, 80, false, true, 1},  {80, 3, 184, 80, false, true, 1},
            {80, 3, 480, 112, true, true, 1},  {112, 3, 672, 112, true, true, 1},
            {112, 5, 672, 160, true, true, 2}, {160, 5, 960, 160, true, true, 1},
            {160, 5, 960, 160, true, true, 1}};
        const std::vector<Row> small = {
            {16, 3, 16, 16, true, false, 2},  {16, 3, 72, 24, false, false, 2},
            {24, 3, 88, 24, false, false, 1}, {24, 5, 96, 40, true, true, 2},
            {40, 5, 240, 40, true, true, 1},  {40, 5, 240, 40, true, true, 1},
            {40, 5, 120, 48, true, true, 1},  {48, 5, 144, 48, true, true, 1},
            {48, 5, 288, 96, true, true, 2},  {96, 5, 576, 96, true, true, 1},
            {96, 5, 576, 96, true, true, 1}};
        const auto &rows = variant == Variant::V3Large ? large : small;
        features->push_back(convNormAct(spec.inChannels, 16, 3, 2, 1, Act::Hardswish, 1e-3, 0.01));
        for (const Row &r : rows)
            features->push_back(InvertedResidualV3(r.in, r.k, r.exp, r.out, r.se, r.hs, r.s));
        const int lastIn = rows.back().out;
        m_lastConv = 6 * lastIn;
        features->push_back(convNormAct(lastIn, m_lastConv, 1, 1, 1, Act::Hardswish, 1e-3, 0.01));
        m_lastChannel = variant == Variant::V3Large ? 1280 : 1024;
    }
    if (!spec.truncateAt.empty())
        features = truncateSequential(features, spec.truncateAt, spec.name);
    register_module("features", features);
    finishHead(spec, "classifier");
}

void MobileNetImpl::buildNativeHead(int numClasses)
{
    using namespace torch::nn;
    if (m_variant == Variant::V2)
        classifier = Sequential(tl::models::Dropout(0.2), Linear(m_lastConv, numClasses));
    else
        classifier = Sequential(Linear(m_lastConv, m_lastChannel), Hardswish(), tl::models::Dropout(0.2),
                                Linear(m_lastChannel, numClasses));
    register_module("classifier", classifier);
}

torch::Tensor MobileNetImpl::forwardFeatures(torch::Tensor x, const ShapeHook *hook)
{
    return runSequential(*features, x, hook);
}

torch::Tensor MobileNetImpl::nativeClassifier(torch::Tensor x, const ShapeHook *hook)
{
    return runSequential(*classifier, x, hook);
}

MBConvImpl::MBConvImpl(int in, int out, int kernel, int stride, int expandRatio,
                       double stochasticDepth)
    : residual(stride == 1 && in == out)
{
    const int expanded = makeDivisible(double(in) * expandRatio, 8);
    block = torch::nn::Sequential();
    if (expanded != in)
        block->push_back(convNormAct(in, expanded, 1, 1, 1, Act::SiLU));
    block->push_back(convNormAct(expanded, expanded, kernel, stride, expanded, Act::SiLU));
    block->push_back(SqueezeExcitation(expanded, std::max(1, in / 4), Act::SiLU, false));
    block->push_back(convNormAct(expanded, out, 1, 1, 1, Act::None));
    register_module("block", block);
    stochastic_depth = register_module("stochastic_depth", StochasticDepth(stochasticDepth));
}

torch::Tensor MBConvImpl::forward(const torch::Tensor &x)
{
    auto result = block->forward(x);
    if (residual)
        result = stochastic_depth(result) + x;
    return result;
}

EfficientNetImpl::EfficientNetImpl(const ModelSpec &spec) : BackboneNetImpl("EfficientNet")
{
    // expand ratio, kernel, stride, in, out, layers (torchvision's _efficientnet_conf, B0)
    const int setting[7][6] = {{1, 3, 1, 32, 16, 1},  {6, 3, 2, 16, 24, 2},  {6, 5, 2, 24, 40, 2},
                               {6, 3, 2, 40, 80, 3},  {6, 5, 1, 80, 112, 3}, {6, 5, 2, 112, 192, 4},
                               {6, 3, 1, 192, 320, 1}};
    int total = 0;
    for (const auto &r : setting)
        total += r[5];
    features = torch::nn::Sequential();
    features->push_back(convNormAct(spec.inChannels, 32, 3, 2, 1, Act::SiLU));
    int blockId = 0;
    for (const auto &r : setting) {
        SequentialBlock stage;
        for (int i = 0; i < r[5]; ++i) {
            const double sd = 0.2 * double(blockId++) / double(total);
            stage->push_back(MBConv(i == 0 ? r[3] : r[4], r[4], r[1], i == 0 ? r[2] : 1, r[0], sd));
        }
        features->push_back(stage);
    }
    features->push_back(convNormAct(320, m_lastConv, 1, 1, 1, Act::SiLU));
    if (!spec.truncateAt.empty())
        features = truncateSequential(features, spec.truncateAt, spec.name);
    register_module("features", features);
    finishHead(spec, "classifier");
}

void EfficientNetImpl::buildNativeHead(int numClasses)
{
    classifier = register_module(
        "classifier",
        torch::nn::Sequential(tl::models::Dropout(0.2), torch::nn::Linear(m_lastConv, numClasses)));
}

torch::Tensor EfficientNetImpl::forwardFeatures(torch::Tensor x, const ShapeHook *hook)
{
    return runSequential(*features, x, hook);
}

torch::Tensor EfficientNetImpl::nativeClassifier(torch::Tensor x, const ShapeHook *hook)
{
    return runSequential(*classifier, x, hook);
}

} // namespace tl::models
