#include "rundir/run_state.h"

#include "base/error.h"
#include "io/file_limits.h"
#include "io/files.h"
#include "io/json_file.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cmath>
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

train::EpochMetrics epochFrom(const json &j, const std::string &origin, const std::string &where)
{
    JsonObject o(j, where, origin, false);
    train::EpochMetrics m;
    m.stage = o.require<int>("stage");
    m.stageName = o.require<std::string>("stage_name");
    m.epoch = o.require<int>("epoch");
    m.globalEpoch = o.require<int>("global_epoch");
    m.trainLoss = o.require<double>("train_loss");
    m.trainAccuracy = o.require<double>("train_accuracy");
    m.hasValidation = o.require<bool>("has_validation");
    m.valLoss = o.require<double>("val_loss");
    m.valAccuracy = o.require<double>("val_accuracy");
    m.learningRate = o.require<double>("learning_rate");
    m.seconds = o.require<double>("seconds");
    m.imagesPerSecond = o.require<double>("images_per_second");
    m.trainableParams = o.value<std::int64_t>("trainable_params", 0);
    m.testConfusion = o.require<std::vector<std::int64_t>>("test_confusion");
    if (m.stage < 0 || m.epoch < 1 || m.globalEpoch < 1)
        o.fail("", "negative or zero position");
    const auto n = std::uint64_t(std::llround(std::sqrt(double(m.testConfusion.size()))));
    if (n * n != m.testConfusion.size() || n > std::uint64_t(limits::kMaxClasses))
        o.fail("test_confusion", "not a square matrix of at most " +
                                     std::to_string(limits::kMaxClasses) + " classes");
    return m;
}

std::vector<train::EpochMetrics> epochsFrom(const json &a, const std::string &origin)
{
    if (!a.is_array())
        throw fileError(origin, "damaged epoch list: expected a list");
    std::vector<train::EpochMetrics> out;
    for (std::size_t i = 0; i < a.size(); ++i)
        out.push_back(epochFrom(a[i], origin, "epochs[" + std::to_string(i) + "]"));
    return out;
}

json epochsJson(const std::vector<train::EpochMetrics> &epochs)
{
    json a = json::array();
    for (const auto &e : epochs)
        a.push_back(epochJson(e));
    return a;
}

} // namespace

std::string runStatePath(const std::string &runDir)
{
    return RunDir(runDir).state();
}

std::string epochsToJson(const std::vector<train::EpochMetrics> &epochs)
{
    return epochsJson(epochs).dump();
}

std::vector<train::EpochMetrics> epochsFromJson(const std::string &text, const std::string &origin)
{
    return epochsFrom(parseJson(text, origin), origin);
}

void writeRunState(const RunState &s, const std::string &path)
{
    const auto &st = s.stageState;
    json j = {{"version", RunState::kVersion},
              {"stage", s.stage},
              {"next_global_epoch", s.nextGlobalEpoch},
              {"global_step", s.globalStep},
              {"world_size", s.worldSize},
              {"epochs", epochsJson(s.epochs)},
              {"stage_state",
               {{"epochs_done", st.epochsDone},
                {"finished", st.finished},
                {"plateau_factor", st.plateauFactor},
                {"plateau_best", st.plateau.best},
                {"plateau_wait", st.plateau.wait},
                {"plateau_seen", st.plateau.seen},
                {"best", st.early.best},
                {"best_seen", st.early.seen},
                {"since_best", st.early.wait},
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
    return readRunStateBytes(readFile(path), path);
}

RunState readRunStateBytes(const Bytes &data, const std::string &path)
{
    const weights::Checkpoint ckpt = weights::readCheckpointBytes(data, path);
    auto meta = ckpt.metadata.find(kKey);
    if (ckpt.format != weights::CheckpointFormat::Safetensors || meta == ckpt.metadata.end())
        throw fileError(path, std::string("is not a TransferLab training state (.tlstate); a run "
                                          "folder's ") +
                                  RunDir::kState + " or " + RunDir::kCheckpoints +
                                  "/epoch-NNN.tlstate is");
    RunState s;
    const json j = parseJson(meta->second, path);
    JsonObject o(j, "", path, false);
    const int version = o.require<int>("version");
    if (version != RunState::kVersion)
        throw fileError(path, "state version " + std::to_string(version) +
                                  " is not the one this TransferLab reads (" +
                                  std::to_string(RunState::kVersion) + ")");
    s.stage = o.require<int>("stage");
    s.nextGlobalEpoch = o.require<int>("next_global_epoch");
    s.globalStep = o.require<std::int64_t>("global_step");
    o.get("world_size", s.worldSize); // absent in states from before distributed runs
    if (s.worldSize < 1 || s.worldSize > 65536)
        throw fileError(path, "world_size " + std::to_string(s.worldSize) + " is outside 1..65536");
    s.epochs = epochsFrom(o.child("epochs"), path);
    JsonObject st(o.child("stage_state"), "stage_state", path, false);
    auto &ss = s.stageState;
    ss.epochsDone = st.require<int>("epochs_done");
    ss.finished = st.require<bool>("finished");
    ss.plateauFactor = st.require<double>("plateau_factor");
    ss.plateau.best = st.require<double>("plateau_best");
    ss.plateau.wait = st.require<int>("plateau_wait");
    ss.plateau.seen = st.require<bool>("plateau_seen");
    ss.early.best = st.require<double>("best");
    ss.early.seen = st.require<bool>("best_seen");
    ss.early.wait = st.require<int>("since_best");
    ss.bestEpoch = st.require<int>("best_epoch");
    const auto bestCount = st.require<std::uint64_t>("best_weights");
    ss.optimizerName = st.require<std::string>("optimizer");
    s.configJson = o.require<std::string>("config");
    if (s.stage < 0 || s.nextGlobalEpoch < 1 || ss.epochsDone < 0 || s.globalStep < 0 ||
        ss.plateau.wait < 0 || ss.early.wait < 0 || ss.bestEpoch < 0)
        throw fileError(path, "damaged training state: negative position");
    // The count in the header is a claim; the tensors present are the truth.
    std::size_t bestPresent = 0;
    for (const auto &[name, t] : ckpt.tensors)
        bestPresent += name.rfind("best/", 0) == 0;
    if (bestCount != bestPresent)
        throw fileError(path, "damaged training state: it announces " + std::to_string(bestCount) +
                                  " best-epoch tensors and holds " + std::to_string(bestPresent));
    ss.bestWeights.resize(bestPresent);
    std::size_t bestSeen = 0;
    for (const auto &[name, t] : ckpt.tensors) {
        if (name.rfind("model/", 0) == 0) {
            s.model.emplace_back(name.substr(6), t);
        } else if (name.rfind("optim/", 0) == 0) {
            ss.optimizer[name.substr(6)] = t;
        } else if (name.rfind("best/", 0) == 0) {
            const std::string index = name.substr(5);
            std::size_t i = bestPresent;
            if (!index.empty() && index.size() < 10 &&
                index.find_first_not_of("0123456789") == std::string::npos)
                i = std::size_t(std::stoul(index));
            if (i >= bestPresent || ss.bestWeights[i].defined())
                throw fileError(path, "damaged training state: unexpected tensor " + name);
            ss.bestWeights[i] = t;
            ++bestSeen;
        } else if (name == "rng/cpu") {
            s.cpuRng = t;
        } else {
            throw fileError(path, "damaged training state: unexpected tensor " + name);
        }
    }
    if (bestSeen != bestPresent)
        throw fileError(path, "damaged training state: best weights incomplete");
    if (s.model.empty())
        throw fileError(path, "damaged training state: it holds no model weights");
    return s;
}

} // namespace tl::runs
