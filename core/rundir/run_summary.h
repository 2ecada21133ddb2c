#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tl::runs {

// summary.json: a finished run's headline numbers. The one type every writer and reader of the
// file uses (the run writer, the Runs panel, compare, report, `evaluate --run`).
struct RunSummary
{
    struct Stage
    {
        std::string name;
        int epochs = 0;
        std::string freeze; // the freeze spec in effect ("none", "backbone", paths...)
        std::int64_t trainableParams = 0;
        double secondsPerEpoch = 0;
        double trainImagesPerSecond = 0;
        bool cachedFeatures = false;
        // The stage's time in two parts: the frozen body's one feature pass (cached stages; 0
        // otherwise) and its epochs' training (for a cached stage: the head's own training).
        double featureSeconds = 0;
        double trainSeconds = 0;
    };
    // A teacher's warning the run gave (train/training_hints.h): kind as hintKindName says,
    // the global epoch it was seen in (0: before training), the text as shown.
    struct Warning
    {
        std::string kind;
        int epoch = 0;
        std::string text;
    };
    struct Confusion
    {
        std::string trueClass;
        std::string predicted;
        std::int64_t count = 0;
    };

    std::string name; // the experiment's name (free text)
    std::string model;
    std::string weights;
    std::string head;
    std::string freeze; // in effect at the first stage
    // The layers frozen at the start of the run (module paths, the outermost fully frozen ones).
    std::vector<std::string> frozenLayers;
    std::string dataset;
    double trainFraction = 1.0;
    std::string device;
    // Data-parallel ranks (1: one process) and the batch one optimizer step averages over
    // (the per-rank batch size times the ranks, of the last stage).
    int worldSize = 1;
    std::string distBackend; // gloo, nccl; empty for one process
    int globalBatchSize = 0;
    // Rank 0's seconds in the gradient all-reduce (the whole run) and the bytes each step sends
    // (trainable parameters only); written for a distributed run.
    double allReduceSeconds = 0;
    std::int64_t allReduceBytesPerStep = 0;
    int epochs = 0;
    bool stopped = false;
    // Why it stopped before its last epoch, when something other than a person stopped it (a
    // sweep's early stopping: "pruned by ASHA at epoch 3: ..."); "" otherwise.
    std::string stopReason;
    std::int64_t trainSamples = 0;
    std::int64_t valSamples = 0;
    std::int64_t testSamples = 0;
    // The test images and their labels (ImageStore::identity): runs with different ones cannot
    // be compared on test accuracy. "" in runs from before it was written.
    std::string testSet;
    std::int64_t totalParams = 0;
    std::int64_t trainableParams = 0; // during the last stage that trained
    double testAccuracy = 0;
    double testLoss = 0;
    double testTop5Accuracy = 0;
    std::optional<double> bestValAccuracy;
    double secondsPerEpoch = 0;
    double trainImagesPerSecond = 0;
    double totalSeconds = 0;
    std::string finishedAt;
    std::string runDir;
    std::vector<std::string> featureCachedStages;
    std::string resumedFrom; // set when the run was continued from a state
    std::string forkedFrom;  // set when the run started from another run's state
    std::vector<Stage> stages;
    std::vector<Confusion> mostConfused; // true -> predicted, most frequent first
    std::vector<Warning> warnings;

    // Indented for the file; `indent` -1: one line (what the CLI prints last).
    std::string toJson(int indent = 2) const;
    // tl::Error naming `origin` and the key for a damaged file; keys it does not know (from a
    // newer TransferLab) are ignored, missing ones keep their defaults.
    static RunSummary fromJson(const std::string &text, const std::string &origin);
    static RunSummary fromFile(const std::string &path);
};

} // namespace tl::runs
