#include "orchestration/early_stop.h"

#include "base/error.h"
#include "io/json_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace tl::runs {

namespace {

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

} // namespace

std::string EarlyStopSpec::methodName() const
{
    switch (method) {
    case Method::Asha:
        return "asha";
    case Method::Median:
        return "median";
    case Method::None:
        break;
    }
    return "none";
}

std::vector<int> EarlyStopSpec::rungs(int totalEpochs) const
{
    std::vector<int> out;
    if (method == Method::Asha) {
        for (long long e = minEpochs; e < totalEpochs; e *= reductionFactor)
            out.push_back(int(e));
    } else if (method == Method::Median) {
        for (int e = minEpochs; e < totalEpochs; ++e)
            out.push_back(e);
    }
    return out;
}

nlohmann::json EarlyStopSpec::toJson() const
{
    nlohmann::json j = {{"method", methodName()}, {"min_epochs", minEpochs}, {"metric", metric}};
    if (method == Method::Asha)
        j["reduction_factor"] = reductionFactor;
    if (method == Method::Median)
        j["min_points"] = minPoints;
    return j;
}

EarlyStopSpec parseEarlyStop(const nlohmann::json &block, const std::string &origin,
                             int totalEpochs, double valSplit)
{
    if (!block.is_object())
        throw fileError(origin, "'sweep.early_stop': expected an object ({\"method\": \"asha\", "
                                "\"min_epochs\": 1, \"reduction_factor\": 3})");
    EarlyStopSpec spec;
    JsonObject s(block, "sweep.early_stop", origin, true);
    const std::string method = s.require<std::string>("method");
    if (method == "asha")
        spec.method = EarlyStopSpec::Method::Asha;
    else if (method == "median")
        spec.method = EarlyStopSpec::Method::Median;
    else
        s.fail("method", "must be \"asha\" or \"median\", not \"" + method + "\"");
    spec.minEpochs = s.value<int>("min_epochs", 1);
    spec.metric = s.value<std::string>("metric", spec.metric);
    if (spec.method == EarlyStopSpec::Method::Asha)
        spec.reductionFactor = s.value<int>("reduction_factor", 3);
    if (spec.method == EarlyStopSpec::Method::Median)
        spec.minPoints = s.value<int>("min_points", 3);
    if (spec.metric != "val_accuracy" && spec.metric != "val_loss")
        s.fail("metric", "must be \"val_accuracy\" or \"val_loss\", not \"" + spec.metric + "\"");
    if (spec.reductionFactor < 2 || spec.reductionFactor > 100)
        s.fail("reduction_factor", "must be 2..100");
    if (spec.minPoints < 1 || spec.minPoints > 1000)
        s.fail("min_points", "must be 1..1000");
    if (spec.minEpochs < 1 || spec.minEpochs >= totalEpochs)
        s.fail("min_epochs", "must be 1.." + std::to_string(std::max(1, totalEpochs - 1)) +
                                 " (below the " + std::to_string(totalEpochs) +
                                 " epochs each point trains), not " +
                                 std::to_string(spec.minEpochs));
    if (!(valSplit > 0))
        s.fail("method", "early stopping judges each point on its validation images, and this "
                         "experiment has none: set \"data\": {\"val_split\": 0.2} (or another "
                         "share of the training images)");
    return spec;
}

int ashaKeep(int n, int reductionFactor)
{
    return std::max(1, n / std::max(1, reductionFactor));
}

EarlyStopper::EarlyStopper(EarlyStopSpec spec, int totalEpochs)
    : m_spec(std::move(spec)), m_rungs(m_spec.rungs(totalEpochs))
{
}

void EarlyStopper::record(std::size_t point, int epoch, double value)
{
    m_values[epoch][point] = value;
    const auto it = m_bestScore.find(point);
    if (it == m_bestScore.end() || score(value) > it->second)
        m_bestScore[point] = score(value);
}

const std::map<std::size_t, double> &EarlyStopper::at(int epoch) const
{
    static const std::map<std::size_t, double> none;
    const auto it = m_values.find(epoch);
    return it == m_values.end() ? none : it->second;
}

std::vector<std::size_t> EarlyStopper::top(int epoch, std::size_t k) const
{
    std::vector<std::pair<double, std::size_t>> ranked;
    for (const auto &[p, v] : at(epoch))
        ranked.push_back({-score(v), p});
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < ranked.size() && i < k; ++i)
        out.push_back(ranked[i].second);
    return out;
}

PruneDecision EarlyStopper::report(std::size_t point, int epoch, double value)
{
    record(point, epoch, value);
    if (!m_spec.enabled() || !std::binary_search(m_rungs.begin(), m_rungs.end(), epoch))
        return {};
    return m_spec.method == EarlyStopSpec::Method::Asha ? asha(point, epoch, value)
                                                        : median(point, epoch, value);
}

PruneDecision EarlyStopper::asha(std::size_t point, int epoch, double value) const
{
    const auto &here = m_values.at(epoch);
    std::vector<double> scores;
    for (const auto &[p, v] : here)
        scores.push_back(score(v));
    std::sort(scores.begin(), scores.end(), std::greater<>());
    const int keep = ashaKeep(int(scores.size()), m_spec.reductionFactor);
    const double cutScore = scores[std::size_t(keep) - 1];
    PruneDecision d;
    d.rung = epoch;
    d.value = value;
    d.cut = m_spec.higherIsBetter() ? cutScore : -cutScore;
    d.competitors = int(scores.size());
    d.prune = score(value) < cutScore;
    (void)point;
    if (d.prune)
        d.reason = "pruned by ASHA at epoch " + std::to_string(epoch) + ": " + m_spec.metric + " " +
                   number(value) + " is not in the top 1/" +
                   std::to_string(m_spec.reductionFactor) + " of the " +
                   std::to_string(d.competitors) + " points that reached this rung (the top " +
                   std::to_string(keep) + " reach " + number(d.cut) + ")";
    return d;
}

PruneDecision EarlyStopper::median(std::size_t point, int epoch, double value) const
{
    std::vector<double> others;
    for (const auto &[p, v] : m_values.at(epoch))
        if (p != point)
            others.push_back(score(v));
    PruneDecision d;
    d.value = value;
    d.competitors = int(others.size()) + 1;
    if (int(others.size()) < m_spec.minPoints)
        return d;
    std::sort(others.begin(), others.end());
    const std::size_t n = others.size();
    const double mid = n % 2 ? others[n / 2] : (others[n / 2 - 1] + others[n / 2]) / 2;
    d.rung = epoch;
    d.cut = m_spec.higherIsBetter() ? mid : -mid;
    const double best = m_bestScore.at(point);
    d.prune = best < mid;
    if (d.prune)
        d.reason = "pruned by the median rule at epoch " + std::to_string(epoch) + ": best " +
                   m_spec.metric + " so far " + number(m_spec.higherIsBetter() ? best : -best) +
                   " is worse than the median " + number(d.cut) + " of the " + std::to_string(n) +
                   " other points at this epoch";
    return d;
}

std::vector<std::vector<std::size_t>>
successiveHalving(const std::vector<std::vector<double>> &curves, const EarlyStopSpec &spec,
                  int totalEpochs)
{
    std::vector<std::size_t> alive;
    for (std::size_t p = 0; p < curves.size(); ++p)
        alive.push_back(p);
    std::vector<std::vector<std::size_t>> out;
    const double sign = spec.higherIsBetter() ? 1.0 : -1.0;
    for (const int rung : spec.rungs(totalEpochs)) {
        std::vector<std::size_t> reached;
        for (const std::size_t p : alive)
            if (curves[p].size() >= std::size_t(rung))
                reached.push_back(p);
        std::stable_sort(reached.begin(), reached.end(), [&](std::size_t a, std::size_t b) {
            return sign * curves[a][std::size_t(rung) - 1] >
                   sign * curves[b][std::size_t(rung) - 1];
        });
        if (!reached.empty())
            reached.resize(std::size_t(ashaKeep(int(reached.size()), spec.reductionFactor)));
        std::sort(reached.begin(), reached.end());
        out.push_back(reached);
        alive = reached;
    }
    return out;
}

} // namespace tl::runs
