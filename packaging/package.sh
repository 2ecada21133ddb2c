#!/bin/sh
# Builds transferlab_VERSION_amd64.deb from a Release build (default: build/, the folder
# README's commands use) with CPack, then checks it: lintian, desktop-file-validate,
# appstreamcli validate. The package lands in the build folder.
# Usage: packaging/package.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
packaging/install-deps.sh --package
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    GEN=""
    command -v ninja >/dev/null 2>&1 && GEN="-G Ninja"
    # shellcheck disable=SC2086
    cmake -S . -B "$BUILD" $GEN -DCMAKE_BUILD_TYPE=Release ${TL_CMAKE_ARGS:-}
fi
type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")
if [ "$type" != Release ]; then
    echo "package: $BUILD is a '$type' build; the package is made from a Release build" >&2
    exit 1
fi
cmake --build "$BUILD" --parallel "$(nproc)" --target transferlab transferlab-cli
rm -f "$BUILD"/transferlab_*.deb
(cd "$BUILD" && cpack -G DEB >/dev/null)
DEB=$(ls "$BUILD"/transferlab_*.deb)
# The size README quotes: bytes, and MB (10^6 bytes) with one decimal.
bytes=$(stat -c %s "$DEB")
echo "package: $DEB ($bytes bytes, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB)"

# Checks: no errors from any of them, and no lintian warnings either (a warning is fixed, or
# justified in a lintian overrides file installed with the package).
lintian --fail-on error,warning "$DEB"
# desktop-file-validate exits 0 on hints (e.g. two main categories: the menu would list the
# entry twice); none is accepted here.
validation=$(desktop-file-validate packaging/io.github.transferlab.TransferLab.desktop 2>&1) || {
    echo "$validation" >&2
    exit 1
}
if [ -n "$validation" ]; then
    echo "$validation" >&2
    exit 1
fi
# update-mime-database skips a file it cannot parse, silently for the user: check it here.
/usr/bin/python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' \
    packaging/transferlab-mime.xml
appstreamcli validate --no-net packaging/io.github.transferlab.TransferLab.metainfo.xml
echo "package: lintian, desktop-file-validate (no hints either), appstreamcli validate and the MIME XML: no errors"
