#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace tl::runs {

// Early stopping of a sweep's points (the sweep block's "early_stop"): a point whose validation
// metric is poor after a few epochs is stopped there, so its compute goes to the others.
//   "early_stop": {"method": "asha", "min_epochs": 1, "reduction_factor": 3,
//                  "metric": "val_accuracy"}
//   "early_stop": {"method": "median", "min_epochs": 2, "min_points": 3, "metric": "val_loss"}
// ASHA (asynchronous successive halving, Li et al. 2018, arXiv 1810.05934): rungs at min_epochs
// times reduction_factor^k epochs (below the run's epochs); a point that reaches a rung goes on
// only when it is in the top 1/reduction_factor of the points that reached that rung so far
// (at least the best one), so a slot never waits for a rung to fill. Median: after min_epochs,
// a point whose best value so far is worse than the median of the other points' values at the
// same epoch stops (once min_points others have reached that epoch).
// Pure: no files, no processes; the sweep feeds it each finished epoch's metric.

struct EarlyStopSpec
{
    enum class Method { None, Asha, Median };
    Method method = Method::None;
    int minEpochs = 1;
    int reductionFactor = 3;
    int minPoints = 3;                   // median only
    std::string metric = "val_accuracy"; // val_accuracy (higher is better) | val_loss

    bool enabled() const { return method != Method::None; }
    bool higherIsBetter() const { return metric != "val_loss"; }
    std::string methodName() const;
    // The epochs at which ASHA decides, ascending, each below `totalEpochs`; for median, every
    // epoch from min_epochs below `totalEpochs`.
    std::vector<int> rungs(int totalEpochs) const;
    nlohmann::json toJson() const;
};

// Reads an "early_stop" block. `totalEpochs` is a point's epochs (all stages); `valSplit` its
// validation share: early stopping judges held-out images, so without a validation split it is
// refused with that reason. tl::Error "ORIGIN: 'sweep.early_stop.KEY': why".
EarlyStopSpec parseEarlyStop(const nlohmann::json &block, const std::string &origin,
                             int totalEpochs, double valSplit);

struct PruneDecision
{
    bool prune = false;
    int rung = 0;        // the epoch the decision was made at (0: none made)
    double value = 0;    // the point's metric there (as measured, not negated)
    double cut = 0;      // the value it had to reach to go on
    int competitors = 0; // the points compared (those at the rung, this one included)
    std::string reason;  // one sentence for summary.json and the log ("" when it goes on)
};

// Decides for every point as its epochs finish. Points are named by an index the caller
// chooses (the sweep's point index). Values are the metric as measured (val loss: lower wins).
class EarlyStopper
{
public:
    EarlyStopper(EarlyStopSpec spec, int totalEpochs);

    // Records `value` at `epoch` for `point` and decides whether it stops there. Epochs that
    // are not decision points (ASHA: not a rung) record and go on.
    PruneDecision report(std::size_t point, int epoch, double value);
    // Records without deciding (a resumed sweep rebuilding its rungs from the run folders).
    void record(std::size_t point, int epoch, double value);
    // The values recorded at `epoch`, by point.
    const std::map<std::size_t, double> &at(int epoch) const;
    // The `k` best points at `epoch`, best first (ties: the lower index first).
    std::vector<std::size_t> top(int epoch, std::size_t k) const;
    const EarlyStopSpec &spec() const { return m_spec; }
    const std::vector<int> &rungs() const { return m_rungs; }

private:
    PruneDecision asha(std::size_t point, int epoch, double value) const;
    PruneDecision median(std::size_t point, int epoch, double value) const;
    double score(double value) const { return m_spec.higherIsBetter() ? value : -value; }

    EarlyStopSpec m_spec;
    std::vector<int> m_rungs;
    std::map<int, std::map<std::size_t, double>> m_values; // epoch -> point -> value
    std::map<std::size_t, double> m_bestScore;             // point -> best score so far
};

// How many of `n` points that reached a rung go on: the top 1/eta, at least one.
int ashaKeep(int n, int reductionFactor);

// Synchronous successive halving over whole curves (curves[p][e - 1]: point p's metric after
// epoch e; a shorter curve is a point that did not get there): every rung waits for all the
// surviving points, then keeps the top 1/eta of them (at least one). Returns, per rung, the
// points that go on past it (ascending indices).
std::vector<std::vector<std::size_t>>
successiveHalving(const std::vector<std::vector<double>> &curves, const EarlyStopSpec &spec,
                  int totalEpochs);

} // namespace tl::runs
