#!/bin/sh
# What a screen reader sees of the window (issue 33), measured under Xvfb over AT-SPI:
#   tests/support/atspi_check.sh build/app/transferlab [DISPLAY_NUMBER]
# prints the share of interactive controls with an accessible name (English), then starts the
# window again with LANG=de_DE.UTF-8 LANGUAGE=de and prints the share of tab and menu names that
# differ from the English ones. Needs xvfb, dbus, at-spi2-core and python3-pyatspi
# (packaging/install-deps.sh). Writes its files into $TMPDIR (or /tmp).
set -eu
BIN=$(realpath "$1")
D=${2:-97}
HERE=$(dirname "$(realpath "$0")")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/atspi.XXXXXX")
Xvfb ":$D" -screen 0 1280x720x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 1

# One window under one D-Bus session with the accessibility bus: `measure NAME ARGS` writes
# $WORK/NAME.txt (the environment says which language).
measure() {
    out=$1
    shift
    DISPLAY=":$D" HOME="$WORK/home" QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 \
        dbus-run-session -- sh -c "
            /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
            sleep 1
            '$BIN' --presentation >'$WORK/$out.log' 2>&1 &
            APP=\$!
            sleep 8
            /usr/bin/python3 '$HERE/atspi_names.py' $* >'$WORK/$out.txt'
            kill \$APP
        " 2>/dev/null
}

mkdir -p "$WORK/home"
LANG=C.UTF-8 LANGUAGE=en measure controls --list-unnamed
cat "$WORK/controls.txt"
LANG=C.UTF-8 LANGUAGE=en measure en --names
LANG=de_DE.UTF-8 LANGUAGE=de measure de --names
# Tab and menu names in the same order in both languages; the recipes' titles come from core
# (English in every language) and are left out of the count.
/usr/bin/python3 - "$WORK/en.txt" "$WORK/de.txt" <<'PY'
import sys
en = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if '\t' in l]
de = [l.rstrip('\n').split('\t') for l in open(sys.argv[2]) if '\t' in l]
every = list(zip(en, de))
pairs = [(a, b) for a, b in every if not a[1].startswith(('Seed 0', 'How deep'))]
for label, group in (('all', every), ('without the recipes (core)', pairs)):
    differ = sum(1 for a, b in group if a[1] != b[1])
    print(f'tab and menu names, {label}: {differ} of {len(group)} differ from English '
          f'({100.0 * differ / max(1, len(group)):.1f} %)')
same = [a[1] for a, b in pairs if a[1] == b[1]]
if same:
    print('  the same in both:', ', '.join(same))
PY
