#include "data/batch_loader.h"

#include "data/image_files.h"
#include "data/rng.h"
#include "base/error.h"

#include <torch/torch.h>

#include <numeric>

namespace tl::data {

BatchLoader::BatchLoader(const ImageStore &store, SampleTransform transform, LoaderOptions options)
    : m_store(store), m_transform(std::move(transform)), m_options(options)
{
    if (m_store.streamed() && m_transform.outHeight() != m_transform.outWidth())
        throw Error("internal: streamed images are prepared square");
    if (m_options.batchSize <= 0)
        throw Error("batch size must be positive, got " + std::to_string(m_options.batchSize));
    m_options.prefetch = std::max(1, m_options.prefetch);
    m_options.workers = std::max(0, m_options.workers);
    m_order = shardedOrder(0);
}

std::vector<std::size_t> BatchLoader::shardedOrder(int epoch) const
{
    auto order = epochOrder(m_store.size(), m_options.seed, epoch, m_options.shuffle);
    return m_options.shard.active() ? train::shardOrder(order, m_options.shard, m_options.padShard)
                                    : order;
}

BatchLoader::~BatchLoader()
{
    stopWorkers();
}

std::int64_t BatchLoader::batchesPerEpoch() const
{
    return (static_cast<std::int64_t>(m_order.size()) + m_options.batchSize - 1) /
           m_options.batchSize;
}

void BatchLoader::stopWorkers()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    for (auto &t : m_threads)
        t.join();
    m_threads.clear();
}

std::vector<std::size_t> BatchLoader::epochOrder(std::size_t size, std::uint64_t seed, int epoch,
                                                 bool shuffle)
{
    std::vector<std::size_t> order(size);
    std::iota(order.begin(), order.end(), 0);
    if (shuffle) {
        Rng rng = Rng::derive(seed, 0x0e9c4ULL, static_cast<std::uint64_t>(epoch));
        rng.shuffle(order);
    }
    return order;
}

void BatchLoader::startEpoch(int epoch)
{
    stopWorkers();
    m_epoch = epoch;
    m_order = shardedOrder(epoch);
    m_ready.clear();
    m_nextToBuild = 0;
    m_nextToHand = 0;
    m_error = nullptr;
    m_stop = false;
    m_started = true;
    for (int i = 0; i < m_options.workers; ++i)
        m_threads.emplace_back([this] { workerLoop(); });
}

train::Batch BatchLoader::build(std::int64_t k) const
{
    const std::int64_t n = static_cast<std::int64_t>(m_order.size());
    const std::int64_t begin = k * m_options.batchSize;
    const std::int64_t end = std::min(n, begin + m_options.batchSize);
    const std::int64_t count = end - begin;
    train::Batch b;
    b.images = torch::empty(
        {count, m_transform.outChannels(), m_transform.outHeight(), m_transform.outWidth()},
        torch::TensorOptions().dtype(torch::kFloat32).pinned_memory(m_options.pinMemory));
    b.labels = torch::empty({count}, torch::kInt64);
    b.indices = torch::empty({count}, torch::kInt64);
    float *img = b.images.data_ptr<float>();
    auto *lab = b.labels.data_ptr<std::int64_t>();
    auto *idx = b.indices.data_ptr<std::int64_t>();
    const std::size_t stride = m_transform.outFloats();
    std::int64_t kept = 0;
    for (std::int64_t j = 0; j < count; ++j) {
        const std::size_t s = m_order[static_cast<std::size_t>(begin + j)];
        Rng rng = Rng::derive(m_options.seed, static_cast<std::uint64_t>(m_epoch) + 1, s);
        if (!m_transform.applyTo(m_store, s, img + std::size_t(kept) * stride, rng,
                                 m_options.augment))
            continue; // a file that cannot be decoded: recorded by the store's ImageFiles
        lab[kept] = m_store.labels[s];
        idx[kept] = static_cast<std::int64_t>(s);
        ++kept;
    }
    if (kept < count) {
        b.images = b.images.narrow(0, 0, kept);
        b.labels = b.labels.narrow(0, 0, kept);
        b.indices = b.indices.narrow(0, 0, kept);
    }
    return b;
}

void BatchLoader::workerLoop()
{
    const std::int64_t total = batchesPerEpoch();
    while (true) {
        std::int64_t k;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_cv.wait(lock,
                      [&] { return m_stop || m_nextToBuild < m_nextToHand + m_options.prefetch; });
            if (m_stop || m_nextToBuild >= total)
                return;
            k = m_nextToBuild++;
        }
        try {
            train::Batch b = build(k);
            std::lock_guard<std::mutex> lock(m_mutex);
            m_ready.emplace(k, std::move(b));
        } catch (...) {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (!m_error)
                m_error = std::current_exception();
        }
        m_cv.notify_all();
    }
}

bool BatchLoader::next(train::Batch &batch)
{
    // A streamed batch whose every file failed to decode is empty: the consumer never sees one.
    while (nextBatch(batch))
        if (batch.labels.size(0) > 0)
            return true;
    return false;
}

bool BatchLoader::nextBatch(train::Batch &batch)
{
    if (!m_started)
        startEpoch(0);
    if (m_nextToHand >= batchesPerEpoch())
        return false;
    if (m_options.workers == 0) {
        batch = build(m_nextToHand++);
        return true;
    }
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cv.wait(lock, [&] { return m_error || m_ready.count(m_nextToHand) != 0; });
    if (m_error)
        std::rethrow_exception(m_error);
    auto it = m_ready.find(m_nextToHand);
    batch = std::move(it->second);
    m_ready.erase(it);
    ++m_nextToHand;
    lock.unlock();
    m_cv.notify_all();
    return true;
}

} // namespace tl::data
