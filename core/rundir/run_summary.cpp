#include "rundir/run_summary.h"

#include "base/error.h"
#include "io/files.h"
#include "io/json_file.h"

#include <cstdint>

using nlohmann::json;

namespace tl::runs {

std::string RunSummary::toJson(int indent) const
{
    json stagesJson = json::array();
    for (const auto &s : stages)
        stagesJson.push_back({{"name", s.name},
                              {"epochs", s.epochs},
                              {"freeze", s.freeze},
                              {"trainable_params", s.trainableParams},
                              {"seconds_per_epoch", s.secondsPerEpoch},
                              {"train_images_per_second", s.trainImagesPerSecond},
                              {"cached_features", s.cachedFeatures},
                              {"feature_seconds", s.featureSeconds},
                              {"train_seconds", s.trainSeconds}});
    json confused = json::array();
    for (const auto &c : mostConfused)
        confused.push_back({{"true", c.trueClass}, {"predicted", c.predicted}, {"count", c.count}});
    json warned = json::array();
    for (const auto &w : warnings)
        warned.push_back({{"kind", w.kind}, {"epoch", w.epoch}, {"text", w.text}});
    json j = {
        {"name", name},
        {"model", model},
        {"weights", weights},
        {"head", head},
        {"freeze", freeze},
        {"frozen_layers", frozenLayers},
        {"dataset", dataset},
        {"train_fraction", trainFraction},
        {"device", device},
        {"world_size", worldSize},
        {"global_batch_size", globalBatchSize},
        {"epochs", epochs},
        {"stopped", stopped},
        {"stop_reason", stopReason},
        {"train_samples", trainSamples},
        {"val_samples", valSamples},
        {"test_samples", testSamples},
        {"test_set", testSet},
        {"total_params", totalParams},
        {"trainable_params", trainableParams},
        {"test_accuracy", testAccuracy},
        {"test_loss", testLoss},
        {"test_top5_accuracy", testTop5Accuracy},
        {"best_val_accuracy", bestValAccuracy ? json(*bestValAccuracy) : json(nullptr)},
        {"seconds_per_epoch", secondsPerEpoch},
        {"train_images_per_second", trainImagesPerSecond},
        {"total_seconds", totalSeconds},
        {"finished_at", finishedAt},
        {"run_dir", runDir},
        {"feature_cached_stages", featureCachedStages},
        {"stages", stagesJson},
        {"most_confused", confused},
        {"warnings", warned},
    };
    if (!distBackend.empty()) {
        j["dist_backend"] = distBackend;
        j["allreduce_seconds"] = allReduceSeconds;
        j["allreduce_bytes_per_step"] = allReduceBytesPerStep;
    }
    if (!resumedFrom.empty())
        j["resumed_from"] = resumedFrom;
    if (!forkedFrom.empty())
        j["forked_from"] = forkedFrom;
    return indent < 0 ? j.dump() : j.dump(indent) + "\n";
}

namespace {

// Each object of the list under `key` (at most `limit` of them), read leniently.
template <class Each>
void readList(JsonObject &o, const char *key, const std::string &origin, std::size_t limit,
              Each each)
{
    if (!o.has(key))
        return;
    const json &a = o.child(key);
    if (!a.is_array())
        o.fail(key, "expected a list");
    for (std::size_t i = 0; i < a.size() && i < limit; ++i) {
        JsonObject item(a[i], std::string(key) + "[" + std::to_string(i) + "]", origin, false);
        each(item);
    }
}

} // namespace

RunSummary RunSummary::fromJson(const std::string &text, const std::string &origin)
{
    const json j = parseJson(text, origin);
    JsonObject o(j, "", origin, false);
    RunSummary s;
    o.get("name", s.name);
    o.get("model", s.model);
    o.get("weights", s.weights);
    o.get("head", s.head);
    o.get("freeze", s.freeze);
    o.get("frozen_layers", s.frozenLayers);
    o.get("dataset", s.dataset);
    o.get("train_fraction", s.trainFraction);
    o.get("device", s.device);
    o.get("world_size", s.worldSize);
    o.get("global_batch_size", s.globalBatchSize);
    o.get("dist_backend", s.distBackend);
    o.get("allreduce_seconds", s.allReduceSeconds);
    o.get("allreduce_bytes_per_step", s.allReduceBytesPerStep);
    o.get("epochs", s.epochs);
    o.get("stopped", s.stopped);
    o.get("stop_reason", s.stopReason);
    o.get("train_samples", s.trainSamples);
    o.get("val_samples", s.valSamples);
    o.get("test_samples", s.testSamples);
    o.get("test_set", s.testSet);
    o.get("total_params", s.totalParams);
    o.get("trainable_params", s.trainableParams);
    o.get("test_accuracy", s.testAccuracy);
    o.get("test_loss", s.testLoss);
    o.get("test_top5_accuracy", s.testTop5Accuracy);
    if (o.has("best_val_accuracy") && !o.isNull("best_val_accuracy"))
        s.bestValAccuracy = o.require<double>("best_val_accuracy");
    o.get("seconds_per_epoch", s.secondsPerEpoch);
    o.get("train_images_per_second", s.trainImagesPerSecond);
    o.get("total_seconds", s.totalSeconds);
    o.get("finished_at", s.finishedAt);
    o.get("run_dir", s.runDir);
    o.get("feature_cached_stages", s.featureCachedStages);
    o.get("resumed_from", s.resumedFrom);
    o.get("forked_from", s.forkedFrom);
    readList(o, "stages", origin, SIZE_MAX, [&](JsonObject &st) {
        Stage x;
        st.get("name", x.name);
        st.get("epochs", x.epochs);
        st.get("freeze", x.freeze);
        st.get("trainable_params", x.trainableParams);
        st.get("seconds_per_epoch", x.secondsPerEpoch);
        st.get("train_images_per_second", x.trainImagesPerSecond);
        st.get("cached_features", x.cachedFeatures);
        st.get("feature_seconds", x.featureSeconds);
        st.get("train_seconds", x.trainSeconds);
        s.stages.push_back(x);
    });
    readList(o, "most_confused", origin, SIZE_MAX, [&](JsonObject &c) {
        Confusion x;
        c.get("true", x.trueClass);
        c.get("predicted", x.predicted);
        c.get("count", x.count);
        s.mostConfused.push_back(x);
    });
    readList(o, "warnings", origin, 64, [&](JsonObject &c) {
        Warning w;
        c.get("kind", w.kind);
        c.get("epoch", w.epoch);
        c.get("text", w.text);
        s.warnings.push_back(w);
    });
    if (s.epochs < 0 || s.totalParams < 0 || s.trainableParams < 0 || s.testSamples < 0)
        o.fail("", "negative counts");
    return s;
}

RunSummary RunSummary::fromFile(const std::string &path)
{
    const Bytes b = readFile(path);
    return fromJson(std::string(b.begin(), b.end()), path);
}

} // namespace tl::runs
