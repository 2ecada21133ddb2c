#include "train/class_weights.h"

#include "base/error.h"

#include <cstdio>

namespace tl::train {

std::vector<double> classWeights(const std::string &mode, const std::vector<std::int64_t> &labels,
                                 int numClasses)
{
    if (!isClassWeightMode(mode))
        throw Error("class weights '" + mode + "': " + kClassWeightModes);
    if (mode == "none")
        return {};
    if (numClasses < 1)
        throw Error("class weights: the number of classes is not known");
    std::vector<std::int64_t> count(std::size_t(numClasses), 0);
    for (const std::int64_t l : labels) {
        if (l < 0 || l >= numClasses)
            throw Error("class weights: label " + std::to_string(l) + " is outside 0.." +
                        std::to_string(numClasses - 1));
        ++count[std::size_t(l)];
    }
    int present = 0;
    for (const std::int64_t n : count)
        present += n > 0;
    std::vector<double> weights(count.size(), 0.0);
    for (std::size_t c = 0; c < count.size(); ++c)
        if (count[c] > 0)
            weights[c] = double(labels.size()) / (double(present) * double(count[c]));
    return weights;
}

std::string describeClassWeights(const std::string &mode, const std::vector<double> &weights,
                                 const std::vector<std::string> &classNames)
{
    if (weights.empty())
        return {};
    std::string text = "Class weights (" + mode + "):";
    for (std::size_t c = 0; c < weights.size(); ++c) {
        char value[32];
        std::snprintf(value, sizeof value, "%.3g", weights[c]);
        const std::string name = c < classNames.size() ? classNames[c] : std::to_string(c);
        text += (c ? ", " : " ") + name + " " + value;
    }
    return text;
}

} // namespace tl::train
