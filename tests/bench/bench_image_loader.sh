#!/bin/sh
# bench_image_loader.sh FOLDER [SIZE] [WORKERS]: one pass over an image folder at SIZE px
# (default 224) with WORKERS loader threads/processes (default 2): our streamed loader
# (bench_image_loader, no cache: every image decoded from disk) and PyTorch's DataLoader with
# torchvision's transforms (pytorch_loader_baseline.py, Debian's python3-torchvision), evaluation
# preparation then training augmentation, interleaved, in one run.
set -eu
FOLDER=$1
SIZE=${2:-224}
WORKERS=${3:-2}
BUILD=${BUILD_DIR:-$(dirname "$0")/../../build}
HERE=$(dirname "$0")
for mode in eval train; do
    "$BUILD/tests/bench/bench_image_loader" "$FOLDER" "$SIZE" "$WORKERS" "$mode"
    /usr/bin/python3 "$HERE/pytorch_loader_baseline.py" "$FOLDER" "$SIZE" "$WORKERS" "$mode"
done
