// The checkpoint loader: PyTorch zip and legacy formats and safetensors, tensors materialised.
#include "fuzz_common.h"
#include "weights/checkpoint.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Bytes bytes = fuzz::bytesOf(data, size);
    return fuzz::refuseCleanly([&] { weights::readCheckpointBytes(bytes, "fuzz.pth"); });
}
