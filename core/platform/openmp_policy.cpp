#include "platform/openmp_policy.h"

#include "platform/cpu_cores.h"

#include <chrono>
#include <cstdlib>
#include <thread>

#if defined(__linux__)
#include <unistd.h>
#endif

namespace tl {

bool shortSpinFor(double othersBusyCores)
{
    return othersBusyCores < 0 || othersBusyCores >= 0.4;
}

void chooseOpenMpWaitPolicy(char **argv)
{
#if defined(__linux__)
    if (std::getenv("OMP_WAIT_POLICY") || std::getenv("GOMP_SPINCOUNT") ||
        std::getenv("TL_OPENMP_CHOSEN"))
        return;
    const char *spin = std::getenv("TL_OPENMP_SPIN");
    if (!(spin && *spin)) {
        // Quiet, or only niced work: libgomp's own long spin is fastest (tests/bench/
        // bench_threads.sh), and nothing needs to change.
        CpuLoadMeter meter;
        std::this_thread::sleep_for(std::chrono::milliseconds(kLoadSampleMs));
        if (!shortSpinFor(meter.othersBusyCores()))
            return;
    }
    ::setenv("GOMP_SPINCOUNT", spin && *spin ? spin : kOpenMpSpinCount, 1);
    ::setenv("TL_OPENMP_CHOSEN", "1", 1); // once: never a loop of restarts
    ::execv("/proc/self/exe", argv);
    // exec failed (no /proc): carry on with libgomp's defaults.
    ::unsetenv("GOMP_SPINCOUNT");
#else
    (void)argv;
#endif
}

} // namespace tl
