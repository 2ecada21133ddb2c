// The zip reader: directory, ZIP64 records and every member's data.
#include "fuzz_common.h"
#include "weights/zip_reader.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Bytes bytes = fuzz::bytesOf(data, size);
    return fuzz::refuseCleanly([&] {
        weights::ZipReader zip(bytes, "fuzz.zip");
        for (const auto &name : zip.names()) {
            Bytes storage;
            zip.view(name, storage);
        }
    });
}
