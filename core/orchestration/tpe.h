#pragma once

#include "orchestration/search_space.h"

#include <cstdint>
#include <vector>

namespace tl::runs {

// The tree-structured Parzen estimator (Bergstra et al. 2011, "Algorithms for Hyper-Parameter
// Optimization"; Optuna's default sampler): the points tried so far are split into the best
// fraction `gamma` and the rest; each parameter gets two densities over its range, l(x) from
// the best and g(x) from the rest (a Gaussian at each value, truncated to the range, plus a
// flat prior), and the next value is the one of `candidates` draws from l that maximises
// l(x) / g(x). Parameters are modelled independently. Until `startup` points are known it draws
// at random. Pure: the caller says what was tried and how it went.

struct TpeTrial
{
    SettingValues values; // one per parameter of the space, in its order
    double score = 0;     // higher is better (a loss negated)
    bool pruned = false;  // stopped early: ranked after every finished point
    int epochs = 0;       // a pruned point's epochs (a later rung ranks higher)
};

struct TpeOptions
{
    int startup = 5;
    double gamma = 0.25;
    int candidates = 24;
};

// Proposal `index` of a TPE sweep with `seed` (the same trials, seed and index propose the same
// point: a resumed sweep repeats itself).
SettingValues proposeTpe(const SearchSpace &space, const std::vector<TpeTrial> &trials,
                         std::uint64_t seed, std::uint64_t index, const TpeOptions &options = {});

// The good trials first: finished by score, then pruned by epochs reached and score.
std::vector<const TpeTrial *> rankTrials(const std::vector<TpeTrial> &trials);

} // namespace tl::runs
