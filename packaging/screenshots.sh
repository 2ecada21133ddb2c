#!/bin/sh
# Regenerates README's screenshots: runs the window under Xvfb through a scripted tour (data,
# model with a frozen block, a short real training run on Fashion-MNIST, results with a
# confusion cell clicked) and saves a PNG of each panel into docs/screenshots/. The screen is a
# 1280x720 projector and the window is in presentation mode, as a class sees it.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
mkdir -p "$OUT"
# A private HOME: the tour must not read or overwrite the user's saved settings.
TMPHOME=$(mktemp -d)
trap 'rm -rf "$TMPHOME"' EXIT
# The transfer lesson's chart: from a finished lesson (LESSON=DIR), or the quick lesson run now.
LESSON=${LESSON:-}
if [ -z "$LESSON" ]; then
    LESSON="$TMPHOME/lesson"
    build/app/cli/transferlab-cli lesson transfer-lesson --quick --out "$LESSON" > /dev/null
fi
# The Queue tab's sweep: learning rate x batch size on 2 % of Fashion-MNIST, 8 runs of one epoch.
SWEEP_FILE="$TMPHOME/lr-batch.json"
cat > "$SWEEP_FILE" <<'JSON'
{"name": "Learning rate and batch size", "data": {"train_fraction": 0.02, "test_fraction": 0.2},
 "confusion_every_epoch": false, "stages": [{"epochs": 1}],
 "sweep": {"mode": "grid", "parameters": {"stages.0.optimizer.lr": [0.0003, 0.001, 0.003, 0.01],
                                           "stages.0.batch_size": [32, 128]}}}
JSON
SWEEP_DIR="$TMPHOME/sweep-lr-batch"
build/app/cli/transferlab-cli sweep "$SWEEP_FILE" --out "$SWEEP_DIR" > /dev/null
TL_SWEEP_FILE="$SWEEP_FILE" TL_SWEEP_DIR="$SWEEP_DIR" \
TL_LESSON_DIR="$LESSON" HOME="$TMPHOME" XDG_RUNTIME_DIR="$TMPHOME" timeout 600 \
    xvfb-run -a -s "-screen 0 1280x720x24" build/app/transferlab --presentation --screenshots "$OUT"
