#include "models/layer_tree.h"

#include "base/error.h"
#include "models/model_factory.h"
#include "models/network.h"

#include <torch/torch.h>

#include <map>

namespace tl::models {

namespace {

std::string typeName(const torch::nn::Module &m)
{
    std::string n = m.name();
    const auto colon = n.rfind("::");
    if (colon != std::string::npos)
        n = n.substr(colon + 2);
    if (n.size() > 4 && n.compare(n.size() - 4, 4, "Impl") == 0)
        n.resize(n.size() - 4);
    return n;
}

LayerNode walk(const std::string &name, const std::string &path, torch::nn::Module &m,
               const std::map<const torch::nn::Module *, std::vector<std::int64_t>> &shapes)
{
    LayerNode node;
    node.name = name;
    node.path = path;
    node.type = typeName(m);
    if (auto it = shapes.find(&m); it != shapes.end())
        node.outputShape = it->second;
    for (const auto &p : m.parameters(/*recurse=*/true)) {
        node.params += p.numel();
        if (p.requires_grad())
            node.trainableParams += p.numel();
    }
    for (const auto &child : m.named_children())
        node.children.push_back(walk(child.key(),
                                     path.empty() ? child.key() : path + "." + child.key(),
                                     *child.value(), shapes));
    return node;
}

} // namespace

ModelSummary summarize(NetworkImpl &model, const std::vector<std::int64_t> &inputShape)
{
    std::map<const torch::nn::Module *, std::vector<std::int64_t>> shapes;
    if (!inputShape.empty()) {
        torch::NoGradGuard noGrad;
        const bool wasTraining = model.is_training();
        model.eval();
        std::vector<std::int64_t> batchShape{1};
        batchShape.insert(batchShape.end(), inputShape.begin(), inputShape.end());
        const auto device =
            model.parameters().empty() ? torch::kCPU : model.parameters().front().device();
        try {
            auto out =
                model.forwardTraced(torch::zeros(batchShape, torch::TensorOptions().device(device)),
                                    [&](const torch::nn::Module *m, const torch::Tensor &x) {
                                        auto sizes = x.sizes().vec();
                                        sizes.erase(sizes.begin());
                                        shapes[m] = sizes;
                                    });
            auto sizes = out.sizes().vec();
            sizes.erase(sizes.begin());
            shapes[&model] = sizes;
        } catch (const c10::Error &) {
            model.train(wasTraining);
            throw;
        } catch (const std::exception &) {
            shapes.clear(); // a model that cannot be traced keeps its shapes unknown
        }
        model.train(wasTraining);
    }
    ModelSummary s;
    s.root = walk("model", "", model, shapes);
    const auto aliases = model.aliases();
    std::function<void(LayerNode &)> name = [&](LayerNode &n) {
        if (auto it = aliases.find(n.path); it != aliases.end())
            n.alias = it->second;
        for (auto &c : n.children)
            name(c);
    };
    name(s.root);
    s.root.name = typeName(model);
    s.totalParams = s.root.params;
    s.trainableParams = s.root.trainableParams;
    s.nonTrainableParams = s.totalParams - s.trainableParams;
    std::function<void(const LayerNode &)> count = [&](const LayerNode &n) {
        if (n.isLeaf() && n.params > 0)
            ++s.depth;
        for (const auto &c : n.children)
            count(c);
    };
    count(s.root);
    return s;
}

ModelSummary describeModel(const ModelSpec &spec)
{
    auto model = createModel(spec);
    try {
        return summarize(*model, {spec.inChannels, spec.inputSize, spec.inputSize});
    } catch (const c10::Error &e) {
        const std::string msg = e.what();
        throw Error("model " + spec.name + " cannot take a " + std::to_string(spec.inputSize) +
                    "x" + std::to_string(spec.inputSize) +
                    " input: " + msg.substr(0, msg.find('\n')));
    }
}

namespace {

bool isUnder(const std::string &path, const std::string &prefix)
{
    return path == prefix ||
           (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
            path[prefix.size()] == '.');
}

// Recomputes trainable counts bottom-up; leaves under a frozen path count as frozen.
std::int64_t refreeze(LayerNode &n, const std::vector<std::string> &paths, bool frozenAbove)
{
    bool frozen = frozenAbove;
    for (const auto &p : paths)
        frozen = frozen || (!n.path.empty() && isUnder(n.path, p));
    if (n.children.empty()) {
        n.trainableParams = frozen ? 0 : n.params;
        return n.trainableParams;
    }
    std::int64_t t = 0;
    for (auto &c : n.children)
        t += refreeze(c, paths, frozen);
    n.trainableParams = t;
    return t;
}

bool hasPath(const LayerNode &n, const std::string &path)
{
    if (n.path == path)
        return true;
    for (const auto &c : n.children)
        if (hasPath(c, path))
            return true;
    return false;
}

void collectLeaves(const LayerNode &n, std::vector<const LayerNode *> &out)
{
    if (n.children.empty()) {
        if (n.params > 0)
            out.push_back(&n);
        return;
    }
    for (const auto &c : n.children)
        collectLeaves(c, out);
}

} // namespace

void applyFreeze(ModelSummary &s, const std::vector<std::string> &frozenPaths)
{
    for (const auto &p : frozenPaths)
        if (!hasPath(s.root, p))
            throw Error("no layer '" + p + "' in this model");
    refreeze(s.root, frozenPaths, false);
    s.trainableParams = s.root.trainableParams;
    s.nonTrainableParams = s.totalParams - s.trainableParams;
}

std::vector<const LayerNode *> weightedLeaves(const LayerNode &root)
{
    std::vector<const LayerNode *> out;
    collectLeaves(root, out);
    return out;
}

namespace {

void leavesInOrder(const LayerNode &n, std::vector<const LayerNode *> &out)
{
    if (n.children.empty()) {
        out.push_back(&n);
        return;
    }
    for (const auto &c : n.children)
        leavesInOrder(c, out);
}

const LayerNode *findNode(const LayerNode &n, const std::string &key)
{
    if (!n.path.empty() && (n.path == key || n.alias == key))
        return &n;
    for (const auto &c : n.children)
        if (const auto *f = findNode(c, key))
            return f;
    return nullptr;
}

} // namespace

std::string findLayer(const LayerNode &root, const std::string &key)
{
    const LayerNode *n = findNode(root, key);
    return n ? n->path : std::string();
}

namespace {

Error freezeError(const std::string &spec, const std::string &what)
{
    return Error("freeze \"" + spec + "\": " + what);
}

const LayerNode &layerNamed(const LayerNode &root, const std::string &key, const std::string &spec)
{
    const LayerNode *n = findNode(root, key);
    if (!n)
        throw freezeError(spec, "no layer '" + key +
                                    "' in this model (the layer names are in the Model tab's "
                                    "tree and in `transferlab-cli summary`)");
    return *n;
}

// N of "all-but-last:N"; tl::Error unless it is a whole number >= 0.
std::size_t layerCount(const std::string &text, const std::string &spec)
{
    long n = -1;
    try {
        std::size_t used = 0;
        n = std::stol(text, &used);
        if (used != text.size())
            n = -1;
    } catch (const std::exception &) {
    }
    if (n < 0)
        throw freezeError(spec, "expected a number of layers after all-but-last:");
    return std::size_t(n);
}

// The layers with parameters under each of the comma-separated paths of `spec`.
std::vector<std::string> layersUnderPaths(const LayerNode &root, const std::string &spec,
                                          const std::string &specIn)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= spec.size()) {
        const auto comma = spec.find(',', start);
        const std::string item =
            spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) {
            std::vector<const LayerNode *> leaves;
            leavesInOrder(layerNamed(root, item, specIn), leaves);
            for (const auto *l : leaves)
                if (l->params > 0)
                    out.push_back(l->path);
        }
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

} // namespace

std::vector<std::string> resolveFreezeSpec(const ModelSummary &s, const std::string &specIn)
{
    std::string spec = specIn;
    while (!spec.empty() && spec.back() == ' ')
        spec.pop_back();
    if (spec.empty() || spec == "none")
        return {};
    if (s.root.children.empty())
        throw freezeError(specIn, "the model has no layers");
    const std::string head = s.root.children.back().path;
    std::vector<const LayerNode *> all;
    leavesInOrder(s.root, all);
    std::vector<const LayerNode *> backbone;
    for (const auto *l : all)
        if (!isUnder(l->path, head))
            backbone.push_back(l);
    std::vector<std::string> out;
    auto freezeUpTo = [&](std::size_t end) {
        for (std::size_t i = 0; i < end && i < backbone.size(); ++i)
            if (backbone[i]->params > 0)
                out.push_back(backbone[i]->path);
    };
    if (spec == "backbone") {
        freezeUpTo(backbone.size());
        return out;
    }
    if (spec.rfind("before:", 0) == 0) {
        const LayerNode *n = &layerNamed(s.root, spec.substr(7), specIn);
        std::vector<const LayerNode *> first;
        leavesInOrder(*n, first);
        if (!first.empty() && isUnder(n->path, head) && n->path != head) {
            // A layer inside the head: every layer before it, the head's earlier ones too (as
            // Keras freezes "the layers before this one").
            for (const auto *l : all) {
                if (l == first.front())
                    break;
                if (l->params > 0)
                    out.push_back(l->path);
            }
            return out;
        }
        const auto it = std::find(backbone.begin(), backbone.end(), first.front());
        freezeUpTo(std::size_t(it - backbone.begin()));
        return out;
    }
    if (spec.rfind("all-but-last:", 0) == 0) {
        const std::size_t n = layerCount(spec.substr(13), specIn);
        freezeUpTo(backbone.size() > n ? backbone.size() - n : 0);
        return out;
    }
    return layersUnderPaths(s.root, spec, specIn);
}

std::int64_t largestActivation(const LayerNode &root)
{
    std::int64_t most = 0;
    if (!root.outputShape.empty()) {
        std::int64_t n = 1;
        for (const std::int64_t d : root.outputShape)
            n *= std::max<std::int64_t>(d, 1);
        most = n;
    }
    for (const auto &c : root.children)
        most = std::max(most, largestActivation(c));
    return most;
}

} // namespace tl::models
