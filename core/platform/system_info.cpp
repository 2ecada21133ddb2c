#include "platform/system_info.h"

#include <fstream>

namespace tl {

std::string loadedBlasLibrary()
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    std::string found;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos)
            continue;
        const std::string path = line.substr(slash);
        if (path.find("openblas") != std::string::npos ||
            path.find("libmkl") != std::string::npos || path.find("libblis") != std::string::npos)
            return path;
        if (path.find("/libblas.so") != std::string::npos)
            found = path;
    }
    return found;
}

bool referenceBlasActive()
{
    const std::string lib = loadedBlasLibrary();
    // Debian installs the reference implementation as .../blas/libblas.so.3
    return lib.find("/blas/libblas.so") != std::string::npos;
}

std::string referenceBlasWarning()
{
    return "warning: the reference BLAS (" + loadedBlasLibrary() +
           ") is active, training runs about 2-3x slower than with OpenBLAS; install "
           "libopenblas0-openmp (packaging/install-deps.sh does)";
}

} // namespace tl
