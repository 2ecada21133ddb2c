#pragma once

// Out-of-sample label scores from K runs of the experiment itself (issue 28): when the backbone
// is fine-tuned, its features have seen every training label, so heads on them (label_folds.h)
// are out of sample only for the head. Instead the experiment runs K times, each run leaving
// one fold of the training images out (data.exclude); each image is then scored by the run
// that never saw it. The runs go through the Scheduler like a sweep's points (resumable:
// started again, finished folds are skipped). Qt-free and torch-free.

#include "analysis/label_folds.h"
#include "orchestration/scheduler.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {
struct DatasetSplits;
}

namespace tl::runs {

struct RunSummary;

// Every stage trains the head alone (the model's freeze, or each stage's own): the features
// never saw the labels, so heads on them (label_folds.h) are out of sample. Otherwise only the
// fold runs are.
bool headOnlyRun(const experiment::ExperimentConfig &config);

struct FoldRunPlan
{
    int folds = 0;
    std::vector<int> fold; // of each row: f.train's rows, then f.val's
    // Per fold, the source indices (in the dataset's training split) it leaves out.
    std::vector<std::vector<std::int64_t>> exclude;
};

// Stratified folds over the run's training and validation images (as label_folds.h deals them).
FoldRunPlan planFoldRuns(const RunFeatures &f, const LabelFoldOptions &options);

// The folder of fold k's run: RUN/label-folds/fold-K.
std::string foldRunDir(const std::string &runDir, int fold);

// The K fold runs as the scheduler's points: `base` (the run's config.json) leaving fold k's
// images out too (data.exclude), named "fold K of N", in foldRunDir with its config and log
// beside it (fold-K.json, fold-K.log). Added without `fresh`, so a finished one is skipped and
// an interrupted one resumed. epochsPerRun > 0 shortens each run (shortenFoldRun).
std::vector<PointSpec> foldRunPoints(const std::string &runDir,
                                     const experiment::ExperimentConfig &base,
                                     const FoldRunPlan &plan, int epochsPerRun);
// The epochs of each stage of a fold run: epochsPerRun shared over the stages (at least one
// each), or the run's own when epochsPerRun is 0.
void shortenFoldRun(experiment::ExperimentConfig &config, int epochsPerRun);

// Fold run folders made for other folds (their data.exclude is not the plan's, as after
// `--folds 2` and then 5): scores from them would not be out of sample. The caller removes them
// before the runs start.
std::vector<std::string> staleFoldRuns(const std::string &runDir,
                                       const experiment::ExperimentConfig &base,
                                       const FoldRunPlan &plan);

// How long one fold run should take, in seconds, from the run's own summary.json: each stage's
// seconds per epoch (and a cached stage's feature pass) scaled to the (K-1)/K of the training
// images a fold run trains on and to its epochs (`shortened`: the fold run's config), the rest
// (loading, validation, the test pass) as the run took. -1 when the summary holds no times.
double estimateFoldRunSeconds(const RunSummary &done, const experiment::ExperimentConfig &shortened,
                              int folds);

// Each row's probabilities from the fold run that left it out. `data` is the run's whole data
// (loadRunData), `foldDirs` the finished fold runs in fold order. tl::Error naming the fold's
// folder when a run cannot be read, is not finished, or trained on an image of its fold.
OutOfSampleProbabilities probabilitiesFromFoldRuns(const RunFeatures &f,
                                                   const data::DatasetSplits &data,
                                                   const FoldRunPlan &plan,
                                                   const std::vector<std::string> &foldDirs,
                                                   const FeatureProgress &progress = {});

} // namespace tl::runs
