#pragma once

namespace tl::runs {
class PosixLauncher;
class Scheduler;
} // namespace tl::runs

namespace tl::cli {

// One interrupt guard for every command: SIGINT (Ctrl-C) and SIGTERM (what torchrun and Slurm
// send their ranks, and what a window sends to stop a child). main() installs it. A command
// that cannot stop half-way ends at once with exit code 130. A command that stops cleanly
// (train, sweep, lesson) holds an InterruptScope while it works: the first signal then only
// sets interrupted() (the run stops at its next batch and keeps what it finished), a second
// one ends the program at once. A signal ignored when the program started stays ignored.
void installInterruptGuard();
bool interrupted();

class InterruptScope
{
public:
    InterruptScope();
    ~InterruptScope();
    InterruptScope(const InterruptScope &) = delete;
    InterruptScope &operator=(const InterruptScope &) = delete;
};

// Runs a scheduler's points to the end, waiting for its launcher's processes. On an interrupt
// the running points are stopped at their next batch (a signal sent to this process alone,
// kill -INT, is passed on; Ctrl-C on a terminal reaches them too) and no other point starts.
// True when it was interrupted.
bool runToEnd(runs::Scheduler &scheduler, runs::PosixLauncher &launcher);

} // namespace tl::cli
