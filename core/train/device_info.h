#pragma once

#include <string>

namespace tl::train {

// LibTorch and the device a run would use, without tensors in this header
// (`transferlab-cli info`).
struct ComputeInfo
{
    std::string libtorchVersion; // TORCH_VERSION
    bool cudaAvailable = false;
    int cudaDevices = 0;
    std::string device; // deviceDescription(chooseDevice("auto"))
};

// Sets torch's compute threads to `threads` (as a run sets them: the CPU device's description
// names the count) and describes what LibTorch offers.
ComputeInfo describeCompute(int threads);

} // namespace tl::train
