#pragma once

// How far a classifier's confidence can be trusted (issue: "How sure is it, and when should it
// say 'I don't know'?"): the reliability of its top-1 confidence (expected calibration error over
// equal-width bins), temperature scaling fitted on held-out images, confidence thresholds, and how
// unlike the training images an image's penultimate features are. Plain C++ on plain vectors (no
// torch): the numbers are small (a validation split's outputs, a test split's confidences).

#include <cstdint>
#include <vector>

namespace tl::inspect {

// Guo et al. 2017 ("On calibration of modern neural networks") use 15 equal-width bins; so do we,
// so that our ECE compares with published ones.
constexpr int kCalibrationBins = 15;

// One prediction as far as calibration is concerned.
struct Scored
{
    float confidence = 0; // the probability given to the predicted class
    int predicted = 0;
    int label = 0;
    bool correct() const { return predicted == label; }
};

struct ReliabilityBin
{
    double lower = 0, upper = 0; // confidence in (lower, upper]; the first bin includes 0
    std::int64_t count = 0;
    double confidence = 0; // mean confidence of its predictions (0 when empty)
    double accuracy = 0;   // share of them that are right (0 when empty)
};

struct Reliability
{
    std::vector<ReliabilityBin> bins;
    std::int64_t count = 0;
    double accuracy = 0;
    double meanConfidence = 0;
    // Expected calibration error: sum over bins of count/N * |accuracy - confidence|.
    double ece = 0;
    // The largest such gap over non-empty bins.
    double maxGap = 0;
};

Reliability reliability(const std::vector<Scored> &predictions, int bins = kCalibrationBins);

// Log-probabilities of a rows x classes softmax output, each clamped at 1e-30 first: softmax of
// log(p) / T equals softmax of logits / T (the per-row constant cancels), so a cache that holds
// probabilities suffices for temperature scaling. (A class below 1e-30 stays negligible at any
// temperature the fit allows.)
std::vector<float> logProbabilities(const std::vector<float> &probabilities);

// softmax(logits / temperature) per row.
std::vector<float> softmaxWithTemperature(const std::vector<float> &logits, std::int64_t classes,
                                          double temperature);

// Top-1 of every row of a rows x classes probability matrix with its label.
std::vector<Scored> scoredRows(const std::vector<float> &probabilities, std::int64_t classes,
                               const std::vector<std::int64_t> &labels);

struct TemperatureFit
{
    double temperature = 1;
    double nllBefore = 0; // mean negative log-likelihood at T = 1
    double nllAfter = 0;  // at the fitted temperature
    int evaluations = 0;
};

// The temperature T in [kMinTemperature, kMaxTemperature] that minimises the mean negative
// log-likelihood of softmax(logits / T) on these labels. The NLL is convex in 1/T (a log-sum-exp
// of functions linear in 1/T, minus one linear in it), hence unimodal in log T: a golden-section
// search on log T finds the minimum to 1e-4 relative without derivatives or a starting guess.
constexpr double kMinTemperature = 0.05, kMaxTemperature = 20.0;
TemperatureFit fitTemperature(const std::vector<float> &logits, std::int64_t classes,
                              const std::vector<std::int64_t> &labels);
double meanNll(const std::vector<float> &logits, std::int64_t classes,
               const std::vector<std::int64_t> &labels, double temperature);

// --- Thresholds --------------------------------------------------------------------------------

// What a confidence threshold does to a set of predictions: those at or above it are accepted
// (right or wrong), the others rejected ("not sure").
struct ThresholdCounts
{
    std::int64_t accepted = 0; // at or above the threshold and right
    std::int64_t wrong = 0;    // at or above the threshold and wrong
    std::int64_t rejected = 0; // below it
};
ThresholdCounts countAtThreshold(const std::vector<Scored> &predictions, double threshold);

// One class's precision and recall as the threshold rises: among the images predicted as the
// class with a confidence at or above the threshold, the share that are right (precision), and
// the share of the class's images that are among them (recall). One point per distinct
// confidence, highest threshold first.
struct PrPoint
{
    double threshold = 0, precision = 0, recall = 0;
};
std::vector<PrPoint> precisionRecallCurve(const std::vector<Scored> &predictions, int cls);

// --- "I don't know" ----------------------------------------------------------------------------

// The reference an image's unfamiliar score is measured against: up to `maxRows` rows of
// `features` (evenly spaced, so every class and part of the split is there), each L2-normalised
// (an all-zero row stays zero). The score itself (runs::unfamiliarScores) is the cosine distance
// to the nearest of them: deep nearest neighbours (Sun et al., ICML 2022, k = 1).
std::vector<float> referenceRows(const std::vector<float> &features, std::int64_t dims,
                                 std::int64_t maxRows);

// The q-quantile (0..1) of the values, linearly interpolated; 0 for none.
double quantile(std::vector<float> values, double q);

// The area under the ROC curve of telling `positives` from `negatives` by a score (higher means
// positive): the probability that a random positive scores above a random negative, ties half.
double auroc(const std::vector<float> &negatives, const std::vector<float> &positives);

} // namespace tl::inspect
