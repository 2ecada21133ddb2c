#include "analysis/report.h"

#include "data/dataset.h"
#include "data/image_encode.h"
#include "base/error.h"
#include "experiment/experiment_config.h"
#include "io/files.h"
#include "analysis/compare.h"
#include "analysis/html.h"
#include "inference/run_calibration.h"
#include "inference/run_features.h"
#include "rundir/run_reader.h"

#include <algorithm>
#include "rundir/run_dir.h"
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

namespace tl::runs {

using html::esc;
using html::fmt;
using html::kColours;
using html::kStyle;

namespace {

std::string base64(const std::vector<unsigned char> &in)
{
    static const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (unsigned(in[i]) << 16) | (unsigned(in[i + 1]) << 8) | in[i + 2];
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += t[(v >> 6) & 63];
        out += t[v & 63];
    }
    if (i < in.size()) {
        unsigned v = unsigned(in[i]) << 16;
        if (i + 1 < in.size())
            v |= unsigned(in[i + 1]) << 8;
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += i + 1 < in.size() ? t[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

struct LoadedRun
{
    RunInfo info;
    RunResult result;
    std::string configJson;
    std::shared_ptr<data::DatasetSplits> data;        // null when the images are unavailable
    std::map<std::int64_t, std::size_t> testPosition; // test file index -> store position
    std::optional<RunCalibration> calibration;        // calibration.json, when it fits model.pth
    std::vector<train::Prediction> calibrated;        // the test predictions at its temperature
};

std::string imageUri(const LoadedRun &r, std::int64_t index, int scale)
{
    if (!r.data)
        return {};
    auto it = r.testPosition.find(index);
    if (it == r.testPosition.end())
        return {};
    const data::ImageStore &s = r.data->test;
    const auto pixels = s.pixelsOf(it->second);
    const auto png = data::encodePng(pixels.data(), s.height, s.width, s.channels, scale);
    return "data:image/png;base64," + base64(png);
}

// A line chart as inline SVG: one polyline per series, stage boundaries as dashed lines.
struct Series
{
    std::string label;
    std::string colour;
    bool dashed = false;
    std::vector<std::pair<double, double>> points; // (global epoch, value)
};

std::string svgChart(const std::string &title, const std::vector<Series> &series,
                     const std::vector<double> &boundaries, bool unitRange)
{
    const double W = 460, H = 260, L = 52, R = 12, T = 28, B = 40;
    double xmin = 1, xmax = 1, ymin = unitRange ? 0 : 1e300, ymax = unitRange ? 1 : -1e300;
    for (const auto &s : series)
        for (const auto &[x, y] : s.points) {
            xmax = std::max(xmax, x);
            if (!unitRange && std::isfinite(y)) {
                ymin = std::min(ymin, y);
                ymax = std::max(ymax, y);
            }
        }
    if (!unitRange) {
        if (ymin > ymax)
            ymin = 0, ymax = 1;
        const double pad = std::max((ymax - ymin) * 0.08, 1e-3);
        ymin = std::max(0.0, ymin - pad);
        ymax += pad;
    }
    if (xmax <= xmin)
        xmax = xmin + 1;
    auto px = [&](double x) { return L + (x - xmin) / (xmax - xmin) * (W - L - R); };
    auto py = [&](double y) { return H - B - (y - ymin) / (ymax - ymin) * (H - T - B); };
    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\"" << H
      << "\" viewBox=\"0 0 " << W << ' ' << H << "\" class=\"chart\" role=\"img\">";
    o << "<text x=\"" << L << "\" y=\"18\" font-weight=\"bold\">" << esc(title) << "</text>";
    for (int i = 0; i <= 4; ++i) {
        const double y = ymin + (ymax - ymin) * i / 4.0;
        o << "<line x1=\"" << L << "\" x2=\"" << W - R << "\" y1=\"" << py(y) << "\" y2=\"" << py(y)
          << "\" stroke=\"#ddd\"/>";
        o << "<text x=\"" << L - 6 << "\" y=\"" << py(y) + 4
          << "\" text-anchor=\"end\" font-size=\"11\">" << fmt(y, unitRange ? 2 : 3) << "</text>";
    }
    const int steps = int(std::min(10.0, xmax - xmin));
    for (int i = 0; i <= steps; ++i) {
        const double x = xmin + (xmax - xmin) * i / std::max(1, steps);
        o << "<text x=\"" << px(x) << "\" y=\"" << H - B + 16
          << "\" text-anchor=\"middle\" font-size=\"11\">" << fmt(x, 0) << "</text>";
    }
    o << "<text x=\"" << (L + W - R) / 2 << "\" y=\"" << H - 6
      << "\" text-anchor=\"middle\" font-size=\"11\">epoch</text>";
    for (double b : boundaries)
        o << "<line x1=\"" << px(b) << "\" x2=\"" << px(b) << "\" y1=\"" << T << "\" y2=\"" << H - B
          << "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>";
    int legend = 0;
    for (const auto &s : series) {
        if (s.points.empty())
            continue;
        o << "<polyline fill=\"none\" stroke-width=\"2.5\" stroke=\"" << s.colour << "\""
          << (s.dashed ? " stroke-dasharray=\"6 4\"" : "") << " points=\"";
        for (const auto &[x, y] : s.points)
            if (std::isfinite(y))
                o << px(x) << ',' << py(y) << ' ';
        o << "\"/>";
        for (const auto &[x, y] : s.points)
            if (std::isfinite(y))
                o << "<circle cx=\"" << px(x) << "\" cy=\"" << py(y) << "\" r=\"3\" fill=\""
                  << s.colour << "\"/>";
        const double ly = T + 4 + 15 * legend++;
        o << "<line x1=\"" << W - R - 150 << "\" x2=\"" << W - R - 128 << "\" y1=\"" << ly
          << "\" y2=\"" << ly << "\" stroke-width=\"2.5\" stroke=\"" << s.colour << "\""
          << (s.dashed ? " stroke-dasharray=\"6 4\"" : "") << "/>";
        o << "<text x=\"" << W - R - 124 << "\" y=\"" << ly + 4 << "\" font-size=\"11\">"
          << esc(s.label) << "</text>";
    }
    o << "</svg>";
    return o.str();
}

std::vector<double> stageBoundaries(const RunResult &r)
{
    std::vector<double> b;
    for (std::size_t i = 1; i < r.epochs.size(); ++i)
        if (r.epochs[i].stage != r.epochs[i - 1].stage)
            b.push_back(r.epochs[i].globalEpoch - 0.5);
    return b;
}

std::string shortName(const LoadedRun &r)
{
    return r.info.model + " (" + r.info.name + ")";
}

std::string confusionTable(const RunResult &r)
{
    const int n = r.test.numClasses;
    std::int64_t top = 1;
    for (auto v : r.test.confusion)
        top = std::max(top, v);
    std::ostringstream o;
    o << "<table class=\"confusion\"><thead><tr><th>true \\ predicted</th>";
    for (int c = 0; c < n; ++c)
        o << "<th>" << esc(c < int(r.classNames.size()) ? r.classNames[std::size_t(c)] : "")
          << "</th>";
    o << "</tr></thead><tbody>";
    for (int t = 0; t < n; ++t) {
        o << "<tr><th>" << esc(t < int(r.classNames.size()) ? r.classNames[std::size_t(t)] : "")
          << "</th>";
        for (int p = 0; p < n; ++p) {
            const auto v = r.test.at(t, p);
            // Blue for correct, orange for mistakes (Okabe-Ito), intensity by count.
            const double a = std::sqrt(double(v) / double(top));
            const std::string colour = t == p ? "0,114,178" : "213,94,0";
            o << "<td style=\"background:rgba(" << colour << ',' << fmt(a * 0.85, 3) << ");"
              << (a > 0.55 ? "color:#fff;" : "") << "\">" << v << "</td>";
        }
        o << "</tr>";
    }
    o << "</tbody></table>";
    return o.str();
}

std::string classTable(const RunResult &r)
{
    std::ostringstream o;
    o << "<table><thead><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th>"
         "<th>support</th></tr></thead><tbody>";
    for (std::size_t c = 0; c < r.test.perClass.size(); ++c) {
        const auto &m = r.test.perClass[c];
        o << "<tr><td>" << esc(c < r.classNames.size() ? r.classNames[c] : std::to_string(c))
          << "</td><td>" << fmt(m.precision, 3) << "</td><td>" << fmt(m.recall, 3) << "</td><td>"
          << fmt(m.f1, 3) << "</td><td>" << m.support << "</td></tr>";
    }
    o << "</tbody></table>";
    return o.str();
}

std::string className(const RunResult &r, int c)
{
    return c >= 0 && c < int(r.classNames.size()) ? r.classNames[std::size_t(c)]
                                                  : std::to_string(c);
}

std::string worstMistakes(const LoadedRun &r, int count)
{
    std::vector<const train::Prediction *> wrong;
    // A calibrated run's confidences are its calibrated ones, as in the window.
    for (const auto &p : r.calibrated.empty() ? r.result.test.predictions : r.calibrated)
        if (p.predicted != p.trueLabel)
            wrong.push_back(&p);
    std::sort(wrong.begin(), wrong.end(), [](auto *a, auto *b) {
        return a->loss != b->loss ? a->loss > b->loss : a->index < b->index;
    });
    if (wrong.size() > std::size_t(count))
        wrong.resize(std::size_t(count));
    if (wrong.empty())
        return "<p>No test image was misclassified.</p>";
    std::ostringstream o;
    o << "<div class=\"gallery\">";
    for (const auto *p : wrong) {
        o << "<figure>";
        const std::string uri = imageUri(r, p->index, 3);
        if (!uri.empty())
            o << "<img src=\"" << uri << "\" alt=\"test image " << p->index << "\"/>";
        o << "<figcaption>#" << p->index << "<br/>true <b>"
          << esc(className(r.result, p->trueLabel)) << "</b><br/>predicted <b>"
          << esc(className(r.result, p->predicted)) << "</b> " << fmt(p->confidence * 100, 0)
          << " %</figcaption></figure>";
    }
    o << "</div>";
    return o.str();
}

std::string flippedGallery(const LoadedRun &a, const LoadedRun &b,
                           const std::vector<FlippedImage> &images, int count)
{
    if (images.empty())
        return "<p>None.</p>";
    std::ostringstream o;
    o << "<div class=\"gallery\">";
    for (std::size_t i = 0; i < images.size() && i < std::size_t(count); ++i) {
        const auto &f = images[i];
        o << "<figure>";
        const std::string uri = imageUri(a, f.index, 3);
        if (!uri.empty())
            o << "<img src=\"" << uri << "\" alt=\"test image " << f.index << "\"/>";
        o << "<figcaption>#" << f.index << " true <b>" << esc(className(a.result, f.trueLabel))
          << "</b><br/>" << esc(a.info.model) << ": " << esc(className(a.result, f.predictedA))
          << "<br/>" << esc(b.info.model) << ": " << esc(className(b.result, f.predictedB))
          << "</figcaption></figure>";
    }
    o << "</div>";
    if (images.size() > std::size_t(count))
        o << "<p>… and " << images.size() - std::size_t(count) << " more.</p>";
    return o.str();
}

} // namespace

namespace {

LoadedRun loadForReport(const std::string &dir, const ReportOptions &options)
{
    LoadedRun r;
    r.info = readRun(dir);
    if (!r.info.finished)
        throw fileError(dir, "this run has not finished (" + r.info.status() +
                                 "); a report needs its test results");
    r.result = loadRunResult(dir);
    const Bytes config = readFile(RunDir(dir).config());
    r.configJson.assign(config.begin(), config.end());
    if (options.images) {
        try {
            auto config =
                experiment::ExperimentConfig::fromJson(r.configJson, RunDir(dir).config());
            config.data.seed = config.seed;
            config.data.download = false;
            r.data = std::make_shared<data::DatasetSplits>(data::loadDataset(config.data));
            for (std::size_t i = 0; i < r.data->test.sourceIndex.size(); ++i)
                r.testPosition[r.data->test.sourceIndex[i]] = i;
        } catch (const Error &) {
            r.data.reset(); // the report still has everything but the pictures
        }
    }
    r.calibration = currentCalibration(dir, nullptr);
    if (r.calibration && r.data) {
        try {
            // features.safetensors as calibrate left it (computed again if it no longer fits)
            r.calibrated = testPredictions(runFeatures(dir, *r.data), r.calibration->temperature);
        } catch (const Error &) {
            r.calibrated.clear(); // the report says the confidences are the model's own
        }
    }
    return r;
}

void comparisonTableHtml(std::ostringstream &o, const std::vector<LoadedRun> &runs)
{
    o << "<h2>Comparison</h2><table><thead><tr><th>run</th><th>model</th><th>weights</th>"
         "<th>total params</th><th>trainable params</th><th>stages</th><th>epochs</th>"
         "<th>best val acc</th><th>test acc</th><th>s/epoch</th><th>images/s</th>"
         "<th>wall time (s)</th></tr></thead><tbody>";
    double best = 0;
    for (const auto &r : runs)
        best = std::max(best, r.info.testAccuracy);
    for (const auto &r : runs) {
        const auto &i = r.info;
        o << "<tr><td>" << esc(i.name) << "</td><td>" << esc(i.model) << "</td><td>"
          << esc(i.weights) << "</td><td>" << i.totalParams << "</td><td>" << i.trainableParams
          << "</td><td>" << i.stages << "</td><td>" << i.epochs << "</td><td>"
          << (i.bestValAccuracy >= 0 ? fmt(i.bestValAccuracy, 4) : "") << "</td><td>"
          << (i.testAccuracy == best ? "<b>" : "") << fmt(i.testAccuracy, 4)
          << (i.testAccuracy == best ? "</b>" : "") << "</td><td>" << fmt(i.secondsPerEpoch, 1)
          << "</td><td>" << fmt(i.imagesPerSecond, 0) << "</td><td>" << fmt(i.totalSeconds, 1)
          << "</td></tr>";
    }
    o << "</tbody></table>";
}

void overlaidCurvesHtml(std::ostringstream &o, const std::vector<LoadedRun> &runs)
{
    std::vector<Series> loss, acc;
    for (std::size_t k = 0; k < runs.size(); ++k) {
        const std::string colour = kColours[k % 8];
        Series tl{shortName(runs[k]) + " train", colour, true, {}};
        Series vl{shortName(runs[k]) + " val", colour, false, {}};
        Series ta{shortName(runs[k]) + " train", colour, true, {}};
        Series va{shortName(runs[k]) + " val", colour, false, {}};
        for (const auto &e : runs[k].result.epochs) {
            tl.points.emplace_back(e.globalEpoch, e.trainLoss);
            ta.points.emplace_back(e.globalEpoch, e.trainAccuracy);
            if (e.hasValidation) {
                vl.points.emplace_back(e.globalEpoch, e.valLoss);
                va.points.emplace_back(e.globalEpoch, e.valAccuracy);
            }
        }
        loss.push_back(tl);
        loss.push_back(vl);
        acc.push_back(ta);
        acc.push_back(va);
    }
    o << "<div class=\"charts\">" << svgChart("Loss", loss, {}, false)
      << svgChart("Accuracy", acc, {}, true) << "</div>";
}

void flippedImagesHtml(std::ostringstream &o, const std::vector<LoadedRun> &runs,
                       const ReportOptions &options)
{
    try {
        const RunDifference d = compareRuns(runs[0].result, runs[1].result);
        o << "<h3>Images that flipped between " << esc(shortName(runs[0])) << " and "
          << esc(shortName(runs[1])) << "</h3><p>Both right: " << d.bothRight
          << ", both wrong: " << d.bothWrong << ".</p>";
        o << "<h4>" << d.fixedByB.size() << " right only with " << esc(shortName(runs[1]))
          << "</h4>" << flippedGallery(runs[0], runs[1], d.fixedByB, options.worstImages);
        o << "<h4>" << d.brokenByB.size() << " right only with " << esc(shortName(runs[0]))
          << "</h4>" << flippedGallery(runs[0], runs[1], d.brokenByB, options.worstImages);
    } catch (const Error &e) {
        o << "<p>Images cannot be compared one by one: " << esc(e.what()) << "</p>";
    }
}

void runSectionHtml(std::ostringstream &o, const LoadedRun &r, const ReportOptions &options)
{
    const RunResult &res = r.result;
    o << "<h2>" << esc(shortName(r)) << "</h2>";
    o << "<p class=\"headline\">Test accuracy <b>" << fmt(res.test.accuracy, 4) << "</b> (top-5 "
      << fmt(res.test.top5Accuracy, 4) << ", loss " << fmt(res.test.loss, 4) << ") on "
      << res.test.count << " images of " << esc(r.info.dataset) << "; " << r.info.totalParams
      << " parameters, " << r.info.trainableParams << " trainable at the start; " << r.info.epochs
      << " epochs, " << fmt(r.info.secondsPerEpoch, 1) << " s per epoch, "
      << fmt(r.info.imagesPerSecond, 0) << " images/s on " << esc(res.device) << ".</p>";
    std::vector<Series> loss = {{"train", kColours[0], true, {}},
                                {"validation", kColours[1], false, {}}};
    std::vector<Series> acc = loss;
    for (const auto &e : res.epochs) {
        loss[0].points.emplace_back(e.globalEpoch, e.trainLoss);
        acc[0].points.emplace_back(e.globalEpoch, e.trainAccuracy);
        if (e.hasValidation) {
            loss[1].points.emplace_back(e.globalEpoch, e.valLoss);
            acc[1].points.emplace_back(e.globalEpoch, e.valAccuracy);
        }
    }
    const auto bounds = stageBoundaries(res);
    o << "<div class=\"charts\">" << svgChart("Loss", loss, bounds, false)
      << svgChart("Accuracy", acc, bounds, true) << "</div>";
    if (!bounds.empty())
        o << "<p>Dashed vertical lines: a new stage begins.</p>";
    o << "<h3>Confusion matrix (test set)</h3>" << confusionTable(res);
    o << "<h3>Per class</h3>" << classTable(res);
    o << "<h3>Worst mistakes (highest loss)</h3>";
    if (options.images && !r.data)
        o << "<p>(The run's images could not be loaded; captions only.)</p>";
    if (r.calibration) {
        const RunCalibration &c = *r.calibration;
        o << "<p class=\"calibration\">"
          << (r.calibrated.empty() ? "The run is calibrated" : "Calibrated confidences")
          << ": temperature " << fmt(c.temperature, 3) << ", fitted on " << c.valImages
          << " validation images (test ECE " << fmt(c.testBefore.ece, 4) << " → "
          << fmt(c.testAfter.ece, 4) << ", " << RunDir::kCalibration << ")"
          << (r.calibrated.empty() ? "; without the run's images the confidences below are the "
                                     "model's own."
                                   : ".")
          << "</p>";
    }
    o << worstMistakes(r, options.worstImages);
    // Collapsed on screen; printed open (a printed <details> stays closed).
    o << "<details class=\"settings\"><summary>Experiment settings (config.json)</summary><pre>"
      << esc(r.configJson) << "</pre></details><div class=\"print-only\"><h3>Experiment "
      << "settings (config.json)</h3><pre>" << esc(r.configJson) << "</pre></div>";
}

std::string today()
{
    char date[64];
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
    return date;
}

} // namespace

std::string reportHtml(const std::vector<std::string> &runDirs, const ReportOptions &options)
{
    if (runDirs.empty())
        throw Error("a report needs at least one run folder");
    std::vector<LoadedRun> runs;
    for (const auto &dir : runDirs)
        runs.push_back(loadForReport(dir, options));
    const std::string title =
        !options.title.empty() ? options.title
        : runs.size() == 1     ? "TransferLab run " + runs[0].info.name
                           : "TransferLab: comparison of " + std::to_string(runs.size()) + " runs";
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
         "<meta charset=\"utf-8\"/><title>"
      << esc(title) << "</title><style>" << kStyle << "</style></head><body>";
    o << "<h1>" << esc(title) << "</h1><p>Made by TransferLab on " << today() << ".</p>";
    if (runs.size() > 1) {
        comparisonTableHtml(o, runs);
        overlaidCurvesHtml(o, runs);
        flippedImagesHtml(o, runs, options);
    }
    for (const auto &r : runs)
        runSectionHtml(o, r, options);
    o << "</body></html>\n";
    return o.str();
}

} // namespace tl::runs
