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

    std::int64_t delta(int trueLabel, int predicted) const
    {
        return confusionDelta[std::size_t(trueLabel) * std::size_t(numClasses) +
                              std::size_t(predicted)];
    }
};

// tl::Error when the two runs were not tested on the same images with the same classes
// (different datasets, subsets or seeds).
RunDifference compareRuns(const RunResult &a, const RunResult &b);

} // namespace tl::runs
