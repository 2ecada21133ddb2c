#pragma once

// Randomness of a training run, kept apart from the rest of the process. Torch's default CPU
// generator is process-wide: the window builds models for its Model tab on other threads while
// a run trains, and every draw there would shift the run's dropout masks. A run therefore
// installs its own generator on its thread (RandomScope); the model's random layers draw from
// it. Weight initialisation happens under one lock, seeded (see createModel).

#include <ATen/core/Generator.h>
#include <torch/nn/modules/dropout.h>

#include <cstdint>
#include <optional>

namespace tl::models {

// While alive, random layers running on this thread draw CPU randomness from `generator`.
class RandomScope
{
public:
    explicit RandomScope(at::Generator generator);
    ~RandomScope();
    RandomScope(const RandomScope &) = delete;
    RandomScope &operator=(const RandomScope &) = delete;

private:
    std::optional<at::Generator> m_previous;
};

// A CPU generator seeded with `seed` (torch's Philox-free mt19937, as torch.manual_seed).
at::Generator makeGenerator(std::uint64_t seed);

// The generator for a random draw on `device` from this thread: the RandomScope's for the CPU,
// torch's default otherwise (CUDA generators are per device and the window never uses them).
c10::optional<at::Generator> generatorFor(const c10::Device &device);

// A CPU dropout mask of `sizes`: each element 1 / keep with probability `keep`, else 0, seeded
// by one draw from `generator` (torch's default CPU generator when none), computed in parallel;
// the same for the same draw whatever the thread count.
at::Tensor dropoutMask(at::IntArrayRef sizes, double keep, c10::optional<at::Generator> generator);

// torch::nn::Dropout, drawing its mask from generatorFor(): same parameters (none), same
// behaviour, registered under the same place in the model.
class DropoutImpl : public torch::nn::DropoutImpl
{
public:
    using torch::nn::DropoutImpl::DropoutImpl;
    torch::Tensor forward(torch::Tensor input);
};
TORCH_MODULE(Dropout);

} // namespace tl::models
