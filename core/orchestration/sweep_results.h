#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tl::runs {

// A sweep folder read back (its sweep.json, written by `transferlab-cli sweep` and by the
// window's queue), for the results table, the charts and the report. Everything in the file is
// checked: a damaged or hostile sweep.json is a tl::Error naming it and the key.

struct SweepRunEntry
{
    std::string name;    // the point's run folder name ("lr-0.001_freeze-backbone-r1")
    std::string variant; // the point without its repeat ("lr-0.001_freeze-backbone")
    int repeat = 0;
    std::string runDir;              // absolute: the sweep folder / run
    std::string status; // pending | running | finished | failed | stopped | pruned
    std::string message;             // why it failed
    std::vector<std::string> values; // one per SweepResults::parameters ("" when not set)
    std::vector<double> numbers;     // the same as numbers, NaN when not numeric
    double testAccuracy = -1;        // -1: none (not finished)
    double seconds = 0;              // wall time of the training process
    int epochs = 0;                  // epochs trained, when recorded
    int prunedRung = 0;              // pruned: the epoch it was stopped at
    double prunedValue = 0;          // pruned: its early-stop metric there
};

// The repeats of one point, summarised.
struct SweepGroup
{
    std::string variant;
    std::vector<std::size_t> runs; // indices into SweepResults::runs
    int finished = 0;
    double meanAccuracy = -1; // over the finished repeats; -1 when none finished
    double sdAccuracy = 0;    // sample standard deviation (0 with one repeat)
    double meanSeconds = 0;
};

struct SweepResults
{
    std::string dir;
    std::string origin; // the experiment file or recipe it came from
    std::string mode;   // grid | list | random | tpe
    int repeats = 1;
    // Early stopping, when the sweep had it: the method (asha, median; "" for none), the metric
    // it judged, its rungs (epochs) and a point's epochs.
    std::string earlyStop;
    std::string earlyStopMetric;
    std::vector<int> rungs;
    int totalEpochs = 0;
    std::vector<std::string> parameters; // the swept setting paths
    std::vector<SweepRunEntry> runs;
    std::vector<SweepGroup> groups; // in the order of the file

    // The parameters whose values are all numbers (for a chart against them).
    bool numeric(std::size_t parameter) const;
    // A chart against `parameter` draws one series per value of this other setting of a grid
    // (the first one); parameters.size() when there is none.
    std::size_t seriesParameter(std::size_t parameter) const;
    // The groups with a finished run that a chart against `parameter` draws in series `series`
    // (an index into distinctValues(seriesParameter(parameter)); 0 when there is one series).
    std::vector<const SweepGroup *> seriesGroups(std::size_t parameter, std::size_t series) const;
    // Distinct values of a parameter, in first-seen order.
    std::vector<std::string> distinctValues(std::size_t parameter) const;
};

// Mean test accuracy of the finished runs for each pair of values of two settings (a heat map):
// rows are `rowParam`'s distinct values, columns `colParam`'s, in first-seen order.
struct SweepCells
{
    std::vector<std::string> rows, cols;
    std::vector<std::vector<double>> mean;     // NaN where no run finished
    std::vector<std::vector<int>> count;       // finished runs in the cell
    std::vector<std::vector<std::string>> run; // the first finished run's folder ("" if none)
    double lo = 1, hi = 0;                     // the range of the means (lo > hi: none)
};
SweepCells sweepCells(const SweepResults &r, std::size_t rowParam, std::size_t colParam);

bool isSweepFolder(const std::string &dir);
SweepResults readSweep(const std::string &dir);
// The same from sweep.json's text (`origin` names it in errors; run folders are under `dir`).
SweepResults parseSweep(const std::string &text, const std::string &origin, const std::string &dir);
// Sweep folders directly under `parent` (newest first); those that cannot be read are skipped.
std::vector<std::string> listSweeps(const std::string &parent);

// The runs no other run beats on both: not slower and at least as accurate, one of them
// strictly. Indices into the inputs, fastest first (the front climbs in accuracy).
std::vector<std::size_t> paretoFront(const std::vector<double> &seconds,
                                     const std::vector<double> &accuracy);

struct RunInfo;

// How long a run of `model` over `imagesPerEpoch` images for `epochs` epochs should take, from
// the training speed (images/s) of the finished runs of that model in `measured` (their
// median); -1 when none of them trained that model.
double estimateRunSeconds(const std::vector<RunInfo> &measured, const std::string &model,
                          double imagesPerEpoch, int epochs);

// A short name for a setting path in tables and axes: "stages.1.freeze" -> "stage 2 freeze",
// "stages.0.optimizer.lr" -> "stage 1 lr", "model.name" -> "model".
std::string settingCaption(const std::string &path);

} // namespace tl::runs
