#pragma once

#include "orchestration/early_stop.h"
#include "orchestration/sweep.h"
#include "orchestration/tpe.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tl::runs {

class Scheduler;
struct Point;

// A sweep's search and early stopping on the Scheduler (orchestration/scheduler.h), for every
// front end (the CLI's sweep, the window's queue): it judges each running point as its epochs
// finish, from the run's metrics.csv (machine-readable, one row per finished epoch); in a TPE
// sweep it proposes the next point when a slot is free (Scheduler::wantMore), from the points
// already judged. It chains the scheduler's callbacks (what was set before is still called).
//
// ASHA (Li et al. 2018, arXiv 1810.05934, Algorithm 2) on a finite sweep: a point that reaches a
// rung goes on when it is in the top floor(n / eta) of the n points at that rung so far (and
// not already promoted); else it waits there: it is stopped as by Ctrl-C (its state kept,
// Scheduler::cancel), and promoted later (resumed, Scheduler::retry, ahead of new points) when
// enough points reach the rung for it to be in their top 1/eta. A slot never waits: when no
// promotion is possible it starts a new point. When nothing is left to start or promote and
// nothing runs, the best waiting point of the highest rung that promoted none goes on (so a
// sweep of few points still trains one to the end), and then the points still waiting are
// pruned: each is resumed only to be stopped at once (Scheduler::prune) so that its run is
// tested and its summary.json says why. The median rule prunes at once (no waiting).
class SweepSearch
{
public:
    // `group` is the sweep's group in `scheduler` (addSweep); `plan` its plan.
    SweepSearch(Scheduler &scheduler, int group, SweepPlan plan);
    SweepSearch(const SweepSearch &) = delete;
    SweepSearch &operator=(const SweepSearch &) = delete;

    // Reads the epochs the sweep's points already trained (a sweep started again): their
    // values count at their rungs, and rungs they passed are not judged again.
    void restore();
    // Hooks into the scheduler (call once, after restore()). With early stopping, a grid's or
    // a list's points start in a seeded random order (shuffleStart): a grid in order (learning
    // rates ascending) would otherwise fill each rung with its worst points first.
    void attach();
    // Reorders the sweep's pending points in the scheduler's queue at random (seeded by the
    // plan's seed); sweep.json keeps the file's order.
    void shuffleStart();
    // Judges `p`'s new epochs (attach() calls it from onChanged).
    void check(const Point &p);

    // A pruned point's decision, for the front end's line (after Scheduler::prune).
    std::function<void(const Point &, const PruneDecision &)> onPruned;

    const EarlyStopper &stopper() const { return m_stopper; }
    // The decision that pruned a point (by plan index); rung 0 when it was not pruned here.
    PruneDecision decision(std::size_t planIndex) const;
    int proposed() const { return m_proposed; }
    // ASHA: the rung a point waits at for a promotion (0: it does not wait).
    int waitingAt(std::size_t planIndex) const;

private:
    bool proposeNext();
    std::vector<TpeTrial> trials() const;
    bool asha() const { return m_plan.earlyStop.method == EarlyStopSpec::Method::Asha; }
    int idOf(std::size_t planIndex) const;
    // ASHA: in the top floor(n / eta) at `rung` and not promoted past it yet.
    bool promotable(std::size_t planIndex, int rung) const;
    void wait(const Point &p, int rung, double value);
    // Resumes a waiting point ahead of the pending ones.
    void resume(std::size_t planIndex);
    bool promote();
    bool finish();
    std::string waitReason(std::size_t planIndex, int rung) const;

    Scheduler &m_scheduler;
    int m_group;
    SweepPlan m_plan;
    EarlyStopper m_stopper;
    std::map<int, int> m_judged;                 // point id -> the last epoch judged
    std::map<int, std::uintmax_t> m_metricsSize; // point id -> metrics.csv's size when read
    std::map<std::size_t, PruneDecision> m_decisions;
    int m_proposed = 0;
    std::map<std::size_t, int> m_waiting;            // plan index -> the rung it waits at
    std::map<int, std::set<std::size_t>> m_promoted; // rung -> plan indices promoted past it
    std::map<std::size_t, std::string> m_finishing;  // resumed only to be pruned: why
};

// The validation metric after each epoch of a run (metrics.csv): (global epoch, value), in the
// file's order; epochs without a validation value are left out. Empty when the file is missing
// or does not read (a run that is writing it is read again at its next epoch).
std::vector<std::pair<int, double>> epochMetric(const std::string &runDir,
                                                const std::string &metric);

// Where a pruned run was stopped, read back from its metrics.csv: the last rung of `plan`'s
// early stopping it reached and its metric there (rung 0 when it reached none).
PruneDecision prunedAt(const std::string &runDir, const SweepPlan &plan);

// A TPE sweep started again: the points it proposed before (DIR/sweep.json), in order, so that
// their runs are kept and the proposals continue from them. `plan` unchanged for other modes or
// when there is no earlier sweep.json; tl::Error naming the file when it is damaged.
SweepPlan withEarlierProposals(SweepPlan plan, const std::string &dir);

} // namespace tl::runs
