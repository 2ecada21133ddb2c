#pragma once

// What a run's feature space (inference/run_features.h) says: the training labels the model
// doubts, the nearest training images of an image, a 2-D map of the test set; and the index
// lists of marked images. Plain C++ header (torch stays in the .cpp file).

#include "inference/run_features.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::runs {

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
    // The class probabilities that ranked it (out of sample for the K-fold list, the trained
    // model's own for the quick one), one per class.
    std::vector<float> probabilities;
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

// The trained model's own doubt about the labels of `split`'s images: by default the validation
// images when the run has some (out of sample), else the training images (in sample); "test":
// the test images, which the model never trained on (out of sample: a wrong test label makes
// the test accuracy lie).
SuspicionReport suspiciousLabels(const RunFeatures &f, const data::DatasetSplits &data,
                                 std::size_t limit, const std::string &split = {});

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

} // namespace tl::runs
