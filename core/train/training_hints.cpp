#include "train/training_hints.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace tl::train {

namespace {

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string percent(double share)
{
    return std::to_string(int(std::lround(share * 100.0))) + " %";
}

} // namespace

TrainingHints::TrainingHints(HintContext context) : m_context(std::move(context)) {}

std::optional<TrainingHint> TrainingHints::once(TrainingHint::Kind kind, std::string text)
{
    if (std::find(m_said.begin(), m_said.end(), kind) != m_said.end())
        return std::nullopt;
    m_said.push_back(kind);
    return TrainingHint{kind, std::move(text)};
}

std::optional<TrainingHint> TrainingHints::onStart()
{
    if (m_context.frozenRandomParams <= 0)
        return std::nullopt;
    return once(TrainingHint::Kind::FrozenRandomWeights,
                "Frozen layers with random weights: " +
                    std::to_string(m_context.frozenRandomParams) +
                    " parameters were never trained and will not learn, so they only pass on "
                    "noise. Choose pretrained weights in the Model tab, or unfreeze them.");
}

std::optional<TrainingHint> TrainingHints::onBatch(const BatchProgress &p)
{
    const double loss = p.recentLoss > 0.0 ? p.recentLoss : p.lastLoss;
    if (!std::isfinite(loss))
        return std::nullopt;
    if (m_startLoss < 0.0) {
        // Untrained, cross-entropy starts near ln(classes); take the larger of the two so a
        // first batch that happened to be easy does not make ordinary noise look like a rise.
        const double chance = m_context.numClasses > 1 ? std::log(double(m_context.numClasses)) : 0.0;
        m_startLoss = std::max(loss, chance);
        return std::nullopt;
    }
    if (++m_reports < kReportsBeforeJudging || loss < kRisingFactor * m_startLoss)
        return std::nullopt;
    return once(TrainingHint::Kind::LearningRateTooHigh,
                "The loss is rising (" + number(loss) + ", it started near " +
                    number(m_startLoss) + "): the learning rate " + number(p.learningRate) +
                    " is too high. Stop, and try one ten times smaller.");
}

std::optional<TrainingHint> TrainingHints::onEpoch(const EpochMetrics &m)
{
    std::optional<TrainingHint> hint;
    const auto &counts = m.predictedCounts;
    const std::int64_t total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
    if (counts.size() >= 3 && total > 0) {
        const auto top = std::max_element(counts.begin(), counts.end());
        const double share = double(*top) / double(total);
        if (share >= kOneClassShare) {
            const auto index = std::size_t(top - counts.begin());
            const std::string name = index < m_context.classNames.size()
                                         ? "\"" + m_context.classNames[index] + "\""
                                         : "class " + std::to_string(index);
            hint = once(TrainingHint::Kind::OneClass,
                        "The model predicts " + name + " for " + percent(share) +
                            " of the images: it has stopped learning and guesses one class. "
                            "Usually the learning rate (" + number(m.learningRate) +
                            ") is too high: try one ten times smaller.");
        }
    }
    if (m_previous && m.hasValidation && m_previous->hasValidation &&
        m.stage == m_previous->stage) {
        const bool overfitting =
            m.valLoss > m_previous->valLoss && m.trainLoss < m_previous->trainLoss;
        m_risingEpochs = overfitting ? m_risingEpochs + 1 : 0;
        if (m_risingEpochs >= kOverfitEpochs && !hint)
            hint = once(TrainingHint::Kind::Overfitting,
                        "Validation loss has risen for " + std::to_string(m_risingEpochs) +
                            " epochs while the training loss falls: the model is memorising "
                            "the training images (overfitting). Try more augmentation, early "
                            "stopping, fewer epochs or more training images.");
    }
    m_previous = m;
    return hint;
}

} // namespace tl::train
