#pragma once

#include "rundir/run_reader.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace tl::models {
class NetworkImpl;
}

namespace tl::runs {

// A finished run used as the starting point of another: `--weights run:DIR` (or the folder
// itself). Its model.pth goes into a model of the same architecture; what does not fit starts
// fresh, and the report says which tensors and why.

// The run folder a weights setting names ("run:DIR", or a folder holding config.json and
// model.pth); "" when it names something else (none, imagenet, a checkpoint file).
std::string runWeightsFolder(const std::string &weights);

// What the starting run was: read from its config.json and preprocessing.json.
struct SourceRun
{
    std::string dir;
    std::string model;   // architecture name
    std::string dataset; // dataset name
    std::vector<std::string> classNames;
    int channels = 0;
    int imageSize = 0;
    std::array<float, 3> mean{}, std{}; // the normalisation its features were learned with
};
// tl::Error naming the folder: not a run, unfinished (no model.pth), unreadable.
SourceRun readSourceRun(const std::string &dir);

struct TransferReport
{
    std::vector<std::string> taken;                         // copied from the run
    std::vector<std::pair<std::string, std::string>> fresh; // tensor, why it starts fresh
    std::vector<std::string> unused;                        // in the run, not in this model
    // "6 of 8 tensors from RUN; fresh: classifier.dense2.weight, ... (why)"
    std::string summary(const std::string &origin) const;
};

// Loads the run's model.pth into `model`, an `architecture` classifying `classNames`. The output
// layer (the last weight with one row per class, and its bias) starts fresh when the run's
// classes are not these, even at the same count: its rows score other classes. Tensors of
// another shape start fresh too. tl::Error naming both architectures when they differ, and
// naming the folder when nothing fits.
TransferReport loadRunWeights(models::NetworkImpl &model, const std::string &architecture,
                              const std::vector<std::string> &classNames, const SourceRun &run);

// Finished runs under `parent` that can start a model `architecture` ("" for any), newest
// first (what the Model tab's "from a run..." list and `weights list` show).
std::vector<RunInfo> runsUsableAsWeights(const std::string &parent,
                                         const std::string &architecture);

} // namespace tl::runs
