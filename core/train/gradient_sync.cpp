#include "train/gradient_sync.h"

#include <ATen/record_function.h>
#include <torch/torch.h>

#include <chrono>

namespace tl::train {

GradientSync::GradientSync(Collective &collective, std::vector<torch::Tensor> params,
                           std::int64_t bucketBytes)
    : m_collective(collective), m_params(std::move(params))
{
    // Reverse order: the last layers' gradients are ready first. A bucket holds one dtype on one
    // device (all-reduce works on one flat tensor).
    Bucket current;
    for (std::size_t i = m_params.size(); i-- > 0;) {
        const torch::Tensor &p = m_params[i];
        const bool fits =
            current.members.empty() ||
            (m_params[current.members.front()].options().dtype() == p.options().dtype() &&
             m_params[current.members.front()].device() == p.device() &&
             (current.numel + p.numel()) * std::int64_t(p.element_size()) <= bucketBytes);
        if (!fits) {
            m_buckets.push_back(std::move(current));
            current = Bucket();
        }
        current.members.push_back(i);
        current.numel += p.numel();
    }
    if (!current.members.empty())
        m_buckets.push_back(std::move(current));
    for (auto &b : m_buckets) {
        const torch::Tensor &first = m_params[b.members.front()];
        b.flat = torch::empty({b.numel}, first.options().requires_grad(false));
        m_bytes += b.numel * std::int64_t(first.element_size());
    }
}

StopVote GradientSync::step(bool stopHere, bool abortHere)
{
    RECORD_USER_SCOPE("tl::allreduce");
    const auto start = std::chrono::steady_clock::now();
    torch::NoGradGuard ng;
    std::vector<torch::Tensor> tensors;
    tensors.reserve(m_buckets.size() + 1);
    for (auto &b : m_buckets) {
        std::int64_t offset = 0;
        for (const std::size_t i : b.members) {
            const torch::Tensor &g = m_params[i].grad();
            const std::int64_t n = m_params[i].numel();
            auto slot = b.flat.narrow(0, offset, n);
            if (g.defined())
                slot.copy_(g.reshape({n}));
            else
                slot.zero_();
            offset += n;
        }
        tensors.push_back(b.flat);
    }
    torch::Tensor votes = torch::tensor({stopHere ? 1.0f : 0.0f, abortHere ? 1.0f : 0.0f});
    if (!m_buckets.empty() && m_params.front().device() != votes.device())
        votes = votes.to(m_params.front().device());
    tensors.push_back(votes);
    m_collective.allReduceSum(tensors);
    const double ranks = double(m_collective.size());
    for (auto &b : m_buckets) {
        b.flat.div_(ranks);
        std::int64_t offset = 0;
        for (const std::size_t i : b.members) {
            torch::Tensor &p = m_params[i];
            const std::int64_t n = p.numel();
            auto slot = b.flat.narrow(0, offset, n).view(p.sizes());
            if (p.grad().defined())
                p.mutable_grad().copy_(slot);
            else
                p.mutable_grad() = slot.clone();
            offset += n;
        }
    }
    m_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const torch::Tensor v = votes.cpu();
    return {v[0].item<float>() > 0, v[1].item<float>() > 0};
}

StopVote voteToStop(Collective &collective, bool stopHere, bool abortHere,
                    const torch::Device &device)
{
    std::vector<torch::Tensor> t{
        torch::tensor({stopHere ? 1.0f : 0.0f, abortHere ? 1.0f : 0.0f}).to(device)};
    collective.allReduceSum(t);
    const torch::Tensor v = t[0].cpu();
    return {v[0].item<float>() > 0, v[1].item<float>() > 0};
}

} // namespace tl::train
