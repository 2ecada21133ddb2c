#pragma once

// A dataset's health (issue 28; cleanlab's Datalab, Roboflow's health check), beside the labels
// the model doubts: exact and near duplicates within and across the training, validation and
// test images (a test image that is also a training image makes the test score a lie: named
// first), images far from every class in the run's feature space, very dark, very bright and
// blurry images, and class imbalance. Plain C++ header, Qt-free and torch-free.

#include "inference/run_features.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {
struct DatasetSplits;
}

namespace tl::runs {

struct HealthOptions
{
    int nearBits = 3; // dHash (64 bits) distance for a near-duplicate candidate
    // and their 16x16 grey thumbnails differ by at most this on average (0..255), by at most
    // four times this anywhere
    double nearMeanDiff = 3.0;
    double darkMean = 14.0;    // mean grey level below: very dark (and nothing bright in it)
    double brightMean = 241.0; // above: very bright (and nothing dark in it)
    // Variance of the Laplacian below this share of the data's median: blurry.
    double blurShare = 0.05;
    double imbalanceRatio = 3.0; // most / fewest training images per class at or above: said
    std::size_t listLimit = 200; // images per list at most (counts are always complete)
};

// An image of the data, by split and its row in that split's store.
struct HealthImage
{
    std::string split; // train, val, test
    std::int64_t storeRow = 0;
    std::int64_t index = 0; // source index, as predictions.csv and inspect list it
    std::string path;       // "" for the built-in datasets
    int label = 0;
    double value = 0; // what put it on its list (mean grey, sharpness, distance)
};

struct DuplicateGroup
{
    std::vector<HealthImage> images;
    bool exact = false;   // the same pixels; else near (dHash and thumbnails close)
    bool leakage = false; // across training/validation and test, or training and validation
    bool labelsDisagree = false;
};

struct ClassCount
{
    std::string name;
    std::int64_t train = 0;
};

struct DataHealth
{
    std::int64_t examined = 0;
    std::vector<DuplicateGroup> duplicates; // leakage first, then exact, then near
    std::int64_t leakedImages = 0;          // images of the test (or validation) set that repeat
    std::int64_t duplicateImages = 0;       // images in some group
    std::vector<HealthImage> outliers;      // farthest from every class centre first
    double outlierThreshold = 0;            // cosine distance beyond which an image is listed
    std::vector<HealthImage> dark, bright, blurry;
    std::int64_t darkCount = 0, brightCount = 0, blurryCount = 0, outlierCount = 0;
    std::vector<ClassCount> classes;
    double imbalance = 1;        // most / fewest training images per class
    std::string imbalanceAdvice; // "" when balanced enough
    bool stopped = false;
    double seconds = 0;
};

// Looks at every image of `data` (decoding streamed ones) and at the run's features `f` (for
// the outliers; the training features may be a sample). progress: share done; false stops.
DataHealth checkDataHealth(const RunFeatures &f, const data::DatasetSplits &data,
                           const HealthOptions &options = {}, const FeatureProgress &progress = {});

// --- The pieces, for tests ----------------------------------------------------------------

// 64-bit difference hash of a grey image (h x w): 9 x 8 area-averaged, each bit "brighter than
// the right neighbour".
std::uint64_t differenceHash(const std::vector<std::uint8_t> &grey, int height, int width);
// Grey (luma) of an interleaved image with 1, 3 or 4 channels.
std::vector<std::uint8_t> greyOf(const std::vector<std::uint8_t> &pixels, int height, int width,
                                 int channels);
// Variance of the 4-neighbour Laplacian (sharpness; 0 for a flat image).
double laplacianVariance(const std::vector<std::uint8_t> &grey, int height, int width);

} // namespace tl::runs
