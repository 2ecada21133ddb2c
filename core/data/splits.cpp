#include "data/splits.h"

#include "data/rng.h"
#include "base/error.h"

#include <algorithm>
#include <cmath>

namespace tl::data {

namespace {

std::vector<Indices> byClass(const std::vector<std::int64_t> &labels, int numClasses)
{
    std::vector<Indices> groups(static_cast<std::size_t>(std::max(numClasses, 1)));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto l = labels[i];
        if (l < 0 || l >= numClasses)
            throw Error("label " + std::to_string(l) + " of sample " + std::to_string(i) +
                        " is outside 0.." + std::to_string(numClasses - 1));
        groups[static_cast<std::size_t>(l)].push_back(i);
    }
    return groups;
}

} // namespace

std::pair<Indices, Indices> stratifiedSplit(const std::vector<std::int64_t> &labels, int numClasses,
                                            double heldFraction, std::uint64_t seed)
{
    if (!(heldFraction >= 0.0 && heldFraction <= 1.0))
        throw Error("fraction must be between 0 and 1, got " + std::to_string(heldFraction));
    Indices kept, held;
    auto groups = byClass(labels, numClasses);
    for (std::size_t c = 0; c < groups.size(); ++c) {
        auto &g = groups[c];
        Rng rng = Rng::derive(seed, 0x5b117ULL, c);
        rng.shuffle(g);
        auto nHeld = static_cast<std::size_t>(std::llround(heldFraction * double(g.size())));
        nHeld = std::min(nHeld, g.size());
        held.insert(held.end(), g.begin(), g.begin() + static_cast<long>(nHeld));
        kept.insert(kept.end(), g.begin() + static_cast<long>(nHeld), g.end());
    }
    std::sort(kept.begin(), kept.end());
    std::sort(held.begin(), held.end());
    return {kept, held};
}

Indices stratifiedSubset(const std::vector<std::int64_t> &labels, int numClasses, double fraction,
                         std::uint64_t seed)
{
    if (!(fraction > 0.0 && fraction <= 1.0))
        throw Error("train fraction must be in (0, 1], got " + std::to_string(fraction));
    if (fraction >= 1.0) {
        Indices all(labels.size());
        for (std::size_t i = 0; i < all.size(); ++i)
            all[i] = i;
        return all;
    }
    Indices out;
    auto groups = byClass(labels, numClasses);
    for (std::size_t c = 0; c < groups.size(); ++c) {
        auto &g = groups[c];
        if (g.empty())
            continue;
        Rng rng = Rng::derive(seed, 0x50b5e7ULL, c);
        rng.shuffle(g);
        auto n = static_cast<std::size_t>(std::llround(fraction * double(g.size())));
        n = std::clamp<std::size_t>(n, 1, g.size());
        out.insert(out.end(), g.begin(), g.begin() + static_cast<long>(n));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::pair<Indices, Indices> tailSplit(std::size_t n, double fraction)
{
    if (!(fraction >= 0.0 && fraction < 1.0))
        throw Error("validation split must be in [0, 1), got " + std::to_string(fraction));
    // Keras: split_at = int(n * (1 - validation_split))
    const auto splitAt = static_cast<std::size_t>(double(n) * (1.0 - fraction));
    Indices head, tail;
    for (std::size_t i = 0; i < n; ++i)
        (i < splitAt ? head : tail).push_back(i);
    return {head, tail};
}

} // namespace tl::data

namespace tl::data {

Indices perClassSubset(const std::vector<std::int64_t> &labels,
                       const std::vector<std::string> &names, int perClass, std::uint64_t seed)
{
    if (perClass < 1)
        throw Error("images per class must be at least 1, got " + std::to_string(perClass));
    auto groups = byClass(labels, static_cast<int>(names.size()));
    Indices out;
    for (std::size_t c = 0; c < groups.size(); ++c) {
        auto &g = groups[c];
        if (g.size() < std::size_t(perClass))
            throw Error("class '" + (c < names.size() ? names[c] : std::to_string(c)) + "' has " +
                        std::to_string(g.size()) + " training images, fewer than the " +
                        std::to_string(perClass) + " per class asked for");
        Rng rng = Rng::derive(seed, 0xfe3507ULL, c);
        rng.shuffle(g);
        out.insert(out.end(), g.begin(), g.begin() + perClass);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace tl::data
