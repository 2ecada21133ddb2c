#!/bin/sh
# Installs what is missing, then configures and builds TransferLab (Release) into build/.
set -eu
cd "$(dirname "$0")/.."
packaging/install-deps.sh
GEN=""
if [ ! -f build/CMakeCache.txt ] && command -v ninja >/dev/null 2>&1; then
    GEN="-G Ninja"
fi
# TL_CMAKE_ARGS: extra configure options (CI passes -DTL_WERROR=ON).
# shellcheck disable=SC2086
cmake -S . -B build $GEN -DCMAKE_BUILD_TYPE=Release ${TL_CMAKE_ARGS:-}
cmake --build build --parallel "$(nproc)"
