#pragma once

#include "dist/dist_env.h"

#include <functional>
#include <memory>
#include <string>

namespace tl::train {
class Collective; // train/collective.h: tensors, for the trainer
}

namespace tl::dist {

// Joins a data-parallel run through PyTorch's own distributed engine (c10d): rendezvous at rank
// 0's TCPStore (it waits up to the timeout for every rank to arrive), then a process group:
// Gloo on the CPU, NCCL on CUDA when this LibTorch build has it. Every collective it runs has
// the settings' timeout; a lost rank is named (a heartbeat in the store tells which rank went
// quiet). Throws tl::RankLostError when the ranks do not all arrive, tl::Error for a backend
// this build lacks.
// This file and its .cpp are the only ones that see c10d's types: LibTorch 2.x turned process
// groups into Backends (ProcessGroupGloo derives from c10d::Backend there); the calls used here
// exist in both. A shared_ptr, so the CLI holds it without the collective's (tensor) header.
std::shared_ptr<train::Collective> connect(const DistSettings &settings, bool cuda,
                                           const std::function<void(const std::string &)> &say);

// Whether this build can run NCCL (a CUDA LibTorch with c10d's NCCL process group).
bool ncclAvailable();

} // namespace tl::dist
