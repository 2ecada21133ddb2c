#!/bin/sh
# Renders the application icon's PNG sizes from transferlab.svg (run after editing the SVG;
# the PNGs are committed so that building needs no SVG renderer). Needs rsvg-convert
# (librsvg2-bin).
set -eu
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" transferlab.svg \
        -o "hicolor/${size}x${size}/apps/io.github.transferlab.TransferLab.png"
done
