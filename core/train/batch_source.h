#pragma once

#include "train/collective.h"

#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace tl::train {

struct Batch
{
    torch::Tensor images;  // float N x C x H x W, on the CPU
    torch::Tensor labels;  // int64 N
    torch::Tensor indices; // int64 N: positions in the source's dataset
};

// Where the trainer gets its batches. The data layer's BatchLoader is one (OpenCV decode and
// augmentation on worker threads); tests and the GPU check use in-memory tensors.
class BatchSource
{
public:
    virtual ~BatchSource() = default;
    virtual void startEpoch(int epoch) = 0;
    // Fills the next batch of the epoch; false when the epoch is over.
    virtual bool next(Batch &batch) = 0;
    virtual std::int64_t batchesPerEpoch() const = 0;
    virtual std::int64_t size() const = 0;
};

// Batches cut from tensors held in memory (shuffled per epoch with a seeded generator).
class TensorBatchSource : public BatchSource
{
public:
    TensorBatchSource(torch::Tensor images, torch::Tensor labels, std::int64_t batchSize,
                      bool shuffle, std::uint64_t seed = 0);
    void startEpoch(int epoch) override;
    bool next(Batch &batch) override;
    std::int64_t batchesPerEpoch() const override;
    std::int64_t size() const override { return m_order.size(0); }

    // Visit the samples in the order this gives for each epoch instead (feature caching
    // replays the image loader's shuffle so the head sees the same batches).
    using OrderFunction = std::function<std::vector<std::size_t>(int epoch)>;
    void setOrder(OrderFunction order) { m_orderFunction = std::move(order); }
    // Visit only this rank's part of each epoch's order (shardOrder; `pad` for training).
    void setShard(const Shard &shard, bool pad);

private:
    void applyOrder(std::vector<std::size_t> order);

    OrderFunction m_orderFunction;
    Shard m_shard;
    bool m_padShard = false;
    torch::Tensor m_images, m_labels, m_order;
    std::int64_t m_batchSize, m_pos = 0;
    bool m_shuffle;
    std::uint64_t m_seed;
};

} // namespace tl::train
