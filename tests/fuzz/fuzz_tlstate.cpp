// Training states (state.tlstate): safetensors with a JSON header of the run's position.
#include "fuzz_common.h"
#include "rundir/run_state.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Bytes bytes = fuzz::bytesOf(data, size);
    return fuzz::refuseCleanly([&] { runs::readRunStateBytes(bytes, "fuzz.tlstate"); });
}
