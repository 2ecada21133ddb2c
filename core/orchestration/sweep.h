#pragma once

#include "experiment/experiment_config.h"
#include "orchestration/early_stop.h"
#include "orchestration/search_space.h"

#include <nlohmann/json.hpp> // SweepPoint holds values: copied with the plan

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tl::runs {

// Sweeps: an experiment file with a "sweep" block expands into many runs. Settings are named by
// their dotted path in the experiment file ("model.name", "stages.0.optimizer.lr"), so any
// setting can be swept without a special case:
//   "sweep": {"mode": "grid", "parameters": {PATH: [V1, V2, ...], ...}, "repeats": 1}
//   "sweep": {"mode": "list", "variants": [{"name": "...", "set": {PATH: VALUE, ...}}, ...]}
// `repeats` runs each point with that many seeds (the experiment's seed, +1, +2, ...).
// Search that is not a grid draws points from ranges (orchestration/search_space.h):
//   "sweep": {"mode": "random", "samples": 6, "seed": 1,
//             "parameters": {"stages.0.optimizer.lr": {"log_uniform": [1e-4, 0.1]}}}
//   "sweep": {"mode": "tpe", "samples": 20, "seed": 1, "startup": 5, "parameters": {...}}
// Random points are drawn here (sample i from its own stream: more samples keep the first
// ones); TPE points are proposed while the sweep runs, from the points already judged
// (orchestration/tpe.h), so a TPE plan starts with none. Any mode may stop poor points early:
//   "early_stop": {"method": "asha", "min_epochs": 1, "reduction_factor": 3}
// (orchestration/early_stop.h; refused without a validation split).

struct SweepPoint
{
    std::string name; // the run folder's name: "lr-0.001_freeze-backbone", a variant's name
    std::vector<std::pair<std::string, nlohmann::json>> settings; // PATH -> value, as given
    int repeat = 0;
    experiment::ExperimentConfig config; // the base with the settings applied, validated
};

struct SweepPlan
{
    std::string origin;
    std::string mode; // grid | list | random | tpe
    int repeats = 1;
    std::vector<std::string> paths; // the swept settings, in the file's order
    std::vector<SweepPoint> points;
    // random and tpe: the ranges, how many points, the seed of the draws; tpe: random points
    // before the estimator takes over.
    SearchSpace space;
    int samples = 0;
    std::uint64_t seed = 0;
    int startup = 5;
    EarlyStopSpec earlyStop;
    int totalEpochs = 1;          // a point's epochs over all stages (the first point's)
    nlohmann::json baseConfig;    // every setting, before a point's are applied
    std::string baseName;         // the experiment's name
    // Applied to every point makeSweepPoint makes after planning (a front end's --quick,
    // --data-root: TPE's proposals get them too); the planned points get it from the caller.
    std::function<void(experiment::ExperimentConfig &)> adjustPoint;
};

// A point of `plan` with these settings (a TPE proposal): its config validated; tl::Error
// naming the plan's origin and the point when a value does not fit its setting.
SweepPoint makeSweepPoint(const SweepPlan &plan, const std::string &name,
                          const SettingValues &settings, int repeat = 0);
// The name of sample `index` (0-based) of a random or TPE sweep: "s03_lr-0.00123".
std::string sampleName(const SweepPlan &plan, std::size_t index, const SettingValues &settings);

// Reads an experiment file's text with its sweep block. tl::Error naming `origin` and the
// offending key: no sweep block, an unknown path ("stages.3.epochs" when there are two stages,
// "model.nmae"), a value the setting does not take, an empty list, duplicate point names, more
// than `maxPoints` points.
SweepPlan planSweep(const std::string &text, const std::string &origin,
                    std::size_t maxPoints = 1000);
SweepPlan planSweepFile(const std::string &path);

// Where a point stands, for sweep.json.
struct SweepPointStatus
{
    std::string status = "pending"; // pending | running | finished | failed | stopped | pruned
    std::string message;            // why it failed or stopped
    double testAccuracy = -1;       // -1: none
    double seconds = 0;             // wall time of its training
    int rung = 0;                   // pruned: the epoch it was stopped at
    double metricValue = 0;         // pruned: its early_stop metric there
    int epochs = 0;                 // epochs trained (0: not known)
};

// Writes DIR/sweep.json (atomically): the plan's origin, mode, repeats and parameters, and per
// point its settings, variant (the point without its repeat), seed, run folder (DIR/name),
// status, message, test accuracy and seconds. orchestration/sweep_results.h reads it back.
void writeSweepJson(const std::string &dir, const SweepPlan &plan,
                    const std::vector<SweepPointStatus> &status);

// Sets `path` (dotted; numbers index lists) in `experiment` to `value`; tl::Error when the path
// does not name an existing setting.
void setByPath(nlohmann::json &experiment, const std::string &path, const nlohmann::json &value);

// A folder-safe short form of a setting and its value: ("stages.0.optimizer.lr", 0.001) ->
// "lr-0.001".
std::string settingLabel(const std::string &path, const nlohmann::json &value);

} // namespace tl::runs
