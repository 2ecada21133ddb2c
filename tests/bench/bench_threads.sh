#!/bin/sh
# The compute-thread policy on a busy laptop: transferlab-cli's default against every fixed
# setting (--threads 1 or all cores, OpenMP waiting actively or passively, and libgomp's own
# default), and the default's thread count with libgomp's long spin, under three loads:
#   quiet   nothing else runs
#   busy1   another process keeps one core busy (a browser, a video call, a second run)
#   nice    every core kept busy by processes at nice 19 (a background job)
# Runs are interleaved and repeated; medians; the default's ratio to the best fixed setting of
# the same load. Usage: tests/bench/bench_threads.sh [REPEATS] [TRAIN_FRACTION]
set -eu
cd "$(dirname "$0")/../.."
REPEATS=${1:-3}
FRACTION=${2:-0.1}
CLI=${CLI:-build/app/cli/transferlab-cli}
CORES=$(nproc)
OUT=$(mktemp -d)
HOGS=""
stop_hogs() {
    for pid in $HOGS; do kill "$pid" 2>/dev/null || true; done
    HOGS=""
}
trap 'stop_hogs; rm -rf "$OUT"' EXIT
hog() { # $1: nice level
    nice -n "$1" sh -c 'while :; do :; done' &
    HOGS="$HOGS $!"
}

# name | environment | threads option
SETTINGS="default||
default-long-spin|GOMP_SPINCOUNT=300000|
active-1|OMP_WAIT_POLICY=ACTIVE|--threads 1
active-all|OMP_WAIT_POLICY=ACTIVE|--threads $CORES
passive-1|OMP_WAIT_POLICY=PASSIVE|--threads 1
passive-all|OMP_WAIT_POLICY=PASSIVE|--threads $CORES
gomp-default-all|GOMP_SPINCOUNT=300000|--threads $CORES"

run() { # $1 load, $2 setting name, $3 env, $4 threads option
    # shellcheck disable=SC2086
    env $3 "$CLI" train --dataset fashion-mnist --model simple-cnn --epochs 1 --batch-size 64 \
        --train-fraction "$FRACTION" --test-fraction 0.05 --val-split 0 --seed 0 $4 --quiet \
        --out "$OUT/run" | tail -n 1 |
        /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(sys.argv[1], sys.argv[2], d["train_images_per_second"])' "$1" "$2" >>"$OUT/results"
    rm -rf "$OUT/run"
}

for load in quiet busy1 nice; do
    stop_hogs
    case $load in
    busy1) hog 0 ;;
    nice) for _ in $(seq "$CORES"); do hog 19; done ;;
    esac
    sleep 1
    for i in $(seq "$REPEATS"); do
        echo "$SETTINGS" | while IFS='|' read -r name envs opt; do
            run "$load" "$name" "$envs" "$opt"
        done
    done
done
stop_hogs

/usr/bin/python3 - "$OUT/results" "$CORES" "$FRACTION" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    load, name, ips = line.split()
    rows.setdefault((load, name), []).append(float(ips))
print(f"simple-cnn on {float(sys.argv[3]) * 100:g} % of Fashion-MNIST, {sys.argv[2]} cores; "
      f"train images/s, medians of {len(next(iter(rows.values())))} interleaved runs")
names = []
for (load, name) in rows:
    if name not in names:
        names.append(name)
loads = ["quiet", "busy1", "nice"]
print(f"{'':18}" + "".join(f"{l:>10}" for l in loads))
for n in names:
    print(f"{n:18}" + "".join(f"{statistics.median(rows[(l, n)]):10.0f}" for l in loads))
for l in loads:
    fixed = {n: statistics.median(rows[(l, n)]) for n in names if not n.startswith("default")}
    best = max(fixed, key=fixed.get)
    d = statistics.median(rows[(l, "default")])
    print(f"{l}: default / best fixed ({best}) = {d / fixed[best]:.2f}; "
          f"with libgomp's long spin {statistics.median(rows[(l, 'default-long-spin')]) / fixed[best]:.2f}")
PY
