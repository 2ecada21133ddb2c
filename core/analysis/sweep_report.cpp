// The HTML report of a sweep folder: the results table, test accuracy against each swept
// setting, a heat map for two, and accuracy against training time with the Pareto front.

#include "analysis/sweep_report.h"

#include "analysis/html.h"
#include "analysis/report.h"
#include "analysis/sweep_explain.h"
#include "orchestration/sweep_results.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

namespace tl::runs {

using html::esc;
using html::fmt;
using html::kColours;

namespace {

constexpr double kW = 520, kH = 300, kL = 56, kR = 16, kT = 30, kB = 64;

// How the x axis of a chart against one setting places the sweep's values.
struct XAxis
{
    bool categorical = true;
    bool log = false;
    std::vector<std::string> categories; // categorical: the labels, in order
    double lo = 0, hi = 1;               // numeric: the range (log10 when log)
};

XAxis axisFor(const SweepResults &r, std::size_t parameter)
{
    XAxis a;
    if (r.mode == "list" && !r.numeric(parameter)) {
        for (const auto &g : r.groups)
            a.categories.push_back(g.variant);
        return a;
    }
    if (!r.numeric(parameter)) {
        a.categories = r.distinctValues(parameter);
        return a;
    }
    a.categorical = false;
    double lo = 1e300, hi = -1e300;
    for (const auto &run : r.runs) {
        lo = std::min(lo, run.numbers[parameter]);
        hi = std::max(hi, run.numbers[parameter]);
    }
    a.log = lo > 0 && hi / lo >= 10;
    a.lo = a.log ? std::log10(lo) : lo;
    a.hi = a.log ? std::log10(hi) : hi;
    if (a.hi <= a.lo) {
        a.lo -= 0.5;
        a.hi += 0.5;
    }
    const double pad = (a.hi - a.lo) * 0.06;
    a.lo -= pad;
    a.hi += pad;
    return a;
}

// The x position (0..1 of the plot's width) of a group's value of `parameter`.
double xFraction(const SweepResults &r, const XAxis &a, const SweepGroup &g, std::size_t parameter)
{
    const SweepRunEntry &run = r.runs[g.runs.front()];
    if (a.categorical) {
        const std::string key =
            r.mode == "list" && !r.numeric(parameter) ? g.variant : run.values[parameter];
        const auto it = std::find(a.categories.begin(), a.categories.end(), key);
        const double i = double(it - a.categories.begin());
        return (i + 0.5) / double(a.categories.size());
    }
    const double v = a.log ? std::log10(run.numbers[parameter]) : run.numbers[parameter];
    return (v - a.lo) / (a.hi - a.lo);
}

void yRange(const SweepResults &r, double &lo, double &hi)
{
    lo = 1, hi = 0;
    for (const auto &g : r.groups)
        if (g.finished > 0) {
            lo = std::min(lo, g.meanAccuracy - g.sdAccuracy);
            hi = std::max(hi, g.meanAccuracy + g.sdAccuracy);
        }
    for (const auto &run : r.runs)
        if (run.testAccuracy >= 0) {
            lo = std::min(lo, run.testAccuracy);
            hi = std::max(hi, run.testAccuracy);
        }
    if (lo > hi)
        lo = 0, hi = 1;
    const double pad = std::max((hi - lo) * 0.1, 0.01);
    lo = std::max(0.0, lo - pad);
    hi = std::min(1.0, hi + pad);
}

// Roughly how wide a text is at `fontSize` (DejaVu Sans averages 0.6 em a character).
double textWidth(const std::string &text, double fontSize)
{
    std::size_t chars = 0;
    for (unsigned char c : text)
        chars += (c & 0xC0) != 0x80; // UTF-8: count characters, not bytes
    return double(chars) * fontSize * 0.6;
}

// `width`: the plot keeps kW; a legend takes the room beyond it, clear of every point.
void frame(std::ostringstream &o, const std::string &title, double ylo, double yhi,
           const std::string &xTitle, double width = kW)
{
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << kH
      << "\" viewBox=\"0 0 " << width << ' ' << kH << "\" class=\"chart\" role=\"img\">";
    o << "<text x=\"" << kL << "\" y=\"18\" font-weight=\"bold\">" << esc(title) << "</text>";
    for (int i = 0; i <= 4; ++i) {
        const double v = ylo + (yhi - ylo) * i / 4.0;
        const double y = kH - kB - (v - ylo) / (yhi - ylo) * (kH - kT - kB);
        o << "<line x1=\"" << kL << "\" x2=\"" << kW - kR << "\" y1=\"" << y << "\" y2=\"" << y
          << "\" stroke=\"#ddd\"/><text x=\"" << kL - 6 << "\" y=\"" << y + 4
          << "\" text-anchor=\"end\" font-size=\"11\">" << fmt(v, 3) << "</text>";
    }
    o << "<text x=\"" << (kL + kW - kR) / 2 << "\" y=\"" << kH - 6
      << "\" text-anchor=\"middle\" font-size=\"11\">" << esc(xTitle) << "</text>";
}

// The x axis' labels of accuracyAgainst: each category, or ticks at the swept values.
void xAxisLabels(std::ostringstream &o, const SweepResults &r, const XAxis &a,
                 std::size_t parameter)
{
    auto px = [&](double f) { return kL + f * (kW - kL - kR); };
    if (a.categorical) {
        for (std::size_t i = 0; i < a.categories.size(); ++i) {
            std::string label = a.categories[i];
            if (label.size() > 22)
                label = label.substr(0, 21) + "…";
            o << "<text x=\"" << px((double(i) + 0.5) / double(a.categories.size())) << "\" y=\""
              << kH - kB + 16 << "\" text-anchor=\"middle\" font-size=\"10\">" << esc(label)
              << "</text>";
        }
    } else {
        // Ticks at the swept values, written as in the experiment file (not at round fractions
        // of the range, which fell between them); one too close to the last is left out.
        std::map<double, std::string> swept;
        for (const auto &run : r.runs)
            swept.emplace(run.numbers[parameter], run.values[parameter]);
        double lastX = -1e9;
        for (const auto &[v, label] : swept) {
            const double f = ((a.log ? std::log10(v) : v) - a.lo) / (a.hi - a.lo);
            const double x = px(f), half = textWidth(label, 10) / 2;
            if (x - half < lastX + 4)
                continue;
            lastX = x + half;
            o << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << kH - kB << "\" y2=\""
              << kH - kB + 4 << "\" stroke=\"#999\"/><text x=\"" << x << "\" y=\"" << kH - kB + 16
              << "\" text-anchor=\"middle\" font-size=\"10\">" << esc(label) << "</text>";
        }
    }
}

std::string accuracyAgainst(const SweepResults &r, std::size_t parameter)
{
    const XAxis a = axisFor(r, parameter);
    double ylo, yhi;
    yRange(r, ylo, yhi);
    auto px = [&](double f) { return kL + f * (kW - kL - kR); };
    auto py = [&](double v) { return kH - kB - (v - ylo) / (yhi - ylo) * (kH - kT - kB); };
    std::ostringstream o;
    const std::string caption = r.mode == "list" && !r.numeric(parameter)
                                    ? std::string("variant")
                                    : settingCaption(r.parameters[parameter]);
    // One series per value of a grid's other setting, else one; their legend to the right.
    const std::size_t other = r.seriesParameter(parameter);
    const std::vector<std::string> seriesValues =
        other < r.parameters.size() ? r.distinctValues(other) : std::vector<std::string>{""};
    double legendWidth = 0;
    if (other < r.parameters.size())
        for (std::size_t s = 0; s < seriesValues.size() && s < 8; ++s)
            legendWidth = std::max(
                legendWidth,
                24 + textWidth(settingCaption(r.parameters[other]) + " " + seriesValues[s], 10));
    frame(o, "Test accuracy against " + caption, ylo, yhi, caption + (a.log ? " (log scale)" : ""),
          kW + legendWidth);
    xAxisLabels(o, r, a, parameter);
    int legend = 0;
    for (std::size_t s = 0; s < seriesValues.size() && s < 8; ++s) {
        std::vector<std::pair<double, const SweepGroup *>> pts;
        for (const SweepGroup *g : r.seriesGroups(parameter, s))
            pts.push_back({xFraction(r, a, *g, parameter), g});
        std::sort(pts.begin(), pts.end(),
                  [](const auto &x, const auto &y) { return x.first < y.first; });
        const char *colour = kColours[s % 8];
        if (pts.size() > 1 && !a.categorical) {
            o << "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" << colour << "\" points=\"";
            for (const auto &[f, g] : pts)
                o << px(f) << ',' << py(g->meanAccuracy) << ' ';
            o << "\"/>";
        }
        for (const auto &[f, g] : pts) {
            const double x =
                px(f) + (a.categorical ? (double(s) - (seriesValues.size() - 1) / 2.0) * 8 : 0);
            if (g->finished > 1)
                o << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\""
                  << py(g->meanAccuracy - g->sdAccuracy) << "\" y2=\""
                  << py(g->meanAccuracy + g->sdAccuracy) << "\" stroke=\"" << colour
                  << "\" stroke-width=\"1.5\"/>";
            o << "<circle cx=\"" << x << "\" cy=\"" << py(g->meanAccuracy) << "\" r=\"4\" fill=\""
              << colour << "\"><title>" << esc(g->variant) << ": " << fmt(g->meanAccuracy, 4)
              << "</title></circle>";
        }
        if (other < r.parameters.size()) {
            const double ly = kT + 4 + 14 * legend++;
            o << "<circle cx=\"" << kW + 4 << "\" cy=\"" << ly << "\" r=\"4\" fill=\"" << colour
              << "\"/><text x=\"" << kW + 12 << "\" y=\"" << ly + 4 << "\" font-size=\"10\">"
              << esc(settingCaption(r.parameters[other])) << " " << esc(seriesValues[s])
              << "</text>";
        }
    }
    o << "</svg>";
    return o.str();
}

// Mean test accuracy for each pair of values of two settings.
std::string heatMap(const SweepResults &r, std::size_t rowParam, std::size_t colParam)
{
    const SweepCells cells = sweepCells(r, rowParam, colParam);
    const auto &rows = cells.rows, &cols = cells.cols;
    const double lo = cells.lo, hi = cells.hi;
    const double cw = std::min(90.0, 380.0 / std::max<std::size_t>(1, cols.size()));
    const double ch = std::min(40.0, 220.0 / std::max<std::size_t>(1, rows.size()));
    const double left = 130, top = 50;
    // The title sets the width when it is wider than the cells (it ran out of its box).
    const std::string title = "Test accuracy: " + settingCaption(r.parameters[rowParam]) + " × " +
                              settingCaption(r.parameters[colParam]);
    const double w = std::max(left + cw * double(cols.size()) + 20, 20 + textWidth(title, 16)),
                 h = top + ch * double(rows.size()) + 30;
    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
      << "\" viewBox=\"0 0 " << w << ' ' << h << "\" class=\"chart\" role=\"img\">";
    o << "<text x=\"10\" y=\"18\" font-weight=\"bold\">" << esc(title) << "</text>";
    for (std::size_t j = 0; j < cols.size(); ++j)
        o << "<text x=\"" << left + cw * (double(j) + 0.5) << "\" y=\"" << top - 8
          << "\" text-anchor=\"middle\" font-size=\"10\">" << esc(cols[j]) << "</text>";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        o << "<text x=\"" << left - 6 << "\" y=\"" << top + ch * (double(i) + 0.5) + 4
          << "\" text-anchor=\"end\" font-size=\"10\">" << esc(rows[i]) << "</text>";
        for (std::size_t j = 0; j < cols.size(); ++j) {
            std::string fill = "#eeeeee", text = "–";
            bool dark = false;
            if (cells.count[i][j] > 0) {
                const double v = cells.mean[i][j];
                const double t = hi > lo ? (v - lo) / (hi - lo) : 1.0;
                // viridis, from dark blue (lowest) to yellow (highest), as in the window
                const int rC = int(68 + t * (253 - 68)), gC = int(1 + t * (231 - 1)),
                          bC = int(84 + t * (37 - 84));
                char buf[16];
                std::snprintf(buf, sizeof buf, "#%02x%02x%02x", rC, gC, bC);
                fill = buf;
                text = fmt(v, 3);
                dark = t < 0.55;
            }
            o << "<rect x=\"" << left + cw * double(j) << "\" y=\"" << top + ch * double(i)
              << "\" width=\"" << cw - 2 << "\" height=\"" << ch - 2 << "\" fill=\"" << fill
              << "\"/><text x=\"" << left + cw * (double(j) + 0.5) - 1 << "\" y=\""
              << top + ch * (double(i) + 0.5) + 4 << "\" text-anchor=\"middle\" font-size=\"11\""
              << (dark ? " fill=\"#fff\"" : "") << ">" << text << "</text>";
        }
    }
    o << "</svg>";
    return o.str();
}

std::string paretoChart(const SweepResults &r)
{
    std::vector<double> secs, acc;
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < r.runs.size(); ++i)
        if (r.runs[i].testAccuracy >= 0) {
            secs.push_back(r.runs[i].seconds);
            acc.push_back(r.runs[i].testAccuracy);
            idx.push_back(i);
        }
    double ylo, yhi;
    yRange(r, ylo, yhi);
    double xhi = 1;
    for (double s : secs)
        xhi = std::max(xhi, s);
    // Ticks at round numbers of seconds (1, 2 or 5 times a power of ten), the axis to the next.
    const double rough = xhi * 1.05 / 4, power = std::pow(10.0, std::floor(std::log10(rough)));
    const double step = power * (rough <= power       ? 1
                                 : rough <= 2 * power ? 2
                                 : rough <= 5 * power ? 5
                                                      : 10);
    xhi = step * std::ceil(xhi * 1.05 / step);
    auto px = [&](double s) { return kL + s / xhi * (kW - kL - kR); };
    auto py = [&](double v) { return kH - kB - (v - ylo) / (yhi - ylo) * (kH - kT - kB); };
    std::ostringstream o;
    frame(o, "Test accuracy against training time", ylo, yhi,
          "training time (s); the line joins the runs nothing beats on both");
    for (double t = 0; t <= xhi + step / 2; t += step)
        o << "<text x=\"" << px(t) << "\" y=\"" << kH - kB + 16
          << "\" text-anchor=\"middle\" font-size=\"10\">" << fmt(t, step < 1 ? 1 : 0) << "</text>";
    const auto front = paretoFront(secs, acc);
    if (front.size() > 1) {
        o << "<polyline fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2\" points=\"";
        for (std::size_t f : front)
            o << px(secs[f]) << ',' << py(acc[f]) << ' ';
        o << "\"/>";
    }
    for (std::size_t k = 0; k < secs.size(); ++k) {
        const bool onFront = std::find(front.begin(), front.end(), k) != front.end();
        o << "<circle cx=\"" << px(secs[k]) << "\" cy=\"" << py(acc[k]) << "\" r=\""
          << (onFront ? 5 : 3.5) << "\" fill=\"" << (onFront ? "#D55E00" : "#0072B2")
          << "\"><title>" << esc(r.runs[idx[k]].name) << ": " << fmt(acc[k], 4) << " in "
          << fmt(secs[k], 0) << " s</title></circle>";
        if (onFront) {
            // The label on the side with room for it (right of the point ran past the edge).
            const std::string &label = r.runs[idx[k]].variant;
            const bool left = px(secs[k]) + 7 + textWidth(label, 10) > kW - 2;
            o << "<text x=\"" << px(secs[k]) + (left ? -7 : 7) << "\" y=\"" << py(acc[k]) + 4
              << "\" font-size=\"10\"" << (left ? " text-anchor=\"end\"" : "") << ">" << esc(label)
              << "</text>";
        }
    }
    o << "</svg>";
    return o.str();
}

void resultsTable(std::ostringstream &o, const SweepResults &r)
{
    std::vector<const SweepGroup *> order;
    for (const auto &g : r.groups)
        order.push_back(&g);
    std::stable_sort(order.begin(), order.end(), [](const SweepGroup *a, const SweepGroup *b) {
        return a->meanAccuracy > b->meanAccuracy;
    });
    const bool listOfObjects = r.mode == "list";
    o << "<table><thead><tr><th>point</th>";
    if (!listOfObjects)
        for (const auto &p : r.parameters)
            o << "<th>" << esc(settingCaption(p)) << "</th>";
    o << "<th>finished</th><th>test accuracy" << (r.repeats > 1 ? " (mean ± sd)" : "")
      << "</th><th>training time (s)</th><th>notes</th></tr></thead><tbody>";
    for (const SweepGroup *g : order) {
        const SweepRunEntry &first = r.runs[g->runs.front()];
        o << "<tr><td style=\"text-align:left\">" << esc(g->variant) << "</td>";
        if (!listOfObjects)
            for (const auto &v : first.values)
                o << "<td>" << esc(v) << "</td>";
        o << "<td>" << g->finished << " / " << g->runs.size() << "</td><td>"
          << (g->finished ? fmt(g->meanAccuracy, 4) +
                                (r.repeats > 1 ? " ± " + fmt(g->sdAccuracy, 4) : std::string())
                          : std::string("–"))
          << "</td><td>" << (g->finished ? fmt(g->meanSeconds, 0) : std::string("–"))
          << "</td><td style=\"text-align:left\">";
        for (std::size_t i : g->runs)
            if (r.runs[i].status != "finished")
                o << esc(r.runs[i].name) << ": " << esc(r.runs[i].status)
                  << (r.runs[i].message.empty() ? "" : " (" + esc(r.runs[i].message) + ")")
                  << "<br/>";
        o << "</td></tr>";
    }
    o << "</tbody></table>";
}

} // namespace

std::string sweepReportHtml(const std::string &dir, const std::string &titleOverride)
{
    const SweepResults r = readSweep(dir);
    const std::string name = std::filesystem::path(dir).filename().string();
    const std::string title = titleOverride.empty() ? "TransferLab sweep " + name : titleOverride;
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
         "<meta charset=\"utf-8\"/><title>"
      << esc(title) << "</title><style>" << html::kStyle << "</style></head><body>";
    o << "<h1>" << esc(title) << "</h1><p>" << esc(r.origin) << ": " << r.runs.size() << " runs ("
      << esc(r.mode) << (r.repeats > 1 ? ", " + std::to_string(r.repeats) + " seeds each" : "")
      << "). Test accuracy on the held-out test set; training time is each run's own wall time."
      << "</p>";
    o << "<h2>Results, best first</h2>";
    resultsTable(o, r);
    o << "<h2>Charts</h2><div class=\"charts\">";
    const bool anyFinished =
        std::any_of(r.groups.begin(), r.groups.end(), [](const auto &g) { return g.finished > 0; });
    if (anyFinished) {
        if (r.mode == "list")
            o << accuracyAgainst(r, 0);
        else
            for (std::size_t p = 0; p < r.parameters.size() && p < 4; ++p)
                o << accuracyAgainst(r, p);
        if (r.mode == "grid" && r.parameters.size() >= 2)
            o << heatMap(r, 0, 1);
        o << paretoChart(r);
    } else {
        o << "<p>No point has finished yet.</p>";
    }
    // Early stopping and search, explained: the curves cut at their rungs beside the survivors,
    // and which setting mattered.
    if (const HalvingChart halving = halvingChart(r); !r.earlyStop.empty() && !halving.empty())
        o << halvingSvg(halving);
    if (r.parameters.size() >= 2)
        o << importanceSvg(parameterImportance(r));
    o << "</div></body></html>\n";
    return o.str();
}

} // namespace tl::runs
