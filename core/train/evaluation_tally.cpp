// An evaluation pass's sums (loss, accuracies, confusion, predictions), and a data-parallel
// pass's shards gathered from every rank and tallied in the dataset's order.
#include "train/evaluation_tally.h"

#include "base/error.h"
#include "train/collective.h"

#include <torch/torch.h>

#include <ATen/record_function.h>

namespace tl::train {

EvaluationTally::EvaluationTally(Evaluation &e, int numClasses, bool keepPredictions)
    : m_e(e), m_numClasses(numClasses), m_keep(keepPredictions)
{
}

void EvaluationTally::add(const torch::Tensor &logits, const Batch &batch)
{
    if (m_numClasses <= 0)
        m_numClasses = static_cast<int>(logits.size(1));
    if (m_confusion.empty())
        m_confusion.assign(static_cast<std::size_t>(m_numClasses) * m_numClasses, 0);
    const auto logp = torch::log_softmax(logits, 1);
    const auto &y = batch.labels;
    const auto losses = -logp.gather(1, y.unsqueeze(1)).squeeze(1);
    auto [conf, pred] = logp.max(1);
    conf = conf.exp();
    const int k = std::min<int>(5, static_cast<int>(logits.size(1)));
    auto [topLogp, topk] = logp.topk(k, 1);
    const auto inTop = topk.eq(y.unsqueeze(1)).any(1);
    const auto topP = topLogp.exp();
    const auto tka = topk.accessor<std::int64_t, 2>();
    const auto tpa = topP.accessor<float, 2>();
    const auto ya = y.accessor<std::int64_t, 1>();
    const auto pa = pred.accessor<std::int64_t, 1>();
    const auto ca = conf.accessor<float, 1>();
    const auto la = losses.accessor<float, 1>();
    const auto ta = inTop.accessor<bool, 1>();
    const auto ia = batch.indices.accessor<std::int64_t, 1>();
    const std::int64_t n = y.size(0);
    for (std::int64_t i = 0; i < n; ++i) {
        const auto t = ya[i], p = pa[i];
        if (t < 0 || t >= m_numClasses)
            throw Error("label " + std::to_string(t) + " outside the model's " +
                        std::to_string(m_numClasses) + " classes");
        m_lossSum += la[i];
        m_correct += t == p;
        m_top5 += ta[i];
        if (p < m_numClasses)
            ++m_confusion[static_cast<std::size_t>(t * m_numClasses + p)];
        if (!m_keep)
            continue;
        Prediction pr{ia[i], static_cast<int>(t), static_cast<int>(p), ca[i], la[i], {}, {}};
        pr.topClasses.fill(-1);
        pr.topProbabilities.fill(0.f);
        for (int j = 0; j < k; ++j) {
            pr.topClasses[std::size_t(j)] = static_cast<int>(tka[i][j]);
            pr.topProbabilities[std::size_t(j)] = tpa[i][j];
        }
        m_e.predictions.push_back(pr);
    }
    m_e.count += n;
}

void EvaluationTally::finish()
{
    const auto n = std::size_t(std::max(m_numClasses, 0));
    m_e.numClasses = m_numClasses;
    m_e.confusion = m_confusion.empty() ? std::vector<std::int64_t>(n * n, 0) : m_confusion;
    if (m_e.count > 0) {
        m_e.loss = m_lossSum / double(m_e.count);
        m_e.accuracy = double(m_correct) / double(m_e.count);
        m_e.top5Accuracy = double(m_top5) / double(m_e.count);
    }
    computeClassMetrics(m_e);
}

void gatherEvaluation(Collective &collective, Evaluation &e,
                      const std::vector<torch::Tensor> &logits,
                      const std::vector<torch::Tensor> &ids, int numClasses, bool keepPredictions)
{
    RECORD_USER_SCOPE("tl::gather");
    const auto i64 = torch::kInt64;
    const torch::Tensor mine = logits.empty() ? torch::Tensor() : torch::cat(logits);
    const std::int64_t n = mine.defined() ? mine.size(0) : 0;
    const std::int64_t classes = mine.defined() ? mine.size(1) : 0;
    // How many rows each rank has, whether its pass completed, and the class count.
    const torch::Tensor meta =
        collective.allGather(torch::tensor({n, std::int64_t(e.complete), classes}, i64));
    const std::int64_t rows = meta.select(1, 0).max().item<std::int64_t>();
    const std::int64_t width = meta.select(1, 2).max().item<std::int64_t>();
    const bool complete = meta.select(1, 1).min().item<std::int64_t>() == 1;
    EvaluationTally tally(e, numClasses, keepPredictions);
    if (rows > 0 && width > 0) {
        // Padded to the longest shard (index -1 marks padding), gathered, put back in the
        // dataset's order and tallied as one process tallies it.
        torch::Tensor paddedLogits = torch::zeros({rows, width});
        torch::Tensor paddedIds = torch::full({rows, 2}, -1, i64);
        if (n > 0) {
            paddedLogits.narrow(0, 0, n).copy_(mine);
            paddedIds.narrow(0, 0, n).copy_(torch::cat(ids));
        }
        const torch::Tensor allLogits = collective.allGather(paddedLogits).view({-1, width});
        const torch::Tensor allIds = collective.allGather(paddedIds).view({-1, 2});
        const torch::Tensor valid = allIds.select(1, 0).ge(0).nonzero().view(-1);
        const torch::Tensor order =
            valid.index_select(0, allIds.select(1, 0).index_select(0, valid).argsort());
        const torch::Tensor sortedLogits = allLogits.index_select(0, order);
        const torch::Tensor sortedIds = allIds.index_select(0, order);
        constexpr std::int64_t kChunk = 1024;
        for (std::int64_t at = 0; at < order.size(0); at += kChunk) {
            const std::int64_t len = std::min(kChunk, order.size(0) - at);
            Batch b;
            b.indices = sortedIds.narrow(0, at, len).select(1, 0).contiguous();
            b.labels = sortedIds.narrow(0, at, len).select(1, 1).contiguous();
            tally.add(sortedLogits.narrow(0, at, len).contiguous(), b);
        }
    }
    tally.finish();
    e.complete = complete;
}

} // namespace tl::train
