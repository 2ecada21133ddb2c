#include "rundir/run_dir.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <limits>

#include <unistd.h>

namespace fs = std::filesystem;

namespace tl::runs {

namespace {

std::string hostName()
{
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return name;
}

// Whether process `pid` of this machine still runs: it exists and is not a zombie (a killed
// rank stays one until its launcher reaps it, and holds no run then).
bool processAlive(pid_t pid)
{
    if (::kill(pid, 0) != 0 && errno != EPERM)
        return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return true; // no /proc: kill's answer
    const std::size_t close = line.rfind(')');
    return close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z';
}

} // namespace

std::string RunDir::path(const char *file) const
{
    return (fs::path(m_dir) / file).string();
}

bool RunDir::has(const char *file) const
{
    std::error_code ec;
    return fs::exists(fs::path(m_dir) / file, ec);
}

std::optional<RunDir::LockOwner> RunDir::lockOwner() const
{
    std::ifstream in(lock());
    long id = 0;
    if (!(in >> id) || id <= 0 || id >= std::numeric_limits<pid_t>::max())
        return std::nullopt;
    LockOwner owner;
    owner.pid = id;
    if (!(in >> owner.host) || owner.host.size() > 255)
        owner.host.clear();
    owner.thisMachine = owner.host.empty() || owner.host == hostName();
    return owner;
}

std::string RunDir::lockText()
{
    // The process and its machine: a window on another machine (a cluster's shared file
    // system) cannot ask this one's process table, and looks at the files' age instead.
    return std::to_string(::getpid()) + "\n" + hostName() + "\n";
}

bool RunDir::lockHeldByLiveProcess(double quietSeconds) const
{
    const auto owner = lockOwner();
    if (!owner)
        return false;
    if (owner->thisMachine)
        return processAlive(pid_t(owner->pid));
    return secondsSinceChange() < quietSeconds;
}

bool RunDir::removeDeadLock() const
{
    const auto owner = lockOwner();
    if (!owner || !owner->thisMachine || processAlive(pid_t(owner->pid)))
        return false;
    std::error_code ec;
    return fs::remove(lock(), ec);
}

double RunDir::secondsSinceChange() const
{
    double youngest = 1e18;
    for (const char *name : {kProgress, kMetrics, kLock}) {
        std::error_code ec;
        const auto t = fs::last_write_time(fs::path(m_dir) / name, ec);
        if (ec)
            continue;
        const double age =
            std::chrono::duration<double>(fs::file_time_type::clock::now() - t).count();
        youngest = std::min(youngest, age);
    }
    return youngest;
}

} // namespace tl::runs
