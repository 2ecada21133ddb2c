#pragma once

#include "rundir/run_result.h"

#include <cstdint>
#include <vector>

namespace tl::runs {

// A test image whose correctness differs between two runs.
struct FlippedImage
{
    std::int64_t index = 0; // the test file's index
    int trueLabel = 0;
    int predictedA = 0, predictedB = 0;
    float confidenceA = 0.f, confidenceB = 0.f;
};

// Run B against run A on the same test images.
struct RunDifference
{
    int numClasses = 0;
    // B's confusion matrix minus A's (row = true class, column = predicted), row-major. On the
    // diagonal a positive count is better; off it, a negative one is.
    std::vector<std::int64_t> confusionDelta;
    std::vector<FlippedImage> fixedByB;  // A wrong, B right
    std::vector<FlippedImage> brokenByB; // A right, B wrong
    std::int64_t bothRight = 0, bothWrong = 0;
    // Test images whose label differs between the runs (fixed between them, e.g. by a label
    // override): both runs are then scored against B's labels, the confusion delta too.
    std::int64_t relabelled = 0;
    // Test accuracy of each run against B's labels (equal to the runs' own when none differ).
    double accuracyA() const { return rate(bothRight + std::int64_t(brokenByB.size())); }
    double accuracyB() const { return rate(bothRight + std::int64_t(fixedByB.size())); }

    double rate(std::int64_t right) const
    {
        const std::int64_t n =
            bothRight + bothWrong + std::int64_t(fixedByB.size() + brokenByB.size());
        return n ? double(right) / double(n) : 0.0;
    }
    std::int64_t delta(int trueLabel, int predicted) const
    {
        return confusionDelta[std::size_t(trueLabel) * std::size_t(numClasses) +
                              std::size_t(predicted)];
    }
};

// tl::Error when the two runs were not tested on the same images with the same classes
// (different datasets, subsets or seeds). Images whose label differs (a test label fixed between
// the runs) count with B's label for both runs (`relabelled`).
RunDifference compareRuns(const RunResult &a, const RunResult &b);

} // namespace tl::runs
