#!/bin/bash
# Feature caching: the same frozen-backbone stage trained on cached features and on images.
# Usage: tests/bench/bench_feature_cache.sh [EPOCHS] [TRAIN_FRACTION] [MODEL] [IMAGE_SIZE]
# Prints wall time, s/epoch and the final metrics of both runs, and the speed-up.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cli=${TL_CLI:-$here/build/app/cli/transferlab-cli}
epochs=${1:-5}
fraction=${2:-0.05}
model=${3:-resnet18}
size=${4:-64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(train --model "$model" --head gap --freeze backbone --image-size "$size"
        --train-fraction "$fraction" --val-split 0.1 --test-fraction 0.1 --epochs "$epochs"
        --batch-size 64 --seed 0 --quiet)
run() { # name, extra flags...
    local name=$1; shift
    local t0=$(date +%s.%N)
    "$cli" "${common[@]}" --out "$work/$name" "$@" > "$work/$name.out"
    local t1=$(date +%s.%N)
    echo "$(echo "$t1 - $t0" | bc)"
}
cached=$(run cached)
images=$(run images --no-cache-features)
for n in cached images; do
    printf '%-7s ' "$n"
    tail -1 "$work/$n.out" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("test acc %.4f  test loss %.4f  s/epoch %.2f" % (s["test_accuracy"], s["test_loss"], s["seconds_per_epoch"]))'
    tail -1 "$work/$n/metrics.csv"
done
echo "wall: cached ${cached} s, images ${images} s, speed-up $(echo "scale=2; $images / $cached" | bc)x"
