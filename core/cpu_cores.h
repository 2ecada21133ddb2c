#pragma once

namespace tl {

// How many cores this process may use: its CPU affinity (taskset, a batch system's binding),
// capped by a cgroup CPU quota (a container, a systemd slice). At least 1. Unlike
// std::thread::hardware_concurrency(), which counts the machine's cores, this is what the
// compute threads can really run on.
int usableCores();

// CUDA devices this LibTorch build sees (0 on a CPU-only build or machine). Defined with the
// trainer's device choice (train/trainer.cpp).
int cudaDeviceCount();

} // namespace tl
