#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {

// An image file decoded by OpenCV (`flags`: cv::IMREAD_*), refused with a tl::Error naming the
// file and the limit before anything large is allocated: the file's size is bounded, and the
// dimensions in PNG, JPEG, BMP, WebP and PNM headers are read and checked against
// limits::kMaxImageSide / kMaxImagePixels first (OpenCV's own pixel ceiling, set to the same
// limit when the program starts, covers the other formats).
cv::Mat decodeImageFile(const std::string &path, int flags);

// The same, colour, converted to RGB.
cv::Mat decodeRgb(const std::string &path);

// Width and height from the header of an encoded image, when its format is one of those above
// and the header is readable; false otherwise. For tests and the decoder.
bool imageHeaderSize(const unsigned char *data, std::size_t size, long long &width,
                     long long &height);

} // namespace tl::data
