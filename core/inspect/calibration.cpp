#include "inspect/calibration.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace tl::inspect {

namespace {

void checkShape(std::size_t values, std::int64_t classes, std::size_t rows, const char *what)
{
    if (classes < 1 || values % std::size_t(classes) != 0 || values / std::size_t(classes) != rows)
        throw Error(std::string(what) + ": " + std::to_string(values) + " values do not make " +
                    std::to_string(rows) + " rows of " + std::to_string(classes) + " classes");
}

} // namespace

Reliability reliability(const std::vector<Scored> &predictions, int bins)
{
    if (bins < 1)
        throw Error("reliability: at least one bin");
    Reliability r;
    r.bins.resize(std::size_t(bins));
    std::vector<double> confidence(std::size_t(bins), 0.0), right(std::size_t(bins), 0.0);
    for (int b = 0; b < bins; ++b) {
        r.bins[std::size_t(b)].lower = double(b) / bins;
        r.bins[std::size_t(b)].upper = double(b + 1) / bins;
    }
    double allRight = 0, allConfidence = 0;
    for (const Scored &s : predictions) {
        const double c = std::clamp(double(s.confidence), 0.0, 1.0);
        // (lower, upper]: a confidence of 1/15 belongs to the first bin, also as a float
        // (1.0f / 15 is a little above 1/15: the 1e-6 absorbs float rounding).
        const int b = std::clamp(int(std::ceil(c * bins - 1e-6)) - 1, 0, bins - 1);
        ++r.bins[std::size_t(b)].count;
        confidence[std::size_t(b)] += c;
        right[std::size_t(b)] += s.correct() ? 1.0 : 0.0;
        allRight += s.correct() ? 1.0 : 0.0;
        allConfidence += c;
    }
    r.count = std::int64_t(predictions.size());
    if (r.count == 0)
        return r;
    r.accuracy = allRight / double(r.count);
    r.meanConfidence = allConfidence / double(r.count);
    for (int b = 0; b < bins; ++b) {
        ReliabilityBin &bin = r.bins[std::size_t(b)];
        if (bin.count == 0)
            continue;
        bin.confidence = confidence[std::size_t(b)] / double(bin.count);
        bin.accuracy = right[std::size_t(b)] / double(bin.count);
        const double gap = std::abs(bin.accuracy - bin.confidence);
        r.ece += double(bin.count) / double(r.count) * gap;
        r.maxGap = std::max(r.maxGap, gap);
    }
    return r;
}

std::vector<float> logProbabilities(const std::vector<float> &probabilities)
{
    std::vector<float> out(probabilities.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = float(std::log(std::max(double(probabilities[i]), 1e-30)));
    return out;
}

std::vector<float> softmaxWithTemperature(const std::vector<float> &logits, std::int64_t classes,
                                          double temperature)
{
    if (!(temperature > 0) || !std::isfinite(temperature))
        throw Error("temperature must be a positive number, not " + std::to_string(temperature));
    checkShape(logits.size(), classes,
               logits.size() / std::size_t(std::max<std::int64_t>(classes, 1)), "softmax");
    std::vector<float> out(logits.size());
    const std::size_t c = std::size_t(classes);
    for (std::size_t row = 0; row < logits.size() / c; ++row) {
        const float *z = logits.data() + row * c;
        float *p = out.data() + row * c;
        const double top = *std::max_element(z, z + c);
        double sum = 0;
        for (std::size_t k = 0; k < c; ++k)
            sum += std::exp((double(z[k]) - top) / temperature);
        for (std::size_t k = 0; k < c; ++k)
            p[k] = float(std::exp((double(z[k]) - top) / temperature) / sum);
    }
    return out;
}

std::vector<Scored> scoredRows(const std::vector<float> &probabilities, std::int64_t classes,
                               const std::vector<std::int64_t> &labels)
{
    checkShape(probabilities.size(), classes, labels.size(), "scored rows");
    std::vector<Scored> out(labels.size());
    const std::size_t c = std::size_t(classes);
    for (std::size_t row = 0; row < labels.size(); ++row) {
        const float *p = probabilities.data() + row * c;
        const std::size_t best = std::size_t(std::max_element(p, p + c) - p);
        out[row] = {p[best], int(best), int(labels[row])};
    }
    return out;
}

double meanNll(const std::vector<float> &logits, std::int64_t classes,
               const std::vector<std::int64_t> &labels, double temperature)
{
    checkShape(logits.size(), classes, labels.size(), "negative log-likelihood");
    const std::size_t c = std::size_t(classes);
    double total = 0;
    for (std::size_t row = 0; row < labels.size(); ++row) {
        if (labels[row] < 0 || labels[row] >= classes)
            throw Error("negative log-likelihood: label " + std::to_string(labels[row]) +
                        " of row " + std::to_string(row) + " is not one of " +
                        std::to_string(classes) + " classes");
        const float *z = logits.data() + row * c;
        const double top = *std::max_element(z, z + c);
        double sum = 0;
        for (std::size_t k = 0; k < c; ++k)
            sum += std::exp((double(z[k]) - top) / temperature);
        total += std::log(sum) - (double(z[std::size_t(labels[row])]) - top) / temperature;
    }
    return labels.empty() ? 0.0 : total / double(labels.size());
}

TemperatureFit fitTemperature(const std::vector<float> &logits, std::int64_t classes,
                              const std::vector<std::int64_t> &labels)
{
    if (labels.empty())
        throw Error("no images to fit a temperature on");
    TemperatureFit fit;
    auto nll = [&](double logT) {
        ++fit.evaluations;
        return meanNll(logits, classes, labels, std::exp(logT));
    };
    // Golden-section search on [log 0.05, log 20]: 1e-4 relative in T takes ~40 evaluations.
    const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = std::log(kMinTemperature), b = std::log(kMaxTemperature);
    double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
    double f1 = nll(x1), f2 = nll(x2);
    while (b - a > 1e-4) {
        if (f1 <= f2) {
            b = x2;
            x2 = x1;
            f2 = f1;
            x1 = b - phi * (b - a);
            f1 = nll(x1);
        } else {
            a = x1;
            x1 = x2;
            f1 = f2;
            x2 = a + phi * (b - a);
            f2 = nll(x2);
        }
    }
    fit.temperature = std::exp((a + b) / 2.0);
    fit.nllBefore = meanNll(logits, classes, labels, 1.0);
    fit.nllAfter = meanNll(logits, classes, labels, fit.temperature);
    // A fit no better than T = 1 (flat NLL, rounding) keeps the model as it is.
    if (!(fit.nllAfter < fit.nllBefore)) {
        fit.temperature = 1.0;
        fit.nllAfter = fit.nllBefore;
    }
    return fit;
}

ThresholdCounts countAtThreshold(const std::vector<Scored> &predictions, double threshold)
{
    ThresholdCounts c;
    // Compared as the confidences are kept (float): a threshold of 0.9 accepts a 0.9f.
    const float t = float(threshold);
    for (const Scored &s : predictions) {
        if (s.confidence < t)
            ++c.rejected;
        else if (s.correct())
            ++c.accepted;
        else
            ++c.wrong;
    }
    return c;
}

std::vector<PrPoint> precisionRecallCurve(const std::vector<Scored> &predictions, int cls)
{
    std::int64_t support = 0;
    std::vector<std::pair<float, bool>> mine;
    for (const Scored &s : predictions) {
        support += s.label == cls ? 1 : 0;
        if (s.predicted == cls)
            mine.emplace_back(s.confidence, s.correct());
    }
    std::sort(mine.begin(), mine.end(),
              [](const auto &x, const auto &y) { return x.first > y.first; });
    std::vector<PrPoint> curve;
    std::int64_t taken = 0, correct = 0;
    for (std::size_t i = 0; i < mine.size(); ++i) {
        ++taken;
        correct += mine[i].second ? 1 : 0;
        // One point per distinct confidence: the threshold accepts all images at or above it.
        if (i + 1 < mine.size() && mine[i + 1].first == mine[i].first)
            continue;
        curve.push_back({double(mine[i].first), double(correct) / double(taken),
                         support > 0 ? double(correct) / double(support) : 0.0});
    }
    return curve;
}

std::vector<float> referenceRows(const std::vector<float> &features, std::int64_t dims,
                                 std::int64_t maxRows)
{
    if (dims < 1 || features.size() % std::size_t(dims) != 0)
        throw Error("unfamiliar reference: " + std::to_string(features.size()) +
                    " values are not rows of " + std::to_string(dims) + " features");
    const std::size_t d = std::size_t(dims), rows = features.size() / d;
    const std::size_t keep =
        std::min<std::size_t>(rows, std::size_t(std::max<std::int64_t>(maxRows, 0)));
    std::vector<float> out(keep * d, 0.0f);
    for (std::size_t i = 0; i < keep; ++i) {
        // Evenly spaced over the rows: every class and every part of the split is represented.
        const float *f = features.data() + (i * rows / keep) * d;
        double norm = 0;
        for (std::size_t k = 0; k < d; ++k)
            norm += double(f[k]) * double(f[k]);
        if (norm <= 0)
            continue; // an all-zero feature vector has no direction: it stays zero
        const double inv = 1.0 / std::sqrt(norm);
        for (std::size_t k = 0; k < d; ++k)
            out[i * d + k] = float(double(f[k]) * inv);
    }
    return out;
}

double quantile(std::vector<float> values, double q)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double at = std::clamp(q, 0.0, 1.0) * double(values.size() - 1);
    const std::size_t lo = std::size_t(std::floor(at));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return double(values[lo]) + (at - double(lo)) * (double(values[hi]) - double(values[lo]));
}

double auroc(const std::vector<float> &negatives, const std::vector<float> &positives)
{
    if (negatives.empty() || positives.empty())
        throw Error("AUROC needs scores of both kinds");
    // Mann-Whitney U from the ranks of all scores (ties share their mean rank).
    std::vector<std::pair<float, bool>> all;
    all.reserve(negatives.size() + positives.size());
    for (const float v : negatives)
        all.emplace_back(v, false);
    for (const float v : positives)
        all.emplace_back(v, true);
    std::sort(all.begin(), all.end(),
              [](const auto &x, const auto &y) { return x.first < y.first; });
    double rankSum = 0;
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        while (j < all.size() && all[j].first == all[i].first)
            ++j;
        const double rank = (double(i + 1) + double(j)) / 2.0;
        for (std::size_t k = i; k < j; ++k)
            if (all[k].second)
                rankSum += rank;
        i = j;
    }
    const double np = double(positives.size()), nn = double(negatives.size());
    return (rankSum - np * (np + 1) / 2.0) / (np * nn);
}

} // namespace tl::inspect
