#include "support/limited_run.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tl::test {

namespace {

void drain(int fd, std::string &into)
{
    char buf[4096];
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0)
            return;
        into.append(buf, std::size_t(n));
    }
}

} // namespace

LimitedRun runLimited(const std::string &program, const std::vector<std::string> &args,
                      double timeoutSeconds, std::uint64_t addressSpaceBytes,
                      const std::string &stdinFile)
{
    LimitedRun r;
    int outPipe[2], errPipe[2];
    if (::pipe(outPipe) != 0 || ::pipe(errPipe) != 0)
        return r;
    std::vector<std::string> argvStore{program};
    argvStore.insert(argvStore.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (auto &a : argvStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        rlimit lim{addressSpaceBytes, addressSpaceBytes};
        ::setrlimit(RLIMIT_AS, &lim);
        ::dup2(outPipe[1], 1);
        ::dup2(errPipe[1], 2);
        ::close(outPipe[0]);
        ::close(errPipe[0]);
        if (!stdinFile.empty()) {
            const int in = ::open(stdinFile.c_str(), O_RDONLY);
            if (in >= 0)
                ::dup2(in, 0);
        }
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    ::fcntl(outPipe[0], F_SETFL, O_NONBLOCK);
    ::fcntl(errPipe[0], F_SETFL, O_NONBLOCK);
    int status = 0;
    rusage usage{};
    while (true) {
        drain(outPipe[0], r.out);
        drain(errPipe[0], r.err);
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid)
            break;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (elapsed > timeoutSeconds && !r.timedOut) {
            r.timedOut = true;
            ::kill(pid, SIGKILL);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    drain(outPipe[0], r.out);
    drain(errPipe[0], r.err);
    ::close(outPipe[0]);
    ::close(errPipe[0]);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.maxRssKb = usage.ru_maxrss;
    if (WIFEXITED(status))
        r.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        r.signal = WTERMSIG(status);
    return r;
}

} // namespace tl::test
