#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {

// torchvision's ImageNet evaluation transform on an image file: resize so the shorter side is
// `resize` (area filter when shrinking, bilinear when enlarging), center crop `crop` x `crop`,
// RGB, normalise. Returns 3 x crop x crop floats. tl::Error naming the file if it cannot decode.
std::vector<float> loadForClassification(const std::string &path, int resize, int crop,
                                         const std::array<float, 3> &mean,
                                         const std::array<float, 3> &std);

// preprocessing.json's "resize": how a run's images reached the model's `imageSize`, named so
// that another program can repeat it. `fromFiles` (image folders, CSV datasets): each file is
// decoded, made RGB 8-bit, its shorter side resized to resizeSideFor(imageSize) with Pillow's
// BILINEAR (pilResizeBilinear: torchvision's Resize on a PIL image), then the centre crop
// (torchvision's CenterCrop, offsets rounded half to even) for evaluation, or torchvision's
// RandomResizedCrop on the resized image for training with augmentation (ImageFiles). Otherwise
// every stored image goes from storedSize to `imageSize` with OpenCV's INTER_LINEAR
// (SampleTransform). tst_preprocess_parity reads the numbers from this text and compares the
// loader's pixels with torchvision's; tst_image_folder repeats the in-memory step.
std::string describeTrainingResize(bool fromFiles, int storedSize, int imageSize);

// The training preprocessing of a run, for a new image file: decode, gray or RGB as the model
// takes it, resize to size x size (OpenCV's INTER_AREA when the image is larger than size in
// either side, INTER_LINEAR otherwise, on 8-bit pixels), normalise with the run's mean/std.
// Returns channels x size x size floats.
std::vector<float> loadLikeTraining(const std::string &path, int size, int channels,
                                    const std::array<float, 3> &mean,
                                    const std::array<float, 3> &std);

// The same for pixels in memory (webcam frames, images the window decoded): `pixelChannels` 1
// (gray) or 3 (RGB), rows `rowBytes` apart; converted to the model's `channels`.
std::vector<float> preprocessLikeTraining(const std::uint8_t *pixels, int height, int width,
                                          int pixelChannels, int rowBytes, int size, int channels,
                                          const std::array<float, 3> &mean,
                                          const std::array<float, 3> &std);

} // namespace tl::data
