#pragma once

#include "base/error.h"

#include <torch/types.h>

#include <vector>

namespace tl::train {

// The collectives a data-parallel run needs, over whatever carries them (c10d's Gloo or NCCL:
// dist/process_group.h). The trainer sees only this: one process is the same code with no
// Collective at all. Every call is made by every rank in the same order; each throws
// RankLostError when a rank is gone or the timeout passed.
class Collective
{
public:
    virtual ~Collective() = default;
    virtual int rank() const = 0;
    virtual int size() const = 0;
    // Sums each tensor across ranks, in place. All of them are started before the first is
    // waited for, so the transport works on several at once.
    virtual void allReduceSum(std::vector<torch::Tensor> &tensors) = 0;
    // Every rank's `tensor` (the same shape on every rank), stacked in rank order along a new
    // first dimension.
    virtual torch::Tensor allGather(const torch::Tensor &tensor) = 0;
    // Rank `root`'s tensors, copied into every rank's, in place.
    virtual void broadcast(std::vector<torch::Tensor> &tensors, int root) = 0;
    // The backend's name ("gloo", "nccl") for messages and summary.json.
    virtual std::string backend() const = 0;
};

// Which part of a dataset one rank visits.
struct Shard
{
    int rank = 0;
    int count = 1;
    bool active() const { return count > 1; }
};

// Rank `shard.rank`'s part of an epoch's `order`: every count-th sample, starting at its rank,
// as torch.utils.data.DistributedSampler does. With `pad`, the order is first extended by its
// own beginning to a multiple of the rank count, so every rank has the same number of samples
// (and batches: a collective per step needs that); a few samples are then seen twice an epoch.
// Without it (evaluation), ranks differ by at most one sample and nothing repeats.
// The union over ranks of the k-th batch of size B is the k-th batch of size B x count of one
// process: 2 ranks at batch 32 step through the same samples as 1 at batch 64.
std::vector<std::size_t> shardOrder(const std::vector<std::size_t> &order, const Shard &shard,
                                    bool pad);

} // namespace tl::train
