#include "train/device_info.h"

#include "train/trainer.h"

#include <torch/torch.h>
#include <torch/version.h>

namespace tl::train {

ComputeInfo describeCompute(int threads)
{
    torch::set_num_threads(threads);
    ComputeInfo info;
    info.libtorchVersion = TORCH_VERSION;
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDevices = info.cudaAvailable ? int(torch::cuda::device_count()) : 0;
    info.device = deviceDescription(chooseDevice("auto"));
    return info;
}

} // namespace tl::train
