#include "train/training_types.h"

#include <algorithm>

namespace tl::train {

void computeClassMetrics(Evaluation &e)
{
    const int n = e.numClasses;
    e.perClass.assign(static_cast<std::size_t>(n), {});
    for (int c = 0; c < n; ++c) {
        std::int64_t tp = e.at(c, c), predicted = 0, support = 0;
        for (int k = 0; k < n; ++k) {
            predicted += e.at(k, c);
            support += e.at(c, k);
        }
        ClassMetrics &m = e.perClass[static_cast<std::size_t>(c)];
        m.support = support;
        m.precision = predicted > 0 ? double(tp) / double(predicted) : 0.0;
        m.recall = support > 0 ? double(tp) / double(support) : 0.0;
        m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall)
                                          : 0.0;
    }
}

std::vector<std::int64_t> predictedCounts(const Evaluation &e)
{
    const int n = e.numClasses;
    std::vector<std::int64_t> counts(static_cast<std::size_t>(std::max(n, 0)), 0);
    if (e.confusion.size() != counts.size() * counts.size())
        return counts;
    for (int t = 0; t < n; ++t)
        for (int p = 0; p < n; ++p)
            counts[static_cast<std::size_t>(p)] += e.at(t, p);
    return counts;
}

} // namespace tl::train
