#pragma once

// t-SNE (van der Maaten and Hinton, 2008). Exact (every pair of points, as tensors; memory grows
// with the square of the points, 3,000 points: 72 MB of doubles) up to kExactTsneUpTo points, and
// Barnes-Hut above (van der Maaten, 2014: P from each point's 3 x perplexity nearest neighbours,
// the repulsion from a quadtree, theta 0.5), up to kMaxTsnePoints. PCA (feature_space.h) maps any
// number at once.

#include <torch/types.h>

#include <cstdint>
#include <functional>

namespace tl::inspect {

inline constexpr std::int64_t kMaxExactTsnePoints = 3000;
inline constexpr std::int64_t kExactTsneUpTo = 1500; // the automatic choice's switch point
inline constexpr std::int64_t kMaxTsnePoints = 20000;

enum class TsneMethod { Auto, Exact, BarnesHut };

struct TsneOptions
{
    double perplexity = 30.0;   // effective neighbours per point; capped at (n - 1) / 3
    int iterations = 1000;      // gradient steps, the first 250 with early exaggeration
    double exaggeration = 12.0; // P is multiplied by this during the first 250 steps
    double learningRate = 0;    // 0: max(n / exaggeration / 4, 50), as scikit-learn's "auto"
    std::uint64_t seed = 0;     // the starting layout (small random points)
    TsneMethod method = TsneMethod::Auto;
    double theta =
        0.5; // Barnes-Hut: a cell of width w at distance d counts as one when w/d < theta
};

// A 2-D map of `features` (n x d, at least 4 rows; exact: at most kMaxExactTsnePoints, Barnes-Hut
// at most kMaxTsnePoints; Barnes-Hut first reduces d to 50 by PCA). `progress(step, steps)` is
// called now and then; returning false stops early (the layout so far is returned).
// tl::Error for too few or too many points.
torch::Tensor tsne(const torch::Tensor &features, const TsneOptions &options = {},
                   const std::function<bool(int, int)> &progress = {});

} // namespace tl::inspect
