#include "teach/teach_model.h"

#include "base/error.h"
#include "data/image_preprocess.h"
#include "models/model_factory.h"
#include "models/network.h"
#include "weights/checkpoint.h"
#include "weights/weight_catalog.h"

#include <torch/torch.h>

#include <array>
#include <chrono>
#include <mutex>

namespace tl::teach {

namespace {

constexpr std::array<float, 3> kMean{0.485f, 0.456f, 0.406f};
constexpr std::array<float, 3> kStd{0.229f, 0.224f, 0.225f};

} // namespace

std::string Backbone::describe() const
{
    return model + (imagenet ? ", ImageNet weights, " : ", random weights, ") +
           std::to_string(imageSize) + " px";
}

const std::vector<std::string> &teachModels()
{
    static const std::vector<std::string> names{"mobilenet_v3_small", "mobilenet_v2",
                                                "resnet18"};
    return names;
}

Backbone defaultBackbone()
{
    Backbone b;
    b.imagenet = !weights::findWeights(b.model).empty();
    return b;
}

struct FeatureExtractor::Impl
{
    std::shared_ptr<models::NetworkImpl> model;
    std::mutex mutex;
};

FeatureExtractor::FeatureExtractor(const Backbone &backbone)
    : m_impl(std::make_unique<Impl>()), m_backbone(backbone)
{
    models::ModelSpec spec;
    spec.name = backbone.model;
    spec.numClasses = 2; // the head is not used: only the body runs
    spec.inputSize = backbone.imageSize;
    // Random weights are seeded: the same features on every computer and every reopening.
    auto model = models::createModel(spec, 0);
    if (!model->canSplit())
        throw Error(backbone.model + " cannot be cut before its head; choose another backbone");
    if (backbone.imagenet) {
        const std::string path = weights::findWeights(backbone.model);
        if (path.empty())
            throw Error("ImageNet weights for " + backbone.model + " are not in " +
                        weights::torchHubCheckpointDir() + " (" +
                        weights::weightInfo(backbone.model).fileName + ")");
        const auto report =
            weights::loadStateDict(*model, weights::readCheckpoint(path).tensors, false, path);
        if (report.loaded == 0)
            throw fileError(path, "none of its tensors fit " + backbone.model);
    }
    // Evaluation mode: BatchNorm uses its running statistics, so a frame's features do not
    // depend on the frames around it.
    model->eval();
    for (auto &p : model->parameters())
        p.set_requires_grad(false);
    m_impl->model = model;
    torch::NoGradGuard noGrad;
    m_width = int(model->forwardBody(torch::zeros({1, 3, backbone.imageSize, backbone.imageSize}))
                      .numel());
}

FeatureExtractor::~FeatureExtractor() = default;

std::vector<float> FeatureExtractor::features(const std::uint8_t *rgb, int height, int width,
                                              int rowBytes)
{
    const int size = m_backbone.imageSize;
    std::vector<float> x = data::preprocessLikeTraining(rgb, height, width, 3, rowBytes, size, 3,
                                                        kMean, kStd);
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    torch::NoGradGuard noGrad;
    const torch::Tensor f =
        m_impl->model->forwardBody(torch::from_blob(x.data(), {1, 3, size, size}))
            .flatten()
            .contiguous();
    return {f.data_ptr<float>(), f.data_ptr<float>() + f.numel()};
}

std::vector<float> FeatureExtractor::featuresOfFile(const std::string &path)
{
    const int size = m_backbone.imageSize;
    std::vector<float> x = data::loadLikeTraining(path, size, 3, kMean, kStd);
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    torch::NoGradGuard noGrad;
    const torch::Tensor f =
        m_impl->model->forwardBody(torch::from_blob(x.data(), {1, 3, size, size}))
            .flatten()
            .contiguous();
    return {f.data_ptr<float>(), f.data_ptr<float>() + f.numel()};
}

struct TeachHead::Impl
{
    torch::Tensor mean, invStd, weight, bias;
};

TeachHead::TeachHead() = default;
TeachHead::~TeachHead() = default;
TeachHead::TeachHead(TeachHead &&) noexcept = default;
TeachHead &TeachHead::operator=(TeachHead &&) noexcept = default;

namespace {

torch::Tensor featureMatrix(const std::vector<std::vector<float>> &features)
{
    const std::size_t width = features.front().size();
    torch::Tensor x = torch::empty({std::int64_t(features.size()), std::int64_t(width)});
    for (std::size_t i = 0; i < features.size(); ++i) {
        if (features[i].size() != width)
            throw Error("teach: feature row " + std::to_string(i) + " has " +
                        std::to_string(features[i].size()) + " values, the others " +
                        std::to_string(width) + " (features of two backbones mixed)");
        std::copy(features[i].begin(), features[i].end(), x[std::int64_t(i)].data_ptr<float>());
    }
    return x;
}

} // namespace

TeachHead TeachHead::train(const std::vector<std::vector<float>> &features,
                           const std::vector<int> &labels, int classes, const Options &o,
                           const std::function<bool(int, int)> &progress)
{
    if (classes < 2)
        throw Error("teach: at least two classes are needed to train");
    if (features.empty() || features.size() != labels.size())
        throw Error("teach: no recorded images to train on");
    std::vector<int> counts(std::size_t(classes), 0);
    for (const int l : labels) {
        if (l < 0 || l >= classes)
            throw Error("teach: label " + std::to_string(l) + " outside 0.." +
                        std::to_string(classes - 1));
        ++counts[std::size_t(l)];
    }
    for (int c = 0; c < classes; ++c)
        if (!counts[std::size_t(c)])
            throw Error("teach: class " + std::to_string(c + 1) + " has no images");
    const auto t0 = std::chrono::steady_clock::now();
    torch::NoGradGuard outer; // only the head's own tensors record gradients
    const torch::Tensor raw = featureMatrix(features);
    const torch::Tensor y = torch::tensor(std::vector<std::int64_t>(labels.begin(), labels.end()));
    TeachHead head;
    head.m_impl = std::make_unique<Impl>();
    auto &h = *head.m_impl;
    // Features of random weights can sit at any scale (and some never move): each is centred
    // and scaled by its spread, a spread near zero by a floor from the others', not by ~0.
    h.mean = raw.mean(0);
    const torch::Tensor spread = raw.std(0, /*unbiased=*/false);
    // The floor is relative: a random mobilenet_v3_small's features are all of order 1e-9
    // (its BatchNorm layers keep their placeholder statistics), and an absolute floor above
    // that would flatten every one of them.
    const double typical = spread.mean().item<double>();
    h.invStd = typical > 0 ? 1.0 / spread.clamp_min(0.01 * typical) : torch::ones_like(spread);
    const torch::Tensor x = (raw - h.mean) * h.invStd;
    const std::int64_t width = x.size(1);
    torch::Tensor w = torch::zeros({classes, width}).set_requires_grad(true);
    torch::Tensor b = torch::zeros({classes}).set_requires_grad(true);
    torch::optim::Adam opt({w, b}, torch::optim::AdamOptions(o.lr).weight_decay(o.weightDecay));
    int step = 0;
    for (; step < o.steps; ++step) {
        torch::AutoGradMode grad(true);
        opt.zero_grad();
        torch::nn::functional::cross_entropy(torch::addmm(b, x, w.t()), y).backward();
        opt.step();
        if (progress && !progress(step + 1, o.steps)) {
            ++step;
            break;
        }
    }
    h.weight = w.detach();
    h.bias = b.detach();
    head.m_classes = classes;
    head.m_width = int(width);
    head.m_trainAccuracy =
        torch::addmm(h.bias, x, h.weight.t()).argmax(1).eq(y).to(torch::kFloat).mean().item<double>();
    head.m_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return head;
}

std::vector<float> TeachHead::probabilities(const std::vector<float> &features) const
{
    if (!m_impl || int(features.size()) != m_width)
        throw Error("teach: " + std::to_string(features.size()) +
                    " features where the head takes " + std::to_string(m_width) +
                    " (the backbone changed since training)");
    torch::NoGradGuard noGrad;
    const torch::Tensor f =
        torch::from_blob(const_cast<float *>(features.data()), {1, std::int64_t(m_width)});
    const torch::Tensor p =
        torch::softmax(torch::addmm(m_impl->bias, (f - m_impl->mean) * m_impl->invStd,
                                    m_impl->weight.t()),
                       1)
            .contiguous();
    return {p.data_ptr<float>(), p.data_ptr<float>() + p.size(1)};
}

} // namespace tl::teach
