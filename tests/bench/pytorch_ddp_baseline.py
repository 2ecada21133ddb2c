#!/usr/bin/python3
"""The data-parallel half of the README's distributed comparison in plain PyTorch: the same
simple CNN as `transferlab-cli train --model simple-cnn`, DistributedDataParallel over Gloo, a
DistributedSampler, Adam 1e-3, --batch-size images per rank, no augmentation. Start it with
torchrun (Debian 12's needs `-t 1 -r 2`):

  torchrun --no_python --nproc_per_node 2 -t 1 -r 2 /usr/bin/python3 pytorch_ddp_baseline.py

Rank 0 prints one JSON line: global train images/s (training loop only) and seconds.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_baseline import read_idx, simple_cnn  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32, help="per rank")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N images only")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    dist.init_process_group("gloo")
    torch.manual_seed(0)
    xtr = read_idx(f"{args.root}/train-images-idx3-ubyte.gz")
    ytr = read_idx(f"{args.root}/train-labels-idx1-ubyte.gz")
    if args.limit:
        xtr, ytr = xtr[:args.limit], ytr[:args.limit]
    mean, std = float(xtr.mean() / 255.0), float(xtr.std() / 255.0)
    xt = torch.from_numpy(xtr.copy()).float().div(255).sub(mean).div(std).unsqueeze(1)
    yt = torch.from_numpy(ytr.astype(np.int64))
    data = TensorDataset(xt, yt)
    sampler = DistributedSampler(data, shuffle=True, seed=0)
    loader = DataLoader(data, batch_size=args.batch_size, sampler=sampler)
    model = DistributedDataParallel(simple_cnn(1, 28, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    seen = 0
    dist.barrier()
    start = time.perf_counter()
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for x, y in loader:
            opt.zero_grad()
            loss_fn(model(x), y).backward()
            opt.step()
            seen += y.shape[0]
    dist.barrier()
    seconds = time.perf_counter() - start
    if dist.get_rank() == 0:
        print(json.dumps({"tool": "pytorch-ddp", "ranks": dist.get_world_size(),
                          "train_images_per_second": seen * dist.get_world_size() / seconds,
                          "seconds": seconds}))
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
