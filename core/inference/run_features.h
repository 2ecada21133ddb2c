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

// --- What the features say -------------------------------------------------------------------

// An image of the run's data: which split, its row there, its index in the dataset's split (as
// predictions.csv), its file for folder datasets.
struct ImageRef
{
    std::string split;       // "train", "val" (held out of the training set) or "test"
    std::int64_t row = -1;   // row of that split's FeatureSplit
    std::int64_t index = -1; // source index
    std::string path;        // "" for built-in datasets
    int label = 0;
};

struct SuspectLabel
{
    ImageRef image;
    int suggested = 0;         // the class the model finds most likely
    double selfConfidence = 0; // the probability it gives the image's own label
    bool likelyWrong = false;  // confident learning's per-class threshold test
};

struct SuspicionReport
{
    // True when the probabilities come from images the model did not train on (the run's
    // validation split); false: the training images themselves, which the model has fitted, so
    // the ranking understates how doubtful a label is.
    bool outOfSample = false;
    std::string split;
    std::int64_t examined = 0;
    std::vector<SuspectLabel> images; // most suspicious first
};

SuspicionReport suspiciousLabels(const RunFeatures &f, const data::DatasetSplits &data,
                                 std::size_t limit);

struct Neighbour
{
    ImageRef image;
    double distance = 0; // cosine distance, 1 - cos
};

// The k training images nearest to row `row` of split `split` ("test", "val", "train"; a
// training image is not its own neighbour). tl::Error for an unknown split or row.
std::vector<Neighbour> trainingNeighbours(const RunFeatures &f, const data::DatasetSplits &data,
                                          const std::string &split, std::int64_t row, int k);

// The same for many questions: the training features normalised once (about 0.3 s for 10,000
// images of 6,272 features), then each question is one matrix-vector product. `f` and `data`
// must outlive it.
class NeighbourIndex
{
public:
    NeighbourIndex(const RunFeatures &f, const data::DatasetSplits &data);
    ~NeighbourIndex();
    NeighbourIndex(const NeighbourIndex &) = delete;
    NeighbourIndex &operator=(const NeighbourIndex &) = delete;
    std::vector<Neighbour> near(const std::string &split, std::int64_t row, int k) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

enum class EmbeddingMethod { Pca, Tsne };

struct EmbeddingPoint
{
    float x = 0, y = 0;
    std::int64_t row = 0; // row of the test split
    int label = 0;
    int predicted = 0;
};

struct Embedding
{
    EmbeddingMethod method = EmbeddingMethod::Pca;
    std::vector<EmbeddingPoint> points;
    double explainedVariance = 0; // PCA: the share of the variance the two axes keep
    bool stopped = false;
    double seconds = 0;
};

// The test split (an evenly spaced sample of at most `maxPoints`, every class in its share) in
// 2-D. progress as for runFeatures.
Embedding embedTestSet(const RunFeatures &f, EmbeddingMethod method, std::size_t maxPoints = 10000,
                       const FeatureProgress &progress = {});

// A list of images a user marked in the suspicious-labels view, as CSV: index, split, path,
// label, suggested, self_confidence, mark. `data.exclude` (and `train --exclude FILE`) take it.
struct MarkedImage
{
    SuspectLabel suspect;
    std::string mark; // "wrong label" or "ambiguous"
};
std::string markedImagesCsv(const std::vector<MarkedImage> &images,
                            const std::vector<std::string> &classNames);

// The image indices of such a CSV (its "index" column), or of a file with one index per line;
// sorted, without repeats. tl::Error naming the file and line otherwise.
std::vector<std::int64_t> readIndexList(const std::string &path);
// The same from the file's bytes (`origin` names them in errors).
std::vector<std::int64_t> parseIndexList(const std::vector<std::uint8_t> &data,
                                         const std::string &origin);

// The image behind a row of a split.
ImageRef imageRef(const RunFeatures &f, const data::DatasetSplits &data, const std::string &split,
                  std::int64_t row);
const FeatureSplit &featureSplit(const RunFeatures &f, const std::string &split);
const data::ImageStore &storeOf(const data::DatasetSplits &data, const std::string &split);

} // namespace tl::runs
