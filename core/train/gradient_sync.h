#pragma once

#include "train/collective.h"

#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace tl::train {

// What the ranks decided together at a step: every rank stops (or aborts) after the same one.
struct StopVote
{
    bool stop = false;
    bool abort = false;
};

// Averages the trainable parameters' gradients across the ranks of a data-parallel run after
// backward, as DDP's reducer does: the gradients are flattened into buckets of about
// `bucketBytes` (in reverse parameter order, the order backward produces them), one all-reduce
// per bucket, all started before the first is waited for, then divided by the rank count and
// copied back. Frozen parameters have no place in any bucket: nothing is sent for them. A
// parameter that got no gradient this step (a branch the forward pass skipped) counts as zeros,
// so every rank's buckets have the same layout.
// Each step also carries the ranks' stop requests (one more tiny all-reduce), so that a stop
// asked on one rank ends every rank after the same step.
class GradientSync
{
public:
    GradientSync(Collective &collective, std::vector<torch::Tensor> params,
                 std::int64_t bucketBytes = std::int64_t(4) << 20);

    StopVote step(bool stopHere, bool abortHere);

    std::size_t buckets() const { return m_buckets.size(); }
    // Bytes each rank sends into the all-reduce per step (the gradients it averages).
    std::int64_t bytesPerStep() const { return m_bytes; }
    // Wall time spent in step() so far (flattening, all-reduce, copying back).
    double seconds() const { return m_seconds; }

private:
    struct Bucket
    {
        std::vector<std::size_t> members; // indices into m_params
        std::int64_t numel = 0;
        torch::Tensor flat;
    };
    Collective &m_collective;
    std::vector<torch::Tensor> m_params;
    std::vector<Bucket> m_buckets;
    std::int64_t m_bytes = 0;
    double m_seconds = 0.0;
};

// The stop vote alone, between steps (end of an epoch, before an evaluation pass).
StopVote voteToStop(Collective &collective, bool stopHere, bool abortHere,
                    const torch::Device &device);

} // namespace tl::train
