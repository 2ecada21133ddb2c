#include "models/model_factory.h"

#include "base/error.h"
#include "models/densenet.h"
#include "models/layer_tree.h"
#include "models/mobilenet.h"
#include "models/resnet.h"
#include "models/small_cnns.h"
#include "models/vgg.h"

#include <torch/torch.h>

#include <mutex>

namespace tl::models {

const std::vector<ModelInfo> &modelCatalog()
{
    // Parameter counts and checkpoint names as in torchvision 0.14 (torchvision/models/*.py).
    static const std::vector<ModelInfo> catalog = {
        {"simple-cnn", "small CNNs",
         "Two conv+pool blocks, Dense 128, dropout: seed 000's custom CNN. Trains in about a "
         "minute on a laptop CPU.",
         0, "dataset", 0, ""},
        {"vgg-style-cnn", "small CNNs",
         "Three VGG-style blocks of two 3x3 convs, optional BatchNorm and L2: seed 002's "
         "baseline, +BN and +BN+L2.",
         0, "dataset", 0, ""},
        {"resnet18", "ResNet",
         "ResNet-18 (He et al. 2015): residual basic blocks, 69.8 % ImageNet top-1.", 224,
         "imagenet", 11689512, "resnet18-f37072fd.pth"},
        {"resnet34", "ResNet", "ResNet-34: deeper basic blocks, 73.3 % ImageNet top-1.", 224,
         "imagenet", 21797672, "resnet34-b627a593.pth"},
        {"resnet50", "ResNet", "ResNet-50: bottleneck blocks, 76.1 % ImageNet top-1.", 224,
         "imagenet", 25557032, "resnet50-0676ba61.pth"},
        {"vgg11", "VGG", "VGG-11 (Simonyan & Zisserman 2014), 69.0 % ImageNet top-1.", 224,
         "imagenet", 132863336, "vgg11-8a719046.pth"},
        {"vgg16", "VGG",
         "VGG-16: the notebooks' workhorse; Keras layer names (block5_conv1) work too.", 224,
         "imagenet", 138357544, "vgg16-397923af.pth"},
        {"vgg16_bn", "VGG", "VGG-16 with BatchNorm after every convolution, 73.4 % ImageNet top-1.",
         224, "imagenet", 138365992, "vgg16_bn-6c64b313.pth"},
        {"vgg19", "VGG", "VGG-19: seed 000's frozen-then-fine-tuned backbone.", 224, "imagenet",
         143667240, "vgg19-dcbb9e9d.pth"},
        {"mobilenet_v2", "MobileNet",
         "MobileNetV2: inverted residuals, 3.5 M parameters; fast on a laptop CPU.", 224,
         "imagenet", 3504872, "mobilenet_v2-b0353104.pth"},
        {"mobilenet_v3_small", "MobileNet",
         "MobileNetV3-Small: the smallest backbone here (2.5 M parameters).", 224, "imagenet",
         2542856, "mobilenet_v3_small-047dcff4.pth"},
        {"mobilenet_v3_large", "MobileNet",
         "MobileNetV3-Large: squeeze-and-excitation, hard-swish; 75.3 % top-1.", 224, "imagenet",
         5483032, "mobilenet_v3_large-8738ca79.pth"},
        {"efficientnet_b0", "EfficientNet",
         "EfficientNet-B0: compound-scaled MBConv blocks, 77.7 % top-1.", 224, "imagenet", 5288548,
         "efficientnet_b0_rwightman-3dd342df.pth"},
        {"densenet121", "DenseNet",
         "DenseNet-121: every layer sees all earlier ones, 74.4 % top-1.", 224, "imagenet", 7978856,
         "densenet121-a639ec97.pth"},
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

std::shared_ptr<NetworkImpl> createModel(const ModelSpec &spec, std::optional<std::uint64_t> seed)
{
    modelInfo(spec.name); // throws for unknown names
    // Initialisation draws from torch's process-wide generator: one model at a time, so that a
    // seeded build (a run) gets the same weights while the window builds others for display.
    static std::mutex initMutex;
    std::lock_guard<std::mutex> lock(initMutex);
    if (seed)
        torch::manual_seed(*seed);
    std::shared_ptr<NetworkImpl> model;
    try {
        const std::string &n = spec.name;
        if (n == "simple-cnn")
            model = SimpleCnn(spec).ptr();
        else if (n == "vgg-style-cnn")
            model = VggStyleCnn(spec).ptr();
        else if (n == "resnet18")
            model = ResNet(spec, std::vector<int>{2, 2, 2, 2}, false).ptr();
        else if (n == "resnet34")
            model = ResNet(spec, std::vector<int>{3, 4, 6, 3}, false).ptr();
        else if (n == "resnet50")
            model = ResNet(spec, std::vector<int>{3, 4, 6, 3}, true).ptr();
        else if (n == "vgg11" || n == "vgg16" || n == "vgg19" || n == "vgg16_bn")
            model = Vgg(spec, vggConfig(std::stoi(n.substr(3, 2))), n == "vgg16_bn").ptr();
        else if (n == "mobilenet_v2")
            model = MobileNet(spec, MobileNetImpl::Variant::V2).ptr();
        else if (n == "mobilenet_v3_small")
            model = MobileNet(spec, MobileNetImpl::Variant::V3Small).ptr();
        else if (n == "mobilenet_v3_large")
            model = MobileNet(spec, MobileNetImpl::Variant::V3Large).ptr();
        else if (n == "efficientnet_b0")
            model = EfficientNet(spec).ptr();
        else if (n == "densenet121")
            model = DenseNet(spec).ptr();
    } catch (const c10::Error &e) {
        throw Error("model " + spec.name + ": " + e.msg());
    }
    if (!model)
        throw Error("unknown model '" + spec.name + "'");
    freezeLayers(*model, spec.frozen);
    if (!spec.freeze.empty() && spec.freeze != "none")
        freezeLayers(*model, resolveFreezeSpec(summarize(*model, {}), spec.freeze));
    return model;
}

} // namespace tl::models
