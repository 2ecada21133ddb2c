#include "orchestration/sweep_results.h"

#include "base/error.h"
#include "io/files.h"
#include "io/json_file.h"
#include "rundir/run_reader.h"
#include "rundir/run_dir.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>

namespace fs = std::filesystem;
using nlohmann::json;

namespace tl::runs {

namespace {

constexpr std::size_t kMaxSweepPoints = 10000;
constexpr std::size_t kMaxParameters = 64;

std::string valueText(const json &v)
{
    return v.is_string() ? v.get<std::string>() : v.dump();
}

// A run folder name from the file: one path component, nothing that leaves the sweep folder.
std::string checkedRunName(const std::string &name, const std::string &origin,
                           const std::string &key)
{
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos)
        throw fileError(origin, "'" + key + "': not a folder name inside the sweep folder");
    return name;
}

void summarise(SweepResults &r)
{
    std::map<std::string, std::size_t> groupOf;
    for (std::size_t i = 0; i < r.runs.size(); ++i) {
        const auto &run = r.runs[i];
        auto [it, added] = groupOf.insert({run.variant, r.groups.size()});
        if (added) {
            SweepGroup g;
            g.variant = run.variant;
            r.groups.push_back(g);
        }
        r.groups[it->second].runs.push_back(i);
    }
    for (auto &g : r.groups) {
        std::vector<double> acc, secs;
        for (std::size_t i : g.runs)
            if (r.runs[i].status == "finished" && r.runs[i].testAccuracy >= 0) {
                acc.push_back(r.runs[i].testAccuracy);
                secs.push_back(r.runs[i].seconds);
            }
        g.finished = int(acc.size());
        if (acc.empty())
            continue;
        const double n = double(acc.size());
        g.meanAccuracy = std::accumulate(acc.begin(), acc.end(), 0.0) / n;
        g.meanSeconds = std::accumulate(secs.begin(), secs.end(), 0.0) / n;
        double ss = 0;
        for (double a : acc)
            ss += (a - g.meanAccuracy) * (a - g.meanAccuracy);
        g.sdAccuracy = acc.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
    }
}

} // namespace

bool SweepResults::numeric(std::size_t parameter) const
{
    if (parameter >= parameters.size() || runs.empty())
        return false;
    for (const auto &run : runs)
        if (!std::isfinite(run.numbers[parameter]))
            return false;
    return true;
}

std::size_t SweepResults::seriesParameter(std::size_t parameter) const
{
    if (mode == "grid")
        for (std::size_t p = 0; p < parameters.size(); ++p)
            if (p != parameter)
                return p;
    return parameters.size();
}

std::vector<const SweepGroup *> SweepResults::seriesGroups(std::size_t parameter,
                                                           std::size_t series) const
{
    const std::size_t other = seriesParameter(parameter);
    const std::vector<std::string> values =
        other < parameters.size() ? distinctValues(other) : std::vector<std::string>{};
    std::vector<const SweepGroup *> out;
    for (const auto &g : groups) {
        if (g.finished == 0)
            continue;
        if (other < parameters.size() &&
            (series >= values.size() || runs[g.runs.front()].values[other] != values[series]))
            continue;
        out.push_back(&g);
    }
    return out;
}

std::vector<std::string> SweepResults::distinctValues(std::size_t parameter) const
{
    std::vector<std::string> out;
    if (parameter >= parameters.size())
        return out;
    for (const auto &run : runs)
        if (std::find(out.begin(), out.end(), run.values[parameter]) == out.end())
            out.push_back(run.values[parameter]);
    return out;
}

SweepCells sweepCells(const SweepResults &r, std::size_t rowParam, std::size_t colParam)
{
    SweepCells c;
    c.rows = r.distinctValues(rowParam);
    c.cols = r.distinctValues(colParam);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    c.mean.assign(c.rows.size(), std::vector<double>(c.cols.size(), nan));
    c.count.assign(c.rows.size(), std::vector<int>(c.cols.size(), 0));
    c.run.assign(c.rows.size(), std::vector<std::string>(c.cols.size()));
    std::vector<std::vector<double>> sum(c.rows.size(), std::vector<double>(c.cols.size(), 0.0));
    for (const auto &run : r.runs) {
        if (run.testAccuracy < 0 || rowParam >= run.values.size() || colParam >= run.values.size())
            continue;
        const auto i = std::size_t(std::find(c.rows.begin(), c.rows.end(), run.values[rowParam]) -
                                   c.rows.begin());
        const auto j = std::size_t(std::find(c.cols.begin(), c.cols.end(), run.values[colParam]) -
                                   c.cols.begin());
        sum[i][j] += run.testAccuracy;
        if (c.count[i][j]++ == 0)
            c.run[i][j] = run.runDir;
    }
    for (std::size_t i = 0; i < c.rows.size(); ++i)
        for (std::size_t j = 0; j < c.cols.size(); ++j)
            if (c.count[i][j] > 0) {
                c.mean[i][j] = sum[i][j] / c.count[i][j];
                c.lo = std::min(c.lo, c.mean[i][j]);
                c.hi = std::max(c.hi, c.mean[i][j]);
            }
    return c;
}

namespace {

constexpr int kMaxEpochs = 1000000;

void readEarlyStop(JsonObject &top, SweepResults &r)
{
    if (!top.has("early_stop"))
        return;
    const json &block = top.child("early_stop");
    if (!block.is_object())
        top.fail("early_stop", "expected an object");
    JsonObject es(block, "early_stop", top.origin(), false);
    r.earlyStop = es.value<std::string>("method", "");
    r.earlyStopMetric = es.value<std::string>("metric", "val_accuracy");
    r.rungs = es.value<std::vector<int>>("rungs", {});
    r.totalEpochs = es.value<int>("epochs", 0);
    if (r.rungs.size() > 1000 || r.totalEpochs < 0 || r.totalEpochs > kMaxEpochs)
        es.fail("rungs", "more than 1000 rungs or epochs out of range");
    for (const int rung : r.rungs)
        if (rung < 1 || rung > kMaxEpochs)
            es.fail("rungs", "a rung outside 1.." + std::to_string(kMaxEpochs));
}

void readPruned(JsonObject &p, SweepRunEntry &e)
{
    e.epochs = p.value<int>("epochs", 0);
    if (e.epochs < 0 || e.epochs > kMaxEpochs)
        p.fail("epochs", "out of range");
    if (!p.has("pruned"))
        return;
    const json &block = p.child("pruned");
    if (!block.is_object())
        p.fail("pruned", "expected an object");
    JsonObject pr(block, p.path("pruned"), p.origin(), false);
    e.prunedRung = pr.value<int>("rung", 0);
    e.prunedValue = pr.value<double>("value", 0);
    if (e.prunedRung < 0 || e.prunedRung > kMaxEpochs || !std::isfinite(e.prunedValue))
        pr.fail("rung", "out of range");
}

} // namespace

bool isSweepFolder(const std::string &dir)
{
    std::error_code ec;
    return fs::is_regular_file(RunDir(dir).sweep(), ec);
}

SweepResults readSweep(const std::string &dir)
{
    const std::string origin = RunDir(dir).sweep();
    const Bytes b = readFile(origin);
    return parseSweep(std::string(b.begin(), b.end()), origin, dir);
}

SweepResults parseSweep(const std::string &text, const std::string &origin, const std::string &dir)
{
    const json j = parseJson(text, origin);
    if (!j.is_object())
        throw fileError(origin, "expected a JSON object");
    SweepResults r;
    r.dir = dir;
    JsonObject top(j, "", origin, false);
    r.origin = top.value<std::string>("sweep", "");
    r.mode = top.value<std::string>("mode", "grid");
    r.repeats = top.value<int>("repeats", 1);
    if (r.repeats < 1 || r.repeats > 100)
        top.fail("repeats", "must be 1..100");
    r.parameters = top.value<std::vector<std::string>>("parameters", {});
    if (r.parameters.size() > kMaxParameters)
        top.fail("parameters", "more than " + std::to_string(kMaxParameters) + " settings");
    readEarlyStop(top, r);
    const json &points = top.child("points");
    if (!points.is_array())
        top.fail("points", "expected a list");
    if (points.size() > kMaxSweepPoints)
        top.fail("points", "more than " + std::to_string(kMaxSweepPoints) + " points");
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::string key = "points." + std::to_string(i);
        if (!points[i].is_object())
            throw fileError(origin, "'" + key + "': expected an object");
        JsonObject p(points[i], key, origin, false);
        SweepRunEntry e;
        e.name = checkedRunName(p.require<std::string>("name"), origin, key + ".name");
        e.repeat = p.value<int>("repeat", 0);
        if (e.repeat < 0 || e.repeat >= r.repeats)
            p.fail("repeat", "outside 0.." + std::to_string(r.repeats - 1));
        e.variant = p.value<std::string>("variant", "");
        if (e.variant.empty()) { // written before "variant" was: strip "-rN"
            e.variant = e.name;
            const std::string suffix = "-r" + std::to_string(e.repeat);
            if (r.repeats > 1 && e.variant.size() > suffix.size() &&
                e.variant.compare(e.variant.size() - suffix.size(), suffix.size(), suffix) == 0)
                e.variant.resize(e.variant.size() - suffix.size());
        }
        const std::string run = p.value<std::string>("run", e.name);
        e.runDir = (fs::path(dir) / checkedRunName(run, origin, key + ".run")).string();
        e.status = p.value<std::string>("status", "pending");
        static const char *const kStatuses[] = {"pending", "running",  "finished",
                                                "failed",  "stopped", "pruned"};
        if (std::find(std::begin(kStatuses), std::end(kStatuses), e.status) == std::end(kStatuses))
            p.fail("status", "unknown status '" + e.status + "'");
        e.message = p.value<std::string>("message", "");
        if (!p.isNull("test_accuracy")) {
            e.testAccuracy = p.value<double>("test_accuracy", -1);
            if (e.testAccuracy != -1 && !(e.testAccuracy >= 0 && e.testAccuracy <= 1))
                p.fail("test_accuracy", "outside 0..1");
        }
        e.seconds = p.value<double>("seconds", 0);
        if (!(e.seconds >= 0 && e.seconds < 1e9))
            p.fail("seconds", "not a duration");
        readPruned(p, e);
        json settings = json::object();
        if (p.has("settings")) {
            settings = p.child("settings");
            if (!settings.is_object())
                p.fail("settings", "expected an object");
        }
        for (const auto &path : r.parameters) {
            if (settings.contains(path)) {
                const json &v = settings.at(path);
                e.values.push_back(valueText(v));
                e.numbers.push_back(v.is_number() ? v.get<double>()
                                                  : std::numeric_limits<double>::quiet_NaN());
            } else {
                e.values.push_back("");
                e.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
            }
        }
        r.runs.push_back(std::move(e));
    }
    summarise(r);
    return r;
}

std::vector<std::string> listSweeps(const std::string &parent)
{
    std::vector<std::pair<fs::file_time_type, std::string>> found;
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code e2;
        if (it->is_directory(e2) && isSweepFolder(it->path().string()))
            found.push_back({fs::last_write_time(RunDir(it->path().string()).sweep(), e2),
                             it->path().string()});
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> out;
    for (auto &f : found)
        out.push_back(f.second);
    return out;
}

std::vector<std::size_t> paretoFront(const std::vector<double> &seconds,
                                     const std::vector<double> &accuracy)
{
    const std::size_t n = std::min(seconds.size(), accuracy.size());
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    // Fastest first; among equally fast, the most accurate first.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return seconds[a] != seconds[b] ? seconds[a] < seconds[b] : accuracy[a] > accuracy[b];
    });
    std::vector<std::size_t> front;
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t i : order) {
        if (!std::isfinite(seconds[i]) || !std::isfinite(accuracy[i]))
            continue;
        if (accuracy[i] > best) { // beats every faster run: nothing dominates it
            front.push_back(i);
            best = accuracy[i];
        }
    }
    return front;
}

double estimateRunSeconds(const std::vector<RunInfo> &measured, const std::string &model,
                          double imagesPerEpoch, int epochs)
{
    std::vector<double> speeds;
    for (const auto &r : measured)
        if (r.finished && r.model == model && r.imagesPerSecond > 0)
            speeds.push_back(r.imagesPerSecond);
    if (speeds.empty() || imagesPerEpoch <= 0 || epochs <= 0)
        return -1;
    std::sort(speeds.begin(), speeds.end());
    const std::size_t n = speeds.size();
    const double median = n % 2 ? speeds[n / 2] : (speeds[n / 2 - 1] + speeds[n / 2]) / 2;
    return imagesPerEpoch * epochs / median;
}

std::string settingCaption(const std::string &path)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = path.find('.', start);
        parts.push_back(
            path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    if (parts.size() >= 3 && parts[0] == "stages" && !parts[1].empty() &&
        std::all_of(parts[1].begin(), parts[1].end(),
                    [](char c) { return c >= '0' && c <= '9'; }) &&
        parts[1].size() < 4)
        return "stage " + std::to_string(std::stoi(parts[1]) + 1) + " " + parts.back();
    if (parts.size() == 2 && parts[0] == "model" && parts[1] == "name")
        return "model";
    return parts.size() > 1 ? parts[parts.size() - 2] + " " + parts.back() : path;
}

} // namespace tl::runs
