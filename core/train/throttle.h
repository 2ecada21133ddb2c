#pragma once

#include <chrono>

namespace tl::train {

// Throttles a pass's progress reports to one per interval (and always the last one).
class Throttle
{
public:
    explicit Throttle(double interval) : m_interval(interval) {}
    bool due(bool last)
    {
        const auto now = std::chrono::steady_clock::now();
        if (!last && std::chrono::duration<double>(now - m_last).count() < m_interval)
            return false;
        m_last = now;
        return true;
    }

private:
    double m_interval;
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

} // namespace tl::train
