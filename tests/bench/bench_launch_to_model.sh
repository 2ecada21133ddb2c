#!/bin/bash
# From launching the window to a trained default model, as a teacher does it: start
# transferlab, press Ctrl+R the moment its window is mapped (Start waits for the data), wait for
# the run's summary.json. Runs under Xvfb with an empty HOME (first launch, nothing cached).
# Prints the seconds and the run's test accuracy. Usage: tests/bench/bench_launch_to_model.sh [RUNS]
# Needs xvfb-run, xdotool.
set -eu
cd "$(dirname "$0")/../.."
RUNS=${1:-1}
if [ -z "${TL_IN_XVFB:-}" ]; then
    exec env TL_IN_XVFB=1 xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
for i in $(seq "$RUNS"); do
    HOME=$(mktemp -d)
    export HOME XDG_RUNTIME_DIR="$HOME"
    chmod 700 "$HOME"
    start=$(date +%s.%N)
    build/app/transferlab > "$HOME/app.log" 2>&1 &
    app=$!
    wid=$(xdotool search --sync --onlyvisible --name TransferLab | head -1)
    xdotool windowfocus --sync "$wid" 2>/dev/null || true
    xdotool key --window "$wid" ctrl+r
    summary=""
    for _ in $(seq 1500); do # 5 minutes at most
        summary=$(find "$HOME/.local/share/TransferLab" -name summary.json 2>/dev/null | head -1)
        [ -n "$summary" ] && break
        sleep 0.2
    done
    end=$(date +%s.%N)
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    if [ -z "$summary" ]; then
        echo "run $i: no trained model after 5 minutes" >&2
        exit 1
    fi
    /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print("run %s: trained model %.1f s after launch, test accuracy %.4f"
      % (sys.argv[2], float(sys.argv[4]) - float(sys.argv[3]), d["test_accuracy"]))' \
        "$summary" "$i" "$start" "$end"
    rm -rf "$HOME"
done
