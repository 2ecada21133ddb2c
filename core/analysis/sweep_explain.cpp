#include "analysis/sweep_explain.h"

#include "analysis/html.h"
#include "orchestration/search_space.h"
#include "orchestration/sweep_results.h"
#include "orchestration/sweep_search.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>

namespace tl::runs {

using html::esc;
using html::fmt;

bool HalvingChart::empty() const
{
    return std::none_of(curves.begin(), curves.end(),
                        [](const HalvingCurve &c) { return !c.values.empty(); });
}

HalvingChart halvingChart(const SweepResults &r)
{
    HalvingChart chart;
    if (!r.earlyStopMetric.empty())
        chart.metric = r.earlyStopMetric;
    chart.rungs = r.rungs;
    chart.totalEpochs = r.totalEpochs;
    for (const SweepRunEntry &run : r.runs) {
        HalvingCurve c;
        c.name = run.name;
        c.status = run.status;
        c.prunedRung = run.status == "pruned" ? run.prunedRung : 0;
        c.values = epochMetric(run.runDir, chart.metric);
        chart.epochsTrained += int(c.values.size());
        if (!c.values.empty())
            chart.totalEpochs = std::max(chart.totalEpochs, c.values.back().first);
        chart.curves.push_back(std::move(c));
    }
    return chart;
}

namespace {

// One regression tree grown on a bootstrap sample; adds each feature's impurity decrease
// (samples x variance removed) to `gain`. An explicit stack: no recursion.
void growTree(const std::vector<std::vector<double>> &x, const std::vector<double> &y,
              std::vector<std::size_t> rows, std::vector<double> &gain)
{
    struct Node
    {
        std::vector<std::size_t> rows;
        int depth;
    };
    std::vector<Node> stack{{std::move(rows), 0}};
    const std::size_t features = x.empty() ? 0 : x.front().size();
    while (!stack.empty()) {
        Node node = std::move(stack.back());
        stack.pop_back();
        const std::size_t n = node.rows.size();
        if (n < 4 || node.depth >= 8)
            continue;
        double sum = 0, sq = 0;
        for (const std::size_t i : node.rows)
            sum += y[i], sq += y[i] * y[i];
        const double sse = sq - sum * sum / double(n);
        double best = 1e-12;
        std::size_t bestFeature = features;
        double bestThreshold = 0;
        for (std::size_t f = 0; f < features; ++f) {
            std::vector<std::size_t> order = node.rows;
            std::sort(order.begin(), order.end(),
                      [&](std::size_t a, std::size_t b) { return x[a][f] < x[b][f]; });
            double ls = 0, lq = 0;
            for (std::size_t k = 0; k + 1 < n; ++k) {
                ls += y[order[k]], lq += y[order[k]] * y[order[k]];
                if (x[order[k]][f] == x[order[k + 1]][f] || k + 1 < 2 || n - k - 1 < 2)
                    continue; // a split between equal values, or a leaf of one
                const double nl = double(k + 1), nr = double(n - k - 1);
                const double rs = sum - ls, rq = sq - lq;
                const double reduction = sse - (lq - ls * ls / nl) - (rq - rs * rs / nr);
                if (reduction > best) {
                    best = reduction, bestFeature = f;
                    bestThreshold = (x[order[k]][f] + x[order[k + 1]][f]) / 2;
                }
            }
        }
        if (bestFeature == features)
            continue;
        gain[bestFeature] += best;
        Node left{{}, node.depth + 1}, right{{}, node.depth + 1};
        for (const std::size_t i : node.rows)
            (x[i][bestFeature] < bestThreshold ? left : right).rows.push_back(i);
        stack.push_back(std::move(left));
        stack.push_back(std::move(right));
    }
}

// The points' features (one per setting) and results; `names[p]` the setting of feature p.
struct Table
{
    std::vector<std::vector<double>> x;
    std::vector<double> y;
    std::vector<std::string> names;
};

Table importanceTable(const SweepResults &r, std::string &target)
{
    Table t;
    const bool early = !r.earlyStop.empty() && !r.rungs.empty();
    const int rung = early ? r.rungs.front() : 0;
    std::vector<std::size_t> used;
    for (std::size_t i = 0; i < r.runs.size(); ++i) {
        const SweepRunEntry &run = r.runs[i];
        double y = run.testAccuracy;
        if (early) {
            y = std::nan("");
            for (const auto &[epoch, value] : epochMetric(run.runDir, r.earlyStopMetric))
                if (epoch == rung)
                    y = value;
        }
        if (std::isfinite(y) && y >= 0)
            used.push_back(i), t.y.push_back(y);
    }
    target = early ? r.earlyStopMetric + " after epoch " + std::to_string(rung) +
                         " (every point trained that far)"
                   : "test accuracy of the finished points";
    for (std::size_t p = 0; p < r.parameters.size(); ++p) {
        std::vector<double> column;
        if (r.numeric(p)) {
            double lo = 1e300, hi = -1e300;
            for (const std::size_t i : used)
                lo = std::min(lo, r.runs[i].numbers[p]), hi = std::max(hi, r.runs[i].numbers[p]);
            const bool log = lo > 0 && hi / lo >= 10;
            for (const std::size_t i : used)
                column.push_back(log ? std::log10(r.runs[i].numbers[p]) : r.runs[i].numbers[p]);
        } else { // names: ordered by their mean result, so a split can separate good from bad
            std::map<std::string, std::pair<double, int>> mean;
            for (std::size_t k = 0; k < used.size(); ++k) {
                auto &m = mean[r.runs[used[k]].values[p]];
                m.first += t.y[k], ++m.second;
            }
            for (const std::size_t i : used) {
                const auto &m = mean[r.runs[i].values[p]];
                column.push_back(m.first / m.second);
            }
        }
        t.names.push_back(r.parameters[p]);
        for (std::size_t k = 0; k < used.size(); ++k) {
            if (t.x.size() <= k)
                t.x.emplace_back();
            t.x[k].push_back(column[k]);
        }
    }
    return t;
}

} // namespace

std::vector<double> forestImportance(const std::vector<std::vector<double>> &x,
                                     const std::vector<double> &y, int trees, std::uint64_t seed)
{
    const std::size_t features = x.empty() ? 0 : x.front().size();
    std::vector<double> total(features, 0.0);
    SweepRng rng(seed);
    for (int t = 0; t < trees; ++t) {
        std::vector<std::size_t> rows(x.size());
        for (auto &row : rows)
            row = rng.below(x.size());
        std::vector<double> gain(features, 0.0);
        growTree(x, y, rows, gain);
        const double sum = std::accumulate(gain.begin(), gain.end(), 0.0);
        if (sum > 0)
            for (std::size_t f = 0; f < features; ++f)
                total[f] += gain[f] / sum;
    }
    const double sum = std::accumulate(total.begin(), total.end(), 0.0);
    for (double &v : total)
        v = sum > 0 ? v / sum : 0.0;
    return total;
}

ImportanceResult parameterImportance(const SweepResults &r, std::uint64_t seed)
{
    ImportanceResult out;
    const Table t = importanceTable(r, out.target);
    out.points = int(t.y.size());
    if (t.names.size() < 2) {
        out.why = "one setting was swept: nothing to compare it with";
        return out;
    }
    if (t.y.size() < 6) {
        out.why = "too few points (" + std::to_string(t.y.size()) + ") for a forest; 6 needed";
        return out;
    }
    const std::vector<double> shares = forestImportance(t.x, t.y, 64, seed);
    for (std::size_t p = 0; p < t.names.size(); ++p)
        out.parameters.push_back({t.names[p], shares[p]});
    std::stable_sort(out.parameters.begin(), out.parameters.end(),
                     [](const auto &a, const auto &b) { return a.share > b.share; });
    return out;
}

namespace {

constexpr double kW = 560, kH = 300, kL = 56, kR = 150, kT = 30, kB = 44;

void halvingAxes(std::ostringstream &o, const HalvingChart &c, double lo, double hi)
{
    auto px = [&](double e) { return kL + e / c.totalEpochs * (kW - kL - kR); };
    auto py = [&](double v) { return kH - kB - (v - lo) / (hi - lo) * (kH - kT - kB); };
    for (int i = 0; i <= 4; ++i) {
        const double v = lo + (hi - lo) * i / 4.0;
        o << "<line x1=\"" << kL << "\" x2=\"" << kW - kR << "\" y1=\"" << py(v) << "\" y2=\""
          << py(v) << "\" stroke=\"#ddd\"/><text x=\"" << kL - 6 << "\" y=\"" << py(v) + 4
          << "\" text-anchor=\"end\" font-size=\"11\">" << fmt(v, 3) << "</text>";
    }
    for (int e = 0; e <= c.totalEpochs; ++e)
        o << "<text x=\"" << px(e) << "\" y=\"" << kH - kB + 16
          << "\" text-anchor=\"middle\" font-size=\"10\">" << e << "</text>";
    for (const int rung : c.rungs)
        o << "<line x1=\"" << px(rung) << "\" x2=\"" << px(rung) << "\" y1=\"" << kT << "\" y2=\""
          << kH - kB << "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/><text x=\"" << px(rung) + 3
          << "\" y=\"" << kT + 10 << "\" font-size=\"10\">rung " << rung << "</text>";
    o << "<text x=\"" << (kL + kW - kR) / 2 << "\" y=\"" << kH - 6
      << "\" text-anchor=\"middle\" font-size=\"11\">epoch; dashed: the rungs where points were "
         "judged</text>";
}

} // namespace

std::string halvingSvg(const HalvingChart &c)
{
    if (c.empty() || c.totalEpochs < 1)
        return {};
    double lo = 1e300, hi = -1e300;
    for (const auto &curve : c.curves)
        for (const auto &[e, v] : curve.values)
            lo = std::min(lo, v), hi = std::max(hi, v);
    const double pad = std::max((hi - lo) * 0.08, 0.01);
    lo -= pad, hi += pad;
    auto px = [&](double e) { return kL + e / c.totalEpochs * (kW - kL - kR); };
    auto py = [&](double v) { return kH - kB - (v - lo) / (hi - lo) * (kH - kT - kB); };
    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kW << "\" height=\"" << kH
      << "\" viewBox=\"0 0 " << kW << ' ' << kH << "\" class=\"chart\" role=\"img\">";
    o << "<text x=\"" << kL
      << "\" y=\"18\" font-weight=\"bold\">Successive halving: " << esc(c.metric)
      << " by epoch</text>";
    halvingAxes(o, c, lo, hi);
    int survivors = 0, pruned = 0;
    for (std::size_t k = 0; k < c.curves.size(); ++k) {
        const HalvingCurve &curve = c.curves[k];
        if (curve.values.empty())
            continue;
        const bool cut = curve.status == "pruned";
        const std::string colour = cut ? "#999999" : html::kColours[survivors % 8];
        o << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\""
          << (cut ? 1.5 : 2.5) << "\" points=\"";
        for (const auto &[e, v] : curve.values)
            o << px(e) << ',' << py(v) << ' ';
        o << "\"><title>" << esc(curve.name) << " (" << esc(curve.status) << ")</title></polyline>";
        const auto &[e, v] = curve.values.back();
        if (cut) { // a cross where it was stopped
            o << "<path d=\"M" << px(e) - 4 << ',' << py(v) - 4 << " l8,8 m0,-8 l-8,8\" stroke=\""
              << "#D55E00\" stroke-width=\"2\"><title>" << esc(curve.name) << ": pruned at epoch "
              << curve.prunedRung << ", " << fmt(v, 4) << "</title></path>";
            ++pruned;
        } else {
            o << "<text x=\"" << px(e) + 6 << "\" y=\"" << py(v) + 4
              << "\" font-size=\"10\" fill=\"" << colour << "\">" << esc(curve.name.substr(0, 22))
              << "</text>";
            ++survivors;
        }
    }
    o << "<text x=\"" << kW - kR + 70 << "\" y=\"" << kH - 20
      << "\" font-size=\"10\" text-anchor=\"middle\">" << survivors << " went on, " << pruned
      << " pruned (×)</text>";
    o << "</svg>";
    return o.str();
}

std::string importanceSvg(const ImportanceResult &imp)
{
    const double rowH = 26, top = 40, w = 560;
    const double h = top + rowH * double(std::max<std::size_t>(imp.parameters.size(), 1)) + 40;
    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
      << "\" viewBox=\"0 0 " << w << ' ' << h << "\" class=\"chart\" role=\"img\">";
    o << "<text x=\"12\" y=\"18\" font-weight=\"bold\">Which setting mattered</text>";
    if (!imp.why.empty()) {
        o << "<text x=\"12\" y=\"" << top + 10 << "\" font-size=\"11\">" << esc(imp.why)
          << "</text></svg>";
        return o.str();
    }
    const double x0 = 190, barW = w - x0 - 70;
    for (std::size_t i = 0; i < imp.parameters.size(); ++i) {
        const auto &p = imp.parameters[i];
        const double y = top + rowH * double(i);
        o << "<text x=\"" << x0 - 8 << "\" y=\"" << y + 15
          << "\" text-anchor=\"end\" font-size=\"11\">" << esc(settingCaption(p.parameter))
          << "</text><rect x=\"" << x0 << "\" y=\"" << y + 3 << "\" width=\""
          << std::max(1.0, p.share * barW) << "\" height=\"" << rowH - 8
          << "\" fill=\"#0072B2\"/><text x=\"" << x0 + p.share * barW + 6 << "\" y=\"" << y + 15
          << "\" font-size=\"11\">" << fmt(100 * p.share, 0) << " %</text>";
    }
    o << "<text x=\"12\" y=\"" << h - 12 << "\" font-size=\"10\">share of the variance in "
      << esc(imp.target) << " that a random forest's splits on it remove (" << imp.points
      << " points)</text></svg>";
    return o.str();
}

} // namespace tl::runs
