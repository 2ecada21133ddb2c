#include "models/small_cnns.h"

#include "models/random.h"

#include <torch/torch.h>

namespace tl::models {

namespace {

torch::nn::Conv2d conv3x3(int in, int out)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1));
}

// Keras initialises Conv2D and Dense kernels with glorot_uniform and biases with zeros; the
// notebooks' numbers come from that, so these Keras-born models do the same.
void kerasInit(torch::nn::Module &model)
{
    torch::NoGradGuard noGrad;
    for (const auto &m : model.modules(false)) {
        torch::Tensor w, b;
        if (auto *c = dynamic_cast<torch::nn::Conv2dImpl *>(m.get())) {
            w = c->weight;
            b = c->bias;
        } else if (auto *l = dynamic_cast<torch::nn::LinearImpl *>(m.get())) {
            w = l->weight;
            b = l->bias;
        } else {
            continue;
        }
        torch::nn::init::xavier_uniform_(w);
        if (b.defined())
            torch::nn::init::zeros_(b);
    }
}

} // namespace

SimpleCnnImpl::SimpleCnnImpl(const ModelSpec &spec) : NetworkImpl("SimpleCnn")
{
    TORCH_CHECK(spec.inputSize >= 4, "simple-cnn needs inputs of at least 4x4 pixels");
    TORCH_CHECK(spec.numClasses >= 2, "a classifier needs at least 2 classes");
    const double dropout = spec.dropout >= 0 ? spec.dropout : 0.2;
    const int side = spec.inputSize / 2 / 2;

    features = torch::nn::Sequential();
    features->push_back("conv1", conv3x3(spec.inChannels, 32));
    features->push_back("relu1", torch::nn::ReLU());
    features->push_back("pool1", torch::nn::MaxPool2d(2));
    features->push_back("conv2", conv3x3(32, 64));
    features->push_back("relu2", torch::nn::ReLU());
    features->push_back("pool2", torch::nn::MaxPool2d(2));

    classifier = torch::nn::Sequential();
    classifier->push_back("channels_last", ChannelsLast());
    classifier->push_back("dense1", torch::nn::Linear(64, 128));
    classifier->push_back("relu3", torch::nn::ReLU());
    classifier->push_back("flatten", torch::nn::Flatten());
    classifier->push_back("dropout", tl::models::Dropout(dropout));
    classifier->push_back("dense2", torch::nn::Linear(side * side * 128, spec.numClasses));

    register_module("features", features);
    register_module("classifier", classifier);
    kerasInit(*this);
}

torch::Tensor SimpleCnnImpl::forward(torch::Tensor x)
{
    return classifier->forward(features->forward(x));
}

VggStyleCnnImpl::VggStyleCnnImpl(const ModelSpec &spec) : NetworkImpl("VggStyleCnn"), m_l2(spec.l2)
{
    TORCH_CHECK(spec.numClasses >= 2, "a classifier needs at least 2 classes");
    TORCH_CHECK(spec.poolSize >= 1, "pool size must be positive");
    const double dropout = spec.dropout >= 0 ? spec.dropout : 0.2;
    // Keras BatchNormalization: moving = moving * momentum + batch * (1 - momentum), eps 1e-3.
    const double torchMomentum = 1.0 - spec.bnMomentum;
    const double eps = 1e-3;

    features = torch::nn::Sequential();
    int in = spec.inChannels, side = spec.inputSize;
    const int widths[3] = {32, 64, 128};
    for (int b = 0; b < 3; ++b) {
        const std::string block = "block" + std::to_string(b + 1);
        for (int c = 1; c <= 2; ++c) {
            auto conv = conv3x3(in, widths[b]);
            m_kernels.push_back(conv->weight);
            features->push_back(block + "_conv" + std::to_string(c), conv);
            if (spec.batchNorm)
                features->push_back(
                    block + "_bn" + std::to_string(c),
                    torch::nn::BatchNorm2d(
                        torch::nn::BatchNormOptions(widths[b]).momentum(torchMomentum).eps(eps)));
            features->push_back(block + "_relu" + std::to_string(c), torch::nn::ReLU());
            in = widths[b];
        }
        features->push_back(block + "_pool", torch::nn::MaxPool2d(spec.poolSize));
        features->push_back(block + "_dropout", tl::models::Dropout(dropout));
        side /= spec.poolSize;
        TORCH_CHECK(side >= 1, "input of ", spec.inputSize, " pixels is too small for three ",
                    spec.poolSize, "x", spec.poolSize, " poolings");
    }

    classifier = torch::nn::Sequential();
    classifier->push_back("flatten", torch::nn::Flatten());
    auto dense1 = torch::nn::Linear(128 * side * side, 128);
    m_kernels.push_back(dense1->weight);
    classifier->push_back("dense1", dense1);
    if (spec.batchNorm)
        classifier->push_back(
            "dense1_bn", torch::nn::BatchNorm1d(
                             torch::nn::BatchNormOptions(128).momentum(torchMomentum).eps(eps)));
    classifier->push_back("relu", torch::nn::ReLU());
    classifier->push_back("dropout", tl::models::Dropout(dropout));
    classifier->push_back("dense2", torch::nn::Linear(128, spec.numClasses));

    register_module("features", features);
    register_module("classifier", classifier);
    kerasInit(*this);
}

torch::Tensor VggStyleCnnImpl::forward(torch::Tensor x)
{
    return classifier->forward(features->forward(x));
}

torch::Tensor VggStyleCnnImpl::regularizationLoss()
{
    if (m_l2 <= 0.0)
        return {};
    torch::Tensor sum = torch::zeros({}, m_kernels.front().options());
    for (const auto &k : m_kernels)
        sum = sum + k.pow(2).sum();
    return sum * m_l2;
}

} // namespace tl::models
