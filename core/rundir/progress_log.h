#pragma once

#include "io/files.h"
#include "train/training_types.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace tl::runs {

// progress.csv in a run folder: the training's progress within epochs, so that a window that
// did not start the run (a CLI run, a cluster job writing to a shared file system) can draw its
// per-batch curves while it advances. metrics.csv keeps the completed epochs.
struct ProgressRow
{
    double time = 0;     // seconds since the Unix epoch
    int stage = 0;       // 0-based
    int globalEpoch = 1; // 1-based across stages
    int epoch = 1;       // 1-based within the stage
    int epochs = 1;      // of the stage
    std::int64_t batch = 0;
    std::int64_t batches = 1;
    double loss = 0, accuracy = 0;             // running means over the epoch so far
    double recentLoss = 0, recentAccuracy = 0; // since the previous row
    double learningRate = 0;
    double imagesPerSecond = 0;
    // The x of a chart over epochs: global epoch - 1 + batch / batches.
    double x() const { return globalEpoch - 1 + double(batch) / double(batches); }
};

// Appends a row at most once a second, and always for an epoch's last batch (rank 0 of a
// distributed run writes it; its batches are its shard's).
class ProgressLog
{
public:
    explicit ProgressLog(std::string path) : m_path(std::move(path)) {}
    ~ProgressLog();
    ProgressLog(const ProgressLog &) = delete;
    ProgressLog &operator=(const ProgressLog &) = delete;
    void add(const train::BatchProgress &p);

private:
    std::string m_path;
    std::FILE *m_file = nullptr;
    std::chrono::steady_clock::time_point m_last{};
};

// Reads the rows a run appended since the last call: only whole lines (the writer may be in the
// middle of one), at most 4 MiB a call. Lines that do not parse, or whose numbers are out of
// range, are skipped and counted; a file that shrank (rewritten) is read again from its start.
class ProgressTail
{
public:
    explicit ProgressTail(std::string path) : m_path(std::move(path)) {}
    std::vector<ProgressRow> readNew();
    int skipped() const { return m_skipped; }
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
    std::uint64_t m_offset = 0;
    int m_skipped = 0;
};

// One line of progress.csv (no line break); false when it is not a row (the header, a broken
// line, a number out of range).
bool parseProgressLine(const std::string &line, ProgressRow &row);

} // namespace tl::runs
