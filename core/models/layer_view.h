#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tl::models {

// One layer seen from inside during training (the live view): its feature maps for a fixed
// image and, for a first convolution, its filters. Plain values, copied to the window.
struct NetworkView
{
    int globalEpoch = 0;
    std::string layer;
    int channels = 0, height = 0, width = 0;
    std::vector<float> maps;  // channels x height x width
    std::vector<float> means; // per channel
    std::vector<int> order;   // channels, strongest mean first
    int filterIn = 0, filterSize = 0;
    std::vector<float> filters;      // channels x filterIn x k x k (empty when none)
    std::vector<std::uint8_t> image; // the fixed image as shown, height x width x imageChannels
    int imageHeight = 0, imageWidth = 0, imageChannels = 0;
};

} // namespace tl::models
