#pragma once

// The experiment file's keys, declared once. visitExperiment(v, config) walks every key: each
// object, each field with the member that holds it and the rule its value must meet. Three
// visitors walk the same table: ConfigReader reads (strictly for experiment files, leniently
// for a run folder's config.json), ConfigWriter writes and ConfigChecker checks, so a key
// cannot be read but not written, written under another name, or left unchecked by accident.
// Internal to core/experiment: experiment_config.cpp is its one user.

#include "experiment/experiment_config.h"

#include "base/error.h"
#include "io/file_limits.h"
#include "io/json_file.h"
#include "train/class_weights.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace tl::experiment::schema {

// A key every run's config.json has: its lenient reader refuses a file without it (an
// experiment file may leave out any key).
enum class Need { Optional, InRun };

// A rule: "" when the value is fine, else what it must be ("must be in (0, 1]").
struct Any
{
    template <typename T> std::string operator()(const T &) const { return {}; }
};
template <typename P> auto check(P pred, std::string what)
{
    return [pred, what](const auto &v) { return pred(v) ? std::string() : what; };
}
inline auto between(double lo, double hi, std::string what)
{
    return check([lo, hi](double v) { return v >= lo && v <= hi; }, std::move(what));
}
inline std::string upTo(int hi)
{
    return "must be 0.." + std::to_string(hi);
}
inline auto oneOf(std::set<std::string> known, std::string what)
{
    return check([known](const std::string &v) { return known.count(v) != 0; }, std::move(what));
}
inline constexpr const char *kMonitors =
    "must be val_accuracy, val_loss, train_accuracy or train_loss";
inline auto monitor()
{
    return oneOf({"val_accuracy", "val_loss", "train_loss", "train_accuracy"}, kMonitors);
}

template <class V, class O> void visitOptimizer(V &v, O &o)
{
    v.field("name", o.name, [](const std::string &n) {
        static const std::set<std::string> known = {"sgd", "adam", "adamw", "rmsprop"};
        return known.count(n) ? std::string()
                              : "unknown optimizer '" + n + "' (known: sgd, adam, adamw, rmsprop)";
    });
    v.field("lr", o.lr,
            check([](double x) { return std::isfinite(x) && x > 0; }, "must be a positive number"));
    v.field("momentum", o.momentum,
            check([](double x) { return x >= 0 && x < 1; }, "must be in [0, 1)"));
    v.field("nesterov", o.nesterov);
    v.field("weight_decay", o.weightDecay,
            check([](double x) { return x >= 0; }, "must not be negative"));
    v.field(
        "beta1", o.beta1,
        check([&o](double) { return o.beta1 >= 0 && o.beta1 < 1 && o.beta2 >= 0 && o.beta2 < 1; },
              "beta1 and beta2 must be in [0, 1)"));
    v.field("beta2", o.beta2);
    v.field("eps", o.eps, check([](double x) { return x > 0; }, "must be positive"));
}

template <class V, class S> void visitSchedule(V &v, S &s, int epochs)
{
    v.field("type", s.type, [](const std::string &t) {
        static const std::set<std::string> known = {"none", "step", "cosine", "onecycle",
                                                    "plateau"};
        return known.count(t)
                   ? std::string()
                   : "unknown schedule '" + t + "' (known: none, step, cosine, onecycle, plateau)";
    });
    v.field("step_size", s.stepSize, check([](int x) { return x >= 1; }, "must be at least 1"));
    v.field("gamma", s.gamma, check([](double x) { return x > 0 && x <= 1; }, "must be in (0, 1]"));
    v.field("factor", s.factor,
            check([](double x) { return x > 0 && x < 1; }, "must be in (0, 1)"));
    v.field("patience", s.patience, check([](int x) { return x >= 0; }, "must not be negative"));
    v.field("monitor", s.monitor, monitor());
    v.field("min_lr", s.minLr, check([](double x) { return x >= 0; }, "must not be negative"));
    v.field("warmup_epochs", s.warmupEpochs, [epochs](int w) {
        if (w > epochs)
            return std::string("must not exceed the stage's epochs");
        return w < 0 ? std::string("must not be negative") : std::string();
    });
}

template <class V, class E> void visitEarlyStopping(V &v, E &e)
{
    v.field("enabled", e.enabled);
    v.field("monitor", e.monitor, monitor());
    v.field("patience", e.patience, check([](int x) { return x >= 1; }, "must be at least 1"));
    v.field("restore_best", e.restoreBest);
}

template <class V, class S> void visitStage(V &v, S &s)
{
    v.field("name", s.name);
    v.field("epochs", s.epochs,
            check([](int x) { return x >= 1 && x <= 100000; }, "must be at least 1"));
    v.field("batch_size", s.batchSize, between(1, 65536, "must be 1..65536"));
    v.field("freeze", s.freeze);
    v.field("label_smoothing", s.labelSmoothing,
            check([](double x) { return x >= 0 && x < 1; }, "must be in [0, 1)"));
    v.field("class_weights", s.classWeights,
            check(train::isClassWeightMode, train::kClassWeightModes));
    v.field("grad_clip", s.gradClip,
            check([](double x) { return x >= 0; }, "must not be negative"));
    v.field("backbone_lr_multiplier", s.backboneLrMultiplier,
            check([](double x) { return x > 0; }, "must be positive"));
    v.object("optimizer", [&](auto &o) { visitOptimizer(o, s.optimizer); });
    v.object("schedule", [&](auto &o) { visitSchedule(o, s.schedule, s.epochs); });
    // An "early_stopping" block turns it on unless it says "enabled": false.
    if constexpr (V::kReads)
        if (v.has("early_stopping"))
            s.earlyStopping.enabled = true;
    v.object("early_stopping", [&](auto &o) { visitEarlyStopping(o, s.earlyStopping); });
}

template <class V, class D> void visitData(V &v, D &d)
{
    v.field(
        "dataset", d.name,
        [](const std::string &name) {
            data::datasetInfo(name); // tl::Error naming the datasets there are
            return std::string();
        },
        Need::InRun);
    v.field("root", d.root);
    v.field("train_fraction", d.trainFraction,
            check([](double x) { return x > 0 && x <= 1; }, "must be in (0, 1]"));
    v.field("val_split", d.valSplit,
            check([](double x) { return x >= 0 && x < 1; }, "must be in [0, 1)"));
    v.field("test_fraction", d.testFraction,
            check([](double x) { return x > 0 && x <= 1; }, "must be in (0, 1]"));
    v.field("download", d.download);
    v.field("image_size", d.imageSize,
            between(0, limits::kMaxInputSize, upTo(limits::kMaxInputSize)));
    v.field("cache_mib", d.cacheMiB,
            between(0, 1 << 20,
                    "must be 0..1048576 (MiB of decoded images kept in memory; 0: "
                    "none)"));
    v.field("mirror", d.mirror);
    v.field("classes", d.classes, [](const std::vector<std::string> &classes) {
        if (classes.size() == 1)
            return std::string("a classifier needs at least 2 classes");
        if (classes.size() > std::size_t(limits::kMaxClasses))
            return "at most " + std::to_string(limits::kMaxClasses) + " classes";
        for (const auto &c : classes)
            if (c.empty() || c.size() > 256)
                return std::string("a class name is empty or too long");
        return std::string();
    });
    v.field("per_class", d.perClass, between(0, 1000000, "must be 0..1000000 (0: every image)"));
    v.field("label_overrides", d.labelOverrides);
    v.field("exclude", d.exclude,
            check(
                [](const std::vector<std::int64_t> &indices) {
                    return std::all_of(indices.begin(), indices.end(),
                                       [](std::int64_t i) { return i >= 0; });
                },
                "indices must be 0 or more"));
}

template <class V, class M> void visitModel(V &v, M &m)
{
    v.field(
        "name", m.name,
        [](const std::string &name) {
            models::modelInfo(name); // tl::Error naming the models there are
            return std::string();
        },
        Need::InRun);
    v.field("num_classes", m.numClasses,
            between(0, limits::kMaxClasses, upTo(limits::kMaxClasses) + " (0: from the data)"));
    v.field("in_channels", m.inChannels,
            check([](int c) { return c == 0 || c == 1 || c == 3; }, "must be 0, 1 or 3"));
    v.field("input_size", m.inputSize,
            between(0, limits::kMaxInputSize, upTo(limits::kMaxInputSize) + " (0: from the data)"));
    v.field("dropout", m.dropout,
            check([](double x) { return std::isfinite(x) && x < 1; },
                  "must be below 1 (negative: the model's default)"));
    v.field("batch_norm", m.batchNorm);
    v.field("bn_momentum", m.bnMomentum,
            check([](double x) { return x >= 0 && x < 1; }, "must be in [0, 1)"));
    v.field("l2", m.l2, check([](double x) { return x >= 0; }, "must not be negative"));
    v.field("pool_size", m.poolSize, between(1, 8, "must be 1..8"));
    v.field("frozen_layers", m.frozen);
    v.field("freeze", m.freeze);
    v.field(
        "head", m.head,
        oneOf({"keep", "imagenet", "gap", "flatten"}, "must be keep, imagenet, gap or flatten"));
    v.field("head_hidden", m.headHidden, between(0, 65536, "must be 0..65536"));
    v.field("head_dropout", m.headDropout,
            check([](double x) { return x >= 0 && x < 1; }, "must be in [0, 1)"));
    v.field("truncate_at", m.truncateAt);
    v.field("weights", m.weights);
}

template <class V, class A> void visitAugment(V &v, A &a)
{
    v.field("hflip", a.hflip);
    v.field("vflip", a.vflip);
    v.field("rotation", a.rotation,
            check([](double x) { return std::isfinite(x) && x >= 0 && x <= 180; },
                  "must be 0..180 degrees"));
    v.field("zoom", a.zoom, check([](double x) { return x >= 0 && x < 1; }, "must be in [0, 1)"));
    v.field("translate", a.translate,
            check([](double x) { return x >= 0 && x < 1; },
                  "must be in [0, 1) (a fraction of the image)"));
    v.field("brightness", a.brightness, between(0, 1, "must be in [0, 1]"));
    v.field("contrast", a.contrast, between(0, 1, "must be in [0, 1]"));
    v.field("cutout", a.cutout,
            between(0, limits::kMaxInputSize, upTo(limits::kMaxInputSize) + " pixels"));
    v.field("autoaugment", a.autoAugment);
}

template <class V, class P> void visitPreprocess(V &v, P &p)
{
    v.named("normalization", p.normalization, data::normalizationName, data::normalizationFromName);
    v.field("mean", p.mean,
            check(
                [](const std::array<float, 3> &m) {
                    return std::all_of(m.begin(), m.end(),
                                       [](float x) { return std::isfinite(x); });
                },
                "must be finite numbers"));
    v.field("std", p.std,
            check(
                [](const std::array<float, 3> &s) {
                    return std::all_of(s.begin(), s.end(),
                                       [](float x) { return std::isfinite(x) && x > 0; });
                },
                "must be positive numbers"));
    v.field("image_size", p.imageSize,
            between(0, limits::kMaxInputSize, upTo(limits::kMaxInputSize)));
    v.field("channels", p.channels,
            check([](int c) { return c == 0 || c == 1 || c == 3; }, "must be 0, 1 or 3"));
}

template <class V, class G> void visitGpu(V &v, G &g)
{
    v.field("mixed_precision", g.mixedPrecision);
    v.field("channels_last", g.channelsLast);
    v.field("pinned_memory", g.pinnedMemory);
    v.field("cudnn_benchmark", g.cudnnBenchmark);
}

// Every key but "version" (the reader compares it, the writer writes it).
template <class V, class C> void visitExperiment(V &v, C &c)
{
    v.field("name", c.name);
    v.field("seed", c.seed);
    v.field("device", c.device);
    v.field("workers", c.workers, between(0, 64, "must be 0..64"));
    v.field("prefetch", c.prefetch, between(1, 256, "must be 1..256"));
    v.field("threads", c.threads, between(0, 256, "must be 0..256"));
    v.field("confusion_every_epoch", c.confusionEveryEpoch);
    v.field("cache_features", c.cacheFeatures);
    v.field("keep_checkpoints", c.keepCheckpoints);
    v.object("gpu", [&](auto &o) { visitGpu(o, c.gpu); });
    v.object(
        "data", [&](auto &o) { visitData(o, c.data); }, Need::InRun);
    v.object(
        "model", [&](auto &o) { visitModel(o, c.model); }, Need::InRun);
    // "augment" is an object, or the CLI's text form ("hflip,rotation=15").
    v.object(
        "augment", [&](auto &o) { visitAugment(o, c.augment); }, Need::Optional,
        [&](const std::string &text) {
            if constexpr (V::kReads)
                c.augment = data::AugmentOptions::parse(text);
        });
    v.object("preprocess", [&](auto &o) { visitPreprocess(o, c.preprocess); });
    v.list(
        "stages", "stage", c.stages, [](auto &o, auto &stage) { visitStage(o, stage); },
        Need::InRun);
}

// Reads a JSON object's keys into the config (JsonObject: the type of every value checked, the
// file and key named in every error). Strict: unknown keys are refused (experiment files, which
// people write). Lenient (a run folder's config.json): unknown keys are skipped, and the keys
// marked Need::InRun must be there.
class ConfigReader
{
public:
    static constexpr bool kReads = true;
    ConfigReader(JsonObject &o, bool inRun) : m_o(o), m_inRun(inRun) {}

    bool has(const char *key) const { return m_o.has(key); }

    template <typename T, typename R = Any>
    void field(const char *key, T &value, R && = {}, Need need = Need::Optional)
    {
        require(key, need);
        m_o.get(key, value);
    }
    template <typename R = Any>
    void field(const char *key, std::array<float, 3> &value, R && = {}, Need need = Need::Optional)
    {
        require(key, need);
        std::vector<float> v(value.begin(), value.end());
        m_o.get(key, v);
        if (v.size() != 3)
            m_o.fail(key, "mean and std need three values (R, G, B)");
        std::copy(v.begin(), v.end(), value.begin());
    }
    template <typename T, typename ToName, typename FromName>
    void named(const char *key, T &value, ToName toName, FromName fromName)
    {
        std::string name = toName(value);
        m_o.get(key, name);
        try {
            value = fromName(name);
        } catch (const Error &e) {
            m_o.fail(key, e.what());
        }
    }
    template <typename F, typename Text = std::nullptr_t>
    void object(const char *key, F &&visit, Need need = Need::Optional, Text text = nullptr)
    {
        require(key, need);
        if (!m_o.has(key))
            return;
        const nlohmann::json &j = m_o.child(key);
        if constexpr (!std::is_same_v<Text, std::nullptr_t>) {
            if (j.is_string()) {
                try {
                    text(j.get<std::string>());
                } catch (const Error &e) {
                    m_o.fail(key, e.what());
                }
                return;
            }
        }
        JsonObject child(j, m_o.path(key), m_o.origin(), m_o.strict());
        ConfigReader r(child, m_inRun);
        visit(r);
    }
    template <typename T, typename F>
    void list(const char *key, const char *noun, std::vector<T> &items, F &&visit, Need need)
    {
        require(key, need);
        if (!m_o.has(key))
            return;
        const nlohmann::json &j = m_o.child(key);
        if (!j.is_array() || j.empty())
            m_o.fail(key, std::string("expected a non-empty list of ") + noun + "s");
        items.clear();
        for (std::size_t i = 0; i < j.size(); ++i) {
            JsonObject child(j[i], m_o.path(key) + "[" + std::to_string(i) + "]", m_o.origin(),
                             m_o.strict());
            ConfigReader r(child, m_inRun);
            T item;
            visit(r, item);
            items.push_back(std::move(item));
        }
    }

private:
    void require(const char *key, Need need) const
    {
        if (m_inRun && need == Need::InRun && !m_o.has(key))
            m_o.fail(key, "missing");
    }

    JsonObject &m_o;
    bool m_inRun;
};

class ConfigWriter
{
public:
    static constexpr bool kReads = false;
    explicit ConfigWriter(nlohmann::json &j) : m_j(j) {}

    bool has(const char *) const { return false; }

    template <typename T, typename R = Any>
    void field(const char *key, const T &value, R && = {}, Need = Need::Optional)
    {
        m_j[key] = value;
    }
    template <typename T, typename ToName, typename FromName>
    void named(const char *key, const T &value, ToName toName, FromName)
    {
        m_j[key] = toName(value);
    }
    template <typename F, typename Text = std::nullptr_t>
    void object(const char *key, F &&visit, Need = Need::Optional, Text = nullptr)
    {
        nlohmann::json child = nlohmann::json::object();
        ConfigWriter w(child);
        visit(w);
        m_j[key] = std::move(child);
    }
    template <typename T, typename F>
    void list(const char *key, const char *, const std::vector<T> &items, F &&visit, Need)
    {
        nlohmann::json list = nlohmann::json::array();
        for (const T &item : items) {
            nlohmann::json child = nlohmann::json::object();
            ConfigWriter w(child);
            visit(w, item);
            list.push_back(std::move(child));
        }
        m_j[key] = std::move(list);
    }

private:
    nlohmann::json &m_j;
};

// Checks each value against its rule: tl::Error "'KEY': what it must be", the first one found.
class ConfigChecker
{
public:
    static constexpr bool kReads = false;
    explicit ConfigChecker(std::string path = {}) : m_path(std::move(path)) {}

    bool has(const char *) const { return false; }

    template <typename T, typename R = Any>
    void field(const char *key, const T &value, R &&rule = {}, Need = Need::Optional)
    {
        const std::string why = rule(value);
        if (!why.empty())
            throw Error("'" + path(key) + "': " + why);
    }
    template <typename T, typename ToName, typename FromName>
    void named(const char *, const T &, ToName, FromName)
    {
    }
    template <typename F, typename Text = std::nullptr_t>
    void object(const char *key, F &&visit, Need = Need::Optional, Text = nullptr)
    {
        ConfigChecker c(path(key));
        visit(c);
    }
    template <typename T, typename F>
    void list(const char *key, const char *noun, const std::vector<T> &items, F &&visit, Need)
    {
        if (items.empty())
            throw Error("'" + path(key) + "': needs at least one " + noun);
        for (std::size_t i = 0; i < items.size(); ++i) {
            ConfigChecker c(path(key) + "[" + std::to_string(i) + "]");
            visit(c, items[i]);
        }
    }

private:
    std::string path(const char *key) const
    {
        return m_path.empty() ? std::string(key) : m_path + "." + key;
    }

    std::string m_path;
};

} // namespace tl::experiment::schema
