#pragma once

#include "data/image_store.h"
#include "data/transform.h"
// The interface is owned by its consumer, the trainer (train/ may not see data/, which needs
// OpenCV): the loader implements it, as TensorBatchSource does for tensors in memory.
#include "train/batch_source.h"

#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace tl::data {

struct LoaderOptions
{
    int batchSize = 64;
    bool shuffle = true;
    bool augment = true; // apply the transform's random augmentations
    int workers = 1;     // 0: build batches on the caller's thread
    int prefetch = 4;    // batches built ahead of the consumer, at most
    std::uint64_t seed = 0;
    bool pinMemory = false; // page-locked batches for non-blocking copies to CUDA (CUDA only)
    // A data-parallel rank visits only its part of each epoch's order (train::shardOrder);
    // `padShard` for training, where every rank must take the same number of steps.
    train::Shard shard;
    bool padShard = false;
};

// Builds batches from an ImageStore on worker threads: each worker takes the next batch number,
// decodes and augments its samples with OpenCV, and hands the finished tensor to the consumer,
// which receives batches in order. At most `prefetch` batches wait, so memory stays bounded.
// Each sample's random draws depend only on (seed, epoch, sample), never on the thread.
// A streamed store's images are decoded from their files here (ImageFiles: prepared as
// torchvision does, RandomResizedCrop when augmenting); a file that cannot be decoded is left
// out of its batch (and recorded), so a batch may be smaller, never empty.
// The store must outlive the loader.
class BatchLoader : public train::BatchSource
{
public:
    BatchLoader(const ImageStore &store, SampleTransform transform, LoaderOptions options);
    ~BatchLoader() override;
    BatchLoader(const BatchLoader &) = delete;
    BatchLoader &operator=(const BatchLoader &) = delete;

    void startEpoch(int epoch) override;
    bool next(train::Batch &batch) override;
    std::int64_t batchesPerEpoch() const override;
    std::int64_t size() const override { return static_cast<std::int64_t>(m_order.size()); }

    const SampleTransform &transform() const { return m_transform; }
    // The order in which an epoch visits the samples (what feature caching replays).
    // (Before sharding: every rank computes the same one.)
    static std::vector<std::size_t> epochOrder(std::size_t size, std::uint64_t seed, int epoch,
                                               bool shuffle);
    // Builds batch `k` of the current epoch synchronously (what a worker does).
    train::Batch build(std::int64_t k) const;

private:
    bool nextBatch(train::Batch &batch);
    void stopWorkers();
    void workerLoop();
    std::vector<std::size_t> shardedOrder(int epoch) const;

    const ImageStore &m_store;
    SampleTransform m_transform;
    LoaderOptions m_options;
    int m_epoch = 0;
    std::vector<std::size_t> m_order;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<std::thread> m_threads;
    std::map<std::int64_t, train::Batch> m_ready;
    std::int64_t m_nextToBuild = 0;
    std::int64_t m_nextToHand = 0;
    bool m_stop = false;
    bool m_started = false;
    std::exception_ptr m_error;
};

} // namespace tl::data
