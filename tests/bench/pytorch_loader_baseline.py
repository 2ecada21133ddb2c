#!/usr/bin/python3
"""One pass of PyTorch's DataLoader over an image folder with torchvision's transforms.

pytorch_loader_baseline.py FOLDER SIZE WORKERS [train]
  eval: Resize(SIZE/0.875) + CenterCrop(SIZE) + ToTensor + Normalize (ImageNet);
  train: RandomResizedCrop(SIZE) + RandomHorizontalFlip + ToTensor + Normalize.
  ImageFolder, batches of 64, WORKERS worker processes, torch.set_num_threads(1).
"""
import sys
import time

import torch
from torchvision import datasets, transforms

folder, size, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
train = len(sys.argv) > 4 and sys.argv[4] == "train"
torch.set_num_threads(1)
norm = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
if train:
    t = transforms.Compose([transforms.RandomResizedCrop(size), transforms.RandomHorizontalFlip(),
                            transforms.ToTensor(), norm])
else:
    t = transforms.Compose([transforms.Resize(round(size * 256 / 224)), transforms.CenterCrop(size),
                            transforms.ToTensor(), norm])
t0 = time.perf_counter()
ds = datasets.ImageFolder(folder, transform=t)
listed = time.perf_counter() - t0
loader = torch.utils.data.DataLoader(ds, batch_size=64, shuffle=train, num_workers=workers,
                                     prefetch_factor=2 if workers else None)
t1 = time.perf_counter()
n = 0
for images, labels in loader:
    n += images.shape[0]
s = time.perf_counter() - t1
print(f"pytorch: listed {len(ds)} files in {listed:.2f} s; {n} images in {s:.2f} s: "
      f"{n / s:.0f} images/s ({workers} workers, {'train' if train else 'eval'})")
