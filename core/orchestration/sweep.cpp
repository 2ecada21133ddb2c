#include "orchestration/sweep.h"

#include "base/error.h"
#include "io/files.h"
#include "io/json_file.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace tl::runs {

using nlohmann::json;

namespace {

std::vector<std::string> split(const std::string &path)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = std::min(path.find('.', start), path.size());
        parts.push_back(path.substr(start, dot - start));
        start = dot + 1;
    }
    return parts;
}

bool allDigits(const std::string &s)
{
    return !s.empty() && s.size() <= 6 &&
           std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit((unsigned char)c); });
}

std::string safe(const std::string &s)
{
    std::string out;
    for (const char c : s)
        out += std::isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-' ? c : '-';
    if (out.size() > 60)
        out.resize(60);
    return out.empty() ? "point" : out;
}

} // namespace

void setByPath(json &experiment, const std::string &path, const json &value)
{
    json *at = &experiment;
    std::string walked;
    for (const std::string &part : split(path)) {
        const std::string here = walked.empty() ? part : walked + "." + part;
        if (at->is_object()) {
            if (part.empty() || !at->contains(part))
                throw Error("'" + path + "': the experiment has no setting '" + here + "'");
            at = &(*at)[part];
        } else if (at->is_array()) {
            if (!allDigits(part) || std::stoul(part) >= at->size())
                throw Error("'" + path + "': '" + walked + "' is a list of " +
                            std::to_string(at->size()) + "; '" + part + "' is not one of its " +
                            "indices (0.." + std::to_string(at->size() ? at->size() - 1 : 0) + ")");
            at = &(*at)[std::stoul(part)];
        } else {
            throw Error("'" + path + "': '" + walked +
                        "' is a single value, not a group of "
                        "settings");
        }
        walked = here;
    }
    *at = value;
}

std::string settingLabel(const std::string &path, const json &value)
{
    std::string key;
    for (const std::string &part : split(path))
        if (!allDigits(part))
            key = part;
    std::string v = value.is_string() ? value.get<std::string>() : value.dump();
    return safe(key + "-" + v);
}

namespace {

using Variants = std::vector<std::pair<std::string, SettingValues>>;

Variants gridVariants(JsonObject &s, SweepPlan &plan, std::size_t maxPoints)
{
    if (!s.has("parameters"))
        s.fail("parameters", "missing (grid: {\"PATH\": [values...], ...})");
    const json &params = s.child("parameters");
    if (!params.is_object() || params.empty())
        s.fail("parameters", "expected an object of setting paths and value lists");
    Variants variants = {{"", {}}};
    for (const auto &[path, values] : params.items()) {
        if (!values.is_array() || values.empty())
            s.fail("parameters." + path, "expected a non-empty list of values");
        plan.paths.push_back(path);
        Variants next;
        for (const auto &v : variants)
            for (const auto &value : values) {
                auto point = v;
                point.second.push_back({path, value});
                point.first += (point.first.empty() ? "" : "_") + settingLabel(path, value);
                next.push_back(point);
                if (next.size() * std::size_t(plan.repeats) > maxPoints)
                    s.fail("parameters", "more than " + std::to_string(maxPoints) + " runs");
            }
        variants = std::move(next);
    }
    return variants;
}

Variants listVariants(JsonObject &s, SweepPlan &plan, std::size_t maxPoints)
{
    if (!s.has("variants"))
        s.fail("variants", "missing (list: [{\"name\": ..., \"set\": {PATH: value}}])");
    const json &list = s.child("variants");
    if (!list.is_array() || list.empty())
        s.fail("variants", "expected a non-empty list");
    if (list.size() * std::size_t(plan.repeats) > maxPoints)
        s.fail("variants", "more than " + std::to_string(maxPoints) + " runs");
    Variants variants;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "sweep.variants." + std::to_string(i);
        if (!list[i].is_object())
            throw fileError(plan.origin, "'" + where + "': expected an object");
        JsonObject v(list[i], where, plan.origin, true);
        const std::string name = v.require<std::string>("name");
        SettingValues set;
        if (v.has("set")) {
            const json &sets = v.child("set");
            if (!sets.is_object())
                v.fail("set", "expected an object of setting paths and values");
            for (const auto &[path, value] : sets.items()) {
                set.push_back({path, value});
                if (std::find(plan.paths.begin(), plan.paths.end(), path) == plan.paths.end())
                    plan.paths.push_back(path);
            }
        }
        variants.push_back({safe(name), set});
    }
    return variants;
}

// random: the samples drawn now; tpe: none yet (proposed while the sweep runs).
Variants searchVariants(JsonObject &s, SweepPlan &plan, std::size_t maxPoints)
{
    plan.samples = s.require<int>("samples");
    if (plan.samples < 1 || std::size_t(plan.samples) * std::size_t(plan.repeats) > maxPoints)
        s.fail("samples", "must be 1.." + std::to_string(maxPoints / std::size_t(plan.repeats)));
    plan.seed = s.value<std::uint64_t>("seed", 0);
    if (plan.mode == "tpe") {
        plan.startup = s.value<int>("startup", 5);
        if (plan.startup < 1 || plan.startup > plan.samples)
            s.fail("startup", "must be 1..samples (" + std::to_string(plan.samples) + ")");
    }
    if (!s.has("parameters"))
        s.fail("parameters", "missing (" + plan.mode +
                                 ": {\"PATH\": {\"log_uniform\": [low, high]}, ...})");
    plan.space = parseSearchSpace(s.child("parameters"), plan.origin);
    plan.paths = plan.space.paths();
    Variants variants;
    if (plan.mode == "random")
        for (int i = 0; i < plan.samples; ++i) {
            const SettingValues set = randomSample(plan.space, plan.seed, std::uint64_t(i));
            variants.push_back({sampleName(plan, std::size_t(i), set), set});
        }
    return variants;
}

int epochsOf(const experiment::ExperimentConfig &c)
{
    int epochs = 0;
    for (const auto &stage : c.stages)
        epochs += stage.epochs;
    return std::max(1, epochs);
}

} // namespace

SweepPoint makeSweepPoint(const SweepPlan &plan, const std::string &name,
                          const SettingValues &settings, int repeat)
{
    SweepPoint p;
    p.name = plan.repeats > 1 ? name + "-r" + std::to_string(repeat) : name;
    p.settings = settings;
    p.repeat = repeat;
    json c = plan.baseConfig;
    for (const auto &[path, value] : settings) {
        try {
            setByPath(c, path, value);
        } catch (const Error &e) {
            throw fileError(plan.origin, std::string("sweep: ") + e.what());
        }
    }
    if (repeat > 0)
        c["seed"] = c["seed"].get<std::uint64_t>() + std::uint64_t(repeat);
    c["name"] = plan.baseName.empty() ? p.name : plan.baseName + " [" + p.name + "]";
    p.config = experiment::ExperimentConfig::fromJson(c.dump(), plan.origin + " (sweep point " +
                                                                    p.name + ")");
    if (plan.adjustPoint)
        plan.adjustPoint(p.config);
    return p;
}

std::string sampleName(const SweepPlan &plan, std::size_t index, const SettingValues &settings)
{
    const std::size_t width = std::max<std::size_t>(2, std::to_string(plan.samples).size());
    std::string name = std::to_string(index + 1);
    name = "s" + std::string(width > name.size() ? width - name.size() : 0, '0') + name;
    for (const auto &[path, value] : settings)
        name += "_" + settingLabel(path, value);
    return safe(name);
}

SweepPlan planSweep(const std::string &text, const std::string &origin, std::size_t maxPoints)
{
    json j = parseJson(text, origin);
    if (!j.is_object() || !j.contains("sweep"))
        throw fileError(origin, "has no \"sweep\" block (an experiment file with one runs many "
                                "runs; without, run it with `transferlab-cli train --config`)");
    const json sweep = j["sweep"];
    j.erase("sweep");
    if (!sweep.is_object())
        throw fileError(origin, "'sweep': expected an object");
    // Every setting, with its default: a path is valid when it names one of them.
    const experiment::ExperimentConfig base =
        experiment::ExperimentConfig::fromJson(j.dump(), origin);
    SweepPlan plan;
    plan.origin = origin;
    plan.baseConfig = json::parse(base.toJson());
    plan.baseName = base.name;
    plan.totalEpochs = epochsOf(base);
    Variants variants;
    {
        JsonObject s(sweep, "sweep", origin, true);
        plan.mode = s.value<std::string>("mode", "grid");
        plan.repeats = s.value<int>("repeats", 1);
        if (plan.repeats < 1 || plan.repeats > 100)
            s.fail("repeats", "must be 1..100");
        if (plan.mode == "grid")
            variants = gridVariants(s, plan, maxPoints);
        else if (plan.mode == "list")
            variants = listVariants(s, plan, maxPoints);
        else if (plan.mode == "random" || plan.mode == "tpe")
            variants = searchVariants(s, plan, maxPoints);
        else
            s.fail("mode", "must be \"grid\", \"list\", \"random\" or \"tpe\", not \"" +
                               plan.mode + "\"");
        if (s.has("early_stop"))
            plan.earlyStop = parseEarlyStop(s.child("early_stop"), origin, plan.totalEpochs,
                                            base.data.valSplit);
        if (plan.mode == "tpe" && !(base.data.valSplit > 0))
            s.fail("mode", "TPE learns from each point's validation images, and this experiment "
                           "has none: set \"data\": {\"val_split\": 0.2} (or use \"random\")");
    }
    std::set<std::string> names;
    for (const auto &[name, settings] : variants)
        for (int r = 0; r < plan.repeats; ++r) {
            SweepPoint p = makeSweepPoint(plan, name, settings, r);
            if (!names.insert(p.name).second)
                throw fileError(origin, "sweep: two points are both named '" + p.name + "'");
            plan.points.push_back(std::move(p));
        }
    return plan;
}

void writeSweepJson(const std::string &dir, const SweepPlan &plan,
                    const std::vector<SweepPointStatus> &status)
{
    json points = json::array();
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
        const SweepPoint &p = plan.points[i];
        const SweepPointStatus st = i < status.size() ? status[i] : SweepPointStatus{};
        json settings = json::object();
        for (const auto &[path, value] : p.settings)
            settings[path] = value;
        std::string variant = p.name;
        const std::string suffix = "-r" + std::to_string(p.repeat);
        if (plan.repeats > 1 && variant.size() > suffix.size() &&
            variant.compare(variant.size() - suffix.size(), suffix.size(), suffix) == 0)
            variant.resize(variant.size() - suffix.size());
        points.push_back(
            {{"name", p.name},
             {"variant", variant},
             {"settings", settings},
             {"repeat", p.repeat},
             {"seed", p.config.seed},
             {"run", p.name},
             {"status", st.status},
             {"message", st.message},
             {"test_accuracy", st.testAccuracy >= 0 ? json(st.testAccuracy) : json(nullptr)},
             {"seconds", st.seconds}});
        if (st.epochs > 0)
            points.back()["epochs"] = st.epochs;
        if (st.status == "pruned")
            points.back()["pruned"] = {{"rung", st.rung},
                                       {"metric", plan.earlyStop.metric},
                                       {"value", st.metricValue}};
    }
    json j = {{"sweep", plan.origin},
              {"mode", plan.mode},
              {"repeats", plan.repeats},
              {"parameters", plan.paths},
              {"points", points}};
    if (plan.mode == "random" || plan.mode == "tpe")
        j["samples"] = plan.samples, j["seed"] = plan.seed;
    if (plan.earlyStop.enabled()) {
        j["early_stop"] = plan.earlyStop.toJson();
        j["early_stop"]["rungs"] = plan.earlyStop.rungs(plan.totalEpochs);
        j["early_stop"]["epochs"] = plan.totalEpochs;
    }
    writeFileAtomic(RunDir(dir).sweep(), j.dump(2) + "\n");
}

SweepPlan planSweepFile(const std::string &path)
{
    const Bytes b = readFile(path);
    return planSweep(std::string(b.begin(), b.end()), path);
}

} // namespace tl::runs
