#include "inference/run_features.h"

#include "data/batch_loader.h"
#include "data/dataset.h"
#include "data/transform.h"
#include "base/error.h"
#include "experiment/experiment_config.h"
#include "io/hash.h"
#include "models/model_factory.h"
#include "models/penultimate.h"
#include "inference/feature_tensors.h"
#include "weights/checkpoint.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace tl::runs {

namespace {

constexpr const char *kFormat = "transferlab-features-2"; // features in float16
constexpr const char *kSplits[] = {"train", "val", "test"};

// The train, val or test member of a type that has all three, by name.
template <typename T> T &bySplit(const std::string &split, T &train, T &val, T &test)
{
    if (split == "train")
        return train;
    if (split == "val")
        return val;
    if (split == "test")
        return test;
    throw Error("unknown split '" + split + "' (train, val or test)");
}

FeatureSplit &splitOf(RunFeatures &f, const std::string &name)
{
    return bySplit(name, f.train, f.val, f.test);
}

// What a user should know when the training rows are a sample.
std::string sampleNote(std::size_t kept, std::size_t all)
{
    return kept < all ? "training set: an evenly spaced " + std::to_string(kept) + " of " +
                            std::to_string(all) + " images"
                      : std::string();
}

// What the features depend on besides the weights: the data exactly as loaded.
std::string dataSignature(const data::DatasetSplits &d)
{
    const auto &o = d.options;
    const nlohmann::json j = {{"dataset", o.name},
                              {"root", o.root},
                              {"train_fraction", o.trainFraction},
                              {"val_split", o.valSplit},
                              {"test_fraction", o.testFraction},
                              {"seed", o.seed},
                              {"classes", o.classes},
                              {"per_class", o.perClass},
                              {"exclude", o.exclude},
                              {"label_overrides", o.labelOverrides},
                              {"image_size", o.imageSize},
                              {"sizes", {d.train.size(), d.val.size(), d.test.size()}}};
    return j.dump();
}

// Evenly spaced rows of 0..n-1, at most `most` of them.
std::vector<std::size_t> evenRows(std::size_t n, std::size_t most)
{
    std::vector<std::size_t> rows;
    if (n <= most) {
        rows.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            rows[i] = i;
        return rows;
    }
    rows.reserve(most);
    for (std::size_t k = 0; k < most; ++k)
        rows.push_back(std::size_t((double(k) + 0.5) * double(n) / double(most)));
    return rows;
}

template <typename T> std::vector<T> toVector(const torch::Tensor &t)
{
    const torch::Tensor c = t.contiguous();
    return std::vector<T>(c.data_ptr<T>(), c.data_ptr<T>() + c.numel());
}

// Extracts one split (rows `rows` of `store`) through the probe.
bool extractSplit(models::PenultimateProbe &probe, const data::ImageStore &store,
                  const std::vector<std::size_t> &rows, const data::SampleTransform &transform,
                  std::int64_t classes, FeatureSplit &out,
                  const std::function<bool(std::int64_t)> &step)
{
    out = FeatureSplit{};
    out.classes = classes;
    if (rows.empty())
        return true;
    const data::ImageStore part = store.subset(rows);
    data::LoaderOptions lo;
    lo.batchSize = 64;
    lo.shuffle = lo.augment = false;
    lo.workers = 1;
    data::BatchLoader loader(part, transform, lo);
    loader.startEpoch(0);
    train::Batch batch;
    std::vector<torch::Tensor> features, probabilities, kept;
    std::int64_t done = 0;
    torch::NoGradGuard ng;
    while (loader.next(batch)) {
        auto [f, logits] = probe(batch.images);
        // Kept at half precision, as features.safetensors stores them (half the disk and
        // reading time; a cosine distance moves by about 1e-3): computed and cached agree.
        features.push_back(f.to(torch::kFloat16).to(torch::kFloat32).contiguous());
        probabilities.push_back(torch::softmax(logits.to(torch::kFloat32), 1));
        kept.push_back(batch.indices);
        done += batch.images.size(0);
        if (!step(done))
            return false;
    }
    if (features.empty())
        return true; // every file failed to decode (a streamed store records them)
    const torch::Tensor all = torch::cat(features);
    out.rows = all.size(0);
    out.dims = all.size(1);
    out.features = toVector<float>(all);
    out.probabilities = toVector<float>(torch::cat(probabilities));
    // The rows the batches held: a streamed store's file that fails to decode is left out.
    const std::vector<std::int64_t> held = toVector<std::int64_t>(torch::cat(kept));
    for (const std::int64_t k : held) {
        const std::size_t r = rows[std::size_t(k)];
        out.labels.push_back(store.labels[r]);
        out.storeRow.push_back(std::int64_t(r));
        out.sourceIndex.push_back(r < store.sourceIndex.size() ? store.sourceIndex[r]
                                                               : std::int64_t(r));
    }
    return true;
}

// features.safetensors, when it belongs to these weights and this data; why not otherwise.
std::string readCache(const std::string &file, const std::string &digest,
                      const std::string &signature, const data::DatasetSplits &data, RunFeatures &f)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return "none yet";
    const weights::Checkpoint c = weights::readCheckpoint(file);
    auto meta = [&](const char *key) {
        const auto it = c.metadata.find(key);
        return it == c.metadata.end() ? std::string() : it->second;
    };
    if (meta("format") != kFormat)
        return "another format";
    if (meta("weights_sha256") != digest)
        return "made from other weights";
    if (meta("data") != signature)
        return "made from other data";
    std::map<std::string, torch::Tensor> t(c.tensors.begin(), c.tensors.end());
    const std::int64_t classes = std::int64_t(f.classNames.size());
    for (const char *name : kSplits) {
        const std::string p = std::string(name) + ".";
        const data::ImageStore &store = storeOf(data, name);
        FeatureSplit &s = splitOf(f, name);
        s.classes = classes;
        const torch::Tensor feat = t[p + "features"], prob = t[p + "probabilities"],
                            row = t[p + "store_row"];
        if (!feat.defined() || !prob.defined() || !row.defined())
            return std::string("no ") + name + " tensors";
        if (feat.dim() != 2 || prob.dim() != 2 || row.dim() != 1 ||
            feat.scalar_type() != torch::kFloat16 || prob.scalar_type() != torch::kFloat32 ||
            row.scalar_type() != torch::kInt64 || prob.size(1) != classes ||
            prob.size(0) != feat.size(0) || row.size(0) != feat.size(0) ||
            (feat.size(0) > 0 && f.train.rows > 0 && feat.size(1) != f.train.dims))
            return std::string("the ") + name + " tensors' shapes or types do not fit";
        s.rows = feat.size(0);
        s.dims = feat.size(1);
        s.features = toVector<float>(feat.to(torch::kFloat32));
        s.probabilities = toVector<float>(prob);
        s.storeRow = toVector<std::int64_t>(row);
        for (const std::int64_t r : s.storeRow) {
            if (r < 0 || std::uint64_t(r) >= store.size())
                return std::string("a ") + name + " row outside the data";
            s.labels.push_back(store.labels[std::size_t(r)]);
            s.sourceIndex.push_back(
                std::size_t(r) < store.sourceIndex.size() ? store.sourceIndex[std::size_t(r)] : r);
        }
    }
    f.layer = meta("layer");
    return {};
}

void writeCache(const std::string &file, const RunFeatures &f, const std::string &signature)
{
    weights::StateDict tensors;
    for (const char *name : kSplits) {
        const FeatureSplit &s = featureSplit(f, name);
        const std::string p = std::string(name) + ".";
        tensors.emplace_back(p + "features", featureTensor(s).to(torch::kFloat16));
        tensors.emplace_back(p + "probabilities", probabilityTensor(s).clone());
        tensors.emplace_back(p + "store_row", torch::tensor(s.storeRow, torch::kInt64));
    }
    weights::writeSafetensors(tensors, file,
                              {{"format", kFormat},
                               {"weights_sha256", f.weightsDigest},
                               {"layer", f.layer},
                               {"data", signature}});
}

} // namespace

std::int64_t FeatureSplit::predicted(std::int64_t row) const
{
    const float *p = probabilities.data() + row * classes;
    return std::int64_t(std::max_element(p, p + classes) - p);
}

std::int64_t FeatureSplit::rowOfSourceIndex(std::int64_t index) const
{
    const auto it = std::find(sourceIndex.begin(), sourceIndex.end(), index);
    return it == sourceIndex.end() ? -1 : std::int64_t(it - sourceIndex.begin());
}

const FeatureSplit &featureSplit(const RunFeatures &f, const std::string &split)
{
    return bySplit(split, f.train, f.val, f.test);
}

const data::ImageStore &storeOf(const data::DatasetSplits &data, const std::string &split)
{
    return bySplit(split, data.train, data.val, data.test);
}

std::shared_ptr<models::NetworkImpl> loadRunModel(const std::string &runDir,
                                                  experiment::ExperimentConfig &config)
{
    config = experiment::ExperimentConfig::fromFile(RunDir(runDir).config());
    models::ModelSpec spec = config.model;
    spec.weights = "none";
    spec.freeze = "none";
    spec.frozen.clear();
    auto model = models::createModel(spec);
    const std::string weightsFile = RunDir(runDir).model();
    weights::loadStateDict(*model, weights::readCheckpoint(weightsFile).tensors, true, weightsFile);
    model->eval();
    return model;
}

data::DatasetSplits loadRunData(const std::string &runDir)
{
    auto config = experiment::ExperimentConfig::fromFile(RunDir(runDir).config());
    config.data.seed = config.seed; // the run's subsets
    return data::loadDataset(config.data);
}

RunFeatures runFeatures(const std::string &runDir, const data::DatasetSplits &data,
                        const FeatureProgress &progress, bool useCache)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto stopped = [&] {
        RunFeatures s;
        s.runDir = runDir;
        s.stopped = true;
        return s;
    };
    RunFeatures f;
    f.runDir = runDir;
    f.classNames = data.train.classNames;
    experiment::ExperimentConfig config;
    auto model = loadRunModel(runDir, config);
    if (config.model.numClasses != int(f.classNames.size()))
        throw fileError(RunDir(runDir).config(),
                        "the model has " + std::to_string(config.model.numClasses) +
                            " classes, the data " + std::to_string(f.classNames.size()));
    if (progress && !progress(0.0, std::string("Checking ") + RunDir::kModel))
        return stopped();
    f.weightsDigest = hashFile(RunDir(runDir).model(), HashKind::Sha256);
    const std::string cacheFile = RunDir(runDir).features();
    const std::string signature = dataSignature(data);
    std::string why;
    if (useCache) {
        try {
            RunFeatures cached = f;
            why = readCache(cacheFile, f.weightsDigest, signature, data, cached);
            if (why.empty()) {
                cached.fromCache = true;
                cached.note = sampleNote(std::size_t(cached.train.rows), data.train.size());
                cached.seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                return cached;
            }
        } catch (const std::exception &e) {
            why = e.what(); // a damaged cache is recomputed, not fatal
        }
    }

    models::PenultimateProbe probe(*model);
    f.layer = probe.layer();
    const data::SampleTransform transform(data.train.height, data.train.width, data.train.channels,
                                          data::AugmentOptions{}, config.preprocess);
    const std::size_t trainRows = std::size_t(std::max<std::int64_t>(
        1000, kFeatureRowsBytes / (4 * std::max<std::int64_t>(probe.width(), 1))));
    const std::vector<std::size_t> rows[3] = {evenRows(data.train.size(), trainRows),
                                              evenRows(data.val.size(), data.val.size()),
                                              evenRows(data.test.size(), data.test.size())};
    const double total = double(rows[0].size() + rows[1].size() + rows[2].size());
    double before = 0;
    const std::int64_t classes = std::int64_t(f.classNames.size());
    for (int s = 0; s < 3; ++s) {
        const std::string name = kSplits[s];
        auto step = [&](std::int64_t done) {
            return !progress || progress((before + double(done)) / std::max(total, 1.0),
                                         "Features of the " + name + " images");
        };
        if (!extractSplit(probe, storeOf(data, name), rows[s], transform, classes, splitOf(f, name),
                          step))
            return stopped();
        before += double(rows[s].size());
    }
    if (!why.empty() && why != "none yet")
        f.note = std::string(RunDir::kFeatures) + " was not used (" + why + "); computed again";
    const std::string sampled = sampleNote(rows[0].size(), data.train.size());
    if (!sampled.empty())
        f.note += (f.note.empty() ? "" : "; ") + sampled;
    if (useCache)
        writeCache(cacheFile, f, signature);
    f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return f;
}

} // namespace tl::runs
