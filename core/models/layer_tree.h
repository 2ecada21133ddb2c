#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tl::models {

class NetworkImpl;

// One node of a model's module tree, as the GUI's tree view and `summary` show it.
struct LayerNode
{
    std::string name;                      // registered name ("conv1")
    std::string path;                      // dotted path, as in the state_dict ("features.conv1")
    std::string alias;                     // a friendlier name where one exists ("block3_pool")
    std::string type;                      // module type ("Conv2d")
    std::vector<std::int64_t> outputShape; // per sample (C, H, W), empty if unknown
    std::int64_t params = 0;               // including children
    std::int64_t trainableParams = 0;      // parameters with requires_grad
    std::vector<LayerNode> children;

    bool isLeaf() const { return children.empty(); }
};

struct ModelSummary
{
    LayerNode root;
    std::int64_t totalParams = 0;
    std::int64_t trainableParams = 0;
    std::int64_t nonTrainableParams = 0;
    int depth = 0; // layers with parameters (Keras counts weighted layers)
};

struct ModelSpec;

// Walks the module tree; output shapes come from one forward pass of a zero batch of
// `inputShape` (C, H, W) through each Sequential, child by child.
ModelSummary summarize(NetworkImpl &model, const std::vector<std::int64_t> &inputShape);

// The largest output of any layer, in elements per sample (0 when no shape is known).
std::int64_t largestActivation(const LayerNode &root);

// Builds `spec` and summarises it at its input size, for callers without torch (GUI, CLI).
ModelSummary describeModel(const ModelSpec &spec);

// Marks the layers at `frozenPaths` (and everything under them) frozen in the summary's
// trainable counts, as freezing them in the model would. Unknown paths throw tl::Error.
void applyFreeze(ModelSummary &summary, const std::vector<std::string> &frozenPaths);

// Leaf layers with parameters, in forward order (the unit of "unfreeze the last N layers").
std::vector<const LayerNode *> weightedLeaves(const LayerNode &root);

// Turns a freeze spec into the leaf paths to freeze, on a summary of the unfrozen model:
//   none                 nothing
//   backbone             every layer but the head (the model's last top-level module)
//   before:LAYER         every backbone layer before LAYER (Keras' set_trainable idiom: LAYER
//                        and everything after it trains); LAYER is a path or an alias
//   all-but-last:N       the backbone's last N layers (any kind, in forward order) train
//   PATH[,PATH...]       these layers (paths or aliases) and everything under them
// tl::Error naming the spec when a layer is unknown or the syntax is wrong.
std::vector<std::string> resolveFreezeSpec(const ModelSummary &summary, const std::string &spec);

// The path of a layer given by path or alias, or "" when there is none.
std::string findLayer(const LayerNode &root, const std::string &pathOrAlias);

} // namespace tl::models
