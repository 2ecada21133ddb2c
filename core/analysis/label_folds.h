#pragma once

// Every training image scored out of sample (issue 28): K-fold cross-validated class
// probabilities for the run's training and validation images, confident learning's recipe
// (Northcutt et al. 2021). Each fold trains a softmax head on the other folds' penultimate
// features (the run's features.safetensors) and scores its own rows, so no image is scored by a
// head that saw its label. Cached beside the features in label_folds.safetensors, stamped with
// model.pth's SHA-256, the folds and the seed; read back as untrusted bytes.
// Plain C++ header (torch stays in the .cpp file).

#include "analysis/run_inspect.h"
#include "inference/run_features.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::runs {

struct LabelFoldOptions
{
    int folds = 5;          // K, 2..20
    std::uint64_t seed = 0; // which images go to which fold
    int iterations = 60;    // L-BFGS steps per fold
    double weightDecay = 1e-4;
};

// The fold (0..folds-1) of each row: each class's rows shuffled with `seed` and dealt in turn,
// so every fold holds each class's share (a class with fewer rows than folds leaves some folds
// without it). tl::Error for folds outside 2..20 or a negative label.
std::vector<int> stratifiedFolds(const std::vector<std::int64_t> &labels, int folds,
                                 std::uint64_t seed);

// Out-of-sample probabilities of `rows` rows of `dims` features with `labels` in 0..classes-1:
// for each fold a softmax head (features standardised with the other folds' mean and spread,
// L-BFGS on cross-entropy + weightDecay * |W|^2) trained on the other folds, applied to this
// one. rows x classes, row-major. `progress` gets the share of folds done; false stops
// (empty result).
std::vector<float> crossValidatedProbabilities(const std::vector<float> &features,
                                               std::int64_t rows, std::int64_t dims,
                                               const std::vector<std::int64_t> &labels,
                                               std::int64_t classes, const std::vector<int> &fold,
                                               const LabelFoldOptions &options,
                                               const FeatureProgress &progress = {});

struct OutOfSampleProbabilities
{
    int folds = 0;
    std::uint64_t seed = 0;
    std::int64_t classes = 0;
    std::vector<float> train, val; // rows x classes, the rows of RunFeatures' train and val
    bool fromCache = false;
    bool fromRuns = false; // scored by K runs of the experiment (label_fold_runs.h), not heads
    bool stopped = false;
    double seconds = 0;
    // What the scores are and are not ("5-fold heads on the penultimate features; the backbone
    // trained on these labels too, so its features are not out of sample").
    std::string basis;
};

// The run's training and validation images (those of `f`) scored out of sample: read from
// label_folds.safetensors when it belongs to these features, folds and seed, else computed and
// (with useCache) written there. `backboneFrozen`: the features come from layers that never
// trained on these labels (said in `basis`).
OutOfSampleProbabilities
outOfSampleProbabilities(const RunFeatures &f, const LabelFoldOptions &options, bool backboneFrozen,
                         const FeatureProgress &progress = {}, bool useCache = true);

// label_folds.safetensors: read when it belongs to these features, folds and seed (false
// otherwise, or when it does not read back whole); written for them.
bool readOutOfSampleCache(const RunFeatures &f, const LabelFoldOptions &options,
                          OutOfSampleProbabilities &out);
void writeOutOfSampleCache(const RunFeatures &f, const LabelFoldOptions &options,
                           const OutOfSampleProbabilities &out);

// suspiciousLabels over every training and validation image, from the out-of-sample scores.
SuspicionReport suspiciousLabelsOutOfSample(const RunFeatures &f,
                                            const OutOfSampleProbabilities &scores,
                                            const data::DatasetSplits &data, std::size_t limit);

} // namespace tl::runs
