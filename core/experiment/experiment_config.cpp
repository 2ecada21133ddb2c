#include "experiment/experiment_config.h"

#include "base/error.h"
#include "io/file_limits.h"
#include "io/files.h"
#include "io/json_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

using nlohmann::json;

namespace tl::experiment {

namespace {

// Experiment files are written by people: unknown keys (typos) are reported, not ignored.
class Reader : public JsonObject
{
public:
    Reader(const json &j, std::string path, std::string origin)
        : JsonObject(j, std::move(path), std::move(origin), /*strict=*/true)
    {
    }
};

void readOptimizer(Reader &r, OptimizerConfig &o)
{
    r.get("name", o.name);
    r.get("lr", o.lr);
    r.get("momentum", o.momentum);
    r.get("nesterov", o.nesterov);
    r.get("weight_decay", o.weightDecay);
    r.get("beta1", o.beta1);
    r.get("beta2", o.beta2);
    r.get("eps", o.eps);
}

json optimizerJson(const OptimizerConfig &o)
{
    return {{"name", o.name},
            {"lr", o.lr},
            {"momentum", o.momentum},
            {"nesterov", o.nesterov},
            {"weight_decay", o.weightDecay},
            {"beta1", o.beta1},
            {"beta2", o.beta2},
            {"eps", o.eps}};
}

} // namespace

namespace {

void readGpu(Reader &r, ExperimentConfig::Gpu &gpu)
{
    Reader g(r.child("gpu"), "gpu", r.origin());
    g.get("mixed_precision", gpu.mixedPrecision);
    g.get("channels_last", gpu.channelsLast);
    g.get("pinned_memory", gpu.pinnedMemory);
    g.get("cudnn_benchmark", gpu.cudnnBenchmark);
}

void readData(Reader &r, data::DatasetOptions &o)
{
    Reader d(r.child("data"), "data", r.origin());
    d.get("dataset", o.name);
    d.get("root", o.root);
    d.get("train_fraction", o.trainFraction);
    d.get("val_split", o.valSplit);
    d.get("test_fraction", o.testFraction);
    d.get("download", o.download);
    d.get("image_size", o.imageSize);
    d.get("cache_mib", o.cacheMiB);
    d.get("mirror", o.mirror);
    d.get("classes", o.classes);
    d.get("per_class", o.perClass);
    d.get("exclude", o.exclude);
}

void readModel(Reader &r, models::ModelSpec &s)
{
    Reader m(r.child("model"), "model", r.origin());
    m.get("name", s.name);
    m.get("num_classes", s.numClasses);
    m.get("in_channels", s.inChannels);
    m.get("input_size", s.inputSize);
    m.get("dropout", s.dropout);
    m.get("batch_norm", s.batchNorm);
    m.get("bn_momentum", s.bnMomentum);
    m.get("l2", s.l2);
    m.get("pool_size", s.poolSize);
    m.get("frozen_layers", s.frozen);
    m.get("freeze", s.freeze);
    m.get("head", s.head);
    m.get("head_hidden", s.headHidden);
    m.get("head_dropout", s.headDropout);
    m.get("truncate_at", s.truncateAt);
    m.get("weights", s.weights);
}

// "augment" is an object, or the CLI's string form ("hflip,rotation=15").
void readAugment(Reader &r, data::AugmentOptions &a)
{
    const json &j = r.child("augment");
    if (j.is_string()) {
        try {
            a = data::AugmentOptions::parse(j.get<std::string>());
        } catch (const Error &e) {
            r.fail("augment", e.what());
        }
        return;
    }
    Reader ar(j, "augment", r.origin());
    ar.get("hflip", a.hflip);
    ar.get("vflip", a.vflip);
    ar.get("rotation", a.rotation);
    ar.get("zoom", a.zoom);
    ar.get("translate", a.translate);
    ar.get("brightness", a.brightness);
    ar.get("contrast", a.contrast);
    ar.get("cutout", a.cutout);
    ar.get("autoaugment", a.autoAugment);
}

void readPreprocess(Reader &r, data::PreprocessOptions &pre)
{
    Reader p(r.child("preprocess"), "preprocess", r.origin());
    std::string norm = data::normalizationName(pre.normalization);
    p.get("normalization", norm);
    try {
        pre.normalization = data::normalizationFromName(norm);
    } catch (const Error &e) {
        p.fail("normalization", e.what());
    }
    std::vector<float> mean(pre.mean.begin(), pre.mean.end());
    std::vector<float> std(pre.std.begin(), pre.std.end());
    p.get("mean", mean);
    p.get("std", std);
    if (mean.size() != 3 || std.size() != 3)
        p.fail("mean", "mean and std need three values (R, G, B)");
    std::copy(mean.begin(), mean.end(), pre.mean.begin());
    std::copy(std.begin(), std.end(), pre.std.begin());
    p.get("image_size", pre.imageSize);
    p.get("channels", pre.channels);
}

StageConfig readStage(const json &j, const std::string &path, const std::string &origin)
{
    StageConfig st;
    Reader sr(j, path, origin);
    sr.get("name", st.name);
    sr.get("epochs", st.epochs);
    sr.get("batch_size", st.batchSize);
    sr.get("freeze", st.freeze);
    sr.get("label_smoothing", st.labelSmoothing);
    sr.get("grad_clip", st.gradClip);
    sr.get("backbone_lr_multiplier", st.backboneLrMultiplier);
    if (sr.has("optimizer")) {
        Reader o(sr.child("optimizer"), sr.path("optimizer"), origin);
        readOptimizer(o, st.optimizer);
    }
    if (sr.has("schedule")) {
        Reader sc(sr.child("schedule"), sr.path("schedule"), origin);
        sc.get("type", st.schedule.type);
        sc.get("step_size", st.schedule.stepSize);
        sc.get("gamma", st.schedule.gamma);
        sc.get("factor", st.schedule.factor);
        sc.get("patience", st.schedule.patience);
        sc.get("monitor", st.schedule.monitor);
        sc.get("min_lr", st.schedule.minLr);
        sc.get("warmup_epochs", st.schedule.warmupEpochs);
    }
    if (sr.has("early_stopping")) {
        Reader es(sr.child("early_stopping"), sr.path("early_stopping"), origin);
        st.earlyStopping.enabled = true;
        es.get("enabled", st.earlyStopping.enabled);
        es.get("monitor", st.earlyStopping.monitor);
        es.get("patience", st.earlyStopping.patience);
        es.get("restore_best", st.earlyStopping.restoreBest);
    }
    return st;
}

void readStages(Reader &r, std::vector<StageConfig> &stages)
{
    const json &s = r.child("stages");
    if (!s.is_array() || s.empty())
        r.fail("stages", "expected a non-empty list of stages");
    stages.clear();
    for (std::size_t i = 0; i < s.size(); ++i)
        stages.push_back(readStage(s[i], "stages[" + std::to_string(i) + "]", r.origin()));
}

} // namespace

ExperimentConfig ExperimentConfig::fromJson(const std::string &text, const std::string &origin)
{
    const json j = parseJson(text, origin);
    ExperimentConfig c;
    {
        Reader r(j, "", origin);
        int version = kVersion;
        r.get("version", version);
        if (version != kVersion)
            r.fail("version", "this TransferLab reads version " + std::to_string(kVersion) +
                                  ", the file has " + std::to_string(version));
        if (r.has("sweep"))
            r.fail("sweep", "this file describes a sweep of many runs; run it with "
                            "`transferlab-cli sweep FILE`");
        r.get("name", c.name);
        r.get("seed", c.seed);
        r.get("device", c.device);
        r.get("workers", c.workers);
        r.get("prefetch", c.prefetch);
        r.get("threads", c.threads);
        r.get("confusion_every_epoch", c.confusionEveryEpoch);
        r.get("cache_features", c.cacheFeatures);
        r.get("keep_checkpoints", c.keepCheckpoints);
        if (r.has("gpu"))
            readGpu(r, c.gpu);
        if (r.has("data"))
            readData(r, c.data);
        if (r.has("model"))
            readModel(r, c.model);
        if (r.has("augment"))
            readAugment(r, c.augment);
        if (r.has("preprocess"))
            readPreprocess(r, c.preprocess);
        if (r.has("stages"))
            readStages(r, c.stages);
    }
    try {
        c.validate();
    } catch (const Error &e) {
        throw fileError(origin, e.what());
    }
    return c;
}

ExperimentConfig ExperimentConfig::fromFile(const std::string &path)
{
    const Bytes b = readFile(path);
    return fromJson(std::string(b.begin(), b.end()), path);
}

namespace {

json stageJson(const StageConfig &s)
{
    return {{"name", s.name},
            {"epochs", s.epochs},
            {"batch_size", s.batchSize},
            {"freeze", s.freeze},
            {"optimizer", optimizerJson(s.optimizer)},
            {"schedule",
             {{"type", s.schedule.type},
              {"step_size", s.schedule.stepSize},
              {"gamma", s.schedule.gamma},
              {"factor", s.schedule.factor},
              {"patience", s.schedule.patience},
              {"monitor", s.schedule.monitor},
              {"min_lr", s.schedule.minLr},
              {"warmup_epochs", s.schedule.warmupEpochs}}},
            {"early_stopping",
             {{"enabled", s.earlyStopping.enabled},
              {"monitor", s.earlyStopping.monitor},
              {"patience", s.earlyStopping.patience},
              {"restore_best", s.earlyStopping.restoreBest}}},
            {"label_smoothing", s.labelSmoothing},
            {"grad_clip", s.gradClip},
            {"backbone_lr_multiplier", s.backboneLrMultiplier}};
}

json modelJson(const models::ModelSpec &m)
{
    return {{"name", m.name},
            {"num_classes", m.numClasses},
            {"in_channels", m.inChannels},
            {"input_size", m.inputSize},
            {"dropout", m.dropout},
            {"batch_norm", m.batchNorm},
            {"bn_momentum", m.bnMomentum},
            {"l2", m.l2},
            {"pool_size", m.poolSize},
            {"head", m.head},
            {"head_hidden", m.headHidden},
            {"head_dropout", m.headDropout},
            {"truncate_at", m.truncateAt},
            {"weights", m.weights},
            {"freeze", m.freeze},
            {"frozen_layers", m.frozen}};
}

json augmentJson(const data::AugmentOptions &a)
{
    return {{"hflip", a.hflip},       {"vflip", a.vflip},         {"rotation", a.rotation},
            {"zoom", a.zoom},         {"translate", a.translate}, {"brightness", a.brightness},
            {"contrast", a.contrast}, {"cutout", a.cutout},       {"autoaugment", a.autoAugment}};
}

json dataJson(const data::DatasetOptions &d)
{
    return {{"dataset", d.name},
            {"root", d.root},
            {"train_fraction", d.trainFraction},
            {"val_split", d.valSplit},
            {"test_fraction", d.testFraction},
            {"download", d.download},
            {"image_size", d.imageSize},
            {"cache_mib", d.cacheMiB},
            {"mirror", d.mirror},
            {"classes", d.classes},
            {"per_class", d.perClass},
            {"exclude", d.exclude}};
}

} // namespace

std::string ExperimentConfig::toJson() const
{
    json stagesJson = json::array();
    for (const auto &s : stages)
        stagesJson.push_back(stageJson(s));
    json j = {
        {"version", kVersion},
        {"name", name},
        {"seed", seed},
        {"device", device},
        {"workers", workers},
        {"prefetch", prefetch},
        {"threads", threads},
        {"confusion_every_epoch", confusionEveryEpoch},
        {"cache_features", cacheFeatures},
        {"keep_checkpoints", keepCheckpoints},
        {"gpu",
         {{"mixed_precision", gpu.mixedPrecision},
          {"channels_last", gpu.channelsLast},
          {"pinned_memory", gpu.pinnedMemory},
          {"cudnn_benchmark", gpu.cudnnBenchmark}}},
        {"data", dataJson(data)},
        {"model", modelJson(model)},
        {"augment", augmentJson(augment)},
        {"preprocess",
         {{"normalization", data::normalizationName(preprocess.normalization)},
          {"mean", preprocess.mean},
          {"std", preprocess.std},
          {"image_size", preprocess.imageSize},
          {"channels", preprocess.channels}}},
        {"stages", stagesJson},
    };
    return j.dump(2) + "\n";
}

namespace {

void check(bool ok, const std::string &key, const std::string &what)
{
    if (!ok)
        throw Error("'" + key + "': " + what);
}

void checkData(const data::DatasetOptions &data)
{
    data::datasetInfo(data.name);
    check(data.trainFraction > 0 && data.trainFraction <= 1, "data.train_fraction",
          "must be in (0, 1]");
    check(data.valSplit >= 0 && data.valSplit < 1, "data.val_split", "must be in [0, 1)");
    check(data.testFraction > 0 && data.testFraction <= 1, "data.test_fraction",
          "must be in (0, 1]");
    check(data.imageSize >= 0 && data.imageSize <= limits::kMaxInputSize, "data.image_size",
          "must be 0.." + std::to_string(limits::kMaxInputSize));
    check(data.cacheMiB >= 0 && data.cacheMiB <= 1 << 20, "data.cache_mib",
          "must be 0..1048576 (MiB of decoded images kept in memory; 0: none)");
    check(data.perClass >= 0 && data.perClass <= 1000000, "data.per_class",
          "must be 0..1000000 (0: every image)");
    check(data.classes.size() != 1, "data.classes", "a classifier needs at least 2 classes");
    check(std::all_of(data.exclude.begin(), data.exclude.end(),
                      [](std::int64_t i) { return i >= 0; }),
          "data.exclude", "indices must be 0 or more");
    check(data.classes.size() <= std::size_t(limits::kMaxClasses), "data.classes",
          "at most " + std::to_string(limits::kMaxClasses) + " classes");
    for (const auto &c : data.classes)
        check(!c.empty() && c.size() <= 256, "data.classes", "a class name is empty or too long");
}

void checkModel(const models::ModelSpec &model)
{
    models::modelInfo(model.name);
    check(model.numClasses >= 0 && model.numClasses <= limits::kMaxClasses, "model.num_classes",
          "must be 0.." + std::to_string(limits::kMaxClasses) + " (0: from the data)");
    check(model.inChannels == 0 || model.inChannels == 1 || model.inChannels == 3,
          "model.in_channels", "must be 0, 1 or 3");
    check(model.inputSize >= 0 && model.inputSize <= limits::kMaxInputSize, "model.input_size",
          "must be 0.." + std::to_string(limits::kMaxInputSize) + " (0: from the data)");
    check(std::isfinite(model.dropout) && model.dropout < 1, "model.dropout",
          "must be below 1 (negative: the model's default)");
    check(model.bnMomentum >= 0 && model.bnMomentum < 1, "model.bn_momentum", "must be in [0, 1)");
    check(model.l2 >= 0, "model.l2", "must not be negative");
    check(model.poolSize >= 1 && model.poolSize <= 8, "model.pool_size", "must be 1..8");
    check(model.headHidden >= 0 && model.headHidden <= 65536, "model.head_hidden",
          "must be 0..65536");
    check(model.headDropout >= 0 && model.headDropout < 1, "model.head_dropout",
          "must be in [0, 1)");
    static const std::set<std::string> heads = {"keep", "imagenet", "gap", "flatten"};
    check(heads.count(model.head) != 0, "model.head", "must be keep, imagenet, gap or flatten");
}

void checkPreprocess(const data::PreprocessOptions &preprocess)
{
    check(preprocess.imageSize >= 0 && preprocess.imageSize <= limits::kMaxInputSize,
          "preprocess.image_size", "must be 0.." + std::to_string(limits::kMaxInputSize));
    for (int i = 0; i < 3; ++i) {
        check(std::isfinite(preprocess.mean[std::size_t(i)]), "preprocess.mean",
              "must be finite numbers");
        check(std::isfinite(preprocess.std[std::size_t(i)]) && preprocess.std[std::size_t(i)] > 0,
              "preprocess.std", "must be positive numbers");
    }
    check(preprocess.channels == 0 || preprocess.channels == 1 || preprocess.channels == 3,
          "preprocess.channels", "must be 0, 1 or 3");
}

void checkAugment(const data::AugmentOptions &augment)
{
    check(augment.zoom >= 0 && augment.zoom < 1, "augment.zoom", "must be in [0, 1)");
    check(augment.translate >= 0 && augment.translate < 1, "augment.translate",
          "must be in [0, 1) (a fraction of the image)");
    check(augment.brightness >= 0 && augment.brightness <= 1, "augment.brightness",
          "must be in [0, 1]");
    check(augment.contrast >= 0 && augment.contrast <= 1, "augment.contrast", "must be in [0, 1]");
    check(augment.cutout >= 0 && augment.cutout <= limits::kMaxInputSize, "augment.cutout",
          "must be 0.." + std::to_string(limits::kMaxInputSize) + " pixels");
    check(std::isfinite(augment.rotation) && augment.rotation >= 0 && augment.rotation <= 180,
          "augment.rotation", "must be 0..180 degrees");
}

void checkStage(const StageConfig &s, const std::string &k)
{
    check(s.epochs >= 1 && s.epochs <= 100000, k + ".epochs", "must be at least 1");
    check(s.batchSize >= 1 && s.batchSize <= 65536, k + ".batch_size", "must be 1..65536");
    check(std::isfinite(s.optimizer.lr) && s.optimizer.lr > 0, k + ".optimizer.lr",
          "must be a positive number");
    check(s.optimizer.beta1 >= 0 && s.optimizer.beta1 < 1 && s.optimizer.beta2 >= 0 &&
              s.optimizer.beta2 < 1,
          k + ".optimizer.beta1", "beta1 and beta2 must be in [0, 1)");
    check(s.optimizer.eps > 0, k + ".optimizer.eps", "must be positive");
    check(s.optimizer.momentum >= 0 && s.optimizer.momentum < 1, k + ".optimizer.momentum",
          "must be in [0, 1)");
    check(s.optimizer.weightDecay >= 0, k + ".optimizer.weight_decay", "must not be negative");
    static const std::set<std::string> known = {"sgd", "adam", "adamw", "rmsprop"};
    check(known.count(s.optimizer.name) != 0, k + ".optimizer.name",
          "unknown optimizer '" + s.optimizer.name + "' (known: sgd, adam, adamw, rmsprop)");
    static const std::set<std::string> schedules = {"none", "step", "cosine", "onecycle",
                                                    "plateau"};
    check(schedules.count(s.schedule.type) != 0, k + ".schedule.type",
          "unknown schedule '" + s.schedule.type +
              "' (known: none, step, cosine, onecycle, plateau)");
    static const std::set<std::string> monitors = {"val_accuracy", "val_loss", "train_loss",
                                                   "train_accuracy"};
    check(monitors.count(s.schedule.monitor) != 0, k + ".schedule.monitor",
          "must be val_accuracy, val_loss, train_accuracy or train_loss");
    check(monitors.count(s.earlyStopping.monitor) != 0, k + ".early_stopping.monitor",
          "must be val_accuracy, val_loss, train_accuracy or train_loss");
    check(s.schedule.stepSize >= 1, k + ".schedule.step_size", "must be at least 1");
    check(s.schedule.minLr >= 0, k + ".schedule.min_lr", "must not be negative");
    check(s.schedule.warmupEpochs <= s.epochs, k + ".schedule.warmup_epochs",
          "must not exceed the stage's epochs");
    check(s.schedule.gamma > 0 && s.schedule.gamma <= 1, k + ".schedule.gamma",
          "must be in (0, 1]");
    check(s.schedule.factor > 0 && s.schedule.factor < 1, k + ".schedule.factor",
          "must be in (0, 1)");
    check(s.schedule.patience >= 0, k + ".schedule.patience", "must not be negative");
    check(s.schedule.warmupEpochs >= 0, k + ".schedule.warmup_epochs", "must not be negative");
    check(s.earlyStopping.patience >= 1, k + ".early_stopping.patience", "must be at least 1");
    check(s.labelSmoothing >= 0 && s.labelSmoothing < 1, k + ".label_smoothing",
          "must be in [0, 1)");
    check(s.gradClip >= 0, k + ".grad_clip", "must not be negative");
    check(s.backboneLrMultiplier > 0, k + ".backbone_lr_multiplier", "must be positive");
}

} // namespace

void ExperimentConfig::validate() const
{
    checkData(data);
    checkModel(model);
    checkPreprocess(preprocess);
    checkAugment(augment);
    check(workers >= 0 && workers <= 64, "workers", "must be 0..64");
    check(prefetch >= 1 && prefetch <= 256, "prefetch", "must be 1..256");
    check(threads >= 0 && threads <= 256, "threads", "must be 0..256");
    check(!stages.empty(), "stages", "needs at least one stage");
    for (std::size_t i = 0; i < stages.size(); ++i)
        checkStage(stages[i], "stages[" + std::to_string(i) + "]");
}

} // namespace tl::experiment
