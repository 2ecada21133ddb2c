#include "orchestration/search_space.h"

#include "base/error.h"

#include <algorithm>
#include <cmath>

namespace tl::runs {

using nlohmann::json;

double roundSignificant(double v, int digits)
{
    if (v == 0 || !std::isfinite(v))
        return v;
    const double scale = std::pow(10.0, digits - 1 - int(std::floor(std::log10(std::fabs(v)))));
    return std::round(v * scale) / scale;
}

double ParamRange::unit(const json &value) const
{
    if (kind == Kind::Choice) {
        for (std::size_t i = 0; i < choices.size(); ++i)
            if (choices[i] == value)
                return double(i);
        return -1;
    }
    if (!value.is_number())
        return -1;
    const double v = value.get<double>();
    if (kind == Kind::LogUniform)
        return (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo));
    if (kind == Kind::Int) // the middle of the slice of [0, 1] that at() maps to v
        return (v - lo + 0.5) / (hi - lo + 1);
    return hi > lo ? (v - lo) / (hi - lo) : 0.0;
}

json ParamRange::at(double u) const
{
    u = std::clamp(u, 0.0, 1.0);
    switch (kind) {
    case Kind::Choice:
        return choices[std::min(choices.size() - 1, std::size_t(u * double(choices.size())))];
    case Kind::Int:
        return static_cast<std::int64_t>(std::clamp(std::floor(lo + u * (hi - lo + 1)), lo, hi));
    case Kind::LogUniform:
        return std::clamp(
            roundSignificant(std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo)))), lo, hi);
    case Kind::Uniform:
        break;
    }
    return std::clamp(roundSignificant(lo + u * (hi - lo)), lo, hi);
}

bool ParamRange::contains(const json &value) const
{
    if (kind == Kind::Choice)
        return unit(value) >= 0;
    if (!value.is_number())
        return false;
    const double v = value.get<double>();
    return v >= lo && v <= hi && (kind != Kind::Int || value.is_number_integer());
}

std::vector<std::string> SearchSpace::paths() const
{
    std::vector<std::string> out;
    for (const auto &p : params)
        out.push_back(p.path);
    return out;
}

namespace {

ParamRange parseRange(const std::string &path, const json &spec, const std::string &origin)
{
    const std::string where = "'sweep.parameters." + path + "'";
    auto fail = [&](const std::string &why) -> ParamRange {
        throw fileError(origin, where + ": " + why);
    };
    if (!spec.is_object() || spec.size() != 1)
        return fail("expected one range: {\"uniform\": [a, b]}, {\"log_uniform\": [a, b]}, "
                    "{\"int\": [a, b]} or {\"choice\": [values...]}");
    ParamRange r;
    r.path = path;
    const std::string kind = spec.begin().key();
    const json &v = spec.begin().value();
    if (kind == "choice") {
        if (!v.is_array() || v.empty())
            return fail("\"choice\": expected a non-empty list of values");
        r.kind = ParamRange::Kind::Choice;
        for (const auto &c : v) {
            if (std::find(r.choices.begin(), r.choices.end(), c) != r.choices.end())
                return fail("\"choice\": " + c.dump() + " is listed twice");
            r.choices.push_back(c);
        }
        return r;
    }
    if (kind == "uniform")
        r.kind = ParamRange::Kind::Uniform;
    else if (kind == "log_uniform")
        r.kind = ParamRange::Kind::LogUniform;
    else if (kind == "int")
        r.kind = ParamRange::Kind::Int;
    else
        return fail("unknown range \"" + kind + "\" (uniform, log_uniform, int or choice)");
    const bool integers = r.kind == ParamRange::Kind::Int;
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number() ||
        (integers && (!v[0].is_number_integer() || !v[1].is_number_integer())))
        return fail("\"" + kind + "\": expected [low, high] as two " +
                    (integers ? "integers" : "numbers"));
    r.lo = v[0].get<double>();
    r.hi = v[1].get<double>();
    if (!std::isfinite(r.lo) || !std::isfinite(r.hi) || !(r.lo < r.hi))
        return fail("\"" + kind + "\": low (" + v[0].dump() + ") must be below high (" +
                    v[1].dump() + ")");
    if (r.kind == ParamRange::Kind::LogUniform && !(r.lo > 0))
        return fail("\"log_uniform\": both ends must be above 0 (a log scale), not " + v.dump());
    if (integers && (std::fabs(r.lo) > 1e9 || std::fabs(r.hi) > 1e9))
        return fail("\"int\": the ends must be within +-1e9");
    return r;
}

} // namespace

SearchSpace parseSearchSpace(const json &parameters, const std::string &origin)
{
    if (!parameters.is_object() || parameters.empty())
        throw fileError(origin, "'sweep.parameters': expected an object of setting paths and "
                                "ranges ({\"stages.0.optimizer.lr\": {\"log_uniform\": [1e-4, "
                                "0.1]}})");
    SearchSpace space;
    for (const auto &[path, spec] : parameters.items())
        space.params.push_back(parseRange(path, spec, origin));
    return space;
}

std::uint64_t SweepRng::next()
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double SweepRng::uniform()
{
    return double(next() >> 11) * 0x1.0p-53;
}

double SweepRng::normal()
{
    const double u1 = 1.0 - uniform(); // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

std::size_t SweepRng::below(std::size_t n)
{
    return n ? std::size_t(uniform() * double(n)) % n : 0;
}

SweepRng sampleRng(std::uint64_t seed, std::uint64_t index, std::uint64_t salt)
{
    SweepRng mix(seed ^ (0x51ed270b7f4a1c3dULL * (index + 1)) ^ (salt * 0x2545f4914f6cdd1dULL));
    return SweepRng(mix.next());
}

SettingValues randomSample(const SearchSpace &space, std::uint64_t seed, std::uint64_t index)
{
    SweepRng rng = sampleRng(seed, index);
    SettingValues out;
    for (const auto &p : space.params)
        out.push_back({p.path, p.at(rng.uniform())});
    return out;
}

} // namespace tl::runs
