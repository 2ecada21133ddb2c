#include "train/batch_source.h"

#include <torch/torch.h>

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

void TensorBatchSource::startEpoch(int epoch)
{
    m_pos = 0;
    if (m_orderFunction) {
        const auto order = m_orderFunction(epoch);
        TORCH_CHECK(std::int64_t(order.size()) == m_labels.size(0), "order of the wrong length");
        std::vector<std::int64_t> o(order.begin(), order.end());
        m_order = torch::tensor(o, torch::kInt64);
    } else if (m_shuffle) {
        auto gen =
            at::make_generator<at::CPUGeneratorImpl>(m_seed * 1000003ULL + std::uint64_t(epoch));
        m_order = torch::randperm(m_labels.size(0), gen);
    }
}

bool TensorBatchSource::next(Batch &batch)
{
    const std::int64_t n = m_labels.size(0);
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
    return (m_labels.size(0) + m_batchSize - 1) / m_batchSize;
}

} // namespace tl::train
