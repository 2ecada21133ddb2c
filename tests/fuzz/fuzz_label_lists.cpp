// The lists a user brings to `labels apply` and `train --label-overrides` (issue 28): a fix list
// (index, label, fix or mark/suggested columns by name) and a label-override file. Parsed and
// checked without touching a file.
#include "analysis/label_fixes.h"
#include "data/label_overrides.h"
#include "fuzz_common.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Bytes bytes(data, data + size);
    static const std::vector<std::string> classes = {"cat", "dog", "Ankle boot"};
    fuzz::refuseCleanly([&] { runs::parseLabelFixes(bytes, "fuzz.csv", classes); });
    return fuzz::refuseCleanly([&] { data::parseLabelOverrides(bytes, "fuzz.csv"); });
}
