#pragma once

// Runs a program as an attacker's input would meet it: an address-space limit, a wall-clock
// limit, and the child's peak memory measured (wait4's ru_maxrss).

#include <cstdint>
#include <string>
#include <vector>

namespace tl::test {

struct LimitedRun
{
    int exitCode = -1; // -1 when killed by a signal
    int signal = 0;
    bool timedOut = false;
    std::string out, err;
    long maxRssKb = 0;
    double seconds = 0;
};

LimitedRun runLimited(const std::string &program, const std::vector<std::string> &args,
                      double timeoutSeconds, std::uint64_t addressSpaceBytes,
                      const std::string &stdinFile = {});

} // namespace tl::test
