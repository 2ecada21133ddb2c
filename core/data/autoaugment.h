#pragma once

#include "data/rng.h"

namespace cv {
class Mat;
}

namespace tl::data {

// AutoAugment with the CIFAR-10 policy (Cubuk et al., 2019), following torchvision's
// transforms.AutoAugment: one of 25 sub-policies is picked, each of its two operations runs with
// its probability and magnitude bin (of 10), signed operations get a random sign. Geometric
// operations use nearest-neighbour sampling and fill with 0, as torchvision does by default.
// `img` is uint8 with 1 or 3 channels (RGB) and is replaced by the result.
void autoAugmentCifar10(cv::Mat &img, Rng &rng);

// Single operations, exposed for tests. `magnitude` is the operation's own unit.
enum class AutoAugmentOp {
    ShearX,
    ShearY,
    TranslateX,
    TranslateY,
    Rotate,
    Brightness,
    Color,
    Contrast,
    Sharpness,
    Posterize,
    Solarize,
    AutoContrast,
    Equalize,
    Invert
};
void applyAutoAugmentOp(cv::Mat &img, AutoAugmentOp op, double magnitude);

} // namespace tl::data
