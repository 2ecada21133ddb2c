#include "run/feature_cache.h"

#include "base/error.h"
#include "data/batch_loader.h"
#include "data/image_files.h"
#include "run/run_experiment.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

namespace tl::runs {

namespace {

// Everything before the head frozen, and something in the head to train.
bool bodyFrozen(models::NetworkImpl &model)
{
    const auto children = model.named_children();
    if (children.size() < 2 || !model.canSplit())
        return false;
    const std::string head = children.keys().back() + ".";
    bool anyTrainable = false;
    for (const auto &p : model.named_parameters()) {
        const bool inHead = p.key().rfind(head, 0) == 0;
        if (!inHead && p.value().requires_grad())
            return false;
        anyTrainable = anyTrainable || (inHead && p.value().requires_grad());
    }
    return anyTrainable;
}

// The labels of the images the extraction kept: a streamed store's file that fails to decode
// is left out of every pass (data::ImageFiles refuses it from then on).
torch::Tensor labelTensor(const data::ImageStore &store)
{
    std::vector<std::int64_t> labels;
    labels.reserve(store.size());
    for (std::size_t i = 0; i < store.size(); ++i)
        if (!store.streamed() || !store.files->broken(store.sourcePaths[i]))
            labels.push_back(store.labels[i]);
    return torch::tensor(labels, torch::kInt64);
}

// Features per image, from one forward pass of the body on a zero image.
std::int64_t featuresPerImage(models::NetworkImpl &model, const FeatureCacheRequest &r)
{
    torch::NoGradGuard ng;
    model.eval();
    const auto &p = r.config.preprocess;
    const auto probe =
        model.forwardBody(torch::zeros({1, p.channels, p.imageSize, p.imageSize}).to(r.device));
    model.train();
    return probe.numel();
}

// Each image is read once by the feature pass: a streamed dataset's decoded-image cache would
// only fill memory (12,000 photos: 3.05 GB at the peak with it, against 2.17 GB for 3,000). Off
// while this lives, then its budget back.
class DecodedCacheOff
{
public:
    explicit DecodedCacheOff(std::shared_ptr<data::ImageFiles> files)
        : m_files(std::move(files)), m_budget(m_files ? m_files->cacheBudget() : 0)
    {
        if (m_files)
            m_files->setCacheBudget(0);
    }
    ~DecodedCacheOff()
    {
        if (m_files)
            m_files->setCacheBudget(m_budget);
    }
    DecodedCacheOff(const DecodedCacheOff &) = delete;
    DecodedCacheOff &operator=(const DecodedCacheOff &) = delete;

private:
    std::shared_ptr<data::ImageFiles> m_files;
    std::uint64_t m_budget = 0;
};

// Features beyond the memory budget: one file of float32 rows per split in feature-cache/,
// written as the extraction goes and mapped back (the page cache keeps what fits, the disk the
// rest), removed when the cache goes.
constexpr const char *kSpillFolder = "feature-cache";

struct SpillFiles
{
    std::filesystem::path dir;
    ~SpillFiles()
    {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

torch::Tensor extractToFile(train::Trainer &trainer, train::BatchSource &loader,
                            const std::filesystem::path &file)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::vector<std::int64_t> shape;
    const bool complete = out && trainer.extractFeaturesTo(loader, [&](const torch::Tensor &t) {
        if (shape.empty())
            shape = t.sizes().vec(), shape[0] = 0;
        shape[0] += t.size(0);
        out.write(reinterpret_cast<const char *>(t.data_ptr<float>()),
                  std::streamsize(t.numel() * std::int64_t(sizeof(float))));
    });
    out.close();
    if (!out)
        throw Error("cannot write the feature cache " + file.string() + " (is the disk full?)");
    if (!complete || shape.empty())
        return {};
    std::int64_t values = 1;
    for (const std::int64_t s : shape)
        values *= s;
    return torch::from_file(file.string(), /*shared=*/true, values, torch::kFloat32).view(shape);
}

// The folder for a stage's spilled features: the run folder's, or a temporary one.
std::shared_ptr<SpillFiles> spillFolder(const FeatureCacheRequest &r)
{
    auto spill = std::make_shared<SpillFiles>();
    spill->dir = r.spillDir.empty() ? std::filesystem::temp_directory_path() /
                                          ("transferlab-features-" + std::to_string(::getpid()))
                                    : std::filesystem::path(r.spillDir) / kSpillFolder;
    std::error_code ec;
    std::filesystem::create_directories(spill->dir, ec);
    if (ec)
        throw Error("cannot make the feature cache folder " + spill->dir.string() + ": " +
                    ec.message());
    return spill;
}

} // namespace

namespace {

// A later stage that trains the backbone too would meet the folded head with features of
// another scale (a random backbone's BatchNorm grows them from ~1e-9 to ~1 once it trains: the
// loss diverged), so the cached head is standardised only when no later stage does.
bool laterStageTrainsBackbone(const FeatureCacheRequest &r)
{
    const auto &stages = r.config.stages;
    for (std::size_t k = 0; k < stages.size(); ++k)
        if (&stages[k] == &r.stage) {
            for (std::size_t later = k + 1; later < stages.size(); ++later)
                if (!stages[later].freeze.empty() && stages[later].freeze != "backbone")
                    return true;
            return false;
        }
    return false;
}

} // namespace

FeatureCache buildFeatureCache(train::Trainer &trainer, const FeatureCacheRequest &r,
                               int remainingEpochs, bool withTest,
                               const std::function<void(const std::string &)> &say)
{
    FeatureCache cache;
    const auto &ds = r.data;
    if (!r.config.cacheFeatures || remainingEpochs < 2 || r.config.augment.any() ||
        !bodyFrozen(trainer.model()))
        return cache;
    const std::int64_t perImage = featuresPerImage(trainer.model(), r);
    const std::int64_t samples =
        std::int64_t(ds.train.size() + ds.val.size() + (withTest ? ds.test.size() : 0));
    const std::int64_t bytes = samples * perImage * 4;
    // A streamed dataset's features share its photos' budget (data.cache_mib).
    const std::int64_t budget =
        ds.train.streamed() ? std::int64_t(r.config.data.cacheMiB) << 20 : kFeatureCacheBytes;
    if (bytes > budget)
        cache.spilled = spillFolder(r);
    const auto t0 = std::chrono::steady_clock::now();
    say("Stage " + r.stage.name + ": computing the frozen backbone's features once (" +
        std::to_string(perImage) + " per image)");
    data::LoaderOptions eo;
    eo.batchSize = r.evaluationBatch;
    eo.shuffle = eo.augment = false;
    eo.workers = r.config.workers;
    eo.prefetch = r.config.prefetch;
    eo.seed = r.config.seed;
    const DecodedCacheOff cacheOff(ds.train.files);
    const auto *spill = static_cast<const SpillFiles *>(cache.spilled.get());
    auto features = [&](const data::ImageStore &store, const char *file) {
        data::BatchLoader ordered(store, r.transform, eo);
        return spill ? extractToFile(trainer, ordered, spill->dir / file)
                     : trainer.extractFeatures(ordered);
    };
    const torch::Tensor ftrain = features(ds.train, "train.f32");
    const torch::Tensor fval = ds.val.empty() ? torch::Tensor() : features(ds.val, "val.f32");
    const torch::Tensor ftest = withTest ? features(ds.test, "test.f32") : torch::Tensor();
    if (!ftrain.defined() || (!ds.val.empty() && !fval.defined()) || (withTest && !ftest.defined()))
        return {}; // a stop ended the extraction
    const torch::Tensor ltrain = labelTensor(ds.train);
    const torch::Tensor lval = fval.defined() ? labelTensor(ds.val) : torch::Tensor();
    const torch::Tensor ltest = ftest.defined() ? labelTensor(ds.test) : torch::Tensor();
    if (ltrain.size(0) != ftrain.size(0) || (lval.defined() && lval.size(0) != fval.size(0)) ||
        (ltest.defined() && ltest.size(0) != ftest.size(0)))
        return {}; // cannot happen: every pass leaves out the same files
    cache.train =
        std::make_unique<train::TensorBatchSource>(ftrain, ltrain, r.stage.batchSize, false);
    // The head sees the batches the image loader would have given it, in the same order.
    const std::size_t n = std::size_t(ftrain.size(0));
    const std::uint64_t seed = r.config.seed;
    cache.train->setOrder(
        [n, seed](int epoch) { return data::BatchLoader::epochOrder(n, seed, epoch, true); });
    if (fval.defined())
        cache.val = std::make_unique<train::TensorBatchSource>(fval, lval, eo.batchSize, false);
    if (ftest.defined())
        cache.test = std::make_unique<train::TensorBatchSource>(ftest, ltest, eo.batchSize, false);
    if (r.shard.active()) {
        cache.train->setShard(r.shard, /*pad=*/true);
        for (auto *source : {cache.val.get(), cache.test.get()})
            if (source)
                source->setShard(r.shard, /*pad=*/false);
    }
    if (!laterStageTrainsBackbone(r)) // the head stays the only part that trains
        cache.scaling = featureScaling(trainer.model(), ftrain);
    cache.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    cache.onDisk = spill != nullptr;
    char line[640];
    std::snprintf(line, sizeof line,
                  "Cached %lld training images' features in %.1f s%s%s%s; the head trains on "
                  "them%s",
                  static_cast<long long>(ftrain.size(0)), cache.seconds,
                  spill ? " on disk (over the memory budget: " : "",
                  spill ? spill->dir.string().c_str() : "", spill ? ")" : "",
                  cache.scaling.active() ? " standardised (the scaling folded into its first "
                                           "layer when saved)"
                                         : "");
    say(line);
    return cache;
}

train::FitResult fitOnCache(train::Trainer &trainer, const FeatureCache &cache,
                            train::FitOptions fo)
{
    const FeatureScaling &s = cache.scaling;
    fo.headOnly = true;
    if (!s.active()) {
        if (cache.test)
            fo.trackConfusionOn = cache.test.get();
        return trainer.fit(*cache.train, cache.val.get(), fo);
    }
    models::NetworkImpl &model = trainer.model();
    ScaledBatchSource train(*cache.train, s);
    std::optional<ScaledBatchSource> val, test;
    if (cache.val)
        val.emplace(*cache.val, s);
    if (cache.test)
        fo.trackConfusionOn = &test.emplace(*cache.test, s);
    train::StageState resumed; // a resumed stage's best weights, standardised like the layer
    if (fo.resume) {
        resumed = *fo.resume;
        foldSnapshot(model, s, resumed.bestWeights, /*fold=*/false);
        fo.resume = &resumed;
    }
    if (auto save = fo.onEpochState)
        fo.onEpochState = [&model, &s, save](const train::StageState &st) {
            train::StageState folded = st;
            foldSnapshot(model, s, folded.bestWeights, /*fold=*/true);
            // Folded in place and back: a run resumed from this state goes on from exactly
            // the weights this one goes on from.
            foldLayer(s);
            struct Restandardise
            {
                const FeatureScaling &s;
                ~Restandardise() { standardiseLayer(s); }
            } again{s};
            save(folded);
        };
    standardiseLayer(s);
    struct Fold
    {
        const FeatureScaling &s;
        ~Fold() { foldLayer(s); }
    } fold{s};
    return trainer.fit(train, val ? &*val : nullptr, fo);
}

} // namespace tl::runs
