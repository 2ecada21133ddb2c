#include "interrupt.h"

#include "orchestration/launcher.h"
#include "orchestration/scheduler.h"

#include <atomic>
#include <csignal>
#include <cstdlib>

namespace tl::cli {

namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_scopes{0};

extern "C" void onInterrupt(int)
{
    // Only async-signal-safe work: lock-free atomics and _Exit.
    if (g_scopes.load() == 0 || g_interrupted.exchange(true))
        std::_Exit(130);
}

} // namespace

void installInterruptGuard()
{
    for (const int sig : {SIGINT, SIGTERM}) {
        struct sigaction previous = {};
        ::sigaction(sig, nullptr, &previous);
        if (previous.sa_handler == SIG_IGN) // started in the background with it ignored
            continue;
        struct sigaction sa = {};
        sa.sa_handler = onInterrupt;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART; // reads and writes in progress go on; the flag is polled
        ::sigaction(sig, &sa, nullptr);
    }
}

bool interrupted()
{
    return g_interrupted.load();
}

InterruptScope::InterruptScope()
{
    g_interrupted = false;
    ++g_scopes;
}

InterruptScope::~InterruptScope()
{
    --g_scopes;
}

bool runToEnd(runs::Scheduler &scheduler, runs::PosixLauncher &launcher)
{
    bool forwarded = false;
    scheduler.schedule();
    while (launcher.running() > 0 || !scheduler.idle()) {
        if (interrupted() && !forwarded) {
            scheduler.stopAll();
            forwarded = true;
        }
        launcher.waitForExits(100);
        scheduler.pollProgress(); // a sweep's early stopping judges each epoch as it ends
        scheduler.schedule();
    }
    return forwarded || interrupted();
}

} // namespace tl::cli
