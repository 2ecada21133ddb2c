#!/usr/bin/python3
"""The same recipe as `transferlab-cli train --model simple-cnn` in plain PyTorch, for the
README's performance comparison: Fashion-MNIST from Debian's dataset-fashion-mnist, the seed-000
custom CNN, Adam 1e-3, batch 64, random horizontal flip, one DataLoader worker.

Prints one JSON line: train images/s (training loop only), seconds, test accuracy.
Runs with Debian's python3-torch / python3-torchvision (the same libtorch as TransferLab).
"""
import argparse
import gzip
import json
import time

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


def read_idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    dims = magic & 0xFF
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class ArrayDataset(Dataset):
    def __init__(self, images, labels, transform):
        self.images, self.labels, self.transform = images, labels, transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.transform(Image.fromarray(self.images[i], mode="L")), int(self.labels[i])


class ChannelsLast(nn.Module):
    def forward(self, x):
        return x.permute(0, 2, 3, 1)


def simple_cnn(in_ch, size, classes):
    side = size // 4
    return nn.Sequential(
        nn.Conv2d(in_ch, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        ChannelsLast(), nn.Linear(64, 128), nn.ReLU(), nn.Flatten(), nn.Dropout(0.2),
        nn.Linear(side * side * 128, classes))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N images only")
    ap.add_argument("--compute-only", action="store_true",
                    help="pre-made tensors, no DataLoader (what the network alone costs)")
    ap.add_argument("--no-eval", action="store_true")
    ap.add_argument("--threads", type=int, default=0, help="torch compute threads (0: default)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    xtr = read_idx(f"{args.root}/train-images-idx3-ubyte.gz")
    ytr = read_idx(f"{args.root}/train-labels-idx1-ubyte.gz")
    xte = read_idx(f"{args.root}/t10k-images-idx3-ubyte.gz")
    yte = read_idx(f"{args.root}/t10k-labels-idx1-ubyte.gz")
    if args.limit:
        xtr, ytr = xtr[:args.limit], ytr[:args.limit]
    mean, std = float(xtr.mean() / 255.0), float(xtr.std() / 255.0)
    norm = transforms.Normalize((mean,), (std,))
    train_tf = transforms.Compose([transforms.RandomHorizontalFlip(), transforms.ToTensor(), norm])
    test_tf = transforms.Compose([transforms.ToTensor(), norm])

    model = simple_cnn(1, 28, 10)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    if args.compute_only:
        xt = (torch.from_numpy(xtr.copy()).float().div(255).sub(mean).div(std)).unsqueeze(1)
        yt = torch.from_numpy(ytr.astype(np.int64))
        batches = [(xt[i:i + args.batch_size], yt[i:i + args.batch_size])
                   for i in range(0, len(yt), args.batch_size)]
    else:
        loader = DataLoader(ArrayDataset(xtr, ytr, train_tf), batch_size=args.batch_size,
                            shuffle=True, num_workers=args.workers)

    seen = 0
    start = time.perf_counter()
    for _ in range(args.epochs):
        model.train()
        for x, y in (batches if args.compute_only else loader):
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            seen += y.shape[0]
    seconds = time.perf_counter() - start

    acc = None
    if not args.no_eval:
        model.eval()
        correct = 0
        test = DataLoader(ArrayDataset(xte, yte, test_tf), batch_size=256, num_workers=args.workers)
        with torch.no_grad():
            for x, y in test:
                correct += (model(x).argmax(1) == y).sum().item()
        acc = correct / len(yte)
    print(json.dumps({"tool": "pytorch", "compute_only": args.compute_only,
                      "train_images_per_second": seen / seconds, "seconds": seconds,
                      "torch_threads": torch.get_num_threads(), "test_accuracy": acc}))


if __name__ == "__main__":
    main()
