#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tl::runs {

// How the scheduler (orchestration/scheduler.h) starts a run: a transferlab-cli process with
// its arguments, a few environment variables of its own and its output in a log file. One
// implementation per front end: PosixLauncher (posix_spawn, the CLI) and QProcessLauncher
// (ui/session, the window); the tests use a fake one.
struct LaunchRequest
{
    std::vector<std::string> args; // after the program: "train", "--config", FILE, ...
    std::vector<std::pair<std::string, std::string>> env; // set in the child (CUDA devices)
    std::string logFile; // the child's stdout and stderr ("": they are discarded)
};

// How a launched process ended.
struct LaunchExit
{
    int code = 0;           // its exit status (when it exited)
    int signal = 0;         // the signal that ended it, 0 when it exited
    std::string startError; // it could not be started: why (code and signal mean nothing)
};

class Launcher
{
public:
    using Handle = int;
    using ExitHandler = std::function<void(Handle, const LaunchExit &)>;
    virtual ~Launcher() = default;
    // Starts a process; the handle names it in interrupt(), kill() and the exit handler. A
    // process that cannot start is reported through the exit handler (startError), later.
    virtual Handle start(const LaunchRequest &request) = 0;
    // Ctrl-C: the run stops at its next batch and keeps its last complete epoch.
    virtual void interrupt(Handle handle) = 0;
    virtual void kill(Handle handle) = 0;
    // Called once for every started process when it has ended (from the launcher's own
    // waiting: PosixLauncher::waitForExits, QProcess's signal).
    void setExitHandler(ExitHandler handler) { m_onExit = std::move(handler); }

protected:
    void reportExit(Handle handle, const LaunchExit &exit)
    {
        if (m_onExit)
            m_onExit(handle, exit);
    }

private:
    ExitHandler m_onExit;
};

// Starts `program` (transferlab-cli: "/proc/self/exe" from the CLI itself) with posix_spawn:
// the child's environment and file actions are built before spawning, so nothing but the
// spawn's own async-signal-safe work happens between fork and exec. The children stay in this
// process group (Ctrl-C on a terminal reaches them too).
class PosixLauncher : public Launcher
{
public:
    explicit PosixLauncher(std::string program) : m_program(std::move(program)) {}
    ~PosixLauncher() override; // kills and reaps what still runs
    Handle start(const LaunchRequest &request) override;
    void interrupt(Handle handle) override;
    void kill(Handle handle) override;
    // Reaps the processes that ended, reporting each; waits up to `msecs` for the first one
    // (returns at once when none runs). Returns how many ended.
    int waitForExits(int msecs);
    int running() const { return int(m_pids.size()); }

private:
    std::string m_program;
    std::map<Handle, int> m_pids; // handle -> pid
    std::vector<std::pair<Handle, LaunchExit>> m_failedStarts;
    Handle m_next = 1;
};

// The last non-empty line of a run's log, without the CLI's "transferlab-cli train: " prefix:
// the one-line error of a run that failed. "" when the log is missing or empty.
std::string lastLogLine(const std::string &logFile);

} // namespace tl::runs
