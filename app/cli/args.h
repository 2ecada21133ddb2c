#pragma once

#include <map>
#include <string>
#include <vector>

namespace tl::cli {

// A bad command line: printed as one line, exit code 2.
struct UsageError
{
    std::string message;
};

// Minimal GNU-style option parser: "--name value", "--name=value", boolean "--flag".
class Args
{
public:
    Args(int argc, char **argv, int first);

    // Declares the options a command takes; anything else is a UsageError.
    void allow(const std::vector<std::string> &valued, const std::vector<std::string> &flags);

    bool has(const std::string &name) const { return m_values.count(name) != 0; }
    bool flag(const std::string &name) const { return has(name); }
    std::string str(const std::string &name, const std::string &fallback = {}) const;
    double number(const std::string &name, double fallback) const;
    long long integer(const std::string &name, long long fallback) const;
    // An integer option within [lo, hi]; a UsageError naming the option and the range otherwise
    // (no silent wrap-around: --epochs 4294967297 is refused, not run as 1 epoch).
    int intIn(const std::string &name, int fallback, int lo, int hi) const;
    const std::vector<std::string> &positional() const { return m_positional; }
    // The options given, without their leading dashes.
    std::vector<std::string> names() const
    {
        std::vector<std::string> out;
        for (const auto &kv : m_values)
            out.push_back(kv.first);
        return out;
    }

private:
    std::vector<std::string> m_raw;
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positional;
};

} // namespace tl::cli
