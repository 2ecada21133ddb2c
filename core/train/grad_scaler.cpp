#include "train/grad_scaler.h"

#include <ATen/record_function.h>
#include <torch/torch.h>

namespace tl::train {

GradScaler::GradScaler(bool enabled, const torch::Device &device) : m_enabled(enabled)
{
    if (!m_enabled)
        return;
    auto f32 = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    m_scale = torch::full({1}, 65536.0, f32);
    m_growthTracker = torch::zeros({1}, f32.dtype(torch::kInt32));
    m_foundInf = torch::zeros({1}, f32);
}

void GradScaler::step(const torch::Tensor &loss, torch::optim::Optimizer &optimizer,
                      const std::vector<torch::Tensor> &params, double gradClip,
                      const std::function<void()> &afterBackward)
{
    // The scopes name the step's parts in a profile (tests/bench/bench_profile).
    if (!m_enabled) {
        {
            RECORD_USER_SCOPE("tl::backward");
            loss.backward();
        }
        if (afterBackward)
            afterBackward();
        RECORD_USER_SCOPE("tl::optimizer");
        if (gradClip > 0)
            torch::nn::utils::clip_grad_norm_(params, gradClip);
        optimizer.step();
        return;
    }
    {
        RECORD_USER_SCOPE("tl::backward");
        (loss * m_scale).backward();
    }
    if (afterBackward)
        afterBackward();
    RECORD_USER_SCOPE("tl::optimizer");
    std::vector<torch::Tensor> grads;
    for (const auto &p : params)
        if (p.grad().defined())
            grads.push_back(p.grad());
    m_foundInf.zero_();
    at::_amp_foreach_non_finite_check_and_unscale_(grads, m_foundInf, m_scale.reciprocal());
    if (gradClip > 0)
        torch::nn::utils::clip_grad_norm_(params, gradClip);
    if (m_foundInf.item<float>() == 0.f)
        optimizer.step();
    at::_amp_update_scale_(m_scale, m_growthTracker, m_foundInf, 2.0, 0.5, 2000);
}

} // namespace tl::train
