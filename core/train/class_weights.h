#pragma once

// Weighting the training loss by class (a stage's class_weights, `train --class-weights`): what
// a user does when the data health check says the classes are imbalanced. Plain C++, torch-free;
// the trainer turns the weights into cross entropy's `weight` on its device.

#include <cstdint>
#include <string>
#include <vector>

namespace tl::train {

// The modes a stage's class_weights may name: "none" (every image counts the same) and
// "balanced" (each class counts as much as the others in total).
inline bool isClassWeightMode(const std::string &mode)
{
    return mode == "none" || mode == "balanced";
}
inline constexpr const char *kClassWeightModes = "must be none or balanced";

// One weight per class for `mode` over the labels a stage trains on: "none" gives none (an
// unweighted loss); "balanced" gives scikit-learn's w_c = N / (K * n_c), N the images, n_c those
// of class c and K the classes that have any (so the mean weight per image is 1), and 0 for a
// class without images. tl::Error for another mode or a label outside 0..numClasses-1.
std::vector<double> classWeights(const std::string &mode, const std::vector<std::int64_t> &labels,
                                 int numClasses);

// "Class weights (balanced): T-shirt 0.83, Trouser 1.2, ..." for the training log; "" when
// `weights` is empty (unweighted).
std::string describeClassWeights(const std::string &mode, const std::vector<double> &weights,
                                 const std::vector<std::string> &classNames);

} // namespace tl::train
