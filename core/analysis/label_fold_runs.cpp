// Out-of-sample label scores from K runs of the experiment (label_fold_runs.h).

#include "analysis/label_fold_runs.h"

#include "base/error.h"
#include "rundir/run_dir.h"

#include <filesystem>
#include <map>

namespace tl::runs {

FoldRunPlan planFoldRuns(const RunFeatures &f, const LabelFoldOptions &options)
{
    std::vector<std::int64_t> labels = f.train.labels;
    labels.insert(labels.end(), f.val.labels.begin(), f.val.labels.end());
    FoldRunPlan plan;
    plan.folds = options.folds;
    plan.fold = stratifiedFolds(labels, options.folds, options.seed);
    plan.exclude.resize(std::size_t(options.folds));
    for (std::size_t r = 0; r < plan.fold.size(); ++r) {
        const bool inTrain = r < std::size_t(f.train.rows);
        const FeatureSplit &s = inTrain ? f.train : f.val;
        const std::size_t row = inTrain ? r : r - std::size_t(f.train.rows);
        plan.exclude[std::size_t(plan.fold[r])].push_back(s.sourceIndex[row]);
    }
    return plan;
}

std::string foldRunDir(const std::string &runDir, int fold)
{
    return (std::filesystem::path(runDir) / RunDir::kLabelFoldRuns /
            ("fold-" + std::to_string(fold + 1)))
        .string();
}

OutOfSampleProbabilities probabilitiesFromFoldRuns(const RunFeatures &f,
                                                   const data::DatasetSplits &data,
                                                   const FoldRunPlan &plan,
                                                   const std::vector<std::string> &foldDirs,
                                                   const FeatureProgress &progress)
{
    if (foldDirs.size() != std::size_t(plan.folds))
        throw Error("label check: " + std::to_string(plan.folds) + " fold runs expected, " +
                    std::to_string(foldDirs.size()) + " given");
    OutOfSampleProbabilities out;
    out.folds = plan.folds;
    out.classes = std::int64_t(f.classNames.size());
    out.train.assign(std::size_t(f.train.rows * out.classes), 0.f);
    out.val.assign(std::size_t(f.val.rows * out.classes), 0.f);
    const auto classes = std::size_t(out.classes);
    for (int k = 0; k < plan.folds; ++k) {
        const std::string &dir = foldDirs[std::size_t(k)];
        if (!RunDir(dir).isFinished() || !RunDir(dir).hasModel())
            throw Error(dir + ": the fold's run has not finished (no " + RunDir::kSummary + ")");
        auto step = [&](double fraction, const std::string &) {
            return !progress ||
                   progress((k + fraction) / plan.folds, "scoring fold " + std::to_string(k + 1) +
                                                             " of " + std::to_string(plan.folds));
        };
        const RunFeatures g = runFeatures(dir, data, step, false);
        if (g.stopped) {
            out.stopped = true;
            return out;
        }
        // The fold run scored the same rows of the same data: match them by store row.
        for (const bool train : {true, false}) {
            const FeatureSplit &mine = train ? f.train : f.val;
            const FeatureSplit &theirs = train ? g.train : g.val;
            std::map<std::int64_t, std::int64_t> rowOf;
            for (std::int64_t r = 0; r < theirs.rows; ++r)
                rowOf[theirs.storeRow[std::size_t(r)]] = r;
            std::vector<float> &into = train ? out.train : out.val;
            for (std::int64_t r = 0; r < mine.rows; ++r) {
                const std::size_t combined = std::size_t(train ? r : f.train.rows + r);
                if (plan.fold[combined] != k)
                    continue;
                const auto it = rowOf.find(mine.storeRow[std::size_t(r)]);
                if (it == rowOf.end())
                    throw Error(dir + ": the fold's run did not score image " +
                                std::to_string(mine.sourceIndex[std::size_t(r)]));
                for (std::size_t c = 0; c < classes; ++c)
                    into[std::size_t(r) * classes + c] =
                        theirs.probability(it->second, std::int64_t(c));
            }
        }
    }
    out.basis = std::to_string(plan.folds) +
                " runs of the experiment, each leaving one fold of the training images out: "
                "every image scored by a model that never trained on it";
    return out;
}

} // namespace tl::runs
