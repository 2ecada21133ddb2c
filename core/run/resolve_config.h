#pragma once

#include "data/dataset.h"
#include "experiment/experiment_config.h"

#include <cstdint>

namespace tl::runs {

// The experiment with every "auto" value resolved against the data (class count, channels,
// input size, normalisation) and its paths (data, label overrides, weights) made absolute:
// what config.json records.
experiment::ExperimentConfig resolveConfig(experiment::ExperimentConfig config,
                                           const data::DatasetSplits &data);

// The batch size for passes without gradients (validation, test, feature extraction): as large
// as keeps the model's largest activation (`largestActivation` elements per image, float) within
// kEvaluationTensorBytes, at most 256 and at least the smaller of 16 and the training batch.
// A bigger batch does not pay on the CPU: above 32 MiB glibc maps each tensor afresh, and it
// leaves the caches (ResNet-18 at 64 px: 740 images/s at 64 a batch, 420 at 256).
constexpr std::int64_t kEvaluationTensorBytes = std::int64_t(24) << 20;
int evaluationBatchSize(std::int64_t largestActivation, int trainingBatch);

} // namespace tl::runs
