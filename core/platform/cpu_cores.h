#pragma once

#include <chrono>
#include <vector>

namespace tl {

// How many cores this process may use: its CPU affinity (taskset, a batch system's binding),
// capped by a cgroup CPU quota (a container, a systemd slice). At least 1. Unlike
// std::thread::hardware_concurrency(), which counts the machine's cores, this is what the
// compute threads can really run on.
int usableCores();

// How many of this process's usable cores other programs keep busy, measured from /proc/stat
// between two samples: the time the cores this process may run on (its affinity) spent busy at
// normal priority (user, system, interrupts, steal) minus this process's own CPU time. Niced
// work (a background job at nice 19) is not counted: it yields its core to a process at normal
// priority, so a run can use that core anyway.
class CpuLoadMeter
{
public:
    CpuLoadMeter(); // the first sample
    // Cores other programs kept busy since the previous call (or construction); -1 when
    // /proc/stat cannot be read. Takes the next sample.
    double othersBusyCores();
    // Seconds since the previous sample.
    double secondsSinceSample() const;

private:
    struct Sample
    {
        bool ok = false;
        double busySeconds = 0; // normal-priority busy time of the usable cores
        double ownSeconds = 0;  // this process's CPU time
        std::chrono::steady_clock::time_point at;
    };
    Sample take() const;
    std::vector<int> m_cpus; // the cores in this process's affinity
    Sample m_last;
};

// Compute threads for `usable` cores when others keep `othersBusy` of them busy: the cores left
// (a core counts as taken when others use more than 0.4 of one), at least 1; all of them when
// the load is not known.
int threadsForLoad(int usable, double othersBusy);

// The compute threads a run is fixed to: `configured` when positive (the experiment's
// `threads`, --threads), else OMP_NUM_THREADS when it starts with a positive number (a user's, or
// the 1 torchrun sets for each rank when it starts several on a machine); 0 when neither: the
// threads follow the load (Trainer::setAdaptiveThreads).
int fixedComputeThreads(int configured);

// CUDA devices this LibTorch build sees (0 on a CPU-only build or machine). Defined with the
// trainer's device choice (train/trainer.cpp).
int cudaDeviceCount();

} // namespace tl
