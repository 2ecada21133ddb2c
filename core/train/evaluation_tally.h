#pragma once

#include "train/batch_source.h"
#include "train/training_types.h"

#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace tl::train {

class Collective;

// Sums an evaluation pass batch by batch: loss, accuracy, top-5, the confusion matrix and,
// when kept, one Prediction per sample.
class EvaluationTally
{
public:
    EvaluationTally(Evaluation &e, int numClasses, bool keepPredictions);
    // One batch's logits (N x classes, float, on the CPU) against its labels.
    void add(const torch::Tensor &logits, const Batch &batch);
    // Loss, accuracies, the confusion matrix and the per-class metrics into the evaluation.
    void finish();

private:
    Evaluation &m_e;
    int m_numClasses;
    bool m_keep;
    double m_lossSum = 0.0;
    std::int64_t m_correct = 0, m_top5 = 0;
    std::vector<std::int64_t> m_confusion;
};

// A data-parallel evaluation pass: the logits and (index, label) rows every rank computed on its
// shard, gathered through `collective`, put back in the dataset's order and tallied as one
// process would; `e.complete` only if every rank's pass was.
void gatherEvaluation(Collective &collective, Evaluation &e,
                      const std::vector<torch::Tensor> &logits,
                      const std::vector<torch::Tensor> &ids, int numClasses, bool keepPredictions);

} // namespace tl::train
