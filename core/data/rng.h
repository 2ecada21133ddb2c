#pragma once

#include <cstdint>
#include <vector>

namespace tl::data {

// Small, fully specified generator (SplitMix64) so that shuffles, subsets and augmentations are
// the same on every platform and standard library for the same seed.
class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    // Independent stream for (seed, a, b): used per epoch and per sample so results do not depend
    // on which loader thread handles a sample.
    static Rng derive(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0)
    {
        Rng r(seed ^ 0x9e3779b97f4a7c15ULL);
        r.m_state ^= r.next() + a * 0xbf58476d1ce4e5b9ULL;
        r.m_state ^= r.next() + b * 0x94d049bb133111ebULL;
        r.next();
        return r;
    }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
    bool chance(double p) { return uniform() < p; }

    template <typename T> void shuffle(std::vector<T> &v)
    {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[below(i)]);
    }

private:
    std::uint64_t m_state;
};

} // namespace tl::data
