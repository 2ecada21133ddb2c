#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tl::teach {

// Teaching by example (the window's Teach tab): a frozen backbone turns each recorded frame into
// features as it is recorded, and a small head trains on them in seconds. Plain C++ header;
// torch stays inside.

struct Backbone
{
    std::string model = "mobilenet_v3_small";
    bool imagenet = true; // torchvision's ImageNet weights; false: random (seeded) weights
    int imageSize = 224;
    bool operator==(const Backbone &o) const
    {
        return model == o.model && imagenet == o.imagenet && imageSize == o.imageSize;
    }
    bool operator!=(const Backbone &o) const { return !(*this == o); }
    std::string describe() const; // "mobilenet_v3_small, ImageNet weights, 224 px"
};

// The models the Teach tab offers (small torchvision backbones that run live on a laptop CPU).
const std::vector<std::string> &teachModels();
// The backbone to start with: mobilenet_v3_small, with ImageNet weights when they are on this
// computer (weights::findWeights), else with random ones.
Backbone defaultBackbone();

// The frozen body of a backbone in evaluation mode: an image in, its pooled features out (what
// feature caching feeds a frozen model's head). Calls are serialised; one thread at a time.
class FeatureExtractor
{
public:
    // tl::Error naming the model, or the weights file when ImageNet weights are asked for and
    // missing or damaged.
    explicit FeatureExtractor(const Backbone &backbone);
    ~FeatureExtractor();
    FeatureExtractor(const FeatureExtractor &) = delete;
    FeatureExtractor &operator=(const FeatureExtractor &) = delete;

    const Backbone &backbone() const { return m_backbone; }
    int width() const { return m_width; }
    // RGB pixels, rows `rowBytes` apart, prepared as a run prepares a new image
    // (preprocessLikeTraining, ImageNet's mean and std).
    std::vector<float> features(const std::uint8_t *rgb, int height, int width, int rowBytes);
    // An image file (tl::Error naming it when it cannot be decoded).
    std::vector<float> featuresOfFile(const std::string &path);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    Backbone m_backbone;
    int m_width = 0;
};

// A linear classifier over standardised features (each feature's mean and spread from the
// training rows): the head that trains in seconds.
class TeachHead
{
public:
    struct Options
    {
        int steps = 300; // full-batch Adam steps
        double lr = 0.01;
        double weightDecay = 1e-4;
    };
    // `features` rows of equal width, labels in 0..classes-1 (every class at least one row).
    // `progress(step, steps)` after each step; false stops (the head then holds the steps done).
    // tl::Error for rows of other widths or a class without a row.
    static TeachHead train(const std::vector<std::vector<float>> &features,
                           const std::vector<int> &labels, int classes, const Options &options,
                           const std::function<bool(int, int)> &progress = {});

    TeachHead();
    ~TeachHead();
    TeachHead(TeachHead &&) noexcept;
    TeachHead &operator=(TeachHead &&) noexcept;

    int classes() const { return m_classes; }
    int width() const { return m_width; }
    bool empty() const { return m_classes == 0; }
    double seconds() const { return m_seconds; } // the training's own time
    double trainAccuracy() const { return m_trainAccuracy; }
    // Probabilities of each class for one feature row of width().
    std::vector<float> probabilities(const std::vector<float> &features) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    int m_classes = 0, m_width = 0;
    double m_seconds = 0, m_trainAccuracy = 0;
};

} // namespace tl::teach
