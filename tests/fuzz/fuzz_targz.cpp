// A .tar.gz as the CIFAR archives come: gzip, then tar.
#include "fuzz_common.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Bytes bytes = fuzz::bytesOf(data, size);
    return fuzz::refuseCleanly([&] {
        const Bytes tar = bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
                              ? gunzip(bytes, "fuzz.tar.gz")
                              : bytes;
        parseTar(tar, "fuzz.tar");
    });
}
