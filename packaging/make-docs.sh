#!/bin/sh
# Generates the man pages transferlab(1) and transferlab-cli(1) (help2man, from the programs'
# own --help) and the bash completion of transferlab-cli (`transferlab-cli completion bash`,
# made from its table of options: app/cli/options.h), so none of them can drift from the programs.
# Usage: make-docs.sh CLI GUI OUTDIR   (run by `cmake --install`; GUI "" skips transferlab(1))
set -eu
CLI=$1
GUI=$2
OUT=$3
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
export QT_QPA_PLATFORM=offscreen # the window's --help needs no display
export TL_OPENMP_CHOSEN=1        # no re-exec for a help text

COMMANDS="train lesson sweep inspect calibrate evaluate export compare report recipes summary predict weights models datasets download info completion"

# Man pages: each command's help as a section of transferlab-cli(1).
INCLUDE="$OUT/transferlab-cli.h2m"
{
    echo "[COMMANDS]"
    for c in $COMMANDS; do
        case $c in recipes|models) continue ;; esac
        echo ".SS $c"
        "$CLI" "$c" --help 2>&1 | awk -f "$HERE/help-to-man.awk"
    done
    # Quoted as it stands: sh's echo read "\f" as a form feed (the page showed
    # "Btransferlab-cli infoR").
    cat <<'TEXT'
[FILES]
Runs are written to ./runs/ (or \-\-out DIR); the window keeps its runs in
~/.local/share/TransferLab/TransferLab/runs.  Datasets are read from Debian's
/usr/share/datasets or cached in ~/.cache/transferlab/datasets; ImageNet weights live in
~/.cache/torch/hub/checkpoints, shared with PyTorch.
.B transferlab\-cli info
prints them all.
TEXT
    echo "[SEE ALSO]"
    echo ".BR transferlab (1)"
} > "$INCLUDE"
help2man --no-info --no-discard-stderr --section 1 --source "TransferLab" \
    --name "transfer learning experiments on images, headless" \
    --include "$INCLUDE" --output "$OUT/transferlab-cli.1" "$CLI"
{
    echo "[DESCRIPTION]"
    echo "The desktop workbench for transfer learning on images: choose the data and a backbone,"
    echo "freeze or unfreeze layers, train on a background thread with live curves, click the"
    echo "confusion matrix to see the misclassified images, compare runs.  An experiment file"
    echo "(*.tlexp.json, or any file File > Save experiment wrote) given as FILE is opened."
    echo "[SEE ALSO]"
    echo ".BR transferlab-cli (1)"
} > "$OUT/transferlab.h2m"
# GUI "": the command-line page alone (tst_cli checks it without building the window).
if [ -n "$GUI" ]; then
    help2man --no-info --no-discard-stderr --section 1 --source "TransferLab" \
        --name "desktop workbench for transfer learning on images" \
        --include "$OUT/transferlab.h2m" --output "$OUT/transferlab.1" "$GUI"
fi
rm -f "$INCLUDE" "$OUT/transferlab.h2m"

# Bash completion.
"$CLI" completion bash > "$OUT/transferlab-cli.bash"
