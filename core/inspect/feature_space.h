#pragma once

// What a trained network's feature space says about a dataset (issue: look inside the network):
// a 2-D map of it (PCA), the nearest training images of an image, and the training labels the
// model finds least likely. Tensors only: the callers extract the features (penultimate layer)
// and the probabilities from a run's model.

#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace tl::inspect {

struct Projection
{
    torch::Tensor points;     // n x k, float: the centred features on the principal axes
    torch::Tensor axes;       // k x d: the principal axes, unit length, strongest first
    torch::Tensor variance;   // k: the variance along each axis
    double totalVariance = 0; // the features' total variance (sum over all d dimensions)
};

// Up to this many dimensions PCA diagonalises the covariance exactly; above, randomized subspace
// iteration finds the first k axes.
inline constexpr std::int64_t kExactPcaDimensions = 512;

// Principal component analysis of `features` (n x d, n >= 2), the first k axes. Each axis's sign
// is fixed so that its largest component is positive: the same data gives the same map.
// Throws tl::Error for fewer than two rows or k out of 1..d.
Projection pca(const torch::Tensor &features, int k = 2);

struct Neighbours
{
    torch::Tensor indices;   // m x k, int64: rows of `base`, nearest first
    torch::Tensor distances; // m x k, float: cosine distance 1 - cos, in [0, 2]
};

// The k rows of `base` (n x d) nearest to each row of `queries` (m x d) by cosine distance.
// Computed in blocks of queries, so memory stays at about `blockBytes` whatever m and n are. A
// zero row has distance 1 to everything. k is capped at n. `baseIsUnit`: the base's rows are
// already unitRows() (a base asked many times is normalised once).
Neighbours nearestByCosine(const torch::Tensor &queries, const torch::Tensor &base, int k,
                           std::int64_t blockBytes = std::int64_t(64) << 20,
                           bool baseIsUnit = false);

// Each row divided by its length (float; a zero row stays zero).
torch::Tensor unitRows(const torch::Tensor &t);

struct LabelSuspicion
{
    std::vector<std::int64_t> order; // rows, most suspicious first
    torch::Tensor selfConfidence;    // n: the probability the model gives the row's own label
    // Confident learning's test (Northcutt et al.): some other class c has probability at least
    // c's threshold, the mean self-confidence of the rows labelled c. n, bool.
    torch::Tensor likelyWrong;
    torch::Tensor suggested; // n, int64: the class with the highest probability
};

// Ranks rows by how unlikely the model finds their given label: rows confident learning flags
// first, each group by ascending self-confidence. `probabilities` n x C (rows sum to 1),
// `labels` n int64 in 0..C-1 (tl::Error otherwise). The probabilities should be out of sample
// (from a model that did not train on the row) for the ranking to mean much.
LabelSuspicion rankLabelSuspicion(const torch::Tensor &probabilities, const torch::Tensor &labels);

} // namespace tl::inspect
