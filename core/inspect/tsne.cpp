#include "inspect/tsne.h"

#include "base/error.h"
#include "inspect/feature_space.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

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

// P_{j|i} over each row's k nearest neighbours (squared distances `d2`, n x k, ascending): the
// same bisection as conditionalP, row by row.
void neighbourP(const std::vector<double> &d2, std::int64_t n, std::int64_t k, double perplexity,
                std::vector<double> &p)
{
    const double target = std::log(perplexity);
    p.assign(std::size_t(n * k), 0.0);
    at::parallel_for(0, n, 64, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i) {
            const double *d = d2.data() + i * k;
            double *row = p.data() + i * k;
            double beta = 1, lo = 0, hi = std::numeric_limits<double>::infinity();
            for (int it = 0; it < 100; ++it) {
                double sum = 0, weighted = 0;
                for (std::int64_t j = 0; j < k; ++j) {
                    row[j] = std::exp(-(d[j] - d[0]) * beta);
                    sum += row[j];
                    weighted += (d[j] - d[0]) * row[j];
                }
                const double h = std::log(sum) + beta * weighted / sum;
                for (std::int64_t j = 0; j < k; ++j)
                    row[j] /= sum;
                if (std::abs(h - target) < 1e-5)
                    break;
                if (h > target) {
                    lo = beta;
                    beta = std::isinf(hi) ? beta * 2 : (lo + hi) / 2;
                } else {
                    hi = beta;
                    beta = (lo + hi) / 2;
                }
            }
        }
    });
}

// The joint P as a sparse symmetric matrix in rows: (p_{j|i} + p_{i|j}) / 2n.
struct SparseP
{
    std::vector<std::int64_t> start; // n + 1
    std::vector<std::int64_t> column;
    std::vector<double> value;
};

SparseP symmetrize(const std::vector<std::int64_t> &idx, const std::vector<double> &p,
                   std::int64_t n, std::int64_t k)
{
    std::vector<std::array<std::int64_t, 2>> edges;
    std::vector<double> weights;
    edges.reserve(std::size_t(2 * n * k));
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t j = 0; j < k; ++j) {
            edges.push_back({i, idx[std::size_t(i * k + j)]});
            edges.push_back({idx[std::size_t(i * k + j)], i});
        }
    std::vector<std::size_t> order(edges.size());
    for (std::size_t e = 0; e < order.size(); ++e)
        order[e] = e;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return edges[a] < edges[b]; });
    SparseP s;
    s.start.assign(std::size_t(n + 1), 0);
    const double scale = 1.0 / (2.0 * double(n));
    for (std::size_t o = 0; o < order.size(); ++o) {
        const std::size_t e = order[o];
        // Edge e came from row e / 2k's neighbour list (even) or is its mirror (odd).
        const std::size_t source = e / 2;
        const double v = p[source] * scale;
        const auto [i, j] = edges[e];
        if (!s.column.empty() && o > 0 && edges[order[o - 1]] == edges[e]) {
            s.value.back() += v;
            continue;
        }
        s.column.push_back(j);
        s.value.push_back(v);
        ++s.start[std::size_t(i + 1)];
    }
    for (std::int64_t i = 0; i < n; ++i)
        s.start[std::size_t(i + 1)] += s.start[std::size_t(i)];
    return s;
}

// A quadtree over the layout: each cell's point count and centre of mass, for the repulsion.
class QuadTree
{
public:
    explicit QuadTree(const std::vector<double> &y) : m_y(y)
    {
        const std::int64_t n = std::int64_t(y.size() / 2);
        double minX = y[0], maxX = y[0], minY = y[1], maxY = y[1];
        for (std::int64_t i = 1; i < n; ++i) {
            minX = std::min(minX, y[std::size_t(2 * i)]);
            maxX = std::max(maxX, y[std::size_t(2 * i)]);
            minY = std::min(minY, y[std::size_t(2 * i + 1)]);
            maxY = std::max(maxY, y[std::size_t(2 * i + 1)]);
        }
        const double half = std::max({maxX - minX, maxY - minY, 1e-9}) / 2 * 1.0001;
        m_cells.reserve(std::size_t(4 * n + 8));
        m_cells.push_back(Cell{(minX + maxX) / 2, (minY + maxY) / 2, half});
        for (std::int64_t i = 0; i < n; ++i)
            insert(i);
    }

    // Sum over the other points j of q_ij = 1 / (1 + |y_i - y_j|^2) (returned) and of
    // q_ij^2 (y_i - y_j) (into force), cells far enough away taken as one point.
    double repulsion(std::int64_t self, double theta2, double force[2]) const
    {
        const double x = m_y[std::size_t(2 * self)], y = m_y[std::size_t(2 * self + 1)];
        double sumQ = 0;
        force[0] = force[1] = 0;
        // Depth is at most kMaxDepth and each level pushes 4 cells: the stack is bounded.
        std::array<std::int32_t, 4 * kMaxDepth + 8> stack;
        std::size_t top = 0;
        stack[top++] = 0;
        while (top > 0) {
            const Cell &c = m_cells[std::size_t(stack[--top])];
            if (c.count == 0)
                continue;
            const double dx = x - c.massX, dy = y - c.massY;
            const double d2 = dx * dx + dy * dy;
            const bool leaf = c.child[0] < 0;
            const double width = 2 * c.half;
            if (leaf || width * width < theta2 * d2) {
                double count = double(c.count);
                if (leaf && (c.point == self || (c.point < 0 && d2 < 1e-18)))
                    count -= 1; // the point itself (alone, or among duplicates)
                if (count <= 0)
                    continue;
                const double q = 1.0 / (1.0 + d2);
                sumQ += count * q;
                force[0] += count * q * q * dx;
                force[1] += count * q * q * dy;
                continue;
            }
            for (int k = 0; k < 4; ++k)
                stack[top++] = c.child[k];
        }
        return sumQ;
    }

private:
    static constexpr int kMaxDepth = 48;

    struct Cell
    {
        double cx, cy, half;
        double massX = 0, massY = 0;
        std::int64_t count = 0;
        std::int64_t point = -1; // a leaf's point; -1 in a deep leaf of duplicates
        std::int32_t child[4] = {-1, -1, -1, -1};
        int depth = 0;
    };

    void addMass(Cell &c, std::int64_t i)
    {
        const double n = double(c.count);
        c.massX = (c.massX * n + m_y[std::size_t(2 * i)]) / (n + 1);
        c.massY = (c.massY * n + m_y[std::size_t(2 * i + 1)]) / (n + 1);
        ++c.count;
    }

    std::size_t quadrant(std::size_t c, std::int64_t i) const
    {
        return std::size_t((m_y[std::size_t(2 * i)] >= m_cells[c].cx ? 1 : 0) +
                           (m_y[std::size_t(2 * i + 1)] >= m_cells[c].cy ? 2 : 0));
    }

    void insert(std::int64_t i)
    {
        std::size_t c = 0;
        for (;;) {
            if (m_cells[c].child[0] >= 0) {
                addMass(m_cells[c], i);
                c = std::size_t(m_cells[c].child[quadrant(c, i)]);
                continue;
            }
            if (m_cells[c].count == 0) {
                addMass(m_cells[c], i);
                m_cells[c].point = i;
                return;
            }
            // Points on top of each other share a deep leaf instead of splitting for ever.
            if (m_cells[c].depth >= kMaxDepth || m_cells[c].point < 0) {
                addMass(m_cells[c], i);
                m_cells[c].point = -1;
                return;
            }
            // An occupied leaf: split it, move its point down, then go on with i.
            const std::int64_t old = m_cells[c].point;
            const double h = m_cells[c].half / 2;
            for (int k = 0; k < 4; ++k) {
                Cell child{m_cells[c].cx + ((k & 1) ? h : -h), m_cells[c].cy + ((k & 2) ? h : -h),
                           h};
                child.depth = m_cells[c].depth + 1;
                m_cells[c].child[k] = std::int32_t(m_cells.size());
                m_cells.push_back(child);
            }
            m_cells[c].point = -1;
            Cell &down = m_cells[std::size_t(m_cells[c].child[quadrant(c, old)])];
            addMass(down, old);
            down.point = old;
        }
    }

    const std::vector<double> &m_y;
    std::vector<Cell> m_cells;
};

// Each row's k nearest other rows by Euclidean distance (squared, ascending), in blocks.
void nearestRows(const torch::Tensor &x, std::int64_t k, std::vector<std::int64_t> &idx,
                 std::vector<double> &d2)
{
    const std::int64_t n = x.size(0);
    const torch::Tensor sq = (x * x).sum(1);
    idx.resize(std::size_t(n * k));
    d2.resize(std::size_t(n * k));
    const std::int64_t block = std::max<std::int64_t>(1, (std::int64_t(32) << 20) / (8 * n));
    for (std::int64_t b = 0; b < n; b += block) {
        const std::int64_t m = std::min(block, n - b);
        const torch::Tensor q = x.narrow(0, b, m);
        torch::Tensor d =
            (sq.narrow(0, b, m).unsqueeze(1) + sq.unsqueeze(0) - 2 * q.mm(x.t())).clamp_min(0);
        d.index_put_({torch::arange(m), torch::arange(b, b + m)},
                     std::numeric_limits<double>::infinity());
        const auto [v, i] = d.topk(k, 1, false, true);
        const torch::Tensor vc = v.contiguous(), ic = i.contiguous();
        std::copy(vc.data_ptr<double>(), vc.data_ptr<double>() + m * k,
                  d2.begin() + std::ptrdiff_t(b * k));
        std::copy(ic.data_ptr<std::int64_t>(), ic.data_ptr<std::int64_t>() + m * k,
                  idx.begin() + std::ptrdiff_t(b * k));
    }
}

torch::Tensor tsneBarnesHut(const torch::Tensor &features, const TsneOptions &o,
                            const std::function<bool(int, int)> &progress)
{
    const std::int64_t n = features.size(0);
    torch::Tensor x = features.to(torch::kFloat32);
    if (x.size(1) > 50)
        x = pca(x, 50).points; // as the reference implementation: distances in 50 dimensions
    x = x.to(torch::kFloat64).contiguous();
    const double perplexity = std::max(1.0, std::min(o.perplexity, double(n - 1) / 3.0));
    const std::int64_t k = std::min<std::int64_t>(n - 1, std::int64_t(3 * perplexity));
    std::vector<std::int64_t> idx;
    std::vector<double> d2, pc;
    nearestRows(x, k, idx, d2);
    neighbourP(d2, n, k, perplexity, pc);
    const SparseP p = symmetrize(idx, pc, n, k);

    torch::Generator gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
    const torch::Tensor start = torch::randn({n, 2}, gen, torch::kFloat64) * 1e-4;
    std::vector<double> y(start.data_ptr<double>(), start.data_ptr<double>() + 2 * n);
    std::vector<double> update(y.size(), 0.0), gains(y.size(), 1.0), grad(y.size());
    std::vector<double> sumQ(static_cast<std::size_t>(n)), repulsion(y.size());
    const double rate =
        o.learningRate > 0 ? o.learningRate : std::max(double(n) / o.exaggeration / 4.0, 50.0);
    const int exaggerated = std::min(250, o.iterations);
    const double theta2 = o.theta * o.theta;
    for (int it = 0; it < o.iterations; ++it) {
        const QuadTree tree(y);
        const double exaggeration = it < exaggerated ? o.exaggeration : 1.0;
        at::parallel_for(0, n, 256, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t i = begin; i < end; ++i) {
                const auto u = std::size_t(2 * i), v = u + 1;
                sumQ[std::size_t(i)] = tree.repulsion(i, theta2, &repulsion[u]);
                // Attraction along the sparse P: p_ij q_ij (y_i - y_j) (Z cancels here).
                double ax = 0, ay = 0;
                for (std::int64_t e = p.start[std::size_t(i)]; e < p.start[std::size_t(i + 1)];
                     ++e) {
                    const auto j = std::size_t(2 * p.column[std::size_t(e)]);
                    const double dx = y[u] - y[j], dy = y[v] - y[j + 1];
                    const double w = p.value[std::size_t(e)] / (1 + dx * dx + dy * dy);
                    ax += w * dx;
                    ay += w * dy;
                }
                grad[u] = exaggeration * ax;
                grad[v] = exaggeration * ay;
            }
        });
        double z = 0;
        for (double q : sumQ)
            z += q;
        z = std::max(z, 1e-300);
        const double momentum = it < exaggerated ? 0.5 : 0.8;
        double meanX = 0, meanY = 0;
        for (std::size_t c = 0; c < y.size(); ++c) {
            const double g = 4 * (grad[c] - repulsion[c] / z);
            // Delta-bar-delta gains and momentum, as the exact version.
            gains[c] = (g > 0) == (update[c] > 0) ? std::max(gains[c] * 0.8, 0.01) : gains[c] + 0.2;
            update[c] = momentum * update[c] - rate * gains[c] * g;
            y[c] += update[c];
            (c % 2 ? meanY : meanX) += y[c];
        }
        meanX /= double(n);
        meanY /= double(n);
        for (std::size_t c = 0; c < y.size(); c += 2) {
            y[c] -= meanX;
            y[c + 1] -= meanY;
        }
        if (progress && (it % 25 == 0 || it + 1 == o.iterations) && !progress(it + 1, o.iterations))
            break;
    }
    return torch::from_blob(y.data(), {n, 2}, torch::kFloat64).to(torch::kFloat32);
}

torch::Tensor tsneExact(const torch::Tensor &features, const TsneOptions &o,
                        const std::function<bool(int, int)> &progress)
{
    const std::int64_t n = features.size(0);
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

} // namespace

torch::Tensor tsne(const torch::Tensor &features, const TsneOptions &o,
                   const std::function<bool(int, int)> &progress)
{
    if (features.dim() != 2 || features.size(0) < 4)
        throw Error("t-SNE needs at least 4 feature rows (n x d)");
    const std::int64_t n = features.size(0);
    const bool exact =
        o.method == TsneMethod::Exact || (o.method == TsneMethod::Auto && n <= kExactTsneUpTo);
    const std::int64_t most = exact ? kMaxExactTsnePoints : kMaxTsnePoints;
    if (n > most)
        throw Error(std::string("t-SNE (") + (exact ? "exact" : "Barnes-Hut") + ") maps at most " +
                    std::to_string(most) + " points; " + std::to_string(n) +
                    " given (map a sample)");
    torch::NoGradGuard noGrad;
    return exact ? tsneExact(features, o, progress) : tsneBarnesHut(features, o, progress);
}

} // namespace tl::inspect
