#include "models/network_view.h"

#include "base/error.h"

#include <torch/torch.h>

namespace tl::models {

NetworkView layerView(NetworkImpl &model, const torch::Tensor &image,
                      const torch::nn::Module *target, const std::string &name)
{
    NetworkView v;
    v.layer = name;
    const bool training = model.is_training();
    model.eval();
    torch::Tensor out;
    {
        torch::NoGradGuard ng;
        model.forwardTraced(image, [&](const torch::nn::Module *m, const torch::Tensor &t) {
            if (out.defined())
                return;
            if (target ? m == target : dynamic_cast<const torch::nn::Conv2dImpl *>(m) != nullptr) {
                out = t;
                target = m;
            }
        });
    }
    model.train(training);
    if (!out.defined() || out.dim() != 4)
        throw Error("layer '" + name + "' of " + model.name() + " has no feature maps");
    if (v.layer.empty())
        for (const auto &m : model.named_modules("", false))
            if (m.value().get() == target)
                v.layer = m.key();
    const torch::Tensor maps = out[0].to(torch::kCPU, torch::kFloat32).contiguous();
    v.channels = int(maps.size(0));
    v.height = int(maps.size(1));
    v.width = int(maps.size(2));
    v.maps.assign(maps.data_ptr<float>(), maps.data_ptr<float>() + maps.numel());
    const torch::Tensor means = maps.mean({1, 2}).contiguous();
    v.means.assign(means.data_ptr<float>(), means.data_ptr<float>() + means.numel());
    const torch::Tensor order = means.argsort(0, true).to(torch::kInt32).contiguous();
    v.order.assign(order.data_ptr<int>(), order.data_ptr<int>() + order.numel());
    if (const auto *conv = dynamic_cast<const torch::nn::Conv2dImpl *>(target)) {
        const torch::Tensor w = conv->weight.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        if ((w.size(1) == 1 || w.size(1) == 3) && w.size(2) == w.size(3)) {
            v.filterIn = int(w.size(1));
            v.filterSize = int(w.size(2));
            v.filters.assign(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
        }
    }
    return v;
}

} // namespace tl::models
