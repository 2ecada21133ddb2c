// A CSV-described image dataset (path,label[,split] lines): the rows are parsed and checked
// without touching a file.
#include "data/image_folder.h"
#include "fuzz_common.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Bytes bytes(data, data + size);
    return fuzz::refuseCleanly([&] { data::parseImageCsv(bytes, "fuzz.csv"); });
}
