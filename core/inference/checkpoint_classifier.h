#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl::models {
class NetworkImpl;
}

namespace tl::runs {

// One class of a classification, most probable first.
struct ClassProbability
{
    std::int64_t index = 0;
    std::string label; // ImageNet's name for a 1000-class head, else "class N"
    double probability = 0.0;
};

// A catalog model with the weights and head of a checkpoint file (torchvision's ImageNet
// checkpoints, or any state dict that fills the model exactly), classifying images with
// torchvision's ImageNet preprocessing (`transferlab-cli predict --model M --weights FILE`).
class CheckpointClassifier
{
public:
    // tl::Error naming `file` when it does not fill `model` exactly; `crop`: the side the
    // model sees.
    CheckpointClassifier(const std::string &model, const std::string &file, int crop);
    ~CheckpointClassifier();
    CheckpointClassifier(const CheckpointClassifier &) = delete;
    CheckpointClassifier &operator=(const CheckpointClassifier &) = delete;

    // The `topk` most probable classes of the image file `image`: shorter side resized to
    // `resize`, centre crop, ImageNet's mean and deviation.
    std::vector<ClassProbability> classify(const std::string &image, int resize, int topk) const;

private:
    std::shared_ptr<models::NetworkImpl> m_model;
    int m_crop = 0;
    int m_classes = 0;
};

} // namespace tl::runs
