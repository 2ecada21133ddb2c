#include "weights/onnx_export.h"

#include "base/error.h"
#include "io/file_limits.h"
#include "io/files.h"
#include "weights/onnx_graph.h"

#include <onnx/onnx_pb.h>
#include <torch/torch.h>

#include <limits>
#include <set>

namespace tl::weights {

namespace {

void setTensorType(onnx::ValueInfoProto &v, const std::string &name,
                   const std::vector<std::int64_t> &dims)
{
    v.set_name(name);
    auto *t = v.mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    auto *shape = t->mutable_shape();
    for (auto d : dims) {
        auto *dim = shape->add_dim();
        if (d < 0)
            dim->set_dim_param("batch");
        else
            dim->set_dim_value(d);
    }
}

// The last node that writes `from` writes the graph's output under its public name `to`; false
// when no node does (the model is the identity on its input).
bool renameLastOutput(onnx::GraphProto &graph, const std::string &from, const std::string &to)
{
    for (int i = graph.node_size() - 1; i >= 0; --i) {
        auto *n = graph.mutable_node(i);
        bool renamed = false;
        for (int k = 0; k < n->output_size(); ++k)
            if (n->output(k) == from) {
                n->set_output(k, to);
                renamed = true;
            }
        if (renamed)
            return true;
    }
    return false;
}

} // namespace

std::string onnxModelBytes(models::NetworkImpl &model, const OnnxExportOptions &options,
                           OnnxExportReport *reportOut)
{
    if (options.channels < 1 || options.imageSize < 1)
        throw Error("cannot export to ONNX: no input size (channels " +
                    std::to_string(options.channels) + ", image size " +
                    std::to_string(options.imageSize) + ")");
    model.eval();
    torch::NoGradGuard noGrad;
    onnx::ModelProto proto;
    proto.set_ir_version(kOnnxIrVersion);
    proto.set_producer_name("TransferLab");
    proto.set_producer_version(options.producerVersion);
    proto.set_doc_string("Exported by TransferLab: " + model.name() +
                         " in evaluation form (dropout removed, BatchNorm folded or in inference "
                         "form); input " +
                         options.inputName + " as preprocessing says, output " +
                         options.outputName + " (logits; softmax gives probabilities)");
    auto *opset = proto.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOnnxOpset);
    for (const auto &[k, v] : options.metadata) {
        auto *p = proto.add_metadata_props();
        p->set_key(k);
        p->set_value(v);
    }
    onnx::GraphProto &graph = *proto.mutable_graph();
    graph.set_name(options.graphName);

    OnnxExportReport report;
    // A probe image, the same every time and drawn from no generator: the walk computes what the
    // model computes for it.
    const std::int64_t side = options.imageSize;
    const torch::Tensor probe =
        torch::sin(torch::arange(options.channels * side * side, torch::kFloat32) * 0.7311f)
            .mul(2.0f)
            .view({1, options.channels, side, side});
    OnnxGraphOutput out;
    try {
        out = writeOnnxGraph(graph, model, options.inputName, probe, report);
    } catch (const c10::Error &e) {
        throw Error("cannot export " + model.name() + " to ONNX at " +
                    std::to_string(options.imageSize) + " pixels: " + e.msg());
    }
    if (out.value.dim() != 2 || out.rearranged)
        throw Error("cannot export " + model.name() +
                    " to ONNX: its output is not [batch, classes]");
    // The walk must compute what forward() does, or it has misread the model.
    const torch::Tensor expected = model.forward(probe);
    const double gap = (expected - out.value).abs().max().item<double>();
    const double scale = std::max(1.0, expected.abs().max().item<double>());
    if (!expected.sizes().equals(out.value.sizes()) || !(gap <= 1e-4 * scale))
        throw Error("cannot export " + model.name() +
                    " to ONNX: the exported layers do not compute what the model does "
                    "(largest difference " +
                    std::to_string(gap) + ")");
    if (!renameLastOutput(graph, out.name, options.outputName)) // the identity on its input
        throw Error("cannot export " + model.name() + " to ONNX: it computes nothing");
    setTensorType(*graph.add_input(), options.inputName,
                  {-1, options.channels, options.imageSize, options.imageSize});
    setTensorType(*graph.add_output(), options.outputName, {-1, out.value.size(1)});

    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw Error("cannot export " + model.name() +
                    " to ONNX: the model is larger than protobuf's 2 GB");
    report.bytes = std::int64_t(bytes.size());
    if (reportOut)
        *reportOut = report;
    return bytes;
}

OnnxExportReport exportOnnx(models::NetworkImpl &model, const std::string &path,
                            const OnnxExportOptions &options)
{
    OnnxExportReport report;
    const std::string bytes = onnxModelBytes(model, options, &report);
    writeFileAtomic(path, bytes);
    return report;
}

OnnxFileInfo readOnnxFileInfo(const std::string &path)
{
    const Bytes data = readFile(path);
    return readOnnxFileInfoBytes(std::string(data.begin(), data.end()), path);
}

OnnxFileInfo readOnnxFileInfoBytes(const std::string &data, const std::string &path)
{
    onnx::ModelProto proto;
    if (data.size() > std::size_t(std::numeric_limits<int>::max()) ||
        !proto.ParseFromArray(data.data(), int(data.size())))
        throw fileError(path, "not an ONNX model (its protobuf does not parse)");
    OnnxFileInfo info;
    info.irVersion = proto.ir_version();
    for (const auto &o : proto.opset_import())
        if (o.domain().empty() || o.domain() == "ai.onnx")
            info.opset = o.version();
    for (const auto &p : proto.metadata_props())
        info.metadata[p.key()] = p.value();
    const auto &g = proto.graph();
    // Initializers may be listed as inputs too (IR < 4): the real input is the one without one.
    std::set<std::string> inits;
    for (const auto &t : g.initializer())
        inits.insert(t.name());
    for (const auto &in : g.input()) {
        if (inits.count(in.name()))
            continue;
        info.inputName = in.name();
        if (in.type().has_tensor_type())
            for (const auto &d : in.type().tensor_type().shape().dim())
                info.inputDims.push_back(d.has_dim_value() ? d.dim_value() : 0);
        break;
    }
    if (info.inputName.empty())
        throw fileError(path, "the ONNX graph has no input");
    if (g.output_size() > 0)
        info.outputName = g.output(0).name();
    return info;
}

} // namespace tl::weights
