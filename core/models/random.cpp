#include "models/random.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <mutex>

namespace tl::models {

namespace {
thread_local std::optional<at::Generator> t_generator;
}

RandomScope::RandomScope(at::Generator generator) : m_previous(t_generator)
{
    t_generator = std::move(generator);
}

RandomScope::~RandomScope()
{
    t_generator = m_previous;
}

at::Generator makeGenerator(std::uint64_t seed)
{
    return at::make_generator<at::CPUGeneratorImpl>(seed);
}

c10::optional<at::Generator> generatorFor(const c10::Device &device)
{
    if (device.is_cpu() && t_generator)
        return *t_generator;
    return c10::nullopt;
}

namespace {

// SplitMix64's output function: a bijective hash whose outputs for consecutive inputs pass
// statistical test suites (it is how SplitMix64 and xoshiro seed themselves).
inline std::uint64_t splitMix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace

torch::Tensor dropoutMask(at::IntArrayRef sizes, double keep, c10::optional<at::Generator> gen)
{
    // One 64-bit draw from the run's generator; each element's keep-or-drop is then a hash of
    // (that draw, its index), so the mask is computed in parallel and is the same whatever the
    // thread count. torch's bernoulli_ draws element by element from mt19937 on one thread
    // (Debian's LibTorch has no MKL): a quarter of simple-cnn's forward pass on 2 cores.
    at::Generator g = gen ? *gen : at::detail::getDefaultCPUGenerator();
    std::uint64_t seed = 0;
    {
        std::lock_guard<std::mutex> lock(g.mutex());
        seed = at::check_generator<at::CPUGeneratorImpl>(g)->random64();
    }
    torch::Tensor mask = torch::empty(sizes, torch::kFloat32);
    float *out = mask.data_ptr<float>();
    // Keep when the hash's top 53 bits, as a fraction of 2^53, fall below `keep`.
    const auto threshold = static_cast<std::uint64_t>(std::ldexp(keep, 53));
    const float scale = static_cast<float>(1.0 / keep);
    at::parallel_for(0, mask.numel(), 1 << 14, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i) {
            const std::uint64_t h =
                splitMix64(seed + static_cast<std::uint64_t>(i) * 0x9e3779b97f4a7c15ULL);
            out[i] = (h >> 11) < threshold ? scale : 0.0f;
        }
    });
    return mask;
}

torch::Tensor DropoutImpl::forward(torch::Tensor input)
{
    const double p = options.p();
    if (!is_training() || p == 0.0)
        return input;
    if (p >= 1.0)
        return input * 0;
    // As at::dropout: keep with probability 1 - p, scale the kept by 1 / (1 - p).
    torch::Tensor mask;
    if (input.device().is_cpu() && input.scalar_type() == torch::kFloat32) {
        mask = dropoutMask(input.sizes(), 1.0 - p, generatorFor(input.device()));
    } else {
        mask = torch::empty_like(input).bernoulli_(1.0 - p, generatorFor(input.device()));
        mask.div_(1.0 - p);
    }
    return options.inplace() ? input.mul_(mask) : input * mask;
}

} // namespace tl::models
