// Our image-header sniffer (PNG, JPEG, BMP, WebP, PNM), which runs before OpenCV decodes.
#include "data/image_decode.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    long long w = 0, h = 0;
    tl::data::imageHeaderSize(data, size, w, h);
    return 0;
}
