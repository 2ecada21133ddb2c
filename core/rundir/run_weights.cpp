#include "rundir/run_weights.h"

#include "base/error.h"
#include "experiment/experiment_config.h"
#include "io/json_file.h"
#include "models/network.h"
#include "weights/checkpoint.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace tl::runs {

namespace {

std::string shapeText(const torch::Tensor &t)
{
    std::string s = "[";
    for (std::int64_t d = 0; d < t.dim(); ++d)
        s += (d ? ", " : "") + std::to_string(t.size(d));
    return s + "]";
}

std::string joinNames(const std::vector<std::string> &v, std::size_t most = 6)
{
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < most; ++i)
        s += (i ? ", " : "") + v[i];
    if (v.size() > most)
        s += ", ... (" + std::to_string(v.size()) + ")";
    return s;
}

bool endsWith(const std::string &s, const std::string &tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

std::string runWeightsFolder(const std::string &weights)
{
    if (weights.rfind("run:", 0) == 0)
        return weights.substr(4);
    std::error_code ec;
    if (weights != "none" && weights != "imagenet" && fs::is_directory(weights, ec) &&
        RunDir(weights).isRun())
        return weights;
    return {};
}

SourceRun readSourceRun(const std::string &dir)
{
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec))
        throw fileError(dir, "is not a run folder (weights run:DIR name a finished run)");
    const RunDir root(dir);
    if (!root.isRun())
        throw fileError(dir, std::string("has no ") + RunDir::kConfig + ": it is not a run folder");
    if (!root.hasModel())
        throw fileError(dir, std::string("has no ") + RunDir::kModel +
                                 ": the run did not finish (resume it first, "
                                 "`transferlab-cli train --resume " +
                                 dir + "`)");
    const auto config = experiment::ExperimentConfig::fromFile(root.config());
    SourceRun r;
    r.dir = dir;
    r.model = config.model.name;
    r.dataset = config.data.name;
    r.channels = config.preprocess.channels;
    r.imageSize = config.preprocess.imageSize;
    r.mean = config.preprocess.mean;
    r.std = config.preprocess.std;
    const std::string side = root.preprocessing();
    const nlohmann::json j = readJsonFile(side);
    JsonObject o(j, "", side, false);
    r.classNames = o.require<std::vector<std::string>>("class_names");
    return r;
}

std::string TransferReport::summary(const std::string &origin) const
{
    std::ostringstream s;
    const std::size_t total = taken.size() + fresh.size();
    s << taken.size() << " of " << total << " tensors from " << origin;
    if (!fresh.empty()) {
        // Group by reason: "fresh: a, b (why); c (why)".
        std::vector<std::pair<std::string, std::vector<std::string>>> byWhy;
        for (const auto &f : fresh) {
            const std::string &why = f.second;
            auto it = std::find_if(byWhy.begin(), byWhy.end(),
                                   [&why](const auto &g) { return g.first == why; });
            if (it == byWhy.end())
                byWhy.push_back({why, {f.first}});
            else
                it->second.push_back(f.first);
        }
        s << "; starting fresh:";
        for (std::size_t i = 0; i < byWhy.size(); ++i)
            s << (i ? ";" : "") << " " << joinNames(byWhy[i].second, 4) << " (" << byWhy[i].first
              << ")";
    }
    if (!unused.empty())
        s << "; not used (this model has no such layer): " << joinNames(unused, 4);
    return s.str();
}

TransferReport loadRunWeights(models::NetworkImpl &model, const std::string &architecture,
                              const std::vector<std::string> &classNames, const SourceRun &run)
{
    if (run.model != architecture)
        throw fileError(run.dir, "is a run of " + run.model + "; this experiment builds " +
                                     architecture +
                                     " (a run's weights start only the same architecture)");
    const std::string file = RunDir(run.dir).model();
    const weights::StateDict tensors = weights::readCheckpoint(file).tensors;
    std::map<std::string, const torch::Tensor *> inFile;
    for (const auto &[k, v] : tensors)
        inFile[k] = &v;
    const weights::StateDict mine = weights::stateDictOf(model);

    // The output layer: the last 2-D weight with one row per class, and its bias.
    std::string outWeight, outBias;
    for (auto it = mine.rbegin(); it != mine.rend(); ++it)
        if (it->second.dim() == 2 && endsWith(it->first, ".weight") &&
            it->second.size(0) == std::int64_t(classNames.size())) {
            outWeight = it->first;
            outBias = outWeight.substr(0, outWeight.size() - 6) + "bias";
            break;
        }
    const bool otherClasses = run.classNames != classNames;
    const std::string classWhy = "the output layer scores the run's classes (" +
                                 joinNames(run.classNames, 5) + "), not this data's (" +
                                 joinNames(classNames, 5) + ")";

    TransferReport r;
    std::vector<std::pair<torch::Tensor, const torch::Tensor *>> copies;
    std::map<std::string, bool> used;
    for (const auto &[name, target] : mine) {
        const auto it = inFile.find(name);
        if (it == inFile.end()) {
            r.fresh.push_back({name, "not in the run"});
            continue;
        }
        used[name] = true;
        const bool otherShape = it->second->sizes() != target.sizes();
        const std::string shapeWhy =
            "shape " + shapeText(*it->second) + " in the run, " + shapeText(target) + " here";
        if (otherClasses && (name == outWeight || name == outBias)) {
            r.fresh.push_back({name, classWhy + (otherShape ? "; " + shapeWhy : "")});
            continue;
        }
        if (otherShape) {
            r.fresh.push_back({name, shapeWhy});
            continue;
        }
        copies.emplace_back(target, it->second);
        r.taken.push_back(name);
    }
    for (const auto &[name, t] : tensors)
        if (!used.count(name))
            r.unused.push_back(name);
    if (copies.empty())
        throw fileError(file,
                        "none of its tensors fit this " + architecture + ": " + r.summary(run.dir));
    torch::NoGradGuard noGrad;
    for (auto &[target, source] : copies)
        target.copy_(source->to(target.device(), target.scalar_type()));
    return r;
}

std::vector<RunInfo> runsUsableAsWeights(const std::string &parent, const std::string &architecture)
{
    std::vector<RunInfo> out;
    for (const auto &r : listRuns(parent))
        if (r.finished && r.error.empty() && (architecture.empty() || r.model == architecture) &&
            RunDir(r.dir).hasModel())
            out.push_back(r);
    return out;
}

} // namespace tl::runs
