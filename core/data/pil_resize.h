#pragma once

#include <opencv2/core/mat.hpp>

namespace tl::data {

// Pillow's Image.resize(size, Image.BILINEAR) on 8-bit images (1 or 3 channels), which is what
// torchvision's Resize and RandomResizedCrop do to a PIL image: a separable triangle filter whose
// support grows with the reduction (so shrinking averages every source pixel: antialiased),
// horizontal pass first, coefficients in 22-bit fixed point, each pass rounded and clipped to
// 8 bits (Pillow 9, libImaging/Resample.c). The same arithmetic, so the pixels agree with
// torchvision's exactly or within one grey level. OpenCV's INTER_LINEAR does not antialias and
// INTER_AREA is a box filter: both differ by several grey levels on photographs.
cv::Mat pilResizeBilinear(const cv::Mat &src, int width, int height);

} // namespace tl::data
