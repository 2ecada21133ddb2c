#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tl::runs {

struct SweepResults;

// What explains a sweep (issue 30), for the sweep report and the window's Queue tab: the
// successive-halving picture (every point's validation curve, the pruned ones cut at their rung
// beside the survivors) and which setting mattered (a small random forest over the points).

struct HalvingCurve
{
    std::string name;                           // the run folder's name
    std::string status;                         // finished | pruned | stopped | running | ...
    std::vector<std::pair<int, double>> values; // (global epoch, validation metric)
    int prunedRung = 0;                         // pruned: the epoch it was stopped at
};

struct HalvingChart
{
    std::string metric = "val_accuracy";
    std::vector<int> rungs; // the epochs early stopping judged at (empty: none)
    int totalEpochs = 0;    // a point's epochs
    std::vector<HalvingCurve> curves;
    int epochsTrained = 0; // over every point
    bool empty() const;
};

// Every point's validation curve from its run folder's metrics.csv.
HalvingChart halvingChart(const SweepResults &r);

struct ParameterImportance
{
    std::string parameter; // the setting's path
    double share = 0;      // of the variance the forest explains; the shares add up to 1
};

struct ImportanceResult
{
    std::string target;                          // what was explained, in words
    int points = 0;                              // how many points it learned from
    std::vector<ParameterImportance> parameters; // most important first
    std::string why; // empty when computed; else why not (too few points, one setting)
};

// Which swept setting mattered: a random forest of regression trees (64 trees on bootstrap
// samples) over the points, each setting's share of the variance its splits remove (mean
// decrease in impurity). Learns from each point's validation metric after the first rung when
// the sweep stopped points early (every point trained that far: a fair comparison), else from
// the finished points' test accuracy. Numbers spanning a decade are on a log scale; a setting
// with names is ordered by its mean result.
ImportanceResult parameterImportance(const SweepResults &r, std::uint64_t seed = 1);

// The forest itself: x[i] the features of point i, y[i] its result. Shares per feature (summing
// to 1; all 0 when no split helps).
std::vector<double> forestImportance(const std::vector<std::vector<double>> &x,
                                     const std::vector<double> &y, int trees, std::uint64_t seed);

// The charts as SVG for the report ("" when there is nothing to draw).
std::string halvingSvg(const HalvingChart &chart);
std::string importanceSvg(const ImportanceResult &importance);

} // namespace tl::runs
