#include "experiment/freeze.h"

#include "models/layer_tree.h"
#include "models/model_factory.h"
#include "models/network.h"

#include <torch/torch.h>

#include <functional>

namespace tl::experiment {

std::string StageFreeze::describe() const
{
    const bool hasSpec = !spec.empty() && spec != "none";
    std::string out = hasSpec ? spec : "";
    for (std::size_t i = 0; i < paths.size(); ++i)
        out += (out.empty() ? "" : (i == 0 ? " + " : ",")) + paths[i];
    return out.empty() ? "none" : out;
}

StageFreeze freezeForStage(const ExperimentConfig &config, std::size_t stage)
{
    StageFreeze f;
    for (std::size_t s = 0; s <= stage && s < config.stages.size(); ++s)
        if (!config.stages[s].freeze.empty())
            f.spec = config.stages[s].freeze;
    if (f.spec.empty()) {
        f.spec = config.model.freeze;
        f.paths = config.model.frozen;
    }
    return f;
}

std::int64_t applyFreeze(models::NetworkImpl &model, const StageFreeze &freeze)
{
    for (auto &p : model.parameters())
        p.set_requires_grad(true);
    models::freezeLayers(model, freeze.paths);
    if (!freeze.spec.empty() && freeze.spec != "none")
        models::freezeLayers(model,
                             models::resolveFreezeSpec(models::summarize(model, {}), freeze.spec));
    std::int64_t trainable = 0;
    for (const auto &p : model.parameters())
        trainable += p.requires_grad() ? p.numel() : 0;
    return trainable;
}

std::vector<std::string> frozenModules(models::NetworkImpl &model)
{
    std::vector<std::string> out;
    // Depth first with an explicit stack of (path, module): a module with parameters, all of them
    // frozen, is listed and not descended into.
    std::vector<std::pair<std::string, torch::nn::Module *>> stack;
    const auto children = model.named_children();
    for (auto it = children.end(); it != children.begin();) {
        --it;
        stack.emplace_back(it->key(), it->value().get());
    }
    while (!stack.empty()) {
        auto [path, m] = stack.back();
        stack.pop_back();
        const auto params = m->parameters();
        if (params.empty())
            continue;
        bool allFrozen = true, anyFrozen = false;
        for (const auto &p : params) {
            allFrozen = allFrozen && !p.requires_grad();
            anyFrozen = anyFrozen || !p.requires_grad();
        }
        if (allFrozen) {
            out.push_back(path);
            continue;
        }
        if (!anyFrozen)
            continue;
        const auto sub = m->named_children();
        for (auto it = sub.end(); it != sub.begin();) {
            --it;
            stack.emplace_back(path + "." + it->key(), it->value().get());
        }
    }
    return out;
}

void checkFreezeSpec(const models::ModelSpec &model, const std::string &spec)
{
    models::ModelSpec alone = model;
    alone.frozen.clear();
    alone.freeze = "none";
    auto net = models::createModel(alone, 0);
    applyFreeze(*net, {spec, {}});
}

} // namespace tl::experiment
