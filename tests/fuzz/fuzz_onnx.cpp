// An ONNX file given to `predict --model FILE.onnx`: protobuf, metadata_props, the graph's input,
// and the preprocessing JSON in the metadata (read before OpenCV sees the file).
#include "fuzz_common.h"
#include "io/json_file.h"
#include "weights/onnx_export.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char *>(data), size);
    return fuzz::refuseCleanly([&] {
        const auto info = weights::readOnnxFileInfoBytes(bytes, "fuzz.onnx");
        const auto it = info.metadata.find("preprocessing");
        if (it != info.metadata.end())
            parseJson(it->second, "fuzz.onnx (metadata 'preprocessing')");
    });
}
