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

// A loss as a class reads it: 2.3, 41, 1800, "1.8 million", "3e+10".
std::string lossText(double v)
{
    char buf[48];
    if (v >= 1e9)
        std::snprintf(buf, sizeof buf, "%.0e", v);
    else if (v >= 1e6)
        std::snprintf(buf, sizeof buf, "%.1f million", v / 1e6);
    else if (v >= 100)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.2g", v);
    return buf;
}

std::string percent(double share)
{
    return std::to_string(int(std::lround(share * 100.0))) + " %";
}

} // namespace

std::string hintKindName(TrainingHint::Kind kind)
{
    switch (kind) {
    case TrainingHint::Kind::LearningRateTooHigh:
        return "loss_rising";
    case TrainingHint::Kind::OneClass:
        return "one_class";
    case TrainingHint::Kind::OneClassTest:
        return "one_class_test";
    case TrainingHint::Kind::Overfitting:
        return "overfitting";
    case TrainingHint::Kind::FrozenRandomWeights:
        return "frozen_random_weights";
    }
    return "warning";
}

TrainingHints::TrainingHints(HintContext context) : m_context(std::move(context))
{
    // A resumed run is judged against its own latest epochs (the loss it had reached), or
    // chance, whichever is higher: never against the start of an earlier process.
    const auto &h = m_context.history;
    const std::size_t recent = std::min<std::size_t>(2, h.size());
    if (recent > 0) {
        double sum = 0.0;
        for (std::size_t i = h.size() - recent; i < h.size(); ++i)
            sum += h[i].trainLoss;
        if (std::isfinite(sum))
            m_lowestLoss = sum / double(recent);
        m_learningRate = h.back().learningRate;
        m_previous = h.back();
    }
}

std::optional<TrainingHint> TrainingHints::once(TrainingHint::Kind kind, std::string text,
                                                int epoch)
{
    if (std::find(m_said.begin(), m_said.end(), kind) != m_said.end())
        return std::nullopt;
    m_said.push_back(kind);
    return TrainingHint{kind, std::move(text), epoch};
}

std::optional<TrainingHint> TrainingHints::onStart()
{
    if (m_context.frozenRandomParams <= 0)
        return std::nullopt;
    m_frozenRandom = true;
    return once(
        TrainingHint::Kind::FrozenRandomWeights,
        "Frozen layers with random weights: " + std::to_string(m_context.frozenRandomParams) +
            " parameters were never trained and will not learn, so they only pass on "
            "noise. Choose pretrained weights in the Model tab, or unfreeze them.",
        0);
}

std::optional<TrainingHint> TrainingHints::onBatch(const BatchProgress &p)
{
    m_learningRate = p.learningRate;
    const double loss = p.recentLoss > 0.0 ? p.recentLoss : p.lastLoss;
    if (!std::isfinite(loss))
        return once(TrainingHint::Kind::LearningRateTooHigh,
                    "The loss is no longer a number: training has diverged. The learning rate " +
                        number(p.learningRate) + " is too high: try one ten times smaller.",
                    p.globalEpoch);
    // Cross-entropy of an untrained classifier is near ln(classes) (chance). A loss several
    // times above chance, or above what this run had already reached when it was resumed, is
    // a model that is confidently wrong: it diverges. Judged only after a few reports, so a
    // first noisy batch is no evidence.
    const double chance = m_context.numClasses > 1 ? std::log(double(m_context.numClasses)) : 0.0;
    if (m_lowestLoss < 0.0 && chance <= 0.0) {
        m_lowestLoss = loss; // classes unknown: the first report is the reference
        return std::nullopt;
    }
    const double reference = std::max(chance, m_lowestLoss);
    if (++m_reports < kReportsBeforeJudging || loss < kRisingFactor * reference)
        return std::nullopt;
    // "Far too high", not "rising": a diverged run's loss often falls again from its peak
    // while staying thousands of times above chance, and the chart beside the warning shows it.
    return once(TrainingHint::Kind::LearningRateTooHigh,
                "The loss is far too high: " + lossText(loss) + ", where " +
                    (reference > chance
                         ? "this run had reached " + lossText(reference)
                         : "a model that only guesses scores " + lossText(reference)) +
                    ". The learning rate " + number(p.learningRate) +
                    " is too high: stop, and try one ten times smaller.",
                p.globalEpoch);
}

std::optional<TrainingHint> TrainingHints::oneClass(const std::vector<std::int64_t> &counts,
                                                    const std::string &images, double learningRate,
                                                    int epoch, TrainingHint::Kind kind)
{
    const std::int64_t total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
    if (counts.size() < 3 || total <= 0)
        return std::nullopt;
    const auto top = std::max_element(counts.begin(), counts.end());
    const double share = double(*top) / double(total);
    if (share < kOneClassShare)
        return std::nullopt;
    const auto index = std::size_t(top - counts.begin());
    const std::string name = index < m_context.classNames.size()
                                 ? "\"" + m_context.classNames[index] + "\""
                                 : "class " + std::to_string(index);
    // Frozen random layers give every image nearly the same features: the head cannot tell
    // them apart whatever its learning rate, so the advice names them, not the rate.
    std::string cause;
    if (m_frozenRandom) {
        cause = "The frozen layers have random weights and pass on noise, so the images all look "
                "alike to the head: choose pretrained weights or unfreeze them.";
    } else {
        cause = "Usually the learning rate";
        if (learningRate > 0.0)
            cause += " (" + number(learningRate) + ")";
        cause += " is too high: try one ten times smaller.";
    }
    return once(kind,
                "The model predicts " + name + " for " + percent(share) + " of the " + images +
                    " (" + std::to_string(*top) + " of " + std::to_string(total) +
                    "): it has stopped learning and guesses one class. " + cause,
                epoch);
}

std::optional<TrainingHint> TrainingHints::onTest(const Evaluation &test, int globalEpoch)
{
    // The test pass is the run's last word: said even when an epoch already warned of one
    // class (the class it guesses may have changed since).
    return oneClass(predictedCounts(test), "test images", m_learningRate, globalEpoch,
                    TrainingHint::Kind::OneClassTest);
}

std::optional<TrainingHint> TrainingHints::onEpoch(const EpochMetrics &m)
{
    m_learningRate = m.learningRate;
    // The validation images after the epoch are the honest test (the training batches mix the
    // whole epoch's changing model); without a validation split, the training batches.
    std::optional<TrainingHint> hint =
        m.valPredictedCounts.empty()
            ? oneClass(m.predictedCounts, "training images", m.learningRate, m.globalEpoch)
            : oneClass(m.valPredictedCounts, "validation images", m.learningRate, m.globalEpoch);
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
                            "stopping, fewer epochs or more training images.",
                        m.globalEpoch);
    }
    m_previous = m;
    return hint;
}

} // namespace tl::train
