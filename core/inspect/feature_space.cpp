#include "inspect/feature_space.h"

#include "base/error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <numeric>
#include <string>

namespace tl::inspect {

Projection pca(const torch::Tensor &features, int k)
{
    if (features.dim() != 2 || features.size(0) < 2)
        throw Error("PCA needs at least two feature rows (n x d)");
    const std::int64_t d = features.size(1);
    if (k < 1 || k > d)
        throw Error("PCA: " + std::to_string(k) + " axes asked for, the features have " +
                    std::to_string(d) + " dimensions");
    torch::NoGradGuard noGrad;
    // A diverged model's features are infinite or NaN: no decomposition means anything then
    // (and LAPACK says only "failed to converge").
    if (!torch::isfinite(features).all().item<bool>())
        throw Error("the model's features are not finite numbers (training diverged): there is "
                    "no map to draw; train again with a smaller learning rate");
    torch::Tensor axes, variance;
    double total = 0;
    // The centred features times a matrix, without the centred copy (n x d floats): X m - mu m.
    torch::Tensor x, mean;
    auto centredTimes = [&](const torch::Tensor &m) { return x.mm(m) - mean.mm(m); };
    if (d <= kExactPcaDimensions) {
        // In double: the covariance of thousands of rows loses digits in float.
        x = features.to(torch::kFloat64);
        mean = x.mean(0, true);
        const torch::Tensor centred = x - mean;
        const torch::Tensor cov = centred.t().mm(centred) / double(x.size(0) - 1);
        // eigh: ascending eigenvalues of the symmetric covariance; the last k are the strongest.
        auto [values, vectors] = torch::linalg::eigh(cov, "L");
        const torch::Tensor top = torch::arange(d - 1, d - 1 - k, -1, torch::kInt64);
        axes = vectors.index_select(1, top).t().contiguous(); // k x d
        variance = values.index_select(0, top).clamp_min(0);
        total = values.clamp_min(0).sum().item<double>();
    } else {
        // Wide features (a VGG's 4,096, a flattened 6,272): the d x d covariance would cost
        // n d^2 and its eigenvectors d^3. Randomized subspace iteration (Halko, Martinsson and
        // Tropp 2011) finds the top k from products with k + 10 columns, seeded: deterministic.
        x = features.to(torch::kFloat32).contiguous();
        mean = x.mean(0, true);
        // The centred transpose times y: X^T y - mu^T (1^T y).
        auto centredTransposeTimes = [&](const torch::Tensor &y) {
            return x.t().mm(y) - mean.t().mm(y.sum(0, true));
        };
        const std::int64_t l = std::min<std::int64_t>(k + 10, d);
        torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(20111);
        torch::Tensor q = std::get<0>(
            torch::linalg::qr(centredTimes(torch::randn({d, l}, gen, torch::kFloat32))));
        for (int it = 0; it < 4; ++it)
            q = std::get<0>(torch::linalg::qr(centredTimes(centredTransposeTimes(q))));
        const torch::Tensor b = centredTransposeTimes(q).t().to(torch::kFloat64); // l x d
        const auto usv = torch::linalg::svd(b, false, c10::nullopt);
        const torch::Tensor &sv = std::get<1>(usv), &vh = std::get<2>(usv);
        axes = vh.narrow(0, 0, k).contiguous();
        variance = sv.narrow(0, 0, k).square() / double(x.size(0) - 1);
        // The total variance is the sum of the columns' variances.
        total = x.var(0).to(torch::kFloat64).sum().item<double>();
    }
    // A deterministic sign: each axis's largest-magnitude component positive.
    const torch::Tensor at = axes.abs().argmax(1, true);
    const torch::Tensor sign = axes.gather(1, at).sign().clamp_min(0) * 2 - 1;
    axes = axes * sign;
    Projection p;
    p.points = centredTimes(axes.t().to(x.scalar_type())).to(torch::kFloat32);
    p.axes = axes.to(torch::kFloat32);
    p.variance = variance.to(torch::kFloat32);
    p.totalVariance = total;
    return p;
}

torch::Tensor unitRows(const torch::Tensor &t)
{
    const torch::Tensor f = t.to(torch::kFloat32);
    return f / f.norm(2, 1, true).clamp_min(1e-12);
}

Neighbours nearestByCosine(const torch::Tensor &queries, const torch::Tensor &base, int k,
                           std::int64_t blockBytes, bool baseIsUnit)
{
    if (queries.dim() != 2 || base.dim() != 2 || queries.size(1) != base.size(1))
        throw Error("nearest neighbours: queries and base must be m x d and n x d");
    if (base.size(0) == 0 || k < 1)
        throw Error("nearest neighbours: an empty base or k < 1");
    torch::NoGradGuard noGrad;
    const std::int64_t n = base.size(0), m = queries.size(0);
    const std::int64_t kk = std::min<std::int64_t>(k, n);
    const torch::Tensor b = baseIsUnit ? base : unitRows(base);
    const torch::Tensor q = unitRows(queries);
    const std::int64_t rows =
        std::max<std::int64_t>(1, blockBytes / (4 * std::max<std::int64_t>(n, 1)));
    Neighbours out;
    out.indices = torch::empty({m, kk}, torch::kInt64);
    out.distances = torch::empty({m, kk}, torch::kFloat32);
    for (std::int64_t start = 0; start < m; start += rows) {
        const std::int64_t len = std::min(rows, m - start);
        const torch::Tensor sim = q.narrow(0, start, len).mm(b.t()); // len x n
        auto [best, at] = sim.topk(kk, 1, true, true);
        out.indices.narrow(0, start, len).copy_(at);
        out.distances.narrow(0, start, len).copy_((1 - best).clamp(0, 2));
    }
    return out;
}

LabelSuspicion rankLabelSuspicion(const torch::Tensor &probabilities, const torch::Tensor &labels)
{
    if (probabilities.dim() != 2 || labels.dim() != 1 || labels.size(0) != probabilities.size(0))
        throw Error("label suspicion: probabilities must be n x C and labels n");
    torch::NoGradGuard noGrad;
    const std::int64_t n = probabilities.size(0), classes = probabilities.size(1);
    const torch::Tensor y = labels.to(torch::kInt64);
    if (n > 0 && (y.min().item<std::int64_t>() < 0 || y.max().item<std::int64_t>() >= classes))
        throw Error("label suspicion: a label outside 0.." + std::to_string(classes - 1));
    const torch::Tensor p = probabilities.to(torch::kFloat32).contiguous();
    LabelSuspicion s;
    s.selfConfidence = p.gather(1, y.unsqueeze(1)).squeeze(1);
    s.suggested = p.argmax(1);
    // Per-class threshold: the mean self-confidence of the rows given that class (classes no
    // row has: never reached).
    torch::Tensor sums = torch::zeros({classes}, torch::kFloat64);
    torch::Tensor counts = torch::zeros({classes}, torch::kFloat64);
    sums.index_add_(0, y, s.selfConfidence.to(torch::kFloat64));
    counts.index_add_(0, y, torch::ones({n}, torch::kFloat64));
    const torch::Tensor thresholds =
        torch::where(counts > 0, sums / counts.clamp_min(1), torch::full({classes}, 2.0))
            .to(torch::kFloat32);
    // Another class at or above its threshold.
    torch::Tensor reaches = p.ge(thresholds.unsqueeze(0));
    reaches.scatter_(1, y.unsqueeze(1), false);
    s.likelyWrong = reaches.any(1);
    // Flagged rows first, then by ascending self-confidence; ties by row.
    const auto conf = s.selfConfidence.accessor<float, 1>();
    const auto wrong = s.likelyWrong.accessor<bool, 1>();
    s.order.resize(std::size_t(n));
    std::iota(s.order.begin(), s.order.end(), 0);
    std::stable_sort(s.order.begin(), s.order.end(), [&](std::int64_t a, std::int64_t b) {
        if (wrong[a] != wrong[b])
            return bool(wrong[a]);
        return conf[a] < conf[b];
    });
    return s;
}

} // namespace tl::inspect
