#include "models/model_factory.h"

#include "error.h"
#include "models/small_cnns.h"

#include <torch/torch.h>

namespace tl::models {

const std::vector<ModelInfo> &modelCatalog()
{
    static const std::vector<ModelInfo> catalog = {
        {"simple-cnn", "small CNNs",
         "Two conv+pool blocks, Dense 128, dropout: seed 000's custom CNN. Trains in about a "
         "minute on a laptop CPU.",
         0, "dataset"},
        {"vgg-style-cnn", "small CNNs",
         "Three VGG-style blocks of two 3x3 convs, optional BatchNorm and L2: seed 002's "
         "baseline, +BN and +BN+L2.",
         0, "dataset"},
    };
    return catalog;
}

const ModelInfo &modelInfo(const std::string &name)
{
    std::string known;
    for (const auto &m : modelCatalog()) {
        if (m.name == name)
            return m;
        known += (known.empty() ? "" : ", ") + m.name;
    }
    throw Error("unknown model '" + name + "' (known: " + known + ")");
}

void freezeLayers(NetworkImpl &model, const std::vector<std::string> &paths)
{
    auto params = model.named_parameters(/*recurse=*/true);
    for (const auto &path : paths) {
        bool found = false;
        for (auto &p : params) {
            const std::string &name = p.key();
            if (name == path ||
                (name.size() > path.size() && name.compare(0, path.size(), path) == 0 &&
                 name[path.size()] == '.')) {
                p.value().set_requires_grad(false);
                found = true;
            }
        }
        if (!found) {
            // A parameter-free layer (ReLU, pooling) is fine to name; anything else is a typo.
            bool isModule = false;
            for (const auto &m : model.named_modules())
                isModule = isModule || m.key() == path;
            if (!isModule)
                throw Error("cannot freeze '" + path + "': no such layer in " + model.name());
        }
    }
}

std::shared_ptr<NetworkImpl> createModel(const ModelSpec &spec)
{
    modelInfo(spec.name); // throws for unknown names
    std::shared_ptr<NetworkImpl> model;
    try {
        if (spec.name == "simple-cnn")
            model = SimpleCnn(spec).ptr();
        else if (spec.name == "vgg-style-cnn")
            model = VggStyleCnn(spec).ptr();
    } catch (const c10::Error &e) {
        throw Error("model " + spec.name + ": " + e.msg());
    }
    if (!model)
        throw Error("unknown model '" + spec.name + "'");
    freezeLayers(*model, spec.frozen);
    return model;
}

} // namespace tl::models
