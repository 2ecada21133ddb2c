#!/bin/sh
# Installs every build, test and runtime dependency of TransferLab from Debian 12's packages.
# Idempotent: packages already installed are left alone, and apt is not called at all when
# nothing is missing. Runs as root, or through sudo when available.
# `--ci` adds what CI's extra jobs use: clang with its sanitizer and libFuzzer runtimes.
set -eu

PACKAGES="
  cmake ninja-build g++ pkg-config
  libtorch-dev libgloo-dev
  libopencv-dev
  libonnx-dev libprotobuf-dev
  nlohmann-json3-dev zlib1g-dev libcurl4-openssl-dev libssl-dev
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
  qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libopenblas0-openmp
  dataset-fashion-mnist
  python3-torch python3-torchvision
  python3-onnx python3-opencv
  xvfb xauth imagemagick
  python3-pyatspi at-spi2-core dbus
  help2man man-db
"
if [ "${1:-}" = "--ci" ]; then
    # `clang` gives the plain clang++ command the asan preset names (clang-14 alone has only
    # clang++-14).
    PACKAGES="$PACKAGES clang clang-14 libclang-rt-14-dev"
fi
if [ "${1:-}" = "--package" ]; then
    # packaging/package.sh: the man pages (help2man), the package's checks, dpkg-shlibdeps.
    PACKAGES="$PACKAGES help2man lintian desktop-file-utils appstream dpkg-dev fakeroot"
fi
# qt6-tools-dev (CMake's LinguistTools), qt6-l10n-tools (lupdate, lrelease): the German and
# French translations are compiled into the program, and tst_translations checks them;
# qt6-translations-l10n: Qt's own words (OK, Cancel, the file dialog) in those languages.
# python3-pyatspi, at-spi2-core, dbus: what a screen reader sees of the window, measured under
# Xvfb (tests/support/atspi_names.py).
# help2man, man-db: the man pages are made at install time, and tst_cli reads them as man shows
# them.
# libonnx-dev, libprotobuf-dev: ONNX's own protobuf classes write `export --format onnx`;
# python3-onnx (onnx.checker) and python3-opencv check those files in the tests.
# libopenblas0-openmp: Debian's libtorch calls the system BLAS, and the default reference BLAS
# makes convolutions several times slower; OpenBLAS with OpenMP matches libtorch's threading.

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all dependencies are installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-deps: missing packages:$missing" >&2
        echo "install-deps: run this script as root (or install sudo)" >&2
        exit 1
    fi
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
