#pragma once

// The network's layers as ONNX nodes (core-internal, for onnx_export.cpp): each supported module
// (convolutions with BatchNorm folded in, Linear, pooling, activations, the backbones' blocks)
// becomes nodes and initializers of `graph`, computed on a probe image as it is written, so the
// exporter can check that the nodes compute what forward() does. A layer that cannot be exported
// is refused with its path and the reason.

#include "weights/onnx_export.h"

#include <torch/types.h>

#include <string>

namespace onnx {
class GraphProto;
}
namespace tl::models {
class NetworkImpl;
}

namespace tl::weights {

struct OnnxGraphOutput
{
    std::string name;        // the graph value holding the model's output
    torch::Tensor value;     // what the walk computed there for the probe image
    bool rearranged = false; // the ONNX value's layout differs from `value`'s (channels last)
};

// Writes the nodes that compute `model` from the input `inputName` into `graph`, walking the
// probe image (1 x C x H x W) through the model. tl::Error naming an unsupported layer.
OnnxGraphOutput writeOnnxGraph(onnx::GraphProto &graph, models::NetworkImpl &model,
                               const std::string &inputName, const torch::Tensor &probe,
                               OnnxExportReport &report);

} // namespace tl::weights
