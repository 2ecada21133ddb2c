#include "platform/malloc_policy.h"

#include <cstdlib>
#include <cstring>

#include <malloc.h>

namespace tl {

void keepFreedMemoryForReuse()
{
    const char *tunables = std::getenv("GLIBC_TUNABLES");
    if (std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_") ||
        (tunables && std::strstr(tunables, "glibc.malloc.")))
        return;
#if defined(__GLIBC__)
    // The largest threshold glibc accepts on 64-bit systems (blocks above it are still mapped
    // one by one: rare, huge ones). Trimming only when 256 MiB lie free at the heap's top.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

} // namespace tl
