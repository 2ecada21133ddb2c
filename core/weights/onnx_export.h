#pragma once

#include "models/network.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tl::weights {

// The operator set the files are written in. OpenCV 4.6's DNN module (Debian 12) reads Clip
// (ReLU6) only with min/max as attributes, which opset 11 turned into inputs: opset 10 is the
// newest that every model here can use and that OpenCV 4.6 reads.
constexpr int kOnnxOpset = 10;
// ONNX IR version 5 (ONNX 1.5, the release that brought opset 10).
constexpr int kOnnxIrVersion = 5;

struct OnnxExportOptions
{
    std::string inputName = "input";   // [batch, channels, imageSize, imageSize], float32
    std::string outputName = "logits"; // [batch, classes]
    int channels = 3;
    int imageSize = 32;
    std::string graphName = "model";
    std::string producerVersion;
    // The model's metadata_props (class names, preprocessing...), as they are.
    std::map<std::string, std::string> metadata;
};

struct OnnxExportReport
{
    std::int64_t bytes = 0;
    int nodes = 0;
    int foldedBatchNorms = 0; // folded into the convolution or Linear before them
    int keptBatchNorms = 0;   // BatchNormalization nodes in inference form (nothing to fold into)
};

// The model in evaluation form as an ONNX ModelProto (ONNX's own protobuf classes), serialized:
// a walk over the model's modules (the catalogue's backbones with every head, the small CNNs)
// that emits one or a few ONNX nodes per layer, with a dynamic batch dimension. Dropout and
// stochastic depth vanish; BatchNorm is folded into the layer before it where there is one, and
// kept as BatchNormalization otherwise. A layer it cannot write exactly is refused with a
// tl::Error naming the layer's path and type. The model is left in evaluation mode.
std::string onnxModelBytes(models::NetworkImpl &model, const OnnxExportOptions &options,
                           OnnxExportReport *report = nullptr);

// onnxModelBytes written to `path` (temporary name, then renamed).
OnnxExportReport exportOnnx(models::NetworkImpl &model, const std::string &path,
                            const OnnxExportOptions &options);

// An ONNX file's metadata_props and its graph's first input (name and dimensions, 0 for a
// symbolic one). tl::Error naming the file when it is not an ONNX model.
struct OnnxFileInfo
{
    std::map<std::string, std::string> metadata;
    std::string inputName;
    std::vector<std::int64_t> inputDims;
    std::string outputName;
    std::int64_t opset = 0;
    std::int64_t irVersion = 0;
};
OnnxFileInfo readOnnxFileInfo(const std::string &path);
// The same from the file's bytes (`origin` names them in errors). Parsed by protobuf's own
// parser (bounded by the bytes given; the file by limits::kMaxFileBytes).
OnnxFileInfo readOnnxFileInfoBytes(const std::string &bytes, const std::string &origin);

} // namespace tl::weights
