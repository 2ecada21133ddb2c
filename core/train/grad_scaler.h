#pragma once

#include <torch/types.h>

#include <functional>
#include <vector>

namespace torch::optim {
class Optimizer;
}

namespace tl::train {

// One optimizer step from a loss: backward, optional gradient clipping, step. With mixed
// precision (CUDA), dynamic loss scaling as torch.cuda.amp.GradScaler does it: scale the loss,
// unscale the gradients, skip the step when one overflowed, then grow or shrink the scale.
class GradScaler
{
public:
    GradScaler(bool enabled, const torch::Device &device);
    bool enabled() const { return m_enabled; }
    // `afterBackward` runs between backward and the optimizer (a data-parallel run averages the
    // gradients there; scaled ones, so an overflow on any rank is seen by all).
    void step(const torch::Tensor &loss, torch::optim::Optimizer &optimizer,
              const std::vector<torch::Tensor> &params, double gradClip,
              const std::function<void()> &afterBackward = {});

private:
    bool m_enabled;
    torch::Tensor m_scale, m_growthTracker, m_foundInf;
};

} // namespace tl::train
