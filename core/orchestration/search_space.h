#pragma once

#include <nlohmann/json.hpp> // ParamRange holds choices: copied with the space

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tl::runs {

// The ranges of a search that is not a grid (the sweep block's "random" and "tpe" modes):
//   "parameters": {"stages.0.optimizer.lr": {"log_uniform": [1e-4, 1e-1]},
//                  "stages.0.optimizer.momentum": {"uniform": [0.5, 0.99]},
//                  "stages.0.batch_size": {"int": [16, 128]},
//                  "model.freeze": {"choice": ["none", "backbone"]}}
// Drawn values are rounded to 4 significant digits (what a folder name and a table show is the
// value trained).

struct ParamRange
{
    enum class Kind { Uniform, LogUniform, Int, Choice };
    std::string path;
    Kind kind = Kind::Uniform;
    double lo = 0, hi = 1;               // Uniform, LogUniform, Int (inclusive)
    std::vector<nlohmann::json> choices; // Choice

    // The position of `value` in [0, 1] along the range as it is searched (a log scale for
    // LogUniform); Choice: the index of the choice, or -1 when it is none of them.
    double unit(const nlohmann::json &value) const;
    // The value at `u` in [0, 1] (rounded; an index into choices for Choice).
    nlohmann::json at(double u) const;
    bool contains(const nlohmann::json &value) const;
};

struct SearchSpace
{
    std::vector<ParamRange> params;
    std::vector<std::string> paths() const;
};

// Reads the "parameters" of a random or TPE sweep; tl::Error "ORIGIN: 'sweep.parameters.PATH':
// why" (a range whose ends are reversed, a log range that does not stay above 0, an empty
// choice, an unknown kind).
SearchSpace parseSearchSpace(const nlohmann::json &parameters, const std::string &origin);

// A small portable generator (SplitMix64): the same draws on every platform and standard
// library, so a sweep file with a seed names the same points everywhere, and a sweep started
// again draws the same ones.
class SweepRng
{
public:
    explicit SweepRng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    double uniform();                 // [0, 1)
    double normal();                  // standard normal (Box-Muller)
    std::size_t below(std::size_t n); // [0, n)

private:
    std::uint64_t m_state;
};

// The generator of sample `index` of a sweep with `seed`: each sample has its own stream, so a
// sweep with more samples keeps the first ones.
SweepRng sampleRng(std::uint64_t seed, std::uint64_t index, std::uint64_t salt = 0);

using SettingValues = std::vector<std::pair<std::string, nlohmann::json>>;

// Sample `index` of a random search: every parameter drawn uniformly over its range (log scale
// for log_uniform).
SettingValues randomSample(const SearchSpace &space, std::uint64_t seed, std::uint64_t index);

// 4 significant digits (what drawn values are rounded to).
double roundSignificant(double v, int digits = 4);

} // namespace tl::runs
