// K-fold out-of-sample class probabilities for a run's training images (label_folds.h).

#include "analysis/label_folds.h"

#include "base/error.h"
#include "inference/feature_tensors.h"
#include "inspect/feature_space.h"
#include "rundir/run_dir.h"
#include "weights/checkpoint.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <numeric>
#include <random>

namespace tl::runs {
namespace {

constexpr const char *kFormat = "transferlab-label-folds-1";

// One head: softmax regression on standardised features, full-batch L-BFGS.
torch::Tensor fitAndScore(const torch::Tensor &xTrain, const torch::Tensor &yTrain,
                          const torch::Tensor &xScore, std::int64_t classes,
                          const LabelFoldOptions &o)
{
    const torch::Tensor mean = xTrain.mean(0, true);
    const torch::Tensor spread = xTrain.std(0, false, true).clamp_min(1e-6);
    const torch::Tensor a = (xTrain - mean) / spread;
    const torch::Tensor b = (xScore - mean) / spread;
    torch::Tensor w = torch::zeros({a.size(1), classes}, torch::kFloat32).requires_grad_(true);
    torch::Tensor bias = torch::zeros({classes}, torch::kFloat32).requires_grad_(true);
    torch::optim::LBFGS opt({w, bias}, torch::optim::LBFGSOptions(1.0)
                                           .max_iter(o.iterations)
                                           .history_size(10)
                                           .line_search_fn("strong_wolfe"));
    const double decay = o.weightDecay;
    auto closure = [&]() -> torch::Tensor {
        opt.zero_grad();
        torch::Tensor loss =
            torch::nn::functional::cross_entropy(torch::addmm(bias, a, w), yTrain) +
            decay * w.pow(2).sum();
        loss.backward();
        return loss;
    };
    opt.step(closure);
    torch::NoGradGuard ng;
    return torch::softmax(torch::addmm(bias, b, w), 1);
}

// Labels and rows of the train and val features: what the cached scores must belong to.
std::string dataSignature(const RunFeatures &f)
{
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::int64_t v) {
        for (int k = 0; k < 8; ++k) {
            h ^= std::uint64_t(v >> (8 * k)) & 0xffu;
            h *= 1099511628211ull;
        }
    };
    for (const FeatureSplit *s : {&f.train, &f.val}) {
        mix(s->rows);
        for (std::size_t r = 0; r < s->labels.size(); ++r) {
            mix(s->labels[r]);
            mix(s->storeRow[r]);
        }
    }
    return std::to_string(h);
}

std::string basisText(int folds, bool frozen)
{
    std::string t = std::to_string(folds) +
                    "-fold heads on the penultimate features: no image is scored by a head that "
                    "saw its label";
    if (!frozen)
        t += "; the backbone was trained on these labels too, so its features have seen them";
    return t;
}

bool readCache(const std::string &file, const RunFeatures &f, const LabelFoldOptions &o,
               OutOfSampleProbabilities &out)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return false;
    weights::Checkpoint c;
    try {
        c = weights::readCheckpoint(file);
    } catch (const Error &) {
        return false; // unreadable: computed again and rewritten
    }
    auto meta = [&](const char *key) {
        const auto it = c.metadata.find(key);
        return it == c.metadata.end() ? std::string() : it->second;
    };
    if (meta("format") != kFormat || meta("weights_sha256") != f.weightsDigest ||
        meta("folds") != std::to_string(o.folds) || meta("seed") != std::to_string(o.seed) ||
        meta("data") != dataSignature(f))
        return false;
    std::map<std::string, torch::Tensor> t(c.tensors.begin(), c.tensors.end());
    const std::int64_t classes = std::int64_t(f.classNames.size());
    auto take = [&](const char *name, const FeatureSplit &s, std::vector<float> &into) {
        const torch::Tensor p = t[name];
        if (!p.defined() || p.dim() != 2 || p.scalar_type() != torch::kFloat32 ||
            p.size(0) != s.rows || p.size(1) != classes)
            return false;
        const torch::Tensor q = p.contiguous();
        if (!torch::isfinite(q).all().item<bool>())
            return false;
        into.assign(q.data_ptr<float>(), q.data_ptr<float>() + q.numel());
        return true;
    };
    if (!take("train.probabilities", f.train, out.train) ||
        !take("val.probabilities", f.val, out.val))
        return false;
    out.classes = classes;
    if (!meta("basis").empty())
        out.basis = meta("basis");
    out.fromRuns = meta("source") == "runs";
    return true;
}

} // namespace

bool readOutOfSampleCache(const RunFeatures &f, const LabelFoldOptions &options,
                          OutOfSampleProbabilities &out)
{
    return readCache(RunDir(f.runDir).labelFolds(), f, options, out);
}

void writeOutOfSampleCache(const RunFeatures &f, const LabelFoldOptions &options,
                           const OutOfSampleProbabilities &out)
{
    weights::StateDict t;
    auto tensor = [&](const std::vector<float> &v, std::int64_t n) {
        return torch::tensor(v, torch::kFloat32).reshape({n, out.classes});
    };
    t.emplace_back("train.probabilities", tensor(out.train, f.train.rows));
    t.emplace_back("val.probabilities", tensor(out.val, f.val.rows));
    weights::writeSafetensors(t, RunDir(f.runDir).labelFolds(),
                              {{"format", kFormat},
                               {"weights_sha256", f.weightsDigest},
                               {"folds", std::to_string(options.folds)},
                               {"seed", std::to_string(options.seed)},
                               {"data", dataSignature(f)},
                               {"basis", out.basis},
                               {"source", out.fromRuns ? "runs" : "heads"}});
}

std::vector<int> stratifiedFolds(const std::vector<std::int64_t> &labels, int folds,
                                 std::uint64_t seed)
{
    if (folds < 2 || folds > 20)
        throw Error("label check: folds must be 2..20, not " + std::to_string(folds));
    std::map<std::int64_t, std::vector<std::size_t>> byClass;
    for (std::size_t r = 0; r < labels.size(); ++r) {
        if (labels[r] < 0)
            throw Error("label check: a negative label at row " + std::to_string(r));
        byClass[labels[r]].push_back(r);
    }
    std::mt19937_64 rng(seed);
    std::vector<int> fold(labels.size(), 0);
    int next = 0; // the fold a class starts dealing at: small classes spread over the folds
    for (auto &[cls, rows] : byClass) {
        std::shuffle(rows.begin(), rows.end(), rng);
        for (std::size_t k = 0; k < rows.size(); ++k)
            fold[rows[k]] = int((std::size_t(next) + k) % std::size_t(folds));
        next = int((std::size_t(next) + rows.size()) % std::size_t(folds));
    }
    return fold;
}

std::vector<float> crossValidatedProbabilities(const std::vector<float> &features,
                                               std::int64_t rows, std::int64_t dims,
                                               const std::vector<std::int64_t> &labels,
                                               std::int64_t classes, const std::vector<int> &fold,
                                               const LabelFoldOptions &options,
                                               const FeatureProgress &progress)
{
    if (rows < 0 || dims <= 0 || classes < 2 || features.size() != std::size_t(rows * dims) ||
        labels.size() != std::size_t(rows) || fold.size() != std::size_t(rows))
        throw Error("label check: features, labels and folds do not fit together");
    const torch::Tensor x =
        torch::from_blob(const_cast<float *>(features.data()), {rows, dims}, torch::kFloat32);
    const torch::Tensor y = torch::tensor(labels, torch::kInt64);
    const torch::Tensor f = torch::tensor(std::vector<std::int64_t>(fold.begin(), fold.end()));
    if (rows > 0 && (y.min().item<std::int64_t>() < 0 || y.max().item<std::int64_t>() >= classes))
        throw Error("label check: a label outside 0.." + std::to_string(classes - 1));
    torch::Tensor out = torch::full({rows, classes}, 1.0f / float(classes), torch::kFloat32);
    const int folds = fold.empty() ? 0 : *std::max_element(fold.begin(), fold.end()) + 1;
    for (int k = 0; k < folds; ++k) {
        if (progress && !progress(double(k) / folds, "Scoring every label out of sample: part " +
                                                         std::to_string(k + 1) + " of " +
                                                         std::to_string(folds)))
            return {};
        const torch::Tensor held = (f == k).nonzero().squeeze(1);
        const torch::Tensor rest = (f != k).nonzero().squeeze(1);
        if (held.numel() == 0 || rest.numel() == 0)
            continue;
        out.index_copy_(0, held,
                        fitAndScore(x.index_select(0, rest), y.index_select(0, rest),
                                    x.index_select(0, held), classes, options));
    }
    if (progress)
        progress(1.0, "folds done");
    const torch::Tensor c = out.contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

OutOfSampleProbabilities outOfSampleProbabilities(const RunFeatures &f,
                                                  const LabelFoldOptions &options,
                                                  bool backboneFrozen,
                                                  const FeatureProgress &progress, bool useCache)
{
    const auto start = std::chrono::steady_clock::now();
    OutOfSampleProbabilities out;
    out.folds = options.folds;
    out.seed = options.seed;
    out.classes = std::int64_t(f.classNames.size());
    out.basis = basisText(options.folds, backboneFrozen);
    const std::string file = RunDir(f.runDir).labelFolds();
    auto seconds = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    if (useCache && readCache(file, f, options, out)) {
        out.fromCache = true;
        out.seconds = seconds();
        return out;
    }
    // Training and validation images together: every image the run could have trained on.
    const std::int64_t rows = f.train.rows + f.val.rows;
    const std::int64_t dims = f.train.rows > 0 ? f.train.dims : f.val.dims;
    std::vector<float> x;
    x.reserve(std::size_t(rows * dims));
    x.insert(x.end(), f.train.features.begin(), f.train.features.end());
    x.insert(x.end(), f.val.features.begin(), f.val.features.end());
    std::vector<std::int64_t> y = f.train.labels;
    y.insert(y.end(), f.val.labels.begin(), f.val.labels.end());
    const std::vector<int> fold = stratifiedFolds(y, options.folds, options.seed);
    std::vector<float> p =
        crossValidatedProbabilities(x, rows, dims, y, out.classes, fold, options, progress);
    if (p.empty() && rows > 0) {
        out.stopped = true;
        return out;
    }
    const auto split = p.begin() + std::ptrdiff_t(f.train.rows * out.classes);
    out.train.assign(p.begin(), split);
    out.val.assign(split, p.end());
    if (useCache)
        writeOutOfSampleCache(f, options, out);
    out.seconds = seconds();
    return out;
}

SuspicionReport suspiciousLabelsOutOfSample(const RunFeatures &f,
                                            const OutOfSampleProbabilities &scores,
                                            const data::DatasetSplits &data, std::size_t limit)
{
    SuspicionReport report;
    report.outOfSample = true;
    report.split = f.val.rows > 0 ? "train+val" : "train";
    const std::int64_t rows = f.train.rows + f.val.rows;
    report.examined = rows;
    if (rows == 0 || scores.classes != std::int64_t(f.classNames.size()) ||
        scores.train.size() != std::size_t(f.train.rows * scores.classes) ||
        scores.val.size() != std::size_t(f.val.rows * scores.classes))
        return report;
    std::vector<float> p = scores.train;
    p.insert(p.end(), scores.val.begin(), scores.val.end());
    std::vector<std::int64_t> y = f.train.labels;
    y.insert(y.end(), f.val.labels.begin(), f.val.labels.end());
    torch::NoGradGuard ng;
    const inspect::LabelSuspicion ls = inspect::rankLabelSuspicion(
        torch::from_blob(p.data(), {rows, scores.classes}, torch::kFloat32),
        torch::tensor(y, torch::kInt64));
    const auto self = ls.selfConfidence.contiguous();
    const auto wrong = ls.likelyWrong.contiguous();
    const auto suggested = ls.suggested.contiguous();
    for (std::size_t k = 0; k < ls.order.size() && k < limit; ++k) {
        const std::int64_t row = ls.order[k];
        const bool inTrain = row < f.train.rows;
        SuspectLabel l;
        l.image = imageRef(f, data, inTrain ? "train" : "val", inTrain ? row : row - f.train.rows);
        l.suggested = int(suggested.data_ptr<std::int64_t>()[row]);
        l.selfConfidence = self.data_ptr<float>()[row];
        l.likelyWrong = wrong.data_ptr<bool>()[row];
        const float *own = p.data() + row * scores.classes;
        l.probabilities.assign(own, own + scores.classes);
        report.images.push_back(std::move(l));
    }
    return report;
}

} // namespace tl::runs
