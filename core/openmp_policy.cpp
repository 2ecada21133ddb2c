#include "openmp_policy.h"

#include <cstdlib>

#if defined(__linux__)
#include <unistd.h>
#endif

namespace tl {

void chooseOpenMpWaitPolicy(char **argv)
{
#if defined(__linux__)
    if (std::getenv("OMP_WAIT_POLICY") || std::getenv("GOMP_SPINCOUNT") ||
        std::getenv("TL_OPENMP_CHOSEN"))
        return;
    const char *spin = std::getenv("TL_OPENMP_SPIN");
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
