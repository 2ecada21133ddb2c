#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tl::runs {

// What `compare` and the Runs panel need from a run folder (summary.json, config.json).
struct RunInfo
{
    std::string dir;
    std::string name;           // the folder's name
    std::string experimentName; // the name the user gave the experiment ("" when none)
    std::string model;
    std::string dataset;
    double trainFraction = 1.0;
    int plannedEpochs = 0; // over all stages, as configured
    std::string weights;
    std::int64_t totalParams = 0;
    std::int64_t trainableParams = 0;
    int stages = 0;
    int epochs = 0;
    double bestValAccuracy = -1; // -1: no validation
    double testAccuracy = 0;
    double secondsPerEpoch = 0;
    double imagesPerSecond = 0;
    double totalSeconds = 0;
    bool stopped = false;
    std::string stopReason; // summary.json's stop_reason (a sweep's early stopping)
    std::string testSet;    // summary.json's test_set (ImageStore::identity; "" in older runs)
    bool finished = false;  // summary.json present
    bool running = false;   // a live process holds its run.lock
    std::string host;       // the machine running it, when not this one
    bool resumable = false; // unfinished, not running, with a state.tlstate to resume from
    std::string error;      // the folder could not be read: why (status "damaged")
    // "finished", "stopped", "running", "interrupted", "incomplete" (unfinished, no state) or
    // "damaged"
    std::string status() const;
};

// A run on another machine counts as running while one of its files changed within this long
// (progress.csv is appended every second while it trains; evaluation passes and feature
// extraction can be quiet for minutes).
constexpr double kRemoteRunQuietSeconds = 600;

// tl::Error naming the folder when it holds no run.
RunInfo readRun(const std::string &dir);

// Removes DIR/run.lock when the process it names, on this machine, has ended without removing
// it (rank 0 of a distributed run killed: the rank that saw it go calls this). A lock of a live
// process, or of another machine's, stays. True when one was removed.
bool removeDeadRunLock(const std::string &dir);

struct RunResult;

// A finished run read back from its folder (metrics.csv, confusion.csv, confusion_epochs.csv,
// predictions.csv, summary.json, preprocessing.json), as the Results panel shows it.
RunResult loadRunResult(const std::string &dir);

// The CSV files of a run folder, parsed from bytes into `r` (`origin` names them in errors):
// confusion.csv first (it sets the class count the others are checked against).
void parseConfusionCsv(const std::vector<std::uint8_t> &data, const std::string &origin,
                       RunResult &r);
void parsePredictionsCsv(const std::vector<std::uint8_t> &data, const std::string &origin,
                         RunResult &r);
void parseMetricsCsv(const std::vector<std::uint8_t> &data, const std::string &origin,
                     RunResult &r);
void parseEpochConfusionsCsv(const std::vector<std::uint8_t> &data, const std::string &origin,
                             RunResult &r);

// Run folders under `parent` (those with a config.json), and the runs of the groups there (a
// sweep's or a lesson's folder: named "group/run"), newest first; a folder that cannot be read
// is listed as damaged, with the reason, rather than left out.
std::vector<RunInfo> listRuns(const std::string &parent);

// The comparison table every notebook ends with, as Markdown or CSV.
std::string comparisonTable(const std::vector<RunInfo> &runs, bool csv);
// "" when the finished runs were tested on the same images with the same labels (as far as their
// summaries say), else a sentence saying which differ: their test accuracies are not comparable
// (a drawn test split changes when files move between class folders; label fixes on test images
// change the labels). The Markdown table ends with it.
std::string testSetWarning(const std::vector<RunInfo> &runs);

} // namespace tl::runs
