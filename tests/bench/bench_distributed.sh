#!/bin/sh
# Data parallel on one machine: the same global batch (64) trained by
#   tl-1x2    transferlab-cli, 1 process x 2 compute threads, batch 64
#   tl-2x1    transferlab-cli, 2 ranks (Gloo over loopback) x 1 thread, batch 32 each
#   ddp-2x1   plain PyTorch DistributedDataParallel (pytorch_ddp_baseline.py), 2 ranks x 1 thread
# and the gradient all-reduce's share of tl-2x1's training time (summary.json's
# allreduce_seconds) with its bytes per step. Runs are interleaved and repeated; medians.
# Usage: tests/bench/bench_distributed.sh [REPEATS] [TRAIN_FRACTION]
set -eu
cd "$(dirname "$0")/../.."
REPEATS=${1:-3}
FRACTION=${2:-0.1}
CLI=${CLI:-$PWD/build/app/cli/transferlab-cli}
TORCHRUN=${TORCHRUN:-/usr/bin/torchrun}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
LIMIT=$(/usr/bin/python3 -c "print(int(60000 * $FRACTION))")
PORT=$((20000 + $$ % 20000))

COMMON="train --dataset fashion-mnist --model simple-cnn --epochs 1 --train-fraction $FRACTION
        --test-fraction 0.05 --val-split 0 --seed 0 --no-cache-features --quiet"

summary() { # $1 name, $2 run folder
    /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[2] + "/summary.json"))
share = d.get("allreduce_seconds", 0) / max(d["seconds_per_epoch"] * d["epochs"], 1e-9)
print(sys.argv[1], d["train_images_per_second"], share, d.get("allreduce_bytes_per_step", 0))
' "$1" "$2" >>"$OUT/results"
    rm -rf "$2"
}

for i in $(seq "$REPEATS"); do
    # shellcheck disable=SC2086
    "$CLI" $COMMON --batch-size 64 --threads 2 --out "$OUT/a" >/dev/null
    summary tl-1x2 "$OUT/a"
    PORT=$((PORT + 1))
    # shellcheck disable=SC2086
    "$CLI" $COMMON --batch-size 32 --threads 1 --out "$OUT/b" --dist-rank 1 --dist-world-size 2 \
        --dist-master 127.0.0.1:$PORT >/dev/null &
    # shellcheck disable=SC2086
    "$CLI" $COMMON --batch-size 32 --threads 1 --out "$OUT/b" --dist-rank 0 --dist-world-size 2 \
        --dist-master 127.0.0.1:$PORT >/dev/null
    wait
    summary tl-2x1 "$OUT/b"
    if [ -x "$TORCHRUN" ]; then
        PORT=$((PORT + 1))
        OMP_NUM_THREADS=1 "$TORCHRUN" --no_python --nproc_per_node 2 -t 1 -r 2 \
            --master_port $PORT --log_dir "$OUT/logs" /usr/bin/python3 \
            tests/bench/pytorch_ddp_baseline.py --batch-size 32 --limit "$LIMIT" 2>/dev/null |
            grep '"pytorch-ddp"' | sed 's/^\[[^]]*\]://' |
            /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print("ddp-2x1", d["train_images_per_second"], 0, 0)' \
                >>"$OUT/results"
    fi
done

/usr/bin/python3 - "$OUT/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, ips, share, size = line.split()
    rows.setdefault(name, []).append((float(ips), float(share), int(size)))
med = {k: statistics.median(r[0] for r in v) for k, v in rows.items()}
for k, v in rows.items():
    print(f"{k:8s} train images/s median {med[k]:7.0f}  (runs: {', '.join(f'{r[0]:.0f}' for r in v)})")
share = statistics.median(r[1] for r in rows["tl-2x1"])
size = rows["tl-2x1"][0][2]
print(f"tl-2x1 / tl-1x2: {med['tl-2x1'] / med['tl-1x2']:.2f}")
if "ddp-2x1" in med:
    print(f"tl-2x1 / ddp-2x1: {med['tl-2x1'] / med['ddp-2x1']:.2f}")
print(f"all-reduce: {100 * share:.1f} % of tl-2x1's training time, {size / 1e6:.2f} MB a step")
PY
