#!/usr/bin/env python3
"""Classify images with a model from `transferlab-cli export RUN --format onnx --out model.onnx`,
using only OpenCV's DNN module and NumPy (Debian: python3-opencv). No PyTorch, no TransferLab.

usage: onnx_classify.py model.onnx IMAGE...

The preprocessing and the class names come from model.json, written beside model.onnx (the same
values are in the ONNX file's metadata_props).
"""
import json
import os
import sys

import cv2
import numpy as np


def load_image(path, pre):
    size, channels = pre["image_size"], pre["channels"]
    if channels == 1:
        img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    else:
        img = cv2.imread(path, cv2.IMREAD_COLOR)  # gray files come back as three equal planes
        if img is not None:
            img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)  # the models were trained on RGB
    if img is None:
        raise SystemExit(f"{path}: cannot read the image")
    if img.shape[:2] != (size, size):
        shrink = img.shape[0] > size or img.shape[1] > size
        img = cv2.resize(img, (size, size),
                         interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
    x = img.astype(np.float32).reshape(size, size, channels) / 255.0
    x = (x - np.float32(pre["mean"][:channels])) / np.float32(pre["std"][:channels])
    return x.transpose(2, 0, 1)  # channels x height x width


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    model = sys.argv[1]
    with open(os.path.splitext(model)[0] + ".json") as f:
        pre = json.load(f)
    net = cv2.dnn.readNetFromONNX(model)
    batch = np.stack([load_image(p, pre) for p in sys.argv[2:]])  # any batch size
    net.setInput(batch)
    logits = net.forward()
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    for path, p in zip(sys.argv[2:], probs):
        print(path)
        for k in p.argsort()[::-1][:5]:
            print(f"  {100 * p[k]:6.2f}%  {pre['class_names'][k]}")


if __name__ == "__main__":
    main()
