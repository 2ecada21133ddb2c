// Experiment files (what `train --config` and the window's File > Open read).
#include "experiment/experiment_config.h"
#include "fuzz_common.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    return fuzz::refuseCleanly([&] { experiment::ExperimentConfig::fromJson(text, "fuzz.json"); });
}
