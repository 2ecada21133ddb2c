#!/usr/bin/python3
"""An ONNX export checked outside TransferLab, with Debian's python3-onnx and python3-opencv
only (no LibTorch, no code of ours): ONNX's full checker, then OpenCV's DNN module on the run's
test images, preprocessed from the JSON beside the file alone, against the run's predictions.csv.

usage: onnx_check.py FILE.onnx RUN_DIR/predictions.csv IDX_IMAGES.gz
prints one JSON line: {"checked": N, "agreeing": K, "opset": V, "classes": [...]}
"""
import csv
import gzip
import json
import os
import struct
import sys

import cv2
import numpy as np
import onnx


def idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, rows, cols = struct.unpack(">IIII", data[:16])
    if magic != 0x803:
        raise SystemExit(f"{path}: not an IDX image file")
    return np.frombuffer(data, np.uint8, n * rows * cols, 16).reshape(n, rows, cols)


def preprocess(gray, pre):
    size, channels = pre["image_size"], pre["channels"]
    if gray.shape != (size, size):
        gray = cv2.resize(gray, (size, size), interpolation=cv2.INTER_LINEAR)
    x = gray.astype(np.float32) / 255.0
    planes = [(x - pre["mean"][k]) / pre["std"][k] for k in range(channels)]
    return np.stack(planes)  # channels x size x size


def main():
    onnx_path, predictions, images_path = sys.argv[1:4]
    model = onnx.load(onnx_path)
    onnx.checker.check_model(model, full_check=True)
    meta = {p.key: p.value for p in model.metadata_props}
    with open(os.path.splitext(onnx_path)[0] + ".json") as f:
        pre = json.load(f)
    if json.loads(meta["class_names"]) != pre["class_names"]:
        raise SystemExit("metadata_props and the JSON beside the file name other classes")
    net = cv2.dnn.readNetFromONNX(onnx_path)
    images = idx_images(images_path)
    with open(predictions) as f:
        rows = [(int(r["index"]), int(r["predicted"])) for r in csv.DictReader(f)]
    agreeing = 0
    for start in range(0, len(rows), 100):
        part = rows[start:start + 100]
        blob = np.stack([preprocess(images[i], pre) for i, _ in part]).astype(np.float32)
        net.setInput(blob)
        best = net.forward().argmax(axis=1)
        agreeing += sum(int(b) == p for b, (_, p) in zip(best, part))
    print(json.dumps({"checked": len(rows), "agreeing": agreeing,
                      "opset": model.opset_import[0].version,
                      "input": model.graph.input[0].name,
                      "classes": pre["class_names"]}))


if __name__ == "__main__":
    main()
