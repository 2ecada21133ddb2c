#!/bin/bash
# Early stopping and search (issue 30): the same 8-value learning-rate grid (simple-cnn, 5 % of
# Fashion-MNIST, 20 % validation, 9 epochs) in full and with ASHA (min_epochs 1, reduction
# factor 3), then random search (6 log-uniform samples) alone and with ASHA, and TPE with ASHA.
# Prints per sweep: epochs trained, wall time, points pruned, the best test accuracy of its
# finished points, and the epochs and wall time until a point within 1 point of the full grid's
# best had finished; checks the issue's bar (ASHA: at most half the epochs, best within 1 point,
# pruned points marked in sweep.json; random: 6 distinct learning rates inside the range).
# Usage: tests/bench/bench_asha.sh [OUT_DIR] [PARALLEL]     (exit 1 when a check fails)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cli=${TL_CLI:-$here/build/app/cli/transferlab-cli}
out=${1:-$(mktemp -d)}
parallel=${2:-1}
mkdir -p "$out"
base='"model": {"name": "simple-cnn"}, "seed": 0, "confusion_every_epoch": false,
  "data": {"dataset": "fashion-mnist", "train_fraction": 0.05, "val_split": 0.2},
  "stages": [{"epochs": 9, "batch_size": 64}]'
grid='"stages.0.optimizer.lr": [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03]'
range='"stages.0.optimizer.lr": {"log_uniform": [0.00001, 0.03]}'
asha='"early_stop": {"method": "asha", "min_epochs": 1, "reduction_factor": 3}'
cat > "$out/grid.json" <<EOF
{$base, "sweep": {"mode": "grid", "parameters": {$grid}}}
EOF
cat > "$out/grid-asha.json" <<EOF
{$base, "sweep": {"mode": "grid", "parameters": {$grid}, $asha}}
EOF
cat > "$out/random.json" <<EOF
{$base, "sweep": {"mode": "random", "samples": 6, "seed": 1, "parameters": {$range}}}
EOF
cat > "$out/random-asha.json" <<EOF
{$base, "sweep": {"mode": "random", "samples": 8, "seed": 1, "parameters": {$range}, $asha}}
EOF
cat > "$out/tpe-asha.json" <<EOF
{$base, "sweep": {"mode": "tpe", "samples": 8, "seed": 1, "startup": 3, "parameters": {$range},
  $asha}}
EOF
for s in grid grid-asha random random-asha tpe-asha; do
    start=$(date +%s.%N)
    "$cli" sweep "$out/$s.json" --out "$out/sweep-$s" --parallel "$parallel" > "$out/$s.log" 2>&1
    end=$(date +%s.%N)
    echo "$start $end" > "$out/sweep-$s/.bench-time"
done
/usr/bin/python3 - "$out" <<'EOF'
import json, os, sys, csv
out = sys.argv[1]
def sweep(name):
    d = os.path.join(out, "sweep-" + name)
    j = json.load(open(os.path.join(d, "sweep.json")))
    start, end = map(float, open(os.path.join(d, ".bench-time")).read().split())
    rows = []
    for p in j["points"]:
        run = os.path.join(d, p["run"])
        m = os.path.join(run, "metrics.csv")
        epochs = sum(1 for _ in csv.DictReader(open(m))) if os.path.exists(m) else 0
        s = os.path.join(run, "summary.json")
        done = os.path.getmtime(s) if os.path.exists(s) else end
        rows.append(dict(p, epochs=epochs, done=done))
    return j, rows, start, end
full_j, full, _, _ = sweep("grid")
best_full = max(r["test_accuracy"] for r in full if r["status"] == "finished")
ok = True
print("%-12s %7s %8s %7s %9s %18s" % ("sweep", "epochs", "wall s", "pruned", "best acc",
                                      "to best-1pt: ep, s"))
for name in ["grid", "grid-asha", "random", "random-asha", "tpe-asha"]:
    j, rows, start, end = sweep(name)
    fin = [r for r in rows if r["status"] == "finished"]
    best = max(r["test_accuracy"] for r in fin) if fin else float("nan")
    ep, reach = 0, None
    for r in sorted(rows, key=lambda r: r["done"]):
        ep += r["epochs"]
        if reach is None and r["status"] == "finished" and r["test_accuracy"] >= best_full - 0.01:
            reach = (ep, r["done"] - start)
    total = sum(r["epochs"] for r in rows)
    pruned = [r for r in rows if r["status"] == "pruned"]
    print("%-12s %7d %8.0f %7d %9.4f %18s" % (name, total, end - start, len(pruned), best,
          "%d, %.0f" % reach if reach else "not reached"))
    if name == "grid-asha":
        full_epochs = sum(r["epochs"] for r in full)
        checks = [(total * 2 <= full_epochs, "ASHA trains at most half the epochs (%d of %d)" % (total, full_epochs)),
                  (best >= best_full - 0.01, "ASHA's best test accuracy %.4f within 1 point of %.4f" % (best, best_full)),
                  (len(pruned) > 0 and all("rung" in r.get("pruned", {}) for r in pruned),
                   "sweep.json marks %d points pruned with their rung" % len(pruned))]
        for good, what in checks:
            print("  %s: %s" % ("ok" if good else "FAILED", what))
            ok &= good
    if name == "random":
        lrs = [r["settings"]["stages.0.optimizer.lr"] for r in rows]
        good = len(set(lrs)) == 6 and all(1e-5 <= v <= 0.03 for v in lrs)
        print("  %s: random draws %d distinct learning rates in [1e-5, 0.03]: %s" %
              ("ok" if good else "FAILED", len(set(lrs)), ", ".join("%.3g" % v for v in lrs)))
        ok &= good
sys.exit(0 if ok else 1)
EOF
