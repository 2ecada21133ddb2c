#include "analysis/compare.h"

#include "base/error.h"

#include <algorithm>
#include <unordered_map>

namespace tl::runs {

RunDifference compareRuns(const RunResult &a, const RunResult &b)
{
    auto name = [](const RunResult &r) {
        return r.runDir.empty() ? std::string("a run") : r.runDir;
    };
    if (a.test.numClasses != b.test.numClasses || a.classNames != b.classNames)
        throw Error(name(a) + " and " + name(b) +
                    " have different classes; only runs on the "
                    "same data can be compared image by image");
    if (a.test.predictions.size() != b.test.predictions.size())
        throw Error(name(a) + " and " + name(b) + " were tested on different numbers of images (" +
                    std::to_string(a.test.predictions.size()) + " and " +
                    std::to_string(b.test.predictions.size()) + ")");
    RunDifference d;
    d.numClasses = a.test.numClasses;
    std::unordered_map<std::int64_t, const train::Prediction *> byIndex;
    for (const auto &p : a.test.predictions)
        byIndex[p.index] = &p;
    for (const auto &pb : b.test.predictions) {
        auto it = byIndex.find(pb.index);
        if (it == byIndex.end())
            throw Error(name(a) + " and " + name(b) + " were tested on different images (test " +
                        "image " + std::to_string(pb.index) +
                        " differs): a different dataset, test fraction or seed, or files moved "
                        "between class folders (which redraws a test split taken from the same "
                        "folder; a label-override file keeps the test images)");
        d.relabelled += it->second->trueLabel != pb.trueLabel;
    }
    // The confusion matrices' difference; with relabelled images both counted from the
    // predictions against B's labels.
    const std::size_t k = std::size_t(std::max(0, d.numClasses));
    d.confusionDelta.assign(b.test.confusion.size(), 0);
    if (d.relabelled == 0) {
        for (std::size_t i = 0; i < d.confusionDelta.size() && i < a.test.confusion.size(); ++i)
            d.confusionDelta[i] = b.test.confusion[i] - a.test.confusion[i];
    } else if (d.confusionDelta.size() == k * k) {
        auto cell = [&](int t, int p) -> std::int64_t * {
            return t >= 0 && p >= 0 && std::size_t(t) < k && std::size_t(p) < k
                       ? &d.confusionDelta[std::size_t(t) * k + std::size_t(p)]
                       : nullptr;
        };
        for (const auto &pb : b.test.predictions) {
            if (auto *c = cell(pb.trueLabel, pb.predicted))
                ++*c;
            if (auto *c = cell(pb.trueLabel, byIndex[pb.index]->predicted))
                --*c;
        }
    }
    for (const auto &pb : b.test.predictions) {
        const train::Prediction &pa = *byIndex[pb.index];
        const int truth = pb.trueLabel;
        const bool rightA = pa.predicted == truth, rightB = pb.predicted == truth;
        if (rightA == rightB) {
            ++(rightA ? d.bothRight : d.bothWrong);
            continue;
        }
        FlippedImage f{pb.index, truth, pa.predicted, pb.predicted, pa.confidence, pb.confidence};
        (rightB ? d.fixedByB : d.brokenByB).push_back(f);
    }
    // The most confident mistakes first: they say the most about what the other model learned.
    std::sort(d.fixedByB.begin(), d.fixedByB.end(),
              [](const FlippedImage &x, const FlippedImage &y) {
                  return x.confidenceA != y.confidenceA ? x.confidenceA > y.confidenceA
                                                        : x.index < y.index;
              });
    std::sort(d.brokenByB.begin(), d.brokenByB.end(),
              [](const FlippedImage &x, const FlippedImage &y) {
                  return x.confidenceB != y.confidenceB ? x.confidenceB > y.confidenceB
                                                        : x.index < y.index;
              });
    return d;
}

} // namespace tl::runs
