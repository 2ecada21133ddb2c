// CIFAR binary batches (CIFAR-10 and CIFAR-100 record layouts).
#include "data/cifar_reader.h"
#include "fuzz_common.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const Bytes bytes(data + 1, data + size);
    return fuzz::refuseCleanly([&] {
        data::ImageStore store;
        store.height = store.width = 32;
        store.channels = 3;
        const bool hundred = data[0] & 1;
        store.classNames.assign(hundred ? 100 : 10, "c");
        data::parseCifarBatch(store, bytes, "fuzz.bin", hundred ? 2 : 1, hundred ? 1 : 0);
    });
}
