#!/bin/sh
# Installs the .deb that package.sh built, as a lab machine would (apt-get install ./FILE),
# checks it from /usr/bin, then removes it and checks that nothing of it is left but user data.
#  - `cmake --install` to a staging prefix gives exactly the package's tree;
#  - apt pulls in runtime libraries only (no -dev package, no compiler);
#  - transferlab-cli: --version, info (names OpenBLAS), one quick epoch on Fashion-MNIST, from an
#    empty folder with an empty HOME (nothing from the source or build tree);
#  - transferlab --smoke-test: the window opens offscreen with its icon and loads the data;
#  - the man pages, the bash completion, the desktop entry and the MIME type are in place.
# Needs root (or sudo) for apt-get. Usage: packaging/test-package.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
SRC=$(pwd)
BUILD=${1:-build}
DEB=$(ls "$SRC/$BUILD"/transferlab_*.deb)
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "test-package: FAIL: $*" >&2; exit 1; }

# 1. The staging install and the package hold the same files.
cmake --install "$BUILD" --prefix "$WORK/stage/usr" >/dev/null
(cd "$WORK/stage" && find . -type f | sed 's|^\./|/|' | sort) > "$WORK/staged.txt"
dpkg-deb -c "$DEB" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./|/|' | sort > "$WORK/packaged.txt"
diff -u "$WORK/staged.txt" "$WORK/packaged.txt" || fail "cmake --install and the package differ"
echo "test-package: the staging install and the package hold the same $(wc -l < "$WORK/packaged.txt") files"

# 2. Install, as a user would, on a machine without it (an earlier copy is removed first).
if dpkg-query -W -f='${Status}' transferlab 2>/dev/null | grep -q "ok installed"; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq transferlab >/dev/null
fi
before=$(dpkg-query -W -f='${Package}\n' | sort)
start=$(date +%s%N)
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB" >/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "test-package: installed in $((ms / 1000)).$(printf %03d $((ms % 1000))) s"
dpkg-query -W -f='${Package}\n' | sort > "$WORK/after.txt"
echo "$before" | comm -13 - "$WORK/after.txt" > "$WORK/added.txt"
if grep -E -- '-dev$|^g\+\+|^gcc|^cmake$|^clang' "$WORK/added.txt"; then
    fail "installing pulled in build tools"
fi
echo "test-package: packages added: $(tr '\n' ' ' < "$WORK/added.txt")"
dpkg -L transferlab > "$WORK/files.txt"

# 3. From /usr/bin, away from the source tree, with an empty HOME.
mkdir -p "$WORK/home" "$WORK/cwd"
chmod 700 "$WORK/home"
cd "$WORK/cwd"
export HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/home" QT_QPA_PLATFORM=offscreen
[ "$(command -v transferlab-cli)" = /usr/bin/transferlab-cli ] || fail "transferlab-cli not in /usr/bin"
/usr/bin/transferlab-cli --version
/usr/bin/transferlab --version
/usr/bin/transferlab-cli info > info.txt
cat info.txt
grep -qi openblas info.txt || fail "info does not name OpenBLAS"
/usr/bin/transferlab-cli train --train-fraction 0.02 --test-fraction 0.1 --epochs 1 --quiet \
    --out quick-run | tail -1 > summary.json
grep -q '"test_accuracy"' summary.json || fail "the quick epoch wrote no summary"
[ -f quick-run/model.pth ] || fail "the quick epoch wrote no model"
/usr/bin/transferlab --smoke-test | tee smoke.txt
grep -q "icon set" smoke.txt || fail "the window has no icon"
for page in transferlab transferlab-cli; do
    [ -f "/usr/share/man/man1/$page.1.gz" ] || fail "no man page $page(1)"
    if command -v man >/dev/null 2>&1; then
        man -w "$page" >/dev/null || fail "man does not find $page(1)"
    fi
done
bash -c '. /usr/share/bash-completion/completions/transferlab-cli &&
  COMP_WORDS=(transferlab-cli train --model res) COMP_CWORD=3 && _transferlab_cli &&
  [ "${COMPREPLY[0]}" = resnet18 ]' || fail "bash completion does not complete model names"
[ -f /usr/share/applications/io.github.transferlab.TransferLab.desktop ] || fail "no desktop entry"
if [ -d /usr/share/mime/application ]; then
    [ -f /usr/share/mime/application/x-transferlab-experiment.xml ] ||
        fail "the MIME type of experiment files is not registered"
fi
cd "$SRC"

# 4. Remove it: nothing of the package is left; the user's data stays.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq transferlab >/dev/null
while read -r f; do
    if [ -f "$f" ] || [ -L "$f" ]; then
        fail "$f is left after removal"
    fi
done < "$WORK/files.txt"
[ -f "$WORK/cwd/quick-run/model.pth" ] || fail "removal touched user data"
echo "test-package: removed; none of its $(grep -c . "$WORK/files.txt") paths is left, user data kept"
