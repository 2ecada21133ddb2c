#include "inference/checkpoint_classifier.h"

#include "data/image_preprocess.h"
#include "models/model_factory.h"
#include "weights/checkpoint.h"
#include "weights/weight_catalog.h"

#include <torch/torch.h>

#include <algorithm>

namespace tl::runs {

CheckpointClassifier::CheckpointClassifier(const std::string &model, const std::string &file,
                                           int crop)
    : m_crop(crop)
{
    const weights::Checkpoint ckpt = weights::readCheckpoint(file);
    models::ModelSpec spec;
    spec.name = model;
    spec.numClasses = weights::headClassesOf(ckpt.tensors, file);
    spec.inputSize = crop;
    spec.head = "keep";
    m_classes = spec.numClasses;
    m_model = models::createModel(spec);
    weights::loadStateDict(*m_model, ckpt.tensors, true, file);
    m_model->eval();
}

CheckpointClassifier::~CheckpointClassifier() = default;

std::vector<ClassProbability> CheckpointClassifier::classify(const std::string &image, int resize,
                                                             int topk) const
{
    std::vector<float> x = data::loadForClassification(
        image, resize, m_crop, {0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f});
    torch::NoGradGuard noGrad;
    const torch::Tensor input = torch::from_blob(x.data(), {1, 3, m_crop, m_crop}).clone();
    const torch::Tensor probs = torch::softmax(m_model->forward(input), 1)[0];
    const auto [p, idx] = probs.topk(std::min<std::int64_t>(topk, probs.size(0)));
    const auto &names = weights::imagenetClassNames();
    const bool imagenet = m_classes == 1000;
    std::vector<ClassProbability> top;
    for (std::int64_t i = 0; i < p.size(0); ++i) {
        const auto c = idx[i].item<std::int64_t>();
        top.push_back({c,
                       imagenet && std::size_t(c) < names.size() ? names[std::size_t(c)]
                                                                 : "class " + std::to_string(c),
                       p[i].item<double>()});
    }
    return top;
}

} // namespace tl::runs
