#include "args.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tl::cli {

Args::Args(int argc, char **argv, int first)
{
    for (int i = first; i < argc; ++i)
        m_raw.emplace_back(argv[i]);
}

void Args::allow(const std::vector<std::string> &valued, const std::vector<std::string> &flags)
{
    auto isIn = [](const std::vector<std::string> &v, const std::string &s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    for (std::size_t i = 0; i < m_raw.size(); ++i) {
        // -o is short for --out wherever --out is taken.
        const std::string a = m_raw[i] == "-o" && isIn(valued, "out") ? "--out" : m_raw[i];
        if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
            if (a.size() > 1 && a[0] == '-' && a != "-")
                throw UsageError{"unknown option '" + a + "' (options start with --; see --help)"};
            m_positional.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        const auto eq = name.find('=');
        const bool inlineValue = eq != std::string::npos;
        if (inlineValue) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (isIn(flags, name)) {
            if (inlineValue)
                throw UsageError{"--" + name + " takes no value"};
            m_values[name] = "1";
        } else if (isIn(valued, name)) {
            if (!inlineValue) {
                if (i + 1 >= m_raw.size())
                    throw UsageError{"--" + name + " needs a value"};
                value = m_raw[++i];
            }
            m_values[name] = value;
        } else {
            throw UsageError{"unknown option '--" + name + "' (see --help)"};
        }
    }
}

std::string Args::str(const std::string &name, const std::string &fallback) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

double Args::number(const std::string &name, double fallback) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    try {
        std::size_t used = 0;
        const double v = std::stod(it->second, &used);
        if (used != it->second.size() || !std::isfinite(v))
            throw std::invalid_argument("");
        return v;
    } catch (const std::exception &) {
        throw UsageError{"--" + name + ": expected a number, got '" + it->second + "'"};
    }
}

long long Args::integer(const std::string &name, long long fallback) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    try {
        std::size_t used = 0;
        const long long v = std::stoll(it->second, &used);
        if (used != it->second.size())
            throw std::invalid_argument("");
        return v;
    } catch (const std::exception &) {
        throw UsageError{"--" + name + ": expected an integer, got '" + it->second + "'"};
    }
}

} // namespace tl::cli

namespace tl::cli {

int Args::intIn(const std::string &name, int fallback, int lo, int hi) const
{
    const long long v = integer(name, fallback);
    if (v < lo || v > hi)
        throw UsageError{"--" + name + ": " + std::to_string(v) + " is out of range (" +
                         std::to_string(lo) + ".." + std::to_string(hi) + ")"};
    return static_cast<int>(v);
}

} // namespace tl::cli
