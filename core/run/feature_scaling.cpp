#include "run/feature_scaling.h"

#include <torch/torch.h>

#include <cmath>

namespace tl::runs {

namespace {

// Modules that pass their input on unchanged at inference (or only hold others).
bool passesThrough(torch::nn::Module &m)
{
    return dynamic_cast<torch::nn::SequentialImpl *>(&m) ||
           dynamic_cast<torch::nn::ModuleListImpl *>(&m) ||
           dynamic_cast<torch::nn::DropoutImpl *>(&m) ||
           dynamic_cast<torch::nn::IdentityImpl *>(&m) ||
           dynamic_cast<torch::nn::FlattenImpl *>(&m);
}

// Column sums of a [N, D] float tensor in double, `rows` at a time (a mapped file stays mapped).
template <typename F> torch::Tensor columnSums(const torch::Tensor &x, F &&term)
{
    constexpr std::int64_t rows = 4096;
    torch::Tensor sum = torch::zeros({x.size(1)}, torch::kFloat64);
    for (std::int64_t i = 0; i < x.size(0); i += rows)
        sum += term(x.slice(0, i, std::min(x.size(0), i + rows)).to(torch::kFloat64)).sum(0);
    return sum;
}

} // namespace

torch::nn::LinearImpl *headInputLinear(models::NetworkImpl &model)
{
    const auto children = model.named_children();
    if (children.size() < 2)
        return nullptr;
    for (const auto &m : children.values().back()->modules(/*include_self=*/true)) {
        if (auto *linear = dynamic_cast<torch::nn::LinearImpl *>(m.get()))
            return linear->bias.defined() ? linear : nullptr;
        if (!passesThrough(*m))
            return nullptr;
    }
    return nullptr;
}

FeatureScaling featureScaling(models::NetworkImpl &model, const torch::Tensor &train)
{
    FeatureScaling s;
    torch::nn::LinearImpl *layer = headInputLinear(model);
    if (!layer || !train.defined() || train.dim() != 2 || train.size(0) < 2 ||
        train.size(1) != layer->weight.size(1) || train.scalar_type() != torch::kFloat32)
        return s;
    torch::NoGradGuard ng;
    const double n = double(train.size(0));
    const torch::Tensor mean = columnSums(train, [](const torch::Tensor &x) { return x; }) / n;
    const torch::Tensor spread =
        (columnSums(train, [&](const torch::Tensor &x) { return (x - mean).square(); }) / n)
            .sqrt();
    const double typical = spread.mean().item<double>();
    if (!(typical > 0) || !std::isfinite(typical))
        return s; // every feature constant (or broken): nothing a scaling could help
    s.mean = mean.to(torch::kFloat32);
    s.spread = spread.clamp_min(0.01 * typical).to(torch::kFloat32);
    s.layer = layer;
    return s;
}

namespace {

// W and b of a Linear layer from the other space: fold (W / spread, b - W' mean) or standardise
// (W * spread, b + W mean), in double.
std::pair<torch::Tensor, torch::Tensor> convert(const FeatureScaling &s, const torch::Tensor &w,
                                                const torch::Tensor &b, bool fold)
{
    const torch::Tensor mean = s.mean.to(w.device(), torch::kFloat64);
    const torch::Tensor spread = s.spread.to(w.device(), torch::kFloat64);
    const torch::Tensor wd = w.to(torch::kFloat64);
    const torch::Tensor bd = b.to(torch::kFloat64);
    if (fold) {
        const torch::Tensor w2 = wd / spread;
        return {w2.to(w.scalar_type()), (bd - w2.matmul(mean)).to(b.scalar_type())};
    }
    return {(wd * spread).to(w.scalar_type()), (bd + wd.matmul(mean)).to(b.scalar_type())};
}

void convertLayer(const FeatureScaling &s, bool fold)
{
    if (!s.active())
        return;
    torch::NoGradGuard ng;
    auto [w, b] = convert(s, s.layer->weight, s.layer->bias, fold);
    s.layer->weight.copy_(w);
    s.layer->bias.copy_(b);
}

} // namespace

void standardiseLayer(const FeatureScaling &s)
{
    convertLayer(s, false);
}

void foldLayer(const FeatureScaling &s)
{
    convertLayer(s, true);
}

void foldSnapshot(models::NetworkImpl &model, const FeatureScaling &s,
                  std::vector<torch::Tensor> &snapshot, bool fold)
{
    if (!s.active() || snapshot.empty())
        return;
    const auto params = model.parameters();
    std::int64_t wi = -1, bi = -1;
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].is_same(s.layer->weight))
            wi = std::int64_t(i);
        else if (params[i].is_same(s.layer->bias))
            bi = std::int64_t(i);
    }
    if (wi < 0 || bi < 0 || std::size_t(std::max(wi, bi)) >= snapshot.size())
        return;
    torch::NoGradGuard ng;
    auto [w, b] = convert(s, snapshot[std::size_t(wi)], snapshot[std::size_t(bi)], fold);
    snapshot[std::size_t(wi)] = w;
    snapshot[std::size_t(bi)] = b;
}

bool ScaledBatchSource::next(train::Batch &batch)
{
    if (!m_inner.next(batch))
        return false;
    if (m_scaling.active())
        batch.images = (batch.images - m_scaling.mean) / m_scaling.spread;
    return true;
}

} // namespace tl::runs
