#pragma once

// A run's calibration (issue: "How sure is it, and when should it say 'I don't know'?"):
// temperature scaling fitted on the run's validation images, the test images' reliability before
// and after, and what "unfamiliar" means for this model (the training images' penultimate
// features as a reference, a threshold from the validation images). Computed from the run's feature
// space (run_features.h: features.safetensors holds every split's probabilities and features),
// written to calibration.json and calibration.safetensors (the reference), both stamped with
// model.pth's SHA-256. Plain C++ header.

#include "inspect/calibration.h"
#include "inference/run_features.h"
#include "train/training_types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tl::runs {

// The unfamiliar threshold is this quantile of the validation images' scores: one familiar image
// in twenty is called unfamiliar (the usual "95 % of in-distribution images kept" point).
constexpr double kUnfamiliarQuantile = 0.95;
// The reference holds at most this many training images, and at most this many bytes (float16):
// 4,800 images of mobilenet_v3_small's 1,024 features, 1,337 of simple-cnn's 6,272.
constexpr std::int64_t kUnfamiliarReferenceRows = 5000;
constexpr std::int64_t kUnfamiliarReferenceBytes = std::int64_t(16) << 20;

struct RunCalibration
{
    std::string weightsDigest; // SHA-256 of the model.pth it was fitted for
    double temperature = 1;
    std::int64_t valImages = 0;
    double valNllBefore = 0, valNllAfter = 0;
    std::int64_t testImages = 0;
    inspect::Reliability testBefore, testAfter; // top-1 reliability on the test images
    // "I don't know": 1 - the largest cosine similarity of an image's penultimate features (the
    // input of `layer`) with a reference training image's; above `unfamiliarThreshold` an image
    // is unfamiliar.
    std::string layer;
    double unfamiliarQuantile = kUnfamiliarQuantile;
    double unfamiliarThreshold = 0;
    double valUnfamiliarShare = 0;    // share of the validation images above the threshold
    double testUnfamiliarShare = 0;   // the same for the test images
    std::int64_t referenceImages = 0; // training images in the reference

    std::string toJson() const;
    // tl::Error naming `origin` and the key for anything missing, mistyped or out of range.
    static RunCalibration fromJson(const std::string &text, const std::string &origin);
};

// The reference of calibration.safetensors: training images' penultimate features, L2-normalised
// (rows x dims).
struct UnfamiliarReference
{
    std::int64_t rows = 0, dims = 0;
    std::vector<float> features;
};

// How unlike the training images each row of `features` (rows x reference.dims) is: 1 - its
// largest cosine similarity with a reference row (0: the same direction as a training image, 1:
// orthogonal to all, up to 2; an all-zero row scores 1).
std::vector<float> unfamiliarScores(const std::vector<float> &features,
                                    const UnfamiliarReference &reference);

// Everything from the run's features (no files read or written). tl::Error when the run has no
// validation images to fit on.
RunCalibration calibrate(const RunFeatures &f, UnfamiliarReference *reference = nullptr);

// Computes the run's features (features.safetensors, reused when current), calibrates, and
// writes calibration.json and calibration.safetensors. `stopped` is set (and nothing written)
// when the progress callback said stop.
RunCalibration calibrateRun(const std::string &runDir, const data::DatasetSplits &data,
                            const FeatureProgress &progress = {}, bool *stopped = nullptr);

// calibration.json of the run: nullopt when there is none. tl::Error naming the file when it is
// damaged.
std::optional<RunCalibration> readRunCalibration(const std::string &runDir);

// The run's calibration when it was made for its current model.pth (`digest`: model.pth's
// SHA-256, computed when empty); nullopt otherwise, with `why` saying so ("" when the run was
// never calibrated).
std::optional<RunCalibration> currentCalibration(const std::string &runDir, std::string *why,
                                                 const std::string &digest = {});

// calibration.safetensors, checked against the calibration (layer, digest, images) and `dims`.
UnfamiliarReference readUnfamiliarReference(const std::string &runDir, const RunCalibration &c,
                                            std::int64_t dims);

// The test images as the Results page weighs them: each one's top-1 with the temperature applied
// (1: as the model says), in the order of the features' test rows, with their source indices.
struct ScoredTest
{
    std::vector<inspect::Scored> scored;
    std::vector<std::int64_t> index;  // index in the dataset's test split, as predictions.csv
    std::vector<float> probabilities; // rows x classes, with the temperature applied
    std::int64_t classes = 0;
};
ScoredTest scoredTest(const RunFeatures &f, double temperature);

// The run's features as a calibrated run shows them (the feature-space views): every split's
// probabilities at the temperature of calibration.json when it fits the features' model.pth, and
// a sentence in `note` saying so. Unchanged when the run is not calibrated. True when applied.
bool applyRunCalibration(RunFeatures &f);

// The test images' predictions as predictions.csv has them (top-5, confidence, loss), from the
// features' probabilities with the temperature applied: what the galleries show once a run is
// calibrated.
std::vector<train::Prediction> testPredictions(const RunFeatures &f, double temperature);

} // namespace tl::runs
