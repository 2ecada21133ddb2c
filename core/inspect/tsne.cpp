#include "inspect/tsne.h"

#include "error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace tl::inspect {

namespace {

// P_{j|i} for every row, each row's Gaussian width found by bisection so that the row's
// perplexity 2^H equals `perplexity` (all rows at once).
torch::Tensor conditionalP(const torch::Tensor &d2, double perplexity)
{
    const std::int64_t n = d2.size(0);
    const double target = std::log(perplexity); // entropy in nats
    torch::Tensor beta = torch::ones({n, 1}, torch::kFloat64);
    torch::Tensor lo = torch::full({n, 1}, 0.0, torch::kFloat64);
    torch::Tensor hi = torch::full({n, 1}, INFINITY, torch::kFloat64);
    const torch::Tensor offDiagonal = 1 - torch::eye(n, torch::kFloat64);
    // Distances relative to each row's nearest other point keep exp() in range.
    const torch::Tensor big = torch::eye(n, torch::kFloat64) * 1e300;
    const torch::Tensor shifted = d2 - (d2 + big).amin(1, true);
    torch::Tensor p;
    for (int it = 0; it < 64; ++it) {
        p = torch::exp(-shifted * beta) * offDiagonal;
        const torch::Tensor sum = p.sum(1, true).clamp_min(1e-300);
        const torch::Tensor h = torch::log(sum) + beta * (shifted * p).sum(1, true) / sum;
        p = p / sum;
        // Entropy too high: the Gaussian is too wide, raise beta.
        const torch::Tensor tooWide = h > target;
        lo = torch::where(tooWide, beta, lo);
        hi = torch::where(tooWide, hi, beta);
        beta = torch::where(torch::isinf(hi), beta * 2, (lo + hi) / 2);
        if ((h - target).abs().max().item<double>() < 1e-5)
            break;
    }
    return p;
}

} // namespace

torch::Tensor tsne(const torch::Tensor &features, const TsneOptions &o,
                   const std::function<bool(int, int)> &progress)
{
    if (features.dim() != 2 || features.size(0) < 4)
        throw Error("t-SNE needs at least 4 feature rows (n x d)");
    const std::int64_t n = features.size(0);
    if (n > kMaxExactTsnePoints)
        throw Error("t-SNE maps at most " + std::to_string(kMaxExactTsnePoints) + " points; " +
                    std::to_string(n) + " given (map a sample)");
    torch::NoGradGuard noGrad;
    const torch::Tensor x = features.to(torch::kFloat64);
    const torch::Tensor sq = (x * x).sum(1, true);
    const torch::Tensor d2 = (sq + sq.t() - 2 * x.mm(x.t())).clamp_min(0);
    const double perplexity = std::min(o.perplexity, double(n - 1) / 3.0);
    const torch::Tensor pc = conditionalP(d2, std::max(perplexity, 1.0));
    const torch::Tensor p = ((pc + pc.t()) / (2.0 * double(n))).clamp_min(1e-12);

    torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
    torch::Tensor y = torch::randn({n, 2}, gen, torch::kFloat64) * 1e-4;
    torch::Tensor update = torch::zeros_like(y), gains = torch::ones_like(y);
    const double rate =
        o.learningRate > 0 ? o.learningRate : std::max(double(n) / o.exaggeration / 4.0, 50.0);
    const int exaggerated = std::min(250, o.iterations);
    const torch::Tensor offDiagonal = 1 - torch::eye(n, torch::kFloat64);
    for (int it = 0; it < o.iterations; ++it) {
        const torch::Tensor ysq = (y * y).sum(1, true);
        const torch::Tensor num = offDiagonal / (1 + ysq + ysq.t() - 2 * y.mm(y.t())).clamp_min(1);
        const torch::Tensor q = (num / num.sum()).clamp_min(1e-12);
        const torch::Tensor w = ((it < exaggerated ? p * o.exaggeration : p) - q) * num;
        const torch::Tensor grad = 4 * (w.sum(1, true) * y - w.mm(y));
        // Delta-bar-delta gains and momentum, as the reference implementation.
        const torch::Tensor sameSign = (grad > 0) == (update > 0);
        gains = torch::where(sameSign, gains * 0.8, gains + 0.2).clamp_min(0.01);
        const double momentum = it < exaggerated ? 0.5 : 0.8;
        update = momentum * update - rate * gains * grad;
        y = y + update;
        y = y - y.mean(0, true);
        if (progress && (it % 25 == 0 || it + 1 == o.iterations) && !progress(it + 1, o.iterations))
            break;
    }
    return y.to(torch::kFloat32);
}

} // namespace tl::inspect
