// IDX images and labels (Fashion-MNIST's format), the input split into the two files; gzip
// streams are inflated first, as readIdx does.
#include "data/idx_reader.h"
#include "fuzz_common.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    Bytes images, labels;
    fuzz::split(data, size, images, labels);
    return fuzz::refuseCleanly([&] {
        auto inflate = [](const Bytes &b, const char *origin) {
            return b.size() >= 2 && b[0] == 0x1f && b[1] == 0x8b ? gunzip(b, origin) : b;
        };
        data::parseIdx(inflate(images, "images.gz"), "images", inflate(labels, "labels.gz"),
                       "labels", data::fashionMnistClassNames());
    });
}
