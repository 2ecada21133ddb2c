// Out-of-sample label scores from K runs of the experiment (label_fold_runs.h).

#include "analysis/label_fold_runs.h"

#include "base/error.h"
#include "experiment/experiment_config.h"
#include "rundir/run_dir.h"
#include "rundir/run_summary.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace tl::runs {
namespace {

// What fold k's run leaves out: the run's own exclusions and the fold's images, sorted.
std::vector<std::int64_t> foldExclude(const experiment::ExperimentConfig &base,
                                      const FoldRunPlan &plan, int k)
{
    std::vector<std::int64_t> ex = base.data.exclude;
    ex.insert(ex.end(), plan.exclude[std::size_t(k)].begin(), plan.exclude[std::size_t(k)].end());
    std::sort(ex.begin(), ex.end());
    ex.erase(std::unique(ex.begin(), ex.end()), ex.end());
    return ex;
}

// tl::Error when fold k's run in `dir` trained on an image of its fold (made for other folds).
void checkLeftOut(const std::string &dir, const FoldRunPlan &plan, int k)
{
    const auto config = experiment::ExperimentConfig::fromRunFile(RunDir(dir).config());
    const std::set<std::int64_t> left(config.data.exclude.begin(), config.data.exclude.end());
    for (const std::int64_t index : plan.exclude[std::size_t(k)])
        if (!left.count(index))
            throw Error(dir + ": the fold's run trained on image " + std::to_string(index) +
                        ", which its fold holds (it was made for other folds): remove the "
                        "folder and run it again");
}

} // namespace

bool headOnlyRun(const experiment::ExperimentConfig &config)
{
    return std::all_of(config.stages.begin(), config.stages.end(),
                       [&](const experiment::StageConfig &s) {
                           return s.freeze == "backbone" ||
                                  (s.freeze.empty() && config.model.freeze == "backbone");
                       });
}

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

void shortenFoldRun(experiment::ExperimentConfig &config, int epochsPerRun)
{
    if (epochsPerRun <= 0 || config.stages.empty())
        return;
    for (auto &stage : config.stages)
        stage.epochs = std::max(1, epochsPerRun / int(config.stages.size()));
}

std::vector<PointSpec> foldRunPoints(const std::string &runDir,
                                     const experiment::ExperimentConfig &base,
                                     const FoldRunPlan &plan, int epochsPerRun)
{
    std::vector<PointSpec> points;
    for (int k = 0; k < plan.folds; ++k) {
        PointSpec p;
        p.name = "fold " + std::to_string(k + 1) + " of " + std::to_string(plan.folds);
        p.runDir = foldRunDir(runDir, k);
        p.config = base;
        p.config.name = p.name;
        p.config.data.exclude = foldExclude(base, plan, k);
        shortenFoldRun(p.config, epochsPerRun);
        p.configFile = p.runDir + ".json";
        p.logFile = p.runDir + ".log";
        points.push_back(std::move(p));
    }
    return points;
}

std::vector<std::string> staleFoldRuns(const std::string &runDir,
                                       const experiment::ExperimentConfig &base,
                                       const FoldRunPlan &plan)
{
    std::vector<std::string> stale;
    for (int k = 0; k < plan.folds; ++k) {
        const std::string dir = foldRunDir(runDir, k);
        std::error_code ec;
        if (!std::filesystem::exists(RunDir(dir).config(), ec))
            continue;
        try {
            const auto config = experiment::ExperimentConfig::fromRunFile(RunDir(dir).config());
            if (config.data.exclude == foldExclude(base, plan, k))
                continue;
        } catch (const Error &) {
            // unreadable: made again
        }
        stale.push_back(dir);
    }
    return stale;
}

double estimateFoldRunSeconds(const RunSummary &done, const experiment::ExperimentConfig &shortened,
                              int folds)
{
    if (done.totalSeconds <= 0 || done.stages.empty() || folds < 2)
        return -1;
    const double share = double(folds - 1) / folds; // the training images a fold run keeps
    double staged = 0, seconds = 0;
    for (std::size_t s = 0; s < done.stages.size(); ++s) {
        const RunSummary::Stage &st = done.stages[s];
        staged += st.featureSeconds + st.trainSeconds;
        const double perEpoch = st.secondsPerEpoch > 0 ? st.secondsPerEpoch
                                : st.epochs > 0        ? st.trainSeconds / st.epochs
                                                       : 0;
        const int epochs =
            s < shortened.stages.size() ? shortened.stages[s].epochs : std::max(0, st.epochs);
        seconds += share * (st.featureSeconds + perEpoch * epochs);
    }
    return seconds + std::max(0.0, done.totalSeconds - staged);
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
    out.fromRuns = true;
    out.classes = std::int64_t(f.classNames.size());
    out.train.assign(std::size_t(f.train.rows * out.classes), 0.f);
    out.val.assign(std::size_t(f.val.rows * out.classes), 0.f);
    const auto classes = std::size_t(out.classes);
    for (int k = 0; k < plan.folds; ++k) {
        const std::string &dir = foldDirs[std::size_t(k)];
        if (!RunDir(dir).isFinished() || !RunDir(dir).hasModel())
            throw Error(dir + ": the fold's run has not finished (no " + RunDir::kSummary + ")");
        checkLeftOut(dir, plan, k);
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
