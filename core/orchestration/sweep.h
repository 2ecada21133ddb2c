#pragma once

#include "experiment/experiment_config.h"

#include <nlohmann/json.hpp> // SweepPoint holds values: copied with the plan

#include <cstdint>
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
    std::string mode; // grid | list
    int repeats = 1;
    std::vector<std::string> paths; // the swept settings, in the file's order
    std::vector<SweepPoint> points;
};

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
    std::string status = "pending"; // pending | running | finished | failed | stopped
    std::string message;            // why it failed or stopped
    double testAccuracy = -1;       // -1: none
    double seconds = 0;             // wall time of its training
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
