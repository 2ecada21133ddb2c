#pragma once

// Image encoding for code outside data/ (reports), without OpenCV in the header.

#include <cstdint>
#include <vector>

namespace tl::data {

// The PNG encoding of `pixels` (height x width x channels, 1 or 3, RGB, rows packed), each pixel
// enlarged to scale x scale (nearest neighbour): report thumbnails.
std::vector<unsigned char> encodePng(const std::uint8_t *pixels, int height, int width,
                                     int channels, int scale = 1);

} // namespace tl::data
