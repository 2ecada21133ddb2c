#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tl::data {

using Indices = std::vector<std::size_t>;

// Keeps `fraction` of each class (at least one image of each non-empty class), chosen with
// `seed`. Returned indices are ascending, so the subset keeps the data's original order.
Indices stratifiedSubset(const std::vector<std::int64_t> &labels, int numClasses, double fraction,
                         std::uint64_t seed);

// Exactly `perClass` samples of each class, chosen with `seed`; ascending. tl::Error naming the
// class (from `names`) when it has fewer.
Indices perClassSubset(const std::vector<std::int64_t> &labels,
                       const std::vector<std::string> &names, int perClass, std::uint64_t seed);

// Splits into (kept, held out) with `heldFraction` of each class held out; both ascending.
std::pair<Indices, Indices> stratifiedSplit(const std::vector<std::int64_t> &labels, int numClasses,
                                            double heldFraction, std::uint64_t seed);

// Keras' `validation_split`: the last `fraction` of the samples, in order, before any shuffling.
std::pair<Indices, Indices> tailSplit(std::size_t n, double fraction);

} // namespace tl::data
