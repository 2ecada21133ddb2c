#pragma once

#include "data/dataset.h"
#include "data/transform.h"
#include "experiment/experiment_config.h"
#include "run/feature_scaling.h"
#include "train/batch_source.h"
#include "train/trainer.h"

#include <torch/types.h>

#include <functional>
#include <memory>
#include <string>

namespace tl::data {
class BatchLoader;
}

namespace tl::runs {

// Feature caching: when everything before the head (the model's last top-level module) is
// frozen and no random augmentation is on, the head's input is the same every epoch, so the
// body runs once and the head trains on its output. Same results, many times faster.
struct FeatureCache
{
    // Features beyond the memory budget: files in the run folder, mapped by the sources below
    // and removed with the cache (declared first: it outlives them).
    std::shared_ptr<void> spilled;
    std::unique_ptr<train::TensorBatchSource> train, val, test; // train null: not cached
    double seconds = 0.0; // spent computing the features (and their scaling)
    // The standardisation the head trains with (feature_scaling.h); inactive: raw features.
    FeatureScaling scaling;
    bool onDisk = false;
};

struct FeatureCacheRequest
{
    const experiment::ExperimentConfig &config;
    const experiment::StageConfig &stage;
    const data::DatasetSplits &data;
    const data::SampleTransform &transform;
    torch::Device device;
    int evaluationBatch = 256; // evaluationBatchSize(): the batch of the extraction pass
    // A data-parallel rank's part: each rank computes every image's features (its shard of the
    // training set changes with each epoch's shuffle) and then visits only its shards of them,
    // as its image loaders would.
    train::Shard shard;
    // Where features beyond the memory budget go (the run folder; empty: a temporary folder).
    // The budget is data.cache_mib for a streamed dataset (the photos' own budget), else
    // kFeatureCacheBytes.
    std::string spillDir;
};

// The cache for one stage of `remainingEpochs`, or an empty one when caching does not apply or a
// stop interrupted it. Features that would exceed the memory budget are written to
// feature-cache/ in `spillDir` and mapped from there (the head reads them through the page
// cache). `withTest`: the test set's features too (the per-epoch confusion pass).
FeatureCache buildFeatureCache(train::Trainer &trainer, const FeatureCacheRequest &request,
                               int remainingEpochs, bool withTest,
                               const std::function<void(const std::string &)> &say);

// Trains the head on the cache (FitOptions::headOnly). With an active scaling the head's first
// Linear layer is standardised for the fit, and folded back for every state the fit hands to
// `fo.onEpochState` (the model and the best epoch's weights in it: ordinary raw-input weights;
// the optimizer's moments stay those of the standardised layer, which a resumed cached stage
// standardises again with the same statistics) and when the fit ends, however it ends.
train::FitResult fitOnCache(train::Trainer &trainer, const FeatureCache &cache,
                            train::FitOptions fo);

} // namespace tl::runs
