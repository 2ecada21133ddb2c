#include "platform/cpu_cores.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#if defined(__linux__)
#include <sched.h>
#include <sys/resource.h>
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

CpuLoadMeter::CpuLoadMeter()
{
#if defined(__linux__)
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &set))
                m_cpus.push_back(c);
#endif
    m_last = take();
}

CpuLoadMeter::Sample CpuLoadMeter::take() const
{
    Sample s;
    s.at = std::chrono::steady_clock::now();
#if defined(__linux__)
    const long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0)
        return s;
    std::ifstream in("/proc/stat");
    std::string line;
    double ticks = 0;
    bool any = false;
    while (std::getline(in, line)) {
        if (line.rfind("cpu", 0) != 0 || line.size() < 4 || line[3] < '0' || line[3] > '9')
            continue;
        std::istringstream fields(line.substr(3));
        int cpu = -1;
        // user nice system idle iowait irq softirq steal
        double v[8] = {};
        fields >> cpu;
        for (double &x : v)
            fields >> x;
        if (!fields && !fields.eof())
            continue;
        if (!m_cpus.empty() && std::find(m_cpus.begin(), m_cpus.end(), cpu) == m_cpus.end())
            continue;
        ticks += v[0] + v[2] + v[5] + v[6] + v[7];
        any = true;
    }
    rusage own{};
    if (!any || getrusage(RUSAGE_SELF, &own) != 0)
        return s;
    s.busySeconds = ticks / double(hz);
    s.ownSeconds = double(own.ru_utime.tv_sec) + double(own.ru_utime.tv_usec) / 1e6 +
                   double(own.ru_stime.tv_sec) + double(own.ru_stime.tv_usec) / 1e6;
    s.ok = true;
#endif
    return s;
}

double CpuLoadMeter::secondsSinceSample() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_last.at).count();
}

double CpuLoadMeter::othersBusyCores()
{
    const Sample now = take();
    const Sample before = m_last;
    m_last = now;
    const double wall = std::chrono::duration<double>(now.at - before.at).count();
    if (!now.ok || !before.ok || wall < 0.05)
        return -1;
    const double others =
        (now.busySeconds - before.busySeconds) - (now.ownSeconds - before.ownSeconds);
    return std::max(0.0, others / wall);
}

int threadsForLoad(int usable, double othersBusy)
{
    if (othersBusy < 0)
        return std::max(1, usable);
    const int taken = int(std::floor(othersBusy + 0.6));
    return std::max(1, usable - taken);
}

int fixedComputeThreads(int configured)
{
    if (configured > 0)
        return configured;
    // OpenMP's form: a number, or a list for nested levels ("4,2") whose first is the outer team.
    const char *env = std::getenv("OMP_NUM_THREADS");
    if (!env)
        return 0;
    const std::string value(env);
    const std::string first = value.substr(0, value.find(','));
    if (first.empty() || first.size() > 4 ||
        !std::all_of(first.begin(), first.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return 0;
    return std::stoi(first);
}

} // namespace tl
