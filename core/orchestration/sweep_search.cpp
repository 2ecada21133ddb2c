#include "orchestration/sweep_search.h"

#include "base/error.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/json_file.h"
#include "orchestration/scheduler.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace tl::runs {

namespace {

// A name read back from sweep.json becomes a folder name: only what sampleName writes.
bool safeName(const std::string &s)
{
    return !s.empty() && s.size() <= 120 && s.front() != '.' &&
           std::all_of(s.begin(), s.end(), [](char c) {
               return std::isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
           });
}

} // namespace

std::vector<std::pair<int, double>> epochMetric(const std::string &runDir,
                                                const std::string &metric)
{
    std::vector<std::pair<int, double>> out;
    const std::string path = RunDir(runDir).metrics();
    try {
        std::error_code ec;
        if (!fs::is_regular_file(path, ec))
            return out;
        const Bytes data = readFile(path);
        std::size_t epochCol = 0, valueCol = 0;
        forEachCsvRow(data, path, 64, [&](const std::vector<std::string> &cells, std::size_t line) {
            if (line == 1) {
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    if (cells[i] == "global_epoch")
                        epochCol = i;
                    if (cells[i] == metric)
                        valueCol = i;
                }
                if (epochCol == valueCol)
                    throw fileError(path, "no global_epoch and " + metric + " columns");
                return true;
            }
            if (cells.size() <= std::max(epochCol, valueCol) || cells[valueCol].empty())
                return true;
            const auto epoch = csvInteger(cells[epochCol], path, line, 1, 1000000);
            out.push_back({int(epoch), csvNumber(cells[valueCol], path, line)});
            return true;
        });
    } catch (const Error &) {
        out.clear(); // read again at the next epoch
    }
    return out;
}

PruneDecision prunedAt(const std::string &runDir, const SweepPlan &plan)
{
    PruneDecision d;
    const auto values = epochMetric(runDir, plan.earlyStop.metric);
    const std::vector<int> rungs = plan.earlyStop.rungs(plan.totalEpochs);
    for (const auto &[epoch, value] : values)
        if (std::binary_search(rungs.begin(), rungs.end(), epoch))
            d.rung = epoch, d.value = value, d.prune = true;
    return d;
}

SweepPlan withEarlierProposals(SweepPlan plan, const std::string &dir)
{
    const std::string path = RunDir(dir).sweep();
    std::error_code ec;
    if (plan.mode != "tpe" || !fs::is_regular_file(path, ec))
        return plan;
    const Bytes b = readFile(path);
    const nlohmann::json j = parseJson(std::string(b.begin(), b.end()), path);
    if (!j.is_object() || j.value("mode", std::string()) != "tpe" || !j.contains("points") ||
        !j["points"].is_array())
        return plan; // another kind of sweep was here: its finished runs are kept by name
    for (std::size_t i = 0; i < j["points"].size(); ++i) {
        const std::string key = "points." + std::to_string(i);
        const nlohmann::json &point = j["points"][i];
        if (!point.is_object())
            throw fileError(path, "'" + key + "': expected an object");
        JsonObject p(point, key, path, false);
        if (p.value<int>("repeat", 0) != 0)
            continue; // its repeats come with repeat 0
        const std::string variant = p.value<std::string>("variant", p.require<std::string>("name"));
        if (!safeName(variant))
            p.fail("variant", "not a folder name");
        const nlohmann::json &settings = p.child("settings");
        if (!settings.is_object())
            p.fail("settings", "expected an object");
        SettingValues values;
        for (const std::string &setting : plan.paths)
            if (settings.contains(setting))
                values.push_back({setting, settings.at(setting)});
        for (int r = 0; r < plan.repeats; ++r)
            plan.points.push_back(makeSweepPoint(plan, variant, values, r));
    }
    return plan;
}

SweepSearch::SweepSearch(Scheduler &scheduler, int group, SweepPlan plan)
    : m_scheduler(scheduler), m_group(group), m_plan(std::move(plan)),
      m_stopper(m_plan.earlyStop, m_plan.totalEpochs)
{
    m_proposed = int(m_plan.points.size()) / std::max(1, m_plan.repeats);
}

void SweepSearch::restore()
{
    const std::vector<int> rungs = m_stopper.rungs();
    std::vector<int> waiting;
    for (const Point &p : m_scheduler.points()) {
        if (p.group != m_group || p.groupIndex < 0)
            continue;
        const std::size_t index = std::size_t(p.groupIndex);
        int last = 0;
        for (const auto &[epoch, value] : epochMetric(p.spec.runDir, m_plan.earlyStop.metric)) {
            m_stopper.record(index, epoch, value);
            m_judged[p.id] = last = epoch;
        }
        for (const int rung : rungs)
            if (rung < last)
                m_promoted[rung].insert(index); // it went on past that rung
        // ASHA: an unfinished point that stopped at a rung waits there for its promotion.
        if (asha() && p.state == PointState::Pending &&
            std::binary_search(rungs.begin(), rungs.end(), last)) {
            m_waiting[index] = last;
            waiting.push_back(p.id);
        }
    }
    const bool paused = m_scheduler.paused(); // cancel() schedules: nothing starts meanwhile
    m_scheduler.setPaused(true);
    for (const int id : waiting)
        m_scheduler.cancel(id, "waits at a rung for a promotion"); // promote() resumes it
    m_scheduler.setPaused(paused);
}

int SweepSearch::waitingAt(std::size_t planIndex) const
{
    const auto it = m_waiting.find(planIndex);
    return it == m_waiting.end() ? 0 : it->second;
}

int SweepSearch::idOf(std::size_t planIndex) const
{
    for (const Point &p : m_scheduler.points())
        if (p.group == m_group && p.groupIndex == int(planIndex))
            return p.id;
    return -1;
}

bool SweepSearch::promotable(std::size_t planIndex, int rung) const
{
    const std::size_t n = m_stopper.at(rung).size();
    const auto top = m_stopper.top(rung, n / std::size_t(m_plan.earlyStop.reductionFactor));
    const auto promoted = m_promoted.find(rung);
    return std::find(top.begin(), top.end(), planIndex) != top.end() &&
           (promoted == m_promoted.end() || !promoted->second.count(planIndex));
}

std::string SweepSearch::waitReason(std::size_t planIndex, int rung) const
{
    const auto &here = m_stopper.at(rung);
    const auto all = m_stopper.top(rung, here.size());
    const std::size_t rank =
        std::size_t(std::find(all.begin(), all.end(), planIndex) - all.begin());
    char value[32];
    std::snprintf(value, sizeof value, "%.4g", here.count(planIndex) ? here.at(planIndex) : 0.0);
    return "pruned by ASHA at epoch " + std::to_string(rung) + ": " + m_plan.earlyStop.metric +
           " " + value + " ranks " + std::to_string(rank + 1) + " of the " +
           std::to_string(all.size()) + " points that reached this rung; the top 1/" +
           std::to_string(m_plan.earlyStop.reductionFactor) + " went on";
}

void SweepSearch::wait(const Point &p, int rung, double value)
{
    const std::size_t index = std::size_t(p.groupIndex);
    m_waiting[index] = rung;
    PruneDecision d;
    d.prune = true;
    d.rung = rung;
    d.value = value;
    d.competitors = int(m_stopper.at(rung).size());
    m_decisions[index] = d;
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    // Stops after its batch, keeping the rung's epoch.
    m_scheduler.cancel(p.id, "waits at rung " + std::to_string(rung) + " (" +
                                 m_plan.earlyStop.metric + " " + text +
                                 ") for a promotion into the top 1/" +
                                 std::to_string(m_plan.earlyStop.reductionFactor));
}

void SweepSearch::resume(std::size_t planIndex)
{
    m_waiting.erase(planIndex);
    const int id = idOf(planIndex);
    if (id < 0 || !m_scheduler.retry(id))
        return;
    const auto &points = m_scheduler.points();
    for (std::size_t i = 0; i < points.size(); ++i) // ahead of the pending points
        if (points[i].state == PointState::Pending) {
            const int at = m_scheduler.indexOf(id);
            if (int(i) < at)
                m_scheduler.move(id, int(i) - at);
            break;
        }
}

bool SweepSearch::promote()
{
    bool any = false;
    const std::vector<int> rungs = m_stopper.rungs();
    for (auto r = rungs.rbegin(); r != rungs.rend(); ++r) {
        std::vector<std::size_t> ready;
        for (const auto &[index, rung] : m_waiting)
            if (rung == *r && promotable(index, rung))
                ready.push_back(index);
        for (const std::size_t index : ready) {
            m_promoted[*r].insert(index);
            m_decisions.erase(index);
            resume(index);
            any = true;
        }
    }
    return any;
}

bool SweepSearch::finish()
{
    if (!asha() || m_scheduler.runningCount() > 0)
        return false;
    if (promote())
        return true;
    const std::vector<int> rungs = m_stopper.rungs();
    for (auto r = rungs.rbegin(); r != rungs.rend(); ++r) {
        if (m_promoted.count(*r) && !m_promoted[*r].empty())
            continue;
        std::vector<std::size_t> here;
        for (const auto &[index, rung] : m_waiting)
            if (rung == *r)
                here.push_back(index);
        for (const std::size_t best : m_stopper.top(*r, m_stopper.at(*r).size()))
            if (std::find(here.begin(), here.end(), best) != here.end()) {
                m_promoted[*r].insert(best); // a sweep of few points trains one to the end
                m_decisions.erase(best);
                resume(best);
                return true;
            }
    }
    bool any = false;
    for (const auto &[index, rung] : std::map<std::size_t, int>(m_waiting)) {
        m_finishing[index] = waitReason(index, rung);
        resume(index);
        any = true;
    }
    return any;
}

void SweepSearch::shuffleStart()
{
    std::vector<int> ids; // the group's pending points, in queue order
    for (const Point &p : m_scheduler.points())
        if (p.group == m_group && p.state == PointState::Pending)
            ids.push_back(p.id);
    SweepRng rng = sampleRng(m_plan.seed, 0, 2);
    for (std::size_t i = ids.size(); i > 1; --i) { // Fisher-Yates over their queue positions
        const std::size_t j = rng.below(i);
        if (j + 1 == i)
            continue;
        const int a = m_scheduler.indexOf(ids[i - 1]), b = m_scheduler.indexOf(ids[j]);
        m_scheduler.move(ids[i - 1], b - a); // swaps the two
        std::swap(ids[i - 1], ids[j]);
    }
}

void SweepSearch::attach()
{
    if (m_plan.earlyStop.enabled() && (m_plan.mode == "grid" || m_plan.mode == "list"))
        shuffleStart();
    auto changed = m_scheduler.onChanged;
    m_scheduler.onChanged = [this, changed](const Point &p) {
        if (changed)
            changed(p);
        check(p);
    };
    auto more = m_scheduler.wantMore;
    m_scheduler.wantMore = [this, more]() { return (more && more()) || proposeNext() || finish(); };
    auto started = m_scheduler.onStarted;
    m_scheduler.onStarted = [this, started](const Point &p) {
        if (started)
            started(p);
        const auto it = m_finishing.find(std::size_t(p.groupIndex));
        if (p.group == m_group && it != m_finishing.end()) // resumed only to be pruned
            m_scheduler.prune(p.id, it->second);
    };
    auto ended = m_scheduler.onEnded;
    m_scheduler.onEnded = [this, ended](const Point &p) {
        if (ended)
            ended(p);
        if (p.group == m_group && asha())
            promote(); // a slot is free: promotions go ahead of new points
    };
    auto describe = m_scheduler.describeSweepPoint;
    m_scheduler.describeSweepPoint = [this, describe](const Point &p, SweepPointStatus &st) {
        if (describe)
            describe(p, st);
        if (p.group != m_group || p.groupIndex < 0)
            return;
        if (const int rung = waitingAt(std::size_t(p.groupIndex));
            rung > 0 && p.state == PointState::Stopped)
            st.message = "waits at rung " + std::to_string(rung) + " (epoch " +
                         std::to_string(rung) + ") for a promotion";
        if (p.state != PointState::Pruned)
            return;
        PruneDecision d = decision(std::size_t(p.groupIndex));
        if (d.rung == 0) // pruned in an earlier session: read back from its folder
            d = prunedAt(p.spec.runDir, m_plan);
        st.rung = d.rung;
        st.metricValue = d.value;
    };
}

void SweepSearch::check(const Point &p)
{
    if (p.group != m_group || p.groupIndex < 0 || p.state != PointState::Running ||
        !m_plan.earlyStop.enabled())
        return;
    std::error_code ec;
    const auto size = fs::file_size(RunDir(p.spec.runDir).metrics(), ec);
    if (ec || m_metricsSize[p.id] == size)
        return;
    m_metricsSize[p.id] = size;
    int &judged = m_judged[p.id];
    for (const auto &[epoch, value] : epochMetric(p.spec.runDir, m_plan.earlyStop.metric)) {
        if (epoch <= judged)
            continue;
        judged = epoch;
        if (asha()) { // at a rung: go on when promotable, else wait there
            m_stopper.record(std::size_t(p.groupIndex), epoch, value);
            const auto &rungs = m_stopper.rungs();
            if (!std::binary_search(rungs.begin(), rungs.end(), epoch))
                continue;
            if (promotable(std::size_t(p.groupIndex), epoch)) {
                m_promoted[epoch].insert(std::size_t(p.groupIndex));
                continue;
            }
            wait(p, epoch, value);
            return;
        }
        const PruneDecision d = m_stopper.report(std::size_t(p.groupIndex), epoch, value);
        if (!d.prune)
            continue;
        m_decisions[std::size_t(p.groupIndex)] = d;
        const int id = p.id;
        m_scheduler.prune(id, d.reason);
        if (onPruned)
            if (const Point *now = m_scheduler.find(id))
                onPruned(*now, d);
        return;
    }
}

PruneDecision SweepSearch::decision(std::size_t planIndex) const
{
    const auto it = m_decisions.find(planIndex);
    return it == m_decisions.end() ? PruneDecision{} : it->second;
}

std::vector<TpeTrial> SweepSearch::trials() const
{
    std::vector<TpeTrial> out;
    const double sign = m_plan.earlyStop.higherIsBetter() ? 1 : -1;
    for (const Point &p : m_scheduler.points()) {
        if (p.group != m_group || p.groupIndex < 0 ||
            std::size_t(p.groupIndex) >= m_plan.points.size() ||
            (p.state != PointState::Finished && p.state != PointState::Pruned))
            continue;
        const auto values = epochMetric(p.spec.runDir, m_plan.earlyStop.metric);
        if (values.empty())
            continue; // no validation: nothing to learn from
        TpeTrial t;
        t.values = m_plan.points[std::size_t(p.groupIndex)].settings;
        t.pruned = p.state == PointState::Pruned;
        t.epochs = values.back().first;
        t.score = sign * values.back().second;
        if (!t.pruned)
            for (const auto &[epoch, value] : values)
                t.score = std::max(t.score, sign * value);
        out.push_back(std::move(t));
    }
    return out;
}

bool SweepSearch::proposeNext()
{
    if (m_plan.mode != "tpe" || m_proposed >= m_plan.samples)
        return false;
    TpeOptions options;
    options.startup = m_plan.startup;
    const std::size_t index = std::size_t(m_proposed);
    const SettingValues settings =
        proposeTpe(m_plan.space, trials(), m_plan.seed, std::uint64_t(index), options);
    const std::string name = sampleName(m_plan, index, settings);
    ++m_proposed;
    for (int r = 0; r < m_plan.repeats; ++r) {
        SweepPoint point = makeSweepPoint(m_plan, name, settings, r);
        m_plan.points.push_back(point);
        m_scheduler.addToSweep(m_group, point);
    }
    return true;
}

} // namespace tl::runs
