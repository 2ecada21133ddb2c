#pragma once

// A finished run's feature space (issue: look inside the network): the input of the model's last
// Linear layer (its "penultimate features") and its class probabilities for every image of the
// run's data, computed from the run folder's model.pth and cached beside it in
// features.safetensors (recomputed when model.pth or the data change). What the Inspect views
// and `transferlab-cli inspect` show is computed from these: a 2-D map of the test set, the
// nearest training images of an image, and the training labels the model doubts.
// Plain C++ header (torch stays in the .cpp files).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tl::data {
struct DatasetSplits;
struct ImageStore;
} // namespace tl::data
namespace tl::experiment {
struct ExperimentConfig;
}
namespace tl::models {
class NetworkImpl;
}

namespace tl::runs {

// One split's rows (all of it, or an evenly spaced sample when it is large).
struct FeatureSplit
{
    std::int64_t rows = 0;
    std::int64_t dims = 0;
    std::int64_t classes = 0;
    std::vector<float> features;           // rows x dims
    std::vector<float> probabilities;      // rows x classes: softmax of the model's output
    std::vector<std::int64_t> labels;      // the given label
    std::vector<std::int64_t> storeRow;    // the row of the run's split (data::ImageStore)
    std::vector<std::int64_t> sourceIndex; // index in the dataset's split, as predictions.csv

    std::int64_t predicted(std::int64_t row) const;
    float probability(std::int64_t row, std::int64_t cls) const
    {
        return probabilities[std::size_t(row * classes + cls)];
    }
    // The row holding the image with this source index, or -1.
    std::int64_t rowOfSourceIndex(std::int64_t index) const;
};

struct RunFeatures
{
    std::string runDir;
    std::string layer; // the Linear layer whose input the features are ("fc", "classifier.6")
    std::string weightsDigest; // SHA-256 of model.pth
    std::vector<std::string> classNames;
    FeatureSplit train, val, test;
    bool fromCache = false;
    bool stopped = false; // the progress callback said stop: nothing else is set
    std::string note;     // what a user should know ("training set: 20,000 of 60,000 rows")
    double seconds = 0;   // computing (or reading) them
};

// fraction in [0, 1] and what is being done; return false to stop.
using FeatureProgress = std::function<bool(double fraction, const std::string &what)>;

// Training rows kept at most (an evenly spaced sample above): the features stay within
// kFeatureRowsBytes.
constexpr std::int64_t kFeatureRowsBytes = std::int64_t(384) << 20;

// The run's model (config.json, model.pth) in evaluation mode, on the CPU. tl::Error naming the
// file otherwise.
std::shared_ptr<models::NetworkImpl> loadRunModel(const std::string &runDir,
                                                  experiment::ExperimentConfig &config);

// The run's features for `data` (loaded with the run's config: config.data and its seed). Read
// from features.safetensors when it was made from the same model.pth and data, else computed
// and written there (`useCache` false: computed, not written). tl::Error naming the file when the
// run cannot be read.
RunFeatures runFeatures(const std::string &runDir, const data::DatasetSplits &data,
                        const FeatureProgress &progress = {}, bool useCache = true);

// The dataset the run trained on, as `runFeatures` wants it (config.json's data, its seed).
data::DatasetSplits loadRunData(const std::string &runDir);

// What the features say (suspicious labels, neighbours, the test set's map):
// analysis/run_inspect.h.

const FeatureSplit &featureSplit(const RunFeatures &f, const std::string &split);
const data::ImageStore &storeOf(const data::DatasetSplits &data, const std::string &split);

} // namespace tl::runs
