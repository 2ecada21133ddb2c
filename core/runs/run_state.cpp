#include "runs/run_state.h"

#include "error.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>

using nlohmann::json;

namespace tl::runs {

namespace {

const char *kKey = "transferlab_state";

json epochJson(const train::EpochMetrics &m)
{
    return {{"stage", m.stage},
            {"stage_name", m.stageName},
            {"epoch", m.epoch},
            {"global_epoch", m.globalEpoch},
            {"train_loss", m.trainLoss},
            {"train_accuracy", m.trainAccuracy},
            {"has_validation", m.hasValidation},
            {"val_loss", m.valLoss},
            {"val_accuracy", m.valAccuracy},
            {"learning_rate", m.learningRate},
            {"seconds", m.seconds},
            {"images_per_second", m.imagesPerSecond},
            {"trainable_params", m.trainableParams},
            {"test_confusion", m.testConfusion}};
}

train::EpochMetrics epochFrom(const json &j)
{
    train::EpochMetrics m;
    m.stage = j.at("stage").get<int>();
    m.stageName = j.at("stage_name").get<std::string>();
    m.epoch = j.at("epoch").get<int>();
    m.globalEpoch = j.at("global_epoch").get<int>();
    m.trainLoss = j.at("train_loss").get<double>();
    m.trainAccuracy = j.at("train_accuracy").get<double>();
    m.hasValidation = j.at("has_validation").get<bool>();
    m.valLoss = j.at("val_loss").get<double>();
    m.valAccuracy = j.at("val_accuracy").get<double>();
    m.learningRate = j.at("learning_rate").get<double>();
    m.seconds = j.at("seconds").get<double>();
    m.imagesPerSecond = j.at("images_per_second").get<double>();
    m.trainableParams = j.value("trainable_params", std::int64_t(0));
    m.testConfusion = j.at("test_confusion").get<std::vector<std::int64_t>>();
    return m;
}

} // namespace

std::string runStatePath(const std::string &runDir)
{
    return (std::filesystem::path(runDir) / "state.tlstate").string();
}

std::string epochsToJson(const std::vector<train::EpochMetrics> &epochs)
{
    json a = json::array();
    for (const auto &e : epochs)
        a.push_back(epochJson(e));
    return a.dump();
}

std::vector<train::EpochMetrics> epochsFromJson(const std::string &text, const std::string &origin)
{
    try {
        std::vector<train::EpochMetrics> out;
        for (const auto &e : json::parse(text))
            out.push_back(epochFrom(e));
        return out;
    } catch (const json::exception &e) {
        throw fileError(origin, std::string("damaged epoch list: ") + e.what());
    }
}

void writeRunState(const RunState &s, const std::string &path)
{
    const auto &st = s.stageState;
    json j = {{"version", RunState::kVersion},
              {"stage", s.stage},
              {"next_global_epoch", s.nextGlobalEpoch},
              {"global_step", s.globalStep},
              {"epochs", json::parse(epochsToJson(s.epochs))},
              {"stage_state",
               {{"epochs_done", st.epochsDone},
                {"finished", st.finished},
                {"plateau_factor", st.plateauFactor},
                {"plateau_best", st.plateauBest},
                {"plateau_wait", st.plateauWait},
                {"plateau_seen", st.plateauSeen},
                {"best", st.best},
                {"best_seen", st.bestSeen},
                {"since_best", st.sinceBest},
                {"best_epoch", st.bestEpoch},
                {"best_weights", st.bestWeights.size()},
                {"optimizer", st.optimizerName}}},
              {"config", s.configJson}};
    weights::StateDict tensors;
    for (const auto &[name, t] : s.model)
        tensors.emplace_back("model/" + name, t.detach().to(torch::kCPU).contiguous());
    for (const auto &[name, t] : st.optimizer)
        tensors.emplace_back("optim/" + name, t.contiguous());
    for (std::size_t i = 0; i < st.bestWeights.size(); ++i)
        tensors.emplace_back("best/" + std::to_string(i), st.bestWeights[i].contiguous());
    if (s.cpuRng.defined())
        tensors.emplace_back("rng/cpu", s.cpuRng.contiguous());
    weights::writeSafetensors(tensors, path, {{kKey, j.dump()}});
}

RunState readRunState(const std::string &path)
{
    const weights::Checkpoint ckpt = weights::readCheckpoint(path);
    auto meta = ckpt.metadata.find(kKey);
    if (ckpt.format != weights::CheckpointFormat::Safetensors || meta == ckpt.metadata.end())
        throw fileError(path, "is not a TransferLab training state (.tlstate); a run folder's "
                              "state.tlstate or checkpoints/epoch-NNN.tlstate is");
    RunState s;
    std::size_t bestCount = 0;
    try {
        const json j = json::parse(meta->second);
        if (j.at("version").get<int>() != RunState::kVersion)
            throw fileError(path, "state version " + j.at("version").dump() +
                                      " is not the one this TransferLab reads (" +
                                      std::to_string(RunState::kVersion) + ")");
        s.stage = j.at("stage").get<int>();
        s.nextGlobalEpoch = j.at("next_global_epoch").get<int>();
        s.globalStep = j.at("global_step").get<std::int64_t>();
        s.epochs = epochsFromJson(j.at("epochs").dump(), path);
        const json &st = j.at("stage_state");
        auto &o = s.stageState;
        o.epochsDone = st.at("epochs_done").get<int>();
        o.finished = st.at("finished").get<bool>();
        o.plateauFactor = st.at("plateau_factor").get<double>();
        o.plateauBest = st.at("plateau_best").get<double>();
        o.plateauWait = st.at("plateau_wait").get<int>();
        o.plateauSeen = st.at("plateau_seen").get<bool>();
        o.best = st.at("best").get<double>();
        o.bestSeen = st.at("best_seen").get<bool>();
        o.sinceBest = st.at("since_best").get<int>();
        o.bestEpoch = st.at("best_epoch").get<int>();
        bestCount = st.at("best_weights").get<std::size_t>();
        o.optimizerName = st.at("optimizer").get<std::string>();
        s.configJson = j.at("config").get<std::string>();
    } catch (const json::exception &e) {
        throw fileError(path, std::string("damaged training state: ") + e.what());
    }
    if (s.stage < 0 || s.nextGlobalEpoch < 1 || s.stageState.epochsDone < 0)
        throw fileError(path, "damaged training state: negative position");
    s.stageState.bestWeights.resize(bestCount);
    std::size_t bestSeen = 0;
    for (const auto &[name, t] : ckpt.tensors) {
        if (name.rfind("model/", 0) == 0) {
            s.model.emplace_back(name.substr(6), t);
        } else if (name.rfind("optim/", 0) == 0) {
            s.stageState.optimizer[name.substr(6)] = t;
        } else if (name.rfind("best/", 0) == 0) {
            std::size_t i = 0;
            try {
                i = std::stoul(name.substr(5));
            } catch (const std::exception &) {
                i = bestCount;
            }
            if (i >= bestCount)
                throw fileError(path, "damaged training state: unexpected tensor " + name);
            s.stageState.bestWeights[i] = t;
            ++bestSeen;
        } else if (name == "rng/cpu") {
            s.cpuRng = t;
        } else {
            throw fileError(path, "damaged training state: unexpected tensor " + name);
        }
    }
    if (bestSeen != bestCount)
        throw fileError(path, "damaged training state: best weights incomplete");
    if (s.model.empty())
        throw fileError(path, "damaged training state: it holds no model weights");
    return s;
}

} // namespace tl::runs
