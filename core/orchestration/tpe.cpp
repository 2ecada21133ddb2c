#include "orchestration/tpe.h"

#include <algorithm>
#include <cmath>

namespace tl::runs {

namespace {

constexpr double kSqrt2 = 1.4142135623730951;
constexpr double kSqrt2Pi = 2.5066282746310002;

double phi(double x)
{
    return 0.5 * std::erfc(-x / kSqrt2);
}

// A mixture over [0, 1]: a Gaussian truncated to [0, 1] at each observation and a flat prior
// of the same weight.
struct Parzen
{
    std::vector<double> mu, sigma;

    explicit Parzen(std::vector<double> points)
    {
        std::sort(points.begin(), points.end());
        const std::size_t n = points.size();
        // Each kernel as wide as the larger gap to its neighbours (the range's ends count as
        // neighbours), kept within [1 / min(100, n + 1), 1] (Bergstra's and Optuna's rule).
        const double floor = 1.0 / std::min(100.0, double(n) + 1.0);
        for (std::size_t i = 0; i < n; ++i) {
            const double left = points[i] - (i ? points[i - 1] : 0.0);
            const double right = (i + 1 < n ? points[i + 1] : 1.0) - points[i];
            mu.push_back(points[i]);
            sigma.push_back(std::clamp(std::max(left, right), floor, 1.0));
        }
    }
    double density(double u) const
    {
        double sum = 1.0; // the prior: density 1 on [0, 1]
        for (std::size_t i = 0; i < mu.size(); ++i) {
            const double z = (u - mu[i]) / sigma[i];
            const double mass = phi((1 - mu[i]) / sigma[i]) - phi(-mu[i] / sigma[i]);
            sum += std::exp(-0.5 * z * z) / (sigma[i] * kSqrt2Pi) / std::max(mass, 1e-12);
        }
        return sum / double(mu.size() + 1);
    }
    double draw(SweepRng &rng) const
    {
        const std::size_t k = rng.below(mu.size() + 1);
        if (k == mu.size())
            return rng.uniform();
        for (int tries = 0; tries < 100; ++tries) {
            const double u = mu[k] + sigma[k] * rng.normal();
            if (u >= 0 && u <= 1)
                return u;
        }
        return std::clamp(mu[k], 0.0, 1.0);
    }
};

const nlohmann::json *valueOf(const TpeTrial &t, const std::string &path)
{
    for (const auto &[p, v] : t.values)
        if (p == path)
            return &v;
    return nullptr;
}

std::vector<double> units(const ParamRange &range, const std::vector<const TpeTrial *> &trials)
{
    std::vector<double> out;
    for (const TpeTrial *t : trials)
        if (const nlohmann::json *v = valueOf(*t, range.path); v && range.contains(*v))
            out.push_back(std::clamp(range.unit(*v), 0.0, 1.0));
    return out;
}

nlohmann::json proposeNumeric(const ParamRange &range, const std::vector<const TpeTrial *> &good,
                              const std::vector<const TpeTrial *> &bad, SweepRng &rng,
                              int candidates)
{
    const Parzen l(units(range, good)), g(units(range, bad));
    double best = 0, bestRatio = -1e300;
    for (int c = 0; c < candidates; ++c) {
        const double u = l.draw(rng);
        const double ratio = std::log(l.density(u)) - std::log(g.density(u));
        if (ratio > bestRatio)
            bestRatio = ratio, best = u;
    }
    return range.at(best);
}

nlohmann::json proposeChoice(const ParamRange &range, const std::vector<const TpeTrial *> &good,
                             const std::vector<const TpeTrial *> &bad, SweepRng &rng,
                             int candidates)
{
    const std::size_t k = range.choices.size();
    auto weights = [&](const std::vector<const TpeTrial *> &set) {
        std::vector<double> w(k, 1.0); // the prior: one count each
        for (const TpeTrial *t : set)
            if (const nlohmann::json *v = valueOf(*t, range.path)) {
                const double i = range.unit(*v);
                if (i >= 0)
                    w[std::size_t(i)] += 1;
            }
        double total = 0;
        for (const double x : w)
            total += x;
        for (double &x : w)
            x /= total;
        return w;
    };
    const std::vector<double> l = weights(good), g = weights(bad);
    std::size_t best = 0;
    double bestRatio = -1e300;
    for (int c = 0; c < candidates; ++c) {
        double r = rng.uniform();
        std::size_t i = 0;
        while (i + 1 < k && r >= l[i])
            r -= l[i++];
        const double ratio = std::log(l[i]) - std::log(g[i]);
        if (ratio > bestRatio)
            bestRatio = ratio, best = i;
    }
    return range.choices[best];
}

} // namespace

std::vector<const TpeTrial *> rankTrials(const std::vector<TpeTrial> &trials)
{
    std::vector<const TpeTrial *> out;
    for (const auto &t : trials)
        out.push_back(&t);
    std::stable_sort(out.begin(), out.end(), [](const TpeTrial *a, const TpeTrial *b) {
        if (a->pruned != b->pruned)
            return !a->pruned;
        if (a->pruned && a->epochs != b->epochs)
            return a->epochs > b->epochs;
        return a->score > b->score;
    });
    return out;
}

SettingValues proposeTpe(const SearchSpace &space, const std::vector<TpeTrial> &trials,
                         std::uint64_t seed, std::uint64_t index, const TpeOptions &options)
{
    if (int(trials.size()) < std::max(1, options.startup))
        return randomSample(space, seed, index);
    const std::vector<const TpeTrial *> ranked = rankTrials(trials);
    const std::size_t nGood = std::clamp<std::size_t>(
        std::size_t(std::ceil(options.gamma * double(ranked.size()))), 1, 25);
    const std::vector<const TpeTrial *> good(ranked.begin(), ranked.begin() + long(nGood));
    const std::vector<const TpeTrial *> bad(ranked.begin() + long(nGood), ranked.end());
    SweepRng rng = sampleRng(seed, index, 1);
    SettingValues out;
    for (const ParamRange &range : space.params)
        out.push_back(
            {range.path, range.kind == ParamRange::Kind::Choice
                             ? proposeChoice(range, good, bad, rng, options.candidates)
                             : proposeNumeric(range, good, bad, rng, options.candidates)});
    return out;
}

} // namespace tl::runs
