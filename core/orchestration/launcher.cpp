#include "orchestration/launcher.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace tl::runs {

namespace {

// The child's environment: this process's, with `env` set (built before spawning).
std::vector<std::string> childEnvironment(const std::vector<std::pair<std::string, std::string>> &env)
{
    std::vector<std::string> out;
    for (char **e = environ; e && *e; ++e) {
        const std::string entry = *e;
        const std::size_t eq = entry.find('=');
        const std::string name = entry.substr(0, eq);
        bool replaced = false;
        for (const auto &kv : env)
            replaced = replaced || kv.first == name;
        if (!replaced)
            out.push_back(entry);
    }
    for (const auto &[name, value] : env)
        out.push_back(name + "=" + value);
    return out;
}

std::vector<char *> pointers(std::vector<std::string> &strings)
{
    std::vector<char *> p;
    for (auto &s : strings)
        p.push_back(s.data());
    p.push_back(nullptr);
    return p;
}

LaunchExit exitOf(int status)
{
    LaunchExit e;
    if (WIFEXITED(status))
        e.code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) {
        e.signal = WTERMSIG(status);
        e.code = 128 + e.signal;
    }
    return e;
}

} // namespace

PosixLauncher::~PosixLauncher()
{
    for (const auto &[handle, pid] : m_pids) {
        ::kill(pid, SIGKILL);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
}

Launcher::Handle PosixLauncher::start(const LaunchRequest &request)
{
    const Handle handle = m_next++;
    std::vector<std::string> args = {"transferlab-cli"};
    args.insert(args.end(), request.args.begin(), request.args.end());
    std::vector<std::string> env = childEnvironment(request.env);
    std::vector<char *> argv = pointers(args), envp = pointers(env);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string log = request.logFile.empty() ? "/dev/null" : request.logFile;
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // Ctrl-C and SIGTERM as the child's defaults (an ignored SIGINT, as a background job has,
    // would otherwise pass to it and keep interrupt() from stopping it); no signal blocked.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults, none;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, m_program.c_str(), &actions, &attr, argv.data(),
                                 envp.data());
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        LaunchExit e;
        e.startError = "cannot start " + m_program + ": " + std::strerror(rc);
        m_failedStarts.push_back({handle, e});
        return handle;
    }
    m_pids[handle] = int(pid);
    return handle;
}

void PosixLauncher::interrupt(Handle handle)
{
    if (const auto it = m_pids.find(handle); it != m_pids.end())
        ::kill(it->second, SIGINT);
}

void PosixLauncher::kill(Handle handle)
{
    if (const auto it = m_pids.find(handle); it != m_pids.end())
        ::kill(it->second, SIGKILL);
}

int PosixLauncher::waitForExits(int msecs)
{
    int ended = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(msecs);
    while (true) {
        auto failed = std::move(m_failedStarts);
        m_failedStarts.clear();
        for (const auto &[handle, e] : failed) {
            reportExit(handle, e);
            ++ended;
        }
        std::vector<std::pair<Handle, LaunchExit>> exited;
        for (auto it = m_pids.begin(); it != m_pids.end();) {
            int status = 0;
            const pid_t r = ::waitpid(it->second, &status, WNOHANG);
            if (r == it->second || (r < 0 && errno == ECHILD)) {
                exited.push_back({it->first, r < 0 ? LaunchExit{1, 0, {}} : exitOf(status)});
                it = m_pids.erase(it);
            } else {
                ++it;
            }
        }
        for (const auto &[handle, e] : exited) // after the map is consistent: handlers start more
            reportExit(handle, e);
        ended += int(exited.size());
        if (ended > 0 || (m_pids.empty() && m_failedStarts.empty()) ||
            std::chrono::steady_clock::now() >= deadline)
            return ended;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string lastLogLine(const std::string &logFile)
{
    std::ifstream in(logFile, std::ios::binary);
    if (!in)
        return {};
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    const std::streamoff from = size > 65536 ? size - 65536 : 0; // the end is enough
    in.seekg(from);
    std::string text(std::size_t(size - from), '\0');
    in.read(text.data(), std::streamsize(text.size()));
    std::string last;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos)
            nl = text.size();
        std::string line = text.substr(start, nl - start);
        // A progress bar redrawn with \r: its last state.
        if (const std::size_t cr = line.find_last_of('\r');
            cr != std::string::npos && cr + 1 < line.size())
            line = line.substr(cr + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty())
            last = line;
        start = nl + 1;
    }
    const std::string prefix = "transferlab-cli train: ";
    if (last.rfind(prefix, 0) == 0)
        last = last.substr(prefix.size());
    return last;
}

} // namespace tl::runs
