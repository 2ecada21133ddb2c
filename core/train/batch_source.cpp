#include "train/batch_source.h"

#include <torch/torch.h>

#include <numeric>

namespace tl::train {

TensorBatchSource::TensorBatchSource(torch::Tensor images, torch::Tensor labels,
                                     std::int64_t batchSize, bool shuffle, std::uint64_t seed)
    : m_images(std::move(images)), m_labels(std::move(labels)), m_batchSize(batchSize),
      m_shuffle(shuffle), m_seed(seed)
{
    TORCH_CHECK(m_images.size(0) == m_labels.size(0), "images and labels differ in length");
    TORCH_CHECK(batchSize > 0, "batch size must be positive");
    m_order = torch::arange(m_labels.size(0));
}

void TensorBatchSource::setShard(const Shard &shard, bool pad)
{
    m_shard = shard;
    m_padShard = pad;
    std::vector<std::size_t> all(std::size_t(m_labels.size(0)));
    std::iota(all.begin(), all.end(), 0);
    applyOrder(std::move(all));
}

void TensorBatchSource::applyOrder(std::vector<std::size_t> order)
{
    if (m_shard.active())
        order = shardOrder(order, m_shard, m_padShard);
    std::vector<std::int64_t> o(order.begin(), order.end());
    m_order = torch::tensor(o, torch::kInt64);
}

void TensorBatchSource::startEpoch(int epoch)
{
    m_pos = 0;
    if (m_orderFunction) {
        auto order = m_orderFunction(epoch);
        TORCH_CHECK(std::int64_t(order.size()) == m_labels.size(0), "order of the wrong length");
        applyOrder(std::move(order));
    } else if (m_shuffle) {
        auto gen =
            at::make_generator<at::CPUGeneratorImpl>(m_seed * 1000003ULL + std::uint64_t(epoch));
        const torch::Tensor perm = torch::randperm(m_labels.size(0), gen);
        const auto *p = perm.data_ptr<std::int64_t>();
        applyOrder(std::vector<std::size_t>(p, p + perm.numel()));
    }
}

bool TensorBatchSource::next(Batch &batch)
{
    const std::int64_t n = m_order.size(0);
    if (m_pos >= n)
        return false;
    const std::int64_t end = std::min(n, m_pos + m_batchSize);
    batch.indices = m_order.slice(0, m_pos, end);
    batch.images = m_images.index_select(0, batch.indices);
    batch.labels = m_labels.index_select(0, batch.indices);
    m_pos = end;
    return true;
}

std::int64_t TensorBatchSource::batchesPerEpoch() const
{
    return (m_order.size(0) + m_batchSize - 1) / m_batchSize;
}

std::vector<std::size_t> shardOrder(const std::vector<std::size_t> &order, const Shard &shard,
                                    bool pad)
{
    TORCH_CHECK(shard.count > 0 && shard.rank >= 0 && shard.rank < shard.count, "bad shard ",
                shard.rank, " of ", shard.count);
    const std::size_t ranks = std::size_t(shard.count);
    std::size_t total = order.size();
    if (pad && !order.empty())
        total = (order.size() + ranks - 1) / ranks * ranks;
    std::vector<std::size_t> out;
    out.reserve(total / ranks + 1);
    for (std::size_t i = std::size_t(shard.rank); i < total; i += ranks)
        out.push_back(order[i % order.size()]);
    return out;
}

} // namespace tl::train
