#include "models/network.h"

#include "models/backbone.h"

#include <torch/torch.h>

namespace tl::models {

torch::Tensor NetworkImpl::forwardTraced(
    torch::Tensor x,
    const std::function<void(const torch::nn::Module *, const torch::Tensor &)> &hook)
{
    const ShapeHook *h = hook ? &hook : nullptr;
    for (const auto &child : named_children()) {
        auto *seq = dynamic_cast<torch::nn::SequentialImpl *>(child.value().get());
        TORCH_CHECK(seq, "cannot trace ", name(), ": child ", child.key(), " is not a Sequential");
        x = runSequential(*seq, x, h);
    }
    return x;
}

torch::Tensor NetworkImpl::forwardBody(torch::Tensor)
{
    TORCH_CHECK(false, name(), " cannot be split into body and head");
}

torch::Tensor NetworkImpl::forwardHead(torch::Tensor)
{
    TORCH_CHECK(false, name(), " cannot be split into body and head");
}

} // namespace tl::models
