#pragma once

#include <array>
#include <string>

namespace tl::data {

// Random augmentations applied to training samples only. Plain values so the experiment config,
// the CLI and the GUI can hold them without OpenCV.
struct AugmentOptions
{
    bool hflip = false;       // mirror left-right with probability 0.5
    bool vflip = false;       // mirror top-bottom with probability 0.5
    double rotation = 0.0;    // degrees, uniform in [-rotation, rotation]
    double zoom = 0.0;        // scale uniform in [1 - zoom, 1 + zoom]
    double translate = 0.0;   // fraction of the side, uniform in [-translate, translate], x and y
    double brightness = 0.0;  // pixel * U[1 - b, 1 + b]
    double contrast = 0.0;    // (pixel - mean) * U[1 - c, 1 + c] + mean
    int cutout = 0;           // side of a square set to the mean, in output pixels; 0: off
    bool autoAugment = false; // AutoAugment, CIFAR-10 policy (Cubuk et al. 2019), before the rest

    bool any() const
    {
        return hflip || vflip || rotation > 0 || zoom > 0 || translate > 0 || brightness > 0 ||
               contrast > 0 || cutout > 0 || autoAugment;
    }
    // "hflip,rotation=15,zoom=0.1,autoaugment" (the CLI's --augment); tl::Error on a bad item.
    static AugmentOptions parse(const std::string &list);
    std::string toString() const;
};

// Auto: ImageNet's statistics for pretrained backbones, the dataset's otherwise.
enum class Normalization { Auto, Dataset, ImageNet, None, Custom };

// Deterministic preprocessing, applied to every sample (train, validation, test, prediction).
struct PreprocessOptions
{
    int imageSize = 0; // output side in pixels (OpenCV INTER_LINEAR); 0: keep the stored size
    int channels = 0;  // 3 replicates gray images to RGB; 0: keep the stored channels
    Normalization normalization = Normalization::Auto;
    std::array<float, 3> mean = {0.f, 0.f, 0.f}; // filled in for Dataset / ImageNet
    std::array<float, 3> std = {1.f, 1.f, 1.f};
};

std::string normalizationName(Normalization n);
Normalization normalizationFromName(const std::string &name); // tl::Error when unknown

} // namespace tl::data
