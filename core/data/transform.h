#pragma once

#include "data/augment_options.h"
#include "data/image_store.h"
#include "data/rng.h"

#include <cstdint>

namespace cv {
class Mat;
}

namespace tl::data {

// Per-channel mean and standard deviation of a store's pixels on the [0, 1] scale (a streamed
// store: of up to kStatisticsSample images spread over it, prepared for evaluation).
inline constexpr std::size_t kStatisticsSample = 256;
void channelStatistics(const ImageStore &store, std::array<float, 3> &mean,
                       std::array<float, 3> &std);

// Fills in the mean/std that `options.normalization` asks for (dataset statistics come from
// `train`, ImageNet's are torchvision's). Custom and None are returned as they are.
PreprocessOptions resolvePreprocess(PreprocessOptions options, const ImageStore &train);

// Turns one stored uint8 image into the float C x H x W tensor the network sees: random
// augmentations (when `augment` is set), resize to the model's input size, gray to RGB,
// normalisation, cutout. Thread-safe: all state is in the arguments.
class SampleTransform
{
public:
    SampleTransform(int height, int width, int channels, const AugmentOptions &augment,
                    const PreprocessOptions &preprocess);

    int outHeight() const { return m_outH; }
    int outWidth() const { return m_outW; }
    int outChannels() const { return m_outC; }
    std::size_t outFloats() const { return std::size_t(m_outC) * m_outH * m_outW; }
    const PreprocessOptions &preprocess() const { return m_pre; }
    // The same transform for images already at its output size (a streamed store's images,
    // prepared from their files at that size): augmentations and normalisation, no resize.
    SampleTransform forPreparedImages() const;
    const AugmentOptions &augment() const { return m_aug; }

    // `out` receives outFloats() values. `rng` is only used when `augment` is true.
    void apply(const std::uint8_t *src, float *out, Rng &rng, bool augment) const;

    // Image i of `store` as the network receives it: a stored image through apply(); a streamed
    // one decoded from its file and prepared at this transform's (square) size, as torchvision
    // does (ImageFiles: resize + centre crop, or RandomResizedCrop when `augment` and any
    // augmentation is on), then augmented and normalised. The loader and the Data tab's preview
    // both call this. False when the file cannot be decoded (the store's files record it).
    bool applyTo(const ImageStore &store, std::size_t i, float *out, Rng &rng, bool augment) const;

    // Back from normalised floats to displayable RGB (or gray) bytes, H x W x C: what the
    // augmentation preview shows.
    void denormalize(const float *chw, std::uint8_t *hwc) const;

private:
    // The stored image warped (rotation, zoom, shift) and resized to the output in one
    // interpolation; random draws in a fixed order: angle, scale, shift x, shift y.
    cv::Mat resizeAndWarp(const cv::Mat &img, Rng &rng, bool augment) const;
    // Brightness and contrast (drawn here), flips, normalisation: the output tensor.
    void writeNormalized(const cv::Mat &sized, float *out, Rng &rng, bool augment, bool flipH,
                         bool flipV) const;
    // Cutout: a square of the output set to the mean (zero after normalisation).
    void cutout(float *out, Rng &rng) const;

    int m_inH, m_inW, m_inC;
    int m_outH, m_outW, m_outC;
    AugmentOptions m_aug;
    PreprocessOptions m_pre;
    bool m_geometric;
};

} // namespace tl::data
