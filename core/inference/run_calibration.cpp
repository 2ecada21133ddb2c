#include "inference/run_calibration.h"

#include "data/dataset.h"
#include "base/error.h"
#include "io/files.h"
#include "io/hash.h"
#include "io/json_file.h"
#include "weights/checkpoint.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

using nlohmann::json;

namespace tl::runs {

namespace {

// -1 held class centres (the unfamiliar score was the distance to the nearest centre).
constexpr const char *kFormat = "transferlab-calibration-2";
constexpr const char *kReferenceFormat = "transferlab-unfamiliar-reference-1";

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

// The values as float16 keeps them (calibration.safetensors' reference).
std::vector<float> roundToHalf(std::vector<float> v)
{
    const torch::Tensor t = torch::from_blob(v.data(), {std::int64_t(v.size())})
                                .to(torch::kFloat16)
                                .to(torch::kFloat32)
                                .contiguous();
    std::copy(t.data_ptr<float>(), t.data_ptr<float>() + t.numel(), v.begin());
    return v;
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
         {{"method", "cosine distance of the penultimate features to the nearest training image's"},
          {"layer", layer},
          {"quantile", unfamiliarQuantile},
          {"threshold", unfamiliarThreshold},
          {"val_share", valUnfamiliarShare},
          {"test_share", testUnfamiliarShare},
          {"reference_images", referenceImages},
          {"reference", RunDir::kCalibrationCentres}}},
    };
    return j.dump(2) + "\n";
}

RunCalibration RunCalibration::fromJson(const std::string &text, const std::string &origin)
{
    const json j = parseJson(text, origin);
    JsonObject o(j, "", origin, false);
    const std::string format = o.require<std::string>("format");
    if (format == "transferlab-calibration-1")
        o.fail("format", "made by an earlier TransferLab (class centres): calibrate the run again");
    if (format != kFormat)
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
    c.referenceImages = count(u, "reference_images");
    if (c.referenceImages < 1 || c.referenceImages > kUnfamiliarReferenceRows)
        u.fail("reference_images", "expected 1 to " + std::to_string(kUnfamiliarReferenceRows));
    return c;
}

std::vector<float> unfamiliarScores(const std::vector<float> &features,
                                    const UnfamiliarReference &reference)
{
    const std::int64_t d = reference.dims;
    if (d < 1 || reference.rows < 1 ||
        reference.features.size() != std::size_t(reference.rows) * std::size_t(d) ||
        features.size() % std::size_t(d) != 0)
        throw Error("unfamiliar scores: " + std::to_string(features.size()) +
                    " values are not rows of the reference's " + std::to_string(d) + " features");
    const std::int64_t rows = std::int64_t(features.size()) / d;
    std::vector<float> out(std::size_t(rows), 1.0f);
    if (rows == 0)
        return out;
    torch::NoGradGuard ng;
    const torch::Tensor ref =
        torch::from_blob(const_cast<float *>(reference.features.data()), {reference.rows, d});
    const torch::Tensor all = torch::from_blob(const_cast<float *>(features.data()), {rows, d});
    // In blocks: 10,000 test images against 5,000 reference images is one matrix product each.
    for (std::int64_t start = 0; start < rows; start += 1024) {
        const torch::Tensor x = all.slice(0, start, std::min(rows, start + 1024));
        const torch::Tensor norm = x.norm(2, 1, true);
        const torch::Tensor unit = x / norm.clamp_min(1e-30);
        // An all-zero row has no direction: like nothing (similarity 0).
        const torch::Tensor best =
            torch::where(norm.squeeze(1) > 0, std::get<0>(unit.matmul(ref.t()).max(1)),
                         torch::zeros({x.size(0)}));
        const torch::Tensor score = (1 - best).contiguous();
        std::copy(score.data_ptr<float>(), score.data_ptr<float>() + score.numel(),
                  out.begin() + start);
    }
    return out;
}

RunCalibration calibrate(const RunFeatures &f, UnfamiliarReference *reference)
{
    if (f.val.rows == 0)
        throw Error("the run " + f.runDir +
                    " has no validation images (data.val_split 0): a temperature is fitted on "
                    "images the model did not train on; train with a validation split");
    if (f.train.rows == 0)
        throw Error("the run " + f.runDir + " has no training images to compare images with");
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

    // The reference comes from the training images (what the model learned), the threshold from
    // the validation images (familiar images it did not learn from, so that the share flagged
    // holds for new ones). The nearest training image rather than the nearest class centre: on
    // scribbles and noise against Fashion-MNIST (README, "I don't know") it separates better for
    // every model measured (mobilenet_v3_small's AUROC 0.84 with centres).
    UnfamiliarReference m;
    m.dims = f.train.dims;
    m.rows = std::min({f.train.rows, kUnfamiliarReferenceRows,
                       std::max<std::int64_t>(1, kUnfamiliarReferenceBytes / (2 * m.dims))});
    m.features = inspect::referenceRows(f.train.features, m.dims, m.rows);
    // At float16, as calibration.safetensors keeps them and the predictor reads them.
    m.features = roundToHalf(m.features);
    c.referenceImages = m.rows;
    const std::vector<float> val = unfamiliarScores(f.val.features, m);
    c.unfamiliarThreshold = inspect::quantile(val, c.unfamiliarQuantile);
    auto share = [&](const std::vector<float> &scores) {
        std::int64_t above = 0;
        for (const float s : scores)
            above += double(s) > c.unfamiliarThreshold ? 1 : 0;
        return scores.empty() ? 0.0 : double(above) / double(scores.size());
    };
    c.valUnfamiliarShare = share(val);
    if (f.test.rows > 0)
        c.testUnfamiliarShare = share(unfamiliarScores(f.test.features, m));
    if (reference)
        *reference = std::move(m);
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
    UnfamiliarReference reference;
    const RunCalibration c = calibrate(f, &reference);
    // The reference first: calibration.json names it, and a reader that finds it finds it.
    const torch::Tensor t = torch::from_blob(reference.features.data(),
                                             {reference.rows, reference.dims}, torch::kFloat32)
                                .to(torch::kFloat16);
    weights::writeSafetensors(
        {{"reference", t}}, RunDir(runDir).calibrationCentres(),
        {{"format", kReferenceFormat}, {"weights_sha256", c.weightsDigest}, {"layer", c.layer}});
    writeFileAtomic(RunDir(runDir).calibration(), c.toJson());
    return c;
}

std::optional<RunCalibration> readRunCalibration(const std::string &runDir)
{
    const std::string file = RunDir(runDir).calibration();
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
        digest.empty() ? hashFile(RunDir(runDir).model(), HashKind::Sha256) : digest;
    if (c->weightsDigest != now) {
        if (why)
            *why = std::string(RunDir::kCalibration) + " was made for other weights (" +
                   RunDir::kModel + " changed since): calibrate again";
        return std::nullopt;
    }
    return c;
}

UnfamiliarReference readUnfamiliarReference(const std::string &runDir, const RunCalibration &c,
                                            std::int64_t dims)
{
    const std::string file = RunDir(runDir).calibrationCentres();
    const weights::Checkpoint ck = weights::readCheckpoint(file);
    auto meta = [&](const char *key) {
        const auto it = ck.metadata.find(key);
        return it == ck.metadata.end() ? std::string() : it->second;
    };
    if (meta("format") != kReferenceFormat)
        throw fileError(file, std::string("not an unfamiliar score's reference (format \"") +
                                  kReferenceFormat + "\" expected): calibrate again");
    if (meta("weights_sha256") != c.weightsDigest || meta("layer") != c.layer)
        throw fileError(file, std::string("does not belong to ") + RunDir::kCalibration +
                                  " (other weights or layer): calibrate again");
    torch::Tensor t;
    for (const auto &kv : ck.tensors)
        if (kv.first == "reference")
            t = kv.second;
    if (!t.defined() || t.dim() != 2 || t.scalar_type() != torch::kFloat16 ||
        t.size(0) != c.referenceImages || t.size(1) != dims)
        throw fileError(file, "expected reference, float16 " + std::to_string(c.referenceImages) +
                                  " x " + std::to_string(dims));
    t = t.to(torch::kFloat32).contiguous();
    UnfamiliarReference m;
    m.rows = c.referenceImages;
    m.dims = dims;
    m.features.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
    for (const float v : m.features)
        if (!std::isfinite(v))
            throw fileError(file, "reference holds a value that is not a finite number");
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

bool applyRunCalibration(RunFeatures &f)
{
    const std::optional<RunCalibration> c = currentCalibration(f.runDir, nullptr, f.weightsDigest);
    if (!c || c->temperature == 1.0)
        return bool(c);
    for (FeatureSplit *s : {&f.train, &f.val, &f.test})
        if (s->rows > 0)
            s->probabilities = inspect::softmaxWithTemperature(
                inspect::logProbabilities(s->probabilities), s->classes, c->temperature);
    char line[160];
    std::snprintf(line, sizeof line,
                  "Probabilities calibrated: temperature %.3f from %s (test ECE %.4f -> %.4f).",
                  c->temperature, RunDir::kCalibration, c->testBefore.ece, c->testAfter.ece);
    f.note += (f.note.empty() ? "" : " ") + std::string(line);
    return true;
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
