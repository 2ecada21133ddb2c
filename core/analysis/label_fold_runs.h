#pragma once

// Out-of-sample label scores from K runs of the experiment itself (issue 28): when the backbone
// is fine-tuned, its features have seen every training label, so heads on them (label_folds.h)
// are out of sample only for the head. Instead the experiment runs K times, each run leaving
// one fold of the training images out (data.exclude); each image is then scored by the run
// that never saw it. The runs go through the Scheduler like a sweep's points (resumable:
// started again, finished folds are skipped). Qt-free and torch-free.

#include "analysis/label_folds.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {
struct DatasetSplits;
}

namespace tl::runs {

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

// Each row's probabilities from the fold run that left it out. `data` is the run's whole data
// (loadRunData), `foldDirs` the finished fold runs in fold order. tl::Error naming the fold's
// folder when a run cannot be read or is not finished.
OutOfSampleProbabilities probabilitiesFromFoldRuns(const RunFeatures &f,
                                                   const data::DatasetSplits &data,
                                                   const FoldRunPlan &plan,
                                                   const std::vector<std::string> &foldDirs,
                                                   const FeatureProgress &progress = {});

} // namespace tl::runs
