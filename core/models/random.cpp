#include "models/random.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

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

torch::Tensor DropoutImpl::forward(torch::Tensor input)
{
    const double p = options.p();
    if (!is_training() || p == 0.0)
        return input;
    if (p >= 1.0)
        return input * 0;
    // As at::dropout: keep with probability 1 - p, scale the kept by 1 / (1 - p).
    auto mask = torch::empty_like(input).bernoulli_(1.0 - p, generatorFor(input.device()));
    mask.div_(1.0 - p);
    return options.inplace() ? input.mul_(mask) : input * mask;
}

} // namespace tl::models
