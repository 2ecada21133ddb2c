#include "models/gradcam.h"

#include "base/error.h"

#include <torch/torch.h>

#include <algorithm>

#include <map>

namespace tl::models {

bool skippedByDefault(const torch::nn::Module *m)
{
    return dynamic_cast<const torch::nn::MaxPool2dImpl *>(m) ||
           dynamic_cast<const torch::nn::AvgPool2dImpl *>(m) ||
           dynamic_cast<const torch::nn::AdaptiveAvgPool2dImpl *>(m) ||
           dynamic_cast<const torch::nn::DropoutImpl *>(m) ||
           dynamic_cast<const torch::nn::Dropout2dImpl *>(m);
}

namespace {

// Grad-CAM's map: the activation weighted by its spatially averaged gradient, rectified, resized
// to the image and scaled to [0, 1].
torch::Tensor camFromGradients(const torch::Tensor &activation, torch::Tensor g,
                               std::int64_t height, std::int64_t width)
{
    torch::NoGradGuard ng;
    if (!g.defined())
        g = torch::zeros_like(activation);
    const torch::Tensor weights = g.mean({2, 3}, /*keepdim=*/true);
    torch::Tensor cam = torch::relu((weights * activation.detach()).sum(1, true));
    cam =
        torch::nn::functional::interpolate(cam, torch::nn::functional::InterpolateFuncOptions()
                                                    .size(std::vector<std::int64_t>{height, width})
                                                    .mode(torch::kBilinear)
                                                    .align_corners(false));
    cam = cam[0][0].to(torch::kCPU).to(torch::kFloat32);
    const float top = cam.max().item<float>();
    return top > 0 ? cam / top : torch::zeros_like(cam);
}

} // namespace

GradCamResult gradCam(NetworkImpl &model, const torch::Tensor &image, int targetClass,
                      const std::string &layer)
{
    if (image.dim() != 4 || image.size(0) != 1)
        throw Error("Grad-CAM takes one image (1 x C x H x W)");
    std::map<const torch::nn::Module *, std::string> paths;
    for (const auto &m : model.named_modules("", /*include_self=*/false))
        paths.emplace(m.value().get(), m.key());
    const auto children = model.named_children();
    const std::string head = children.is_empty() ? std::string() : children.keys().back();
    if (!layer.empty() &&
        std::none_of(paths.begin(), paths.end(), [&](const auto &p) { return p.second == layer; }))
        throw Error("no layer '" + layer + "' in " + model.name());

    const bool wasTraining = model.is_training();
    model.eval();
    torch::AutoGradMode grad(true);
    // The input asks for a gradient so that every activation has one, frozen layers included.
    torch::Tensor x = image.detach().clone().requires_grad_(true);
    torch::Tensor activation;
    std::string chosen;
    const torch::Tensor logits =
        model.forwardTraced(x, [&](const torch::nn::Module *m, const torch::Tensor &out) {
            auto it = paths.find(m);
            if (it == paths.end())
                return;
            const std::string &path = it->second;
            if (!layer.empty()) {
                if (path == layer && !activation.defined()) {
                    out.retain_grad();
                    activation = out;
                    chosen = path;
                }
                return;
            }
            // Default: the body's last 4-D output from a layer below the top level.
            const bool inHead = path == head || path.rfind(head + ".", 0) == 0;
            const bool topLevel = path.find('.') == std::string::npos;
            if (inHead || topLevel || out.dim() != 4 || skippedByDefault(m))
                return;
            out.retain_grad();
            activation = out;
            chosen = path;
        });
    if (!activation.defined()) {
        model.train(wasTraining);
        throw Error(layer.empty() ? "Grad-CAM found no convolutional layer in " + model.name()
                                  : "layer '" + layer + "' is not reached by the forward pass");
    }
    if (activation.dim() != 4) {
        model.train(wasTraining);
        throw Error("layer '" + chosen + "' has a " + std::to_string(activation.dim()) +
                    "-D output; Grad-CAM needs a convolutional (4-D) one");
    }
    GradCamResult r;
    r.layer = chosen;
    r.probabilities = torch::softmax(logits.detach(), 1)[0].to(torch::kCPU);
    const int classes = static_cast<int>(logits.size(1));
    r.targetClass =
        targetClass >= 0 ? targetClass : static_cast<int>(logits.argmax(1).item<std::int64_t>());
    if (r.targetClass >= classes) {
        model.train(wasTraining);
        throw Error("class " + std::to_string(r.targetClass) + " outside the model's " +
                    std::to_string(classes) + " classes");
    }
    logits[0][r.targetClass].backward();
    const torch::Tensor g = activation.grad();
    model.train(wasTraining);
    r.heatmap = camFromGradients(activation, g, image.size(2), image.size(3));
    return r;
}

} // namespace tl::models
