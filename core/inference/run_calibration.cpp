#include "inference/run_calibration.h"

#include "data/dataset.h"
#include "base/error.h"
#include "io/files.h"
#include "io/hash.h"
#include "io/json_file.h"
#include "weights/checkpoint.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

using nlohmann::json;

namespace tl::runs {

namespace {

constexpr const char *kFormat = "transferlab-calibration-1";
constexpr const char *kCentresFormat = "transferlab-class-centres-1";

json binsJson(const inspect::Reliability &r)
{
    json bins = json::array();
    for (const auto &b : r.bins)
        bins.push_back({{"lower", b.lower},
                        {"upper", b.upper},
                        {"count", b.count},
                        {"confidence", b.confidence},
                        {"accuracy", b.accuracy}});
    return {{"ece", r.ece},           {"max_gap", r.maxGap},
            {"accuracy", r.accuracy}, {"mean_confidence", r.meanConfidence},
            {"count", r.count},       {"bins", bins}};
}

// A number of the file in [lo, hi] (and finite).
double number(JsonObject &o, const std::string &key, double lo, double hi)
{
    const double v = o.require<double>(key);
    if (!std::isfinite(v) || v < lo || v > hi)
        o.fail(key, "expected a number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                        "], not " + std::to_string(v));
    return v;
}

std::int64_t count(JsonObject &o, const std::string &key)
{
    const auto v = o.require<std::int64_t>(key);
    if (v < 0)
        o.fail(key, "expected a count, not " + std::to_string(v));
    return v;
}

inspect::Reliability binsFrom(JsonObject &parent, const std::string &key)
{
    JsonObject o(parent.child(key), parent.path(key), parent.origin(), false);
    inspect::Reliability r;
    r.ece = number(o, "ece", 0, 1);
    r.maxGap = number(o, "max_gap", 0, 1);
    r.accuracy = number(o, "accuracy", 0, 1);
    r.meanConfidence = number(o, "mean_confidence", 0, 1);
    r.count = count(o, "count");
    const json &bins = o.child("bins");
    // The format has kCalibrationBins equal-width bins: anything else is not ours.
    if (!bins.is_array() || bins.size() != std::size_t(inspect::kCalibrationBins))
        o.fail("bins", "expected a list of " + std::to_string(inspect::kCalibrationBins) + " bins");
    std::int64_t total = 0;
    for (std::size_t i = 0; i < bins.size(); ++i) {
        JsonObject b(bins[i], o.path("bins") + "[" + std::to_string(i) + "]", o.origin(), false);
        inspect::ReliabilityBin bin;
        bin.lower = number(b, "lower", 0, 1);
        bin.upper = number(b, "upper", bin.lower, 1);
        bin.count = count(b, "count");
        bin.confidence = number(b, "confidence", 0, 1);
        bin.accuracy = number(b, "accuracy", 0, 1);
        if (bin.count > r.count - total)
            b.fail("count",
                   "more images in the bins than the " + std::to_string(r.count) + " counted");
        total += bin.count;
        r.bins.push_back(bin);
    }
    return r;
}

} // namespace

std::string RunCalibration::toJson() const
{
    const json j = {
        {"format", kFormat},
        {"weights_sha256", weightsDigest},
        {"temperature", temperature},
        {"fitted_on", "val"},
        {"val_images", valImages},
        {"val_nll_before", valNllBefore},
        {"val_nll_after", valNllAfter},
        {"test_images", testImages},
        {"test_ece_before", testBefore.ece},
        {"test_ece_after", testAfter.ece},
        {"test_before", binsJson(testBefore)},
        {"test_after", binsJson(testAfter)},
        {"unfamiliar",
         {{"method", "cosine distance of the penultimate features to the nearest class centre"},
          {"layer", layer},
          {"quantile", unfamiliarQuantile},
          {"threshold", unfamiliarThreshold},
          {"val_share", valUnfamiliarShare},
          {"test_share", testUnfamiliarShare},
          {"centre_images", centreImages},
          {"centres", kCalibrationCentresFile}}},
    };
    return j.dump(2) + "\n";
}

RunCalibration RunCalibration::fromJson(const std::string &text, const std::string &origin)
{
    const json j = parseJson(text, origin);
    JsonObject o(j, "", origin, false);
    if (o.require<std::string>("format") != kFormat)
        o.fail("format", std::string("expected \"") + kFormat + "\"");
    RunCalibration c;
    c.weightsDigest = o.require<std::string>("weights_sha256");
    c.temperature = number(o, "temperature", inspect::kMinTemperature, inspect::kMaxTemperature);
    c.valImages = count(o, "val_images");
    c.valNllBefore = number(o, "val_nll_before", 0, 1e6);
    c.valNllAfter = number(o, "val_nll_after", 0, 1e6);
    c.testImages = count(o, "test_images");
    c.testBefore = binsFrom(o, "test_before");
    c.testAfter = binsFrom(o, "test_after");
    JsonObject u(o.child("unfamiliar"), "unfamiliar", origin, false);
    c.layer = u.require<std::string>("layer");
    c.unfamiliarQuantile = number(u, "quantile", 0, 1);
    c.unfamiliarThreshold = number(u, "threshold", 0, 2);
    c.valUnfamiliarShare = number(u, "val_share", 0, 1);
    c.testUnfamiliarShare = number(u, "test_share", 0, 1);
    c.centreImages = count(u, "centre_images");
    return c;
}

RunCalibration calibrate(const RunFeatures &f, UnfamiliarCentres *centres)
{
    if (f.val.rows == 0)
        throw Error("the run " + f.runDir +
                    " has no validation images (data.val_split 0): a temperature is fitted on "
                    "images the model did not train on; train with a validation split");
    if (f.train.rows == 0)
        throw Error("the run " + f.runDir + " has no training images to take class centres from");
    const std::int64_t classes = std::int64_t(f.classNames.size());
    RunCalibration c;
    c.weightsDigest = f.weightsDigest;
    c.layer = f.layer;

    const std::vector<float> valLogits = inspect::logProbabilities(f.val.probabilities);
    const inspect::TemperatureFit fit = inspect::fitTemperature(valLogits, classes, f.val.labels);
    c.temperature = fit.temperature;
    c.valImages = f.val.rows;
    c.valNllBefore = fit.nllBefore;
    c.valNllAfter = fit.nllAfter;

    c.testImages = f.test.rows;
    c.testBefore = inspect::reliability(scoredTest(f, 1.0).scored);
    c.testAfter = inspect::reliability(scoredTest(f, c.temperature).scored);

    // The centres come from the training images (what the model learned), the threshold from the
    // validation images (familiar images it did not learn from, so that the share flagged holds
    // for new ones).
    UnfamiliarCentres m;
    m.classes = classes;
    m.dims = f.train.dims;
    m.centres = inspect::classCentres(f.train.features, f.train.dims, f.train.labels, classes);
    c.centreImages = f.train.rows;
    const std::vector<float> val =
        inspect::unfamiliarScores(f.val.features, f.val.dims, m.centres, classes);
    c.unfamiliarThreshold = inspect::quantile(val, c.unfamiliarQuantile);
    auto share = [&](const std::vector<float> &scores) {
        std::int64_t above = 0;
        for (const float s : scores)
            above += double(s) > c.unfamiliarThreshold ? 1 : 0;
        return scores.empty() ? 0.0 : double(above) / double(scores.size());
    };
    c.valUnfamiliarShare = share(val);
    if (f.test.rows > 0)
        c.testUnfamiliarShare =
            share(inspect::unfamiliarScores(f.test.features, f.test.dims, m.centres, classes));
    if (centres)
        *centres = std::move(m);
    return c;
}

RunCalibration calibrateRun(const std::string &runDir, const data::DatasetSplits &data,
                            const FeatureProgress &progress, bool *stopped)
{
    const RunFeatures f = runFeatures(runDir, data, progress);
    if (stopped)
        *stopped = f.stopped;
    if (f.stopped)
        return {};
    UnfamiliarCentres centres;
    const RunCalibration c = calibrate(f, &centres);
    // The centres first: calibration.json names them, and a reader that finds it finds them.
    const torch::Tensor t =
        torch::from_blob(centres.centres.data(), {centres.classes, centres.dims}, torch::kFloat32)
            .clone();
    weights::writeSafetensors(
        {{"class_centres", t}}, runDir + "/" + kCalibrationCentresFile,
        {{"format", kCentresFormat}, {"weights_sha256", c.weightsDigest}, {"layer", c.layer}});
    writeFileAtomic(runDir + "/" + kCalibrationFile, c.toJson());
    return c;
}

std::optional<RunCalibration> readRunCalibration(const std::string &runDir)
{
    const std::string file = runDir + "/" + kCalibrationFile;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return std::nullopt;
    const Bytes bytes = readFile(file);
    return RunCalibration::fromJson(std::string(bytes.begin(), bytes.end()), file);
}

std::optional<RunCalibration> currentCalibration(const std::string &runDir, std::string *why,
                                                 const std::string &digest)
{
    if (why)
        why->clear();
    std::optional<RunCalibration> c = readRunCalibration(runDir);
    if (!c)
        return c;
    const std::string now =
        digest.empty() ? hashFile(runDir + "/model.pth", HashKind::Sha256) : digest;
    if (c->weightsDigest != now) {
        if (why)
            *why = std::string(kCalibrationFile) +
                   " was made for other weights (model.pth changed since): calibrate again";
        return std::nullopt;
    }
    return c;
}

UnfamiliarCentres readUnfamiliarCentres(const std::string &runDir, const RunCalibration &c,
                                        std::int64_t classes, std::int64_t dims)
{
    const std::string file = runDir + "/" + kCalibrationCentresFile;
    const weights::Checkpoint ck = weights::readCheckpoint(file);
    auto meta = [&](const char *key) {
        const auto it = ck.metadata.find(key);
        return it == ck.metadata.end() ? std::string() : it->second;
    };
    if (meta("format") != kCentresFormat)
        throw fileError(file, std::string("not a file of class centres (format \"") +
                                  kCentresFormat + "\" expected)");
    if (meta("weights_sha256") != c.weightsDigest || meta("layer") != c.layer)
        throw fileError(file, std::string("does not belong to ") + kCalibrationFile +
                                  " (other weights or layer): calibrate again");
    torch::Tensor t;
    for (const auto &kv : ck.tensors)
        if (kv.first == "class_centres")
            t = kv.second;
    if (!t.defined() || t.dim() != 2 || t.scalar_type() != torch::kFloat32 ||
        t.size(0) != classes || t.size(1) != dims)
        throw fileError(file, "expected class_centres, float32 " + std::to_string(classes) + " x " +
                                  std::to_string(dims));
    t = t.contiguous();
    UnfamiliarCentres m;
    m.classes = classes;
    m.dims = dims;
    m.centres.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
    for (const float v : m.centres)
        if (!std::isfinite(v))
            throw fileError(file, "class_centres holds a value that is not a finite number");
    return m;
}

ScoredTest scoredTest(const RunFeatures &f, double temperature)
{
    ScoredTest s;
    s.classes = f.test.classes;
    s.index = f.test.sourceIndex;
    s.probabilities =
        temperature == 1.0
            ? f.test.probabilities
            : inspect::softmaxWithTemperature(inspect::logProbabilities(f.test.probabilities),
                                              f.test.classes, temperature);
    if (f.test.rows > 0)
        s.scored = inspect::scoredRows(s.probabilities, f.test.classes, f.test.labels);
    return s;
}

std::vector<train::Prediction> testPredictions(const RunFeatures &f, double temperature)
{
    const ScoredTest s = scoredTest(f, temperature);
    const std::size_t c = std::size_t(s.classes);
    std::vector<train::Prediction> out(s.scored.size());
    std::vector<int> order(c);
    for (std::size_t row = 0; row < out.size(); ++row) {
        const float *p = s.probabilities.data() + row * c;
        train::Prediction &q = out[row];
        q.index = s.index[row];
        q.trueLabel = s.scored[row].label;
        q.predicted = s.scored[row].predicted;
        q.confidence = s.scored[row].confidence;
        q.loss = float(-std::log(std::max(double(p[std::size_t(q.trueLabel)]), 1e-30)));
        for (std::size_t k = 0; k < c; ++k)
            order[k] = int(k);
        const std::size_t top = std::min<std::size_t>(5, c);
        std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(top), order.end(),
                          [&](int a, int b) { return p[a] > p[b]; });
        for (std::size_t k = 0; k < top; ++k) {
            q.topClasses[k] = order[k];
            q.topProbabilities[k] = p[order[k]];
        }
    }
    return out;
}

} // namespace tl::runs
