#!/bin/sh
# Training throughput, TransferLab against a plain PyTorch script, same machine, same run,
# same libtorch (Debian's), same compute threads. Runs are interleaved and repeated; the table
# shows medians. Usage: tests/bench/run_bench.sh [REPEATS] [LIMIT]
#   LIMIT: train on the first LIMIT images (default: all 60,000 of Fashion-MNIST).
set -eu
cd "$(dirname "$0")/../.."
REPEATS=${1:-3}
LIMIT=${2:-0}
THREADS=$(nproc)
CLI=build/app/cli/transferlab-cli
BENCH=build/tests/bench/bench_train
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

fraction=1
[ "$LIMIT" -gt 0 ] && fraction=$(/usr/bin/python3 -c "print($LIMIT/60000)")

for i in $(seq "$REPEATS"); do
    # 1. The CLI exactly as a user runs it (full pipeline: loader threads, hflip, normalisation).
    $CLI train --dataset fashion-mnist --model simple-cnn --epochs 1 --batch-size 64 --optimizer adam \
        --lr 1e-3 --augment hflip --seed 0 --val-split 0 --train-fraction "$fraction" --threads "$THREADS" \
        --quiet --out "$OUT/run$i" | tail -n 1 |
        /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print("transferlab-cli", d["train_images_per_second"], d["test_accuracy"])' >>"$OUT/results"
    # 2. Our compute only: pre-made tensors, no loader.
    $BENCH --mode compute --threads "$THREADS" --limit "$LIMIT" |
        /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print("transferlab-compute", d["train_images_per_second"], "-")' >>"$OUT/results"
    # 3. Plain PyTorch: DataLoader with one worker, torchvision transforms.
    /usr/bin/python3 tests/bench/pytorch_baseline.py --workers 1 --threads "$THREADS" --limit "$LIMIT" |
        /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print("pytorch-dataloader", d["train_images_per_second"], d["test_accuracy"])' >>"$OUT/results"
    # 4. Plain PyTorch compute only.
    /usr/bin/python3 tests/bench/pytorch_baseline.py --compute-only --no-eval --threads "$THREADS" --limit "$LIMIT" |
        /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print("pytorch-compute", d["train_images_per_second"], "-")' >>"$OUT/results"
done

/usr/bin/python3 - "$OUT/results" "$THREADS" <<'PY'
import statistics, sys
rows = {}
acc = {}
for line in open(sys.argv[1]):
    name, ips, a = line.split()
    rows.setdefault(name, []).append(float(ips))
    if a not in ("-", "None"):
        acc.setdefault(name, []).append(float(a))
med = {k: statistics.median(v) for k, v in rows.items()}
print(f"simple-cnn, Fashion-MNIST, batch 64, Adam, hflip; {sys.argv[2]} compute threads; "
      f"medians of {len(rows['transferlab-cli'])} interleaved runs")
print(f"{'':24} {'train img/s':>12} {'test acc':>9}")
for k in ("transferlab-cli", "transferlab-compute", "pytorch-dataloader", "pytorch-compute"):
    a = f"{statistics.median(acc[k]):.4f}" if k in acc else ""
    print(f"{k:24} {med[k]:12.0f} {a:>9}")
print(f"transferlab-cli / pytorch-dataloader: {med['transferlab-cli'] / med['pytorch-dataloader']:.2f}x")
print(f"transferlab-cli / transferlab-compute: {med['transferlab-cli'] / med['transferlab-compute']:.3f}")
print(f"transferlab-compute / pytorch-compute: {med['transferlab-compute'] / med['pytorch-compute']:.2f}x")
PY
