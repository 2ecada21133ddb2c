#include "models/layer_tree.h"

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
        node.children.push_back(walk(child.key(), path.empty() ? child.key() : path + "." + child.key(),
                                     *child.value(), shapes));
    return node;
}

void traceSequential(torch::nn::Module &m, torch::Tensor &x,
                     std::map<const torch::nn::Module *, std::vector<std::int64_t>> &shapes, bool &ok)
{
    auto *seq = dynamic_cast<torch::nn::SequentialImpl *>(&m);
    if (!seq) {
        ok = false;
        return;
    }
    for (auto &any : *seq) {
        torch::nn::Module *child = any.ptr().get();
        if (auto *inner = dynamic_cast<torch::nn::SequentialImpl *>(child))
            traceSequential(*inner, x, shapes, ok);
        else
            x = any.forward(x);
        auto sizes = x.sizes().vec();
        sizes.erase(sizes.begin());
        shapes[child] = sizes;
    }
    auto sizes = x.sizes().vec();
    sizes.erase(sizes.begin());
    shapes[&m] = sizes;
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
        const auto device = model.parameters().empty() ? torch::kCPU : model.parameters().front().device();
        torch::Tensor x = torch::zeros(batchShape, torch::TensorOptions().device(device));
        bool ok = true;
        // Top-level children in registration order: the small CNNs and torchvision's VGG,
        // MobileNet... are chains of Sequentials; anything else keeps its shape unknown.
        for (const auto &child : model.named_children()) {
            if (!ok)
                break;
            traceSequential(*child.value(), x, shapes, ok);
        }
        if (ok)
            shapes[&model] = shapes.empty() ? std::vector<std::int64_t>{} : [&] {
                auto s = x.sizes().vec();
                s.erase(s.begin());
                return s;
            }();
        model.train(wasTraining);
    }
    ModelSummary s;
    s.root = walk("model", "", model, shapes);
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

} // namespace tl::models
