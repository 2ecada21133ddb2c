#pragma once

#include <torch/types.h>

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
    void step(const torch::Tensor &loss, torch::optim::Optimizer &optimizer,
              const std::vector<torch::Tensor> &params, double gradClip);

private:
    bool m_enabled;
    torch::Tensor m_scale, m_growthTracker, m_foundInf;
};

} // namespace tl::train
