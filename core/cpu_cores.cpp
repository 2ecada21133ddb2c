#include "cpu_cores.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#if defined(__linux__)
#include <sched.h>
#include <unistd.h>
#endif

namespace tl {

namespace {

std::string readSmall(const std::string &path)
{
    std::ifstream in(path);
    std::string text(4096, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(std::size_t(std::max<std::streamsize>(0, in.gcount())));
    return text;
}

// cgroup v2's cpu.max ("200000 100000": two cores) of this process's group, or v1's quota;
// 0 when there is none.
double cgroupQuotaCores()
{
    std::string path = "/sys/fs/cgroup/cpu.max";
    std::istringstream groups(readSmall("/proc/self/cgroup"));
    for (std::string line; std::getline(groups, line);)
        if (line.rfind("0::", 0) == 0 && line.size() > 3 && line.find("..") == std::string::npos)
            path = "/sys/fs/cgroup" + line.substr(3) + "/cpu.max";
    std::istringstream max(readSmall(path));
    std::string quota;
    double period = 0;
    if (max >> quota >> period && quota != "max" && period > 0) {
        char *end = nullptr;
        const double q = std::strtod(quota.c_str(), &end);
        if (end && *end == '\0' && q > 0)
            return q / period;
    }
    std::istringstream q1(readSmall("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"));
    std::istringstream p1(readSmall("/sys/fs/cgroup/cpu/cpu.cfs_period_us"));
    double q = 0, p = 0;
    if (q1 >> q && p1 >> p && q > 0 && p > 0)
        return q / p;
    return 0.0;
}

} // namespace

int usableCores()
{
    int cores = int(std::thread::hardware_concurrency());
#if defined(__linux__)
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        cores = CPU_COUNT(&set);
    if (const double quota = cgroupQuotaCores(); quota > 0)
        cores = std::min(cores, std::max(1, int(std::ceil(quota - 0.05))));
#endif
    return std::max(1, cores);
}

} // namespace tl
