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

std::shared_ptr<NetworkImpl> createModel(const ModelSpec &spec)
{
    modelInfo(spec.name); // throws for unknown names
    try {
        if (spec.name == "simple-cnn")
            return SimpleCnn(spec).ptr();
        if (spec.name == "vgg-style-cnn")
            return VggStyleCnn(spec).ptr();
    } catch (const c10::Error &e) {
        throw Error("model " + spec.name + ": " + e.msg());
    }
    throw Error("unknown model '" + spec.name + "'");
}

} // namespace tl::models
