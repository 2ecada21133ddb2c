// The network's layers as ONNX nodes (onnx_graph.h): a walk over the LibTorch modules that
// computes each one on a probe image beside the node it writes.

#include "weights/onnx_graph.h"

#include "base/error.h"
#include "models/backbone.h"
#include "models/densenet.h"
#include "models/mobilenet.h"
#include "models/random.h"
#include "models/resnet.h"
#include "models/small_cnns.h"
#include "models/vgg.h"

#include <onnx/onnx_pb.h>
#include <torch/torch.h>

#include <limits>
#include <map>
#include <set>

namespace tl::weights {

namespace {

using torch::nn::Module;

// A value of the graph being written: its ONNX name and what the LibTorch model computes there
// for a probe image (its shape drives the nodes; the last one is checked against forward()).
struct Value
{
    std::string name;
    torch::Tensor t;
    // t is NHWC while the ONNX value stays NCHW (the small CNN's per-pixel Dense, after its
    // ChannelsLast): a Linear becomes a 1x1 convolution, a Flatten records `perm`.
    bool channelsLast = false;
    // After a Flatten of a channels-last value: ONNX column i is column perm[i] of t.
    std::vector<std::int64_t> perm;

    Value() = default;
    Value(std::string name_, torch::Tensor t_, bool channelsLast_ = false,
          std::vector<std::int64_t> perm_ = {})
        : name(std::move(name_)), t(std::move(t_)), channelsLast(channelsLast_),
          perm(std::move(perm_))
    {
    }
};

// Per-channel y = x * scale + shift of a BatchNorm in evaluation, in double.
struct Affine
{
    torch::Tensor scale, shift;
};

template <typename BN> Affine batchNormAffine(BN &bn)
{
    const auto &o = bn.options;
    const torch::Tensor mean = bn.running_mean.to(torch::kFloat64);
    const torch::Tensor var = bn.running_var.to(torch::kFloat64);
    torch::Tensor gamma = torch::ones_like(mean), beta = torch::zeros_like(mean);
    if (o.affine()) {
        gamma = bn.weight.detach().to(torch::kFloat64);
        beta = bn.bias.detach().to(torch::kFloat64);
    }
    const torch::Tensor scale = gamma / torch::sqrt(var + o.eps());
    return {scale, beta - mean * scale};
}

class GraphWriter
{
public:
    GraphWriter(onnx::GraphProto &graph, models::NetworkImpl &model, OnnxExportReport &report)
        : m_g(graph), m_report(report)
    {
        // (include_self would need the model in a shared_ptr)
        for (const auto &m : model.named_modules("", false))
            m_paths.emplace(m.value().get(), m.key());
        m_paths.emplace(&model, model.name());
    }

    Value network(models::NetworkImpl &net, const Value &x);

private:
    onnx::GraphProto &m_g;
    OnnxExportReport &m_report;
    std::map<const Module *, std::string> m_paths;
    std::set<std::string> m_names;

    std::string path(const Module &m) const
    {
        const auto it = m_paths.find(&m);
        return it == m_paths.end() ? m.name() : it->second;
    }

    [[noreturn]] void refuse(const Module &m, const std::string &why) const
    {
        throw Error("cannot export layer '" + path(m) + "' (" + m.name() + ") to ONNX: " + why);
    }

    std::string fresh(const std::string &hint)
    {
        std::string name = hint.empty() ? "v" : hint;
        for (int i = 1; !m_names.insert(name).second; ++i)
            name = hint + "_" + std::to_string(i);
        return name;
    }

    std::string initializer(const std::string &hint, const torch::Tensor &value)
    {
        const torch::Tensor t = value.detach().to(torch::kCPU).contiguous();
        onnx::TensorProto *p = m_g.add_initializer();
        const std::string name = fresh(hint);
        p->set_name(name);
        for (auto d : t.sizes())
            p->add_dims(d);
        torch::Tensor stored;
        if (t.scalar_type() == torch::kInt64) {
            p->set_data_type(onnx::TensorProto::INT64);
            stored = t;
        } else {
            p->set_data_type(onnx::TensorProto::FLOAT);
            stored = t.to(torch::kFloat32).contiguous();
        }
        // raw_data is little-endian, as every machine this builds for.
        p->set_raw_data(std::string(static_cast<const char *>(stored.data_ptr()),
                                    std::size_t(stored.numel()) * stored.element_size()));
        return name;
    }

    onnx::NodeProto &node(const std::string &op, const std::vector<std::string> &inputs,
                          const std::string &output)
    {
        onnx::NodeProto *n = m_g.add_node();
        n->set_op_type(op);
        n->set_name(output);
        for (const auto &i : inputs)
            n->add_input(i);
        n->add_output(output);
        ++m_report.nodes;
        return *n;
    }

    static void ints(onnx::NodeProto &n, const std::string &name,
                     const std::vector<std::int64_t> &v)
    {
        auto *a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (auto x : v)
            a->add_ints(x);
    }
    static void integer(onnx::NodeProto &n, const std::string &name, std::int64_t v)
    {
        auto *a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
    }
    static void real(onnx::NodeProto &n, const std::string &name, float v)
    {
        auto *a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(v);
    }

    void requireImage(const Module &m, const Value &x) const
    {
        if (x.t.dim() != 4 || x.channelsLast)
            refuse(m, "expects a [batch, channels, height, width] input here");
    }

    Value module(Module &m, const Value &x);
    Value sequential(torch::nn::SequentialImpl &s, Value x);
    Value conv(torch::nn::Conv2dImpl &c, const Value &x, torch::nn::BatchNorm2dImpl *bn = nullptr);
    Value linear(torch::nn::LinearImpl &l, const Value &x,
                 torch::nn::BatchNorm1dImpl *bn = nullptr);
    template <typename BN> Value batchNorm(BN &bn, const Value &x);
    Value activation(Module &m, const Value &x);
    Value elementwise(const std::string &op, const Value &x, torch::Tensor t,
                      const std::string &name);
    Value add(const Value &a, const Value &b, const std::string &name);
    Value pool(Module &m, const Value &x);
    Value adaptivePool(Module &m, const Value &x, std::int64_t oh, std::int64_t ow);
    Value globalPoolFlatten(const Value &x, const std::string &name);
    Value flatten(const Value &x, const std::string &name);
    Value squeezeExcitation(models::SqueezeExcitationImpl &se, const Value &x);
    Value denseBlock(models::DenseBlockImpl &b, const Value &x);
    Value resnetBlock(models::ResNetBlockImpl &b, const Value &x);
    Value features(models::BackboneNetImpl &b, const Value &x);
};

Value GraphWriter::network(models::NetworkImpl &net, const Value &x)
{
    if (auto *s = dynamic_cast<models::SimpleCnnImpl *>(&net))
        return module(*s->classifier, module(*s->features, x));
    if (auto *s = dynamic_cast<models::VggStyleCnnImpl *>(&net))
        return module(*s->classifier, module(*s->features, x));
    auto *b = dynamic_cast<models::BackboneNetImpl *>(&net);
    if (!b)
        refuse(net, "not a model of TransferLab's catalogue");
    Value f = features(*b, x);
    if (b->nativeHead()) {
        // torchvision's pooling before its classifier: ResNet's and VGG's own avgpool modules,
        // global average pooling elsewhere; then flatten.
        if (auto *r = dynamic_cast<models::ResNetImpl *>(b))
            f = flatten(module(*r->avgpool, f), path(*r->avgpool) + ".flatten");
        else if (auto *v = dynamic_cast<models::VggImpl *>(b))
            f = flatten(module(*v->avgpool, f), path(*v->avgpool) + ".flatten");
        else
            f = globalPoolFlatten(f, "pool");
    } else {
        f = b->gapHead() ? globalPoolFlatten(f, "gap") : flatten(f, "flatten");
    }
    const auto children = b->named_children();
    const auto *head = children.find(b->headName());
    if (!head)
        refuse(net, "its classifier '" + b->headName() + "' is missing");
    return module(**head, f);
}

Value GraphWriter::features(models::BackboneNetImpl &b, const Value &x)
{
    if (auto *r = dynamic_cast<models::ResNetImpl *>(&b)) {
        Value v = x;
        const int stem = r->stemUsed();
        if (stem >= 1)
            v = conv(*r->conv1, v, stem >= 2 ? r->bn1.get() : nullptr);
        if (stem >= 3)
            v = activation(*r->relu, v);
        if (stem >= 4)
            v = module(*r->maxpool, v);
        for (int s = 0; s < r->stagesUsed(); ++s)
            v = module(*r->stages[std::size_t(s)], v);
        return v;
    }
    if (auto *m = dynamic_cast<models::MobileNetImpl *>(&b))
        return module(*m->features, x);
    if (auto *e = dynamic_cast<models::EfficientNetImpl *>(&b))
        return module(*e->features, x);
    if (auto *v = dynamic_cast<models::VggImpl *>(&b))
        return module(*v->features, x);
    if (auto *d = dynamic_cast<models::DenseNetImpl *>(&b)) {
        Value v = module(*d->features, x);
        if (d->finalRelu())
            v = elementwise("Relu", v, torch::relu(v.t), path(*d->features) + ".relu");
        return v;
    }
    refuse(b, "a backbone this exporter does not know");
}

Value GraphWriter::module(Module &m, const Value &x)
{
    using namespace torch::nn;
    if (auto *s = dynamic_cast<SequentialImpl *>(&m))
        return sequential(*s, x);
    if (auto *c = dynamic_cast<Conv2dImpl *>(&m))
        return conv(*c, x);
    if (auto *l = dynamic_cast<LinearImpl *>(&m))
        return linear(*l, x);
    if (auto *bn = dynamic_cast<BatchNorm2dImpl *>(&m)) {
        requireImage(m, x);
        return batchNorm(*bn, x);
    }
    if (auto *bn = dynamic_cast<BatchNorm1dImpl *>(&m)) {
        if (x.t.dim() != 2 || !x.perm.empty())
            refuse(m, "expects a [batch, features] input here");
        return batchNorm(*bn, x);
    }
    if (dynamic_cast<ReLUImpl *>(&m) || dynamic_cast<ReLU6Impl *>(&m) ||
        dynamic_cast<SiLUImpl *>(&m) || dynamic_cast<SigmoidImpl *>(&m) ||
        dynamic_cast<models::HardswishImpl *>(&m) || dynamic_cast<models::HardsigmoidImpl *>(&m))
        return activation(m, x);
    if (dynamic_cast<MaxPool2dImpl *>(&m) || dynamic_cast<AvgPool2dImpl *>(&m))
        return pool(m, x);
    if (auto *a = dynamic_cast<AdaptiveAvgPool2dImpl *>(&m)) {
        requireImage(m, x);
        const auto size = a->options.output_size();
        const std::int64_t oh = (*size)[0] ? *(*size)[0] : x.t.size(2);
        const std::int64_t ow = (*size)[1] ? *(*size)[1] : x.t.size(3);
        return adaptivePool(m, x, oh, ow);
    }
    if (auto *f = dynamic_cast<FlattenImpl *>(&m)) {
        if (f->options.start_dim() != 1 ||
            (f->options.end_dim() != -1 && f->options.end_dim() != x.t.dim() - 1))
            refuse(m, "only a flatten of every dimension after the batch is exported");
        return flatten(x, path(m));
    }
    // Dropout and stochastic depth: the identity in evaluation.
    if (dynamic_cast<DropoutImpl *>(&m) || dynamic_cast<models::StochasticDepthImpl *>(&m) ||
        dynamic_cast<IdentityImpl *>(&m))
        return x;
    if (dynamic_cast<models::ChannelsLastImpl *>(&m)) {
        requireImage(m, x);
        Value v = x;
        v.t = x.t.permute({0, 2, 3, 1});
        v.channelsLast = true;
        return v;
    }
    if (auto *b = dynamic_cast<models::ResNetBlockImpl *>(&m))
        return resnetBlock(*b, x);
    if (auto *b = dynamic_cast<models::InvertedResidualV2Impl *>(&m)) {
        const Value y = module(*b->conv, x);
        return b->residual ? add(x, y, path(m)) : y;
    }
    if (auto *b = dynamic_cast<models::InvertedResidualV3Impl *>(&m)) {
        const Value y = module(*b->block, x);
        return b->residual ? add(y, x, path(m)) : y;
    }
    if (auto *b = dynamic_cast<models::MBConvImpl *>(&m)) {
        const Value y = module(*b->block, x);
        return b->residual ? add(y, x, path(m)) : y;
    }
    if (auto *se = dynamic_cast<models::SqueezeExcitationImpl *>(&m))
        return squeezeExcitation(*se, x);
    if (auto *d = dynamic_cast<models::DenseBlockImpl *>(&m))
        return denseBlock(*d, x);
    refuse(m, "no exact equivalent in ONNX opset " + std::to_string(kOnnxOpset) +
                  " that this exporter writes");
}

Value GraphWriter::sequential(torch::nn::SequentialImpl &s, Value x)
{
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
        Module &m = *s.ptr(i);
        Module *next = i + 1 < n ? s.ptr(i + 1).get() : nullptr;
        // BatchNorm right after a convolution or a Linear is folded into its weights.
        if (auto *c = dynamic_cast<torch::nn::Conv2dImpl *>(&m)) {
            if (auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(next);
                bn && bn->options.track_running_stats()) {
                x = conv(*c, x, bn);
                ++i;
                continue;
            }
        }
        if (auto *l = dynamic_cast<torch::nn::LinearImpl *>(&m)) {
            if (auto *bn = dynamic_cast<torch::nn::BatchNorm1dImpl *>(next);
                bn && bn->options.track_running_stats() && x.t.dim() == 2) {
                x = linear(*l, x, bn);
                ++i;
                continue;
            }
        }
        x = module(m, x);
    }
    return x;
}

// c10::variant in LibTorch 1.x, std::variant in 2.x: whichever get_if fits.
template <typename T, typename Variant> const T *alternative(const Variant &v)
{
    using namespace std;
    using namespace c10;
    return get_if<T>(&v);
}

Value GraphWriter::conv(torch::nn::Conv2dImpl &c, const Value &x, torch::nn::BatchNorm2dImpl *bn)
{
    requireImage(c, x);
    const auto &o = c.options;
    if (!alternative<torch::enumtype::kZeros>(o.padding_mode()))
        refuse(c, "only zero padding is exported");
    const auto *pad = alternative<torch::ExpandingArray<2>>(o.padding());
    if (!pad)
        refuse(c, "'same' or 'valid' padding is not exported; give the padding in pixels");
    torch::Tensor y = c.forward(x.t);
    torch::Tensor w = c.weight.detach().to(torch::kFloat64);
    torch::Tensor b = c.bias.defined() ? c.bias.detach().to(torch::kFloat64)
                                       : torch::zeros({w.size(0)}, torch::kFloat64);
    std::string name = path(c);
    if (bn) {
        if (!bn->options.track_running_stats())
            refuse(*bn, "a BatchNorm without running statistics normalises with each batch's own");
        const Affine a = batchNormAffine(*bn);
        y = bn->forward(y);
        w = w * a.scale.view({-1, 1, 1, 1});
        b = b * a.scale + a.shift;
        name = path(*bn);
        ++m_report.foldedBatchNorms;
    }
    const std::string out = fresh(name);
    const std::string wn = initializer(name + ".weight", w);
    const std::string bname = initializer(name + ".bias", b);
    auto &n = node("Conv", {x.name, wn, bname}, out);
    ints(n, "kernel_shape", {w.size(2), w.size(3)});
    ints(n, "strides", {(*o.stride())[0], (*o.stride())[1]});
    ints(n, "pads", {(**pad)[0], (**pad)[1], (**pad)[0], (**pad)[1]});
    ints(n, "dilations", {(*o.dilation())[0], (*o.dilation())[1]});
    integer(n, "group", o.groups());
    return {out, y};
}

Value GraphWriter::linear(torch::nn::LinearImpl &l, const Value &x, torch::nn::BatchNorm1dImpl *bn)
{
    torch::Tensor y = l.forward(x.t);
    torch::Tensor w = l.weight.detach().to(torch::kFloat64);
    torch::Tensor b = l.bias.defined() ? l.bias.detach().to(torch::kFloat64)
                                       : torch::zeros({w.size(0)}, torch::kFloat64);
    std::string name = path(l);
    if (bn) {
        if (!bn->options.track_running_stats())
            refuse(*bn, "a BatchNorm without running statistics normalises with each batch's own");
        if (x.channelsLast)
            refuse(*bn, "a BatchNorm after a per-pixel Dense is not exported");
        const Affine a = batchNormAffine(*bn);
        y = bn->forward(y);
        w = w * a.scale.view({-1, 1});
        b = b * a.scale + a.shift;
        name = path(*bn);
        ++m_report.foldedBatchNorms;
    }
    const std::string out = fresh(name);
    if (x.channelsLast && x.t.dim() == 4) {
        // Keras' Dense on every pixel: a 1x1 convolution of the NCHW value.
        const std::string wn = initializer(name + ".weight", w.view({w.size(0), w.size(1), 1, 1}));
        const std::string bname = initializer(name + ".bias", b);
        auto &n = node("Conv", {x.name, wn, bname}, out);
        ints(n, "kernel_shape", {1, 1});
        Value v{out, y, true, {}};
        return v;
    }
    if (x.t.dim() != 2 || x.channelsLast)
        refuse(l, "expects a [batch, features] input here");
    if (!x.perm.empty())
        w = w.index_select(1, torch::tensor(x.perm, torch::kInt64));
    const std::string wn = initializer(name + ".weight", w);
    const std::string bname = initializer(name + ".bias", b);
    auto &n = node("Gemm", {x.name, wn, bname}, out);
    integer(n, "transB", 1);
    return {out, y};
}

template <typename BN> Value GraphWriter::batchNorm(BN &bn, const Value &x)
{
    // Nothing before it to fold into (DenseNet's pre-activation BatchNorm on concatenated
    // features): ONNX's BatchNormalization in inference form, with the layer's own statistics.
    if (!bn.options.track_running_stats())
        refuse(bn, "a BatchNorm without running statistics normalises with each batch's own");
    if (x.channelsLast)
        refuse(bn, "expects a [batch, channels, ...] input here");
    const torch::Tensor y = bn.forward(x.t);
    const std::string name = path(bn);
    const auto &mean = bn.running_mean;
    torch::Tensor gamma = torch::ones_like(mean), beta = torch::zeros_like(mean);
    if (bn.options.affine()) {
        gamma = bn.weight;
        beta = bn.bias;
    }
    const std::string out = fresh(name);
    auto &n = node("BatchNormalization",
                   {x.name, initializer(name + ".weight", gamma), initializer(name + ".bias", beta),
                    initializer(name + ".running_mean", mean),
                    initializer(name + ".running_var", bn.running_var)},
                   out);
    real(n, "epsilon", float(bn.options.eps()));
    ++m_report.keptBatchNorms;
    Value v = x;
    v.name = out;
    v.t = y;
    return v;
}

Value GraphWriter::elementwise(const std::string &op, const Value &x, torch::Tensor t,
                               const std::string &name)
{
    Value v = x;
    v.name = fresh(name);
    v.t = std::move(t);
    node(op, {x.name}, v.name);
    return v;
}

Value GraphWriter::activation(Module &m, const Value &x)
{
    using namespace torch::nn;
    const std::string name = path(m);
    // Computed without the modules' in-place option: x.t may still be needed (residuals).
    if (dynamic_cast<ReLUImpl *>(&m))
        return elementwise("Relu", x, torch::relu(x.t), name);
    if (dynamic_cast<ReLU6Impl *>(&m)) {
        Value v = elementwise("Clip", x, torch::hardtanh(x.t, 0.0, 6.0), name);
        auto &n = *m_g.mutable_node(m_g.node_size() - 1);
        real(n, "min", 0.0f);
        real(n, "max", 6.0f);
        return v;
    }
    if (dynamic_cast<SigmoidImpl *>(&m))
        return elementwise("Sigmoid", x, torch::sigmoid(x.t), name);
    if (dynamic_cast<models::HardsigmoidImpl *>(&m) || dynamic_cast<models::HardswishImpl *>(&m)) {
        // hardsigmoid(x) = relu6(x + 3) / 6 = clip(x / 6 + 1/2, 0, 1): ONNX's HardSigmoid;
        // hardswish(x) = x * hardsigmoid(x) (ONNX's HardSwish is opset 14).
        const bool swish = dynamic_cast<models::HardswishImpl *>(&m) != nullptr;
        Value s =
            elementwise("HardSigmoid", x, torch::hardsigmoid(x.t), swish ? name + ".gate" : name);
        auto &n = *m_g.mutable_node(m_g.node_size() - 1);
        real(n, "alpha", 1.0f / 6.0f);
        real(n, "beta", 0.5f);
        if (!swish)
            return s;
        Value v = x;
        v.name = fresh(name);
        v.t = torch::hardswish(x.t);
        node("Mul", {x.name, s.name}, v.name);
        return v;
    }
    if (dynamic_cast<SiLUImpl *>(&m)) {
        // silu(x) = x * sigmoid(x)
        const Value s = elementwise("Sigmoid", x, torch::sigmoid(x.t), name + ".gate");
        Value v = x;
        v.name = fresh(name);
        v.t = torch::silu(x.t);
        node("Mul", {x.name, s.name}, v.name);
        return v;
    }
    refuse(m, "an activation this exporter does not know");
}

Value GraphWriter::add(const Value &a, const Value &b, const std::string &name)
{
    Value v = a;
    v.name = fresh(name + ".add");
    v.t = a.t + b.t;
    node("Add", {a.name, b.name}, v.name);
    return v;
}

Value GraphWriter::pool(Module &m, const Value &x)
{
    requireImage(m, x);
    const std::string out = fresh(path(m));
    if (auto *p = dynamic_cast<torch::nn::MaxPool2dImpl *>(&m)) {
        const auto &o = p->options;
        if ((*o.dilation())[0] != 1 || (*o.dilation())[1] != 1)
            refuse(m, "dilated max pooling is not exported");
        if (o.ceil_mode())
            refuse(m, "ceil_mode pooling is not exported");
        auto &n = node("MaxPool", {x.name}, out);
        ints(n, "kernel_shape", {(*o.kernel_size())[0], (*o.kernel_size())[1]});
        ints(n, "strides", {(*o.stride())[0], (*o.stride())[1]});
        ints(n, "pads",
             {(*o.padding())[0], (*o.padding())[1], (*o.padding())[0], (*o.padding())[1]});
        return {out, p->forward(x.t)};
    }
    auto *p = dynamic_cast<torch::nn::AvgPool2dImpl *>(&m);
    const auto &o = p->options;
    if (o.ceil_mode() || o.divisor_override())
        refuse(m, "ceil_mode or divisor_override pooling is not exported");
    auto &n = node("AveragePool", {x.name}, out);
    ints(n, "kernel_shape", {(*o.kernel_size())[0], (*o.kernel_size())[1]});
    ints(n, "strides", {(*o.stride())[0], (*o.stride())[1]});
    ints(n, "pads", {(*o.padding())[0], (*o.padding())[1], (*o.padding())[0], (*o.padding())[1]});
    if (((*o.padding())[0] || (*o.padding())[1]) && o.count_include_pad())
        integer(n, "count_include_pad", 1);
    return {out, p->forward(x.t)};
}

Value GraphWriter::adaptivePool(Module &m, const Value &x, std::int64_t oh, std::int64_t ow)
{
    const std::int64_t C = x.t.size(1), H = x.t.size(2), W = x.t.size(3);
    const torch::Tensor y = torch::adaptive_avg_pool2d(x.t, {oh, ow});
    const std::string name = path(m);
    if (oh == 1 && ow == 1) {
        const std::string out = fresh(name);
        node("GlobalAveragePool", {x.name}, out);
        return {out, y};
    }
    if (oh == H && ow == W)
        return {x.name, y};
    const std::string out = fresh(name);
    if (H % oh == 0 && W % ow == 0) {
        auto &n = node("AveragePool", {x.name}, out);
        ints(n, "kernel_shape", {H / oh, W / ow});
        ints(n, "strides", {H / oh, W / ow});
        return {out, y};
    }
    // Bins that overlap or repeat (VGG's 7x7 pooling of a 2x2 map): each output cell is a fixed
    // average of input cells, one HxW filter per cell over every channel on its own.
    torch::Tensor w = torch::zeros({oh * ow, 1, H, W}, torch::kFloat64);
    for (std::int64_t i = 0; i < oh; ++i)
        for (std::int64_t j = 0; j < ow; ++j) {
            const std::int64_t h0 = i * H / oh, h1 = ((i + 1) * H + oh - 1) / oh;
            const std::int64_t w0 = j * W / ow, w1 = ((j + 1) * W + ow - 1) / ow;
            w[i * ow + j][0].slice(0, h0, h1).slice(1, w0, w1).fill_(1.0 /
                                                                     double((h1 - h0) * (w1 - w0)));
        }
    const std::string planes = fresh(name + ".planes");
    node("Reshape",
         {x.name, initializer(name + ".planes_shape",
                              torch::tensor({std::int64_t(-1), std::int64_t(1), H, W}))},
         planes);
    const std::string cells = fresh(name + ".cells");
    auto &n = node("Conv", {planes, initializer(name + ".bins", w)}, cells);
    ints(n, "kernel_shape", {H, W});
    node("Reshape",
         {cells, initializer(name + ".shape", torch::tensor({std::int64_t(-1), C, oh, ow}))}, out);
    return {out, y};
}

Value GraphWriter::globalPoolFlatten(const Value &x, const std::string &name)
{
    if (x.t.dim() != 4 || x.channelsLast)
        throw Error("cannot export '" + name + "' to ONNX: global pooling of a " +
                    std::to_string(x.t.dim()) + "-D value");
    const std::string pooled = fresh(name);
    node("GlobalAveragePool", {x.name}, pooled);
    Value v{pooled, torch::adaptive_avg_pool2d(x.t, {1, 1}), false, {}};
    return flatten(v, name + ".flatten");
}

Value GraphWriter::flatten(const Value &x, const std::string &name)
{
    const std::string out = fresh(name);
    auto &n = node("Flatten", {x.name}, out);
    integer(n, "axis", 1);
    Value v{out, x.t.flatten(1), false, {}};
    if (x.channelsLast && x.t.dim() == 4) {
        // The ONNX value is flattened in C, H, W order; the model's in H, W, C order.
        const std::int64_t H = x.t.size(1), W = x.t.size(2), C = x.t.size(3);
        v.perm.resize(std::size_t(C * H * W));
        for (std::int64_t c = 0; c < C; ++c)
            for (std::int64_t h = 0; h < H; ++h)
                for (std::int64_t w = 0; w < W; ++w)
                    v.perm[std::size_t((c * H + h) * W + w)] = (h * W + w) * C + c;
    } else if (!x.perm.empty()) {
        v.perm = x.perm; // already flat
    }
    return v;
}

Value GraphWriter::squeezeExcitation(models::SqueezeExcitationImpl &se, const Value &x)
{
    requireImage(se, x);
    const std::string name = path(se);
    Value s = adaptivePool(*se.avgpool, x, 1, 1);
    s = conv(*se.fc1, s);
    if (se.m_activation == models::Act::SiLU) {
        const Value g = elementwise("Sigmoid", s, torch::sigmoid(s.t), name + ".act.gate");
        Value v = s;
        v.name = fresh(name + ".act");
        v.t = torch::silu(s.t);
        node("Mul", {s.name, g.name}, v.name);
        s = v;
    } else {
        s = elementwise("Relu", s, torch::relu(s.t), name + ".act");
    }
    s = conv(*se.fc2, s);
    if (se.m_hard) {
        s = elementwise("HardSigmoid", s, torch::hardsigmoid(s.t), name + ".scale");
        auto &n = *m_g.mutable_node(m_g.node_size() - 1);
        real(n, "alpha", 1.0f / 6.0f);
        real(n, "beta", 0.5f);
    } else {
        s = elementwise("Sigmoid", s, torch::sigmoid(s.t), name + ".scale");
    }
    // OpenCV 4.6 multiplies a map by a [N, C, 1, 1] gate wrongly (the output takes the gate's
    // shape; on a 1x1 map the values are wrong too): the gate is first repeated over the map by
    // a nearest-neighbour Resize (exact, also at scale 1, which OpenCV then gets right).
    const std::int64_t H = x.t.size(2), W = x.t.size(3);
    const std::string gate = fresh(name + ".scale.map");
    {
        node("Resize",
             {s.name, initializer(name + ".scale.factors",
                                  torch::tensor({1.0f, 1.0f, float(H), float(W)}))},
             gate);
        auto &r = *m_g.mutable_node(m_g.node_size() - 1);
        auto *mode = r.add_attribute();
        mode->set_name("mode");
        mode->set_type(onnx::AttributeProto::STRING);
        mode->set_s("nearest");
    }
    Value v = x;
    v.name = fresh(name);
    v.t = s.t * x.t;
    node("Mul", {x.name, gate}, v.name);
    return v;
}

Value GraphWriter::denseBlock(models::DenseBlockImpl &b, const Value &x)
{
    // Each layer sees the concatenation of the block's input and every earlier layer's output.
    std::vector<Value> all{x};
    const std::string name = path(b);
    auto concat = [&](const std::string &hint) {
        if (all.size() == 1)
            return all.front();
        Value v;
        v.name = fresh(hint);
        std::vector<std::string> inputs;
        std::vector<torch::Tensor> ts;
        for (const auto &a : all) {
            inputs.push_back(a.name);
            ts.push_back(a.t);
        }
        v.t = torch::cat(ts, 1);
        integer(node("Concat", inputs, v.name), "axis", 1);
        return v;
    };
    for (auto &layer : b.denseLayers) {
        const Value in = concat(path(*layer) + ".input");
        Value v = batchNorm(*layer->norm1, in);
        v = activation(*layer->relu1, v);
        v = conv(*layer->conv1, v, layer->norm2.get());
        v = activation(*layer->relu2, v);
        v = conv(*layer->conv2, v);
        all.push_back(v);
    }
    return concat(name);
}

Value GraphWriter::resnetBlock(models::ResNetBlockImpl &b, const Value &x)
{
    Value out = conv(*b.conv1, x, b.bn1.get());
    out = activation(*b.relu, out);
    out = conv(*b.conv2, out, b.bn2.get());
    if (b.bottleneck) {
        out = activation(*b.relu, out);
        out = conv(*b.conv3, out, b.bn3.get());
    }
    const Value identity = b.downsample ? module(*b.downsample, x) : x;
    return activation(*b.relu, add(out, identity, path(b)));
}

} // namespace

OnnxGraphOutput writeOnnxGraph(onnx::GraphProto &graph, models::NetworkImpl &model,
                               const std::string &inputName, const torch::Tensor &probe,
                               OnnxExportReport &report)
{
    GraphWriter writer(graph, model, report);
    const Value out = writer.network(model, {inputName, probe, false, {}});
    return {out.name, out.t, out.channelsLast || !out.perm.empty()};
}

} // namespace tl::weights
