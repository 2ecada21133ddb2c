#pragma once

#include <string>

namespace tl {

// Path of the BLAS library this process has loaded (from /proc/self/maps), or empty.
std::string loadedBlasLibrary();
// True when Debian's reference BLAS (netlib, unoptimised) is the one in use: LibTorch's
// convolutions and linear layers run several times slower with it than with OpenBLAS.
bool referenceBlasActive();
std::string referenceBlasWarning();

} // namespace tl
