#include "rundir/run_reader.h"

#include "base/error.h"
#include "experiment/experiment_config.h"
#include "io/csv.h"
#include "io/file_limits.h"
#include "io/files.h"
#include "rundir/run_dir.h"
#include "rundir/run_result.h"
#include "rundir/run_summary.h"
#include "rundir/run_writer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace tl::runs {

namespace {

std::string fixed(double v, int digits)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

} // namespace

std::string RunInfo::status() const
{
    if (!error.empty())
        return "damaged";
    if (running)
        return "running";
    if (finished)
        return stopped ? "stopped" : "finished";
    return resumable ? "interrupted" : "incomplete";
}

namespace {

Bytes readRunCsv(const std::string &path)
{
    return readFile(path, limits::kMaxCsvBytes);
}

} // namespace

bool removeDeadRunLock(const std::string &dir)
{
    return RunDir(dir).removeDeadLock();
}

RunInfo readRun(const std::string &dir)
{
    RunInfo r;
    r.dir = dir;
    r.name = fs::path(dir).filename().string();
    if (r.name.empty())
        r.name = fs::path(dir).parent_path().filename().string();
    const RunDir folder(dir);
    const fs::path config = folder.config(), summary = folder.summary();
    if (!folder.isRun())
        throw fileError(dir, std::string("is not a TransferLab run folder (no ") + RunDir::kConfig +
                                 ")");
    {
        const auto c = experiment::ExperimentConfig::fromRunFile(config.string());
        r.model = c.model.name;
        r.weights = c.model.weights;
        r.dataset = c.data.name;
        r.trainFraction = c.data.trainFraction;
        r.experimentName = c.name;
        r.stages = int(std::min<std::size_t>(c.stages.size(), 1000000));
        std::int64_t planned = 0;
        for (const auto &st : c.stages)
            planned += std::clamp(st.epochs, 0, 100000);
        r.plannedEpochs = int(std::min<std::int64_t>(planned, 1 << 30));
    }
    // Alive when the process that wrote the lock still runs (same machine); a run on another
    // machine (a cluster job on a shared file system) while its files keep changing.
    if (const auto owner = folder.lockOwner()) {
        if (!owner->thisMachine)
            r.host = owner->host;
        r.running = folder.lockHeldByLiveProcess(kRemoteRunQuietSeconds);
    }
    const bool finished = folder.isFinished();
    if (!r.running && !finished && folder.hasState())
        r.resumable = true;
    if (!r.running && finished) {
        const RunSummary s = RunSummary::fromFile(summary.string());
        r.finished = true;
        r.totalParams = s.totalParams;
        r.trainableParams = s.trainableParams;
        r.epochs = s.epochs;
        r.testAccuracy = s.testAccuracy;
        r.secondsPerEpoch = s.secondsPerEpoch;
        r.imagesPerSecond = s.trainImagesPerSecond;
        r.totalSeconds = s.totalSeconds;
        r.stopped = s.stopped;
        r.stopReason = s.stopReason;
        r.testSet = s.testSet;
        r.bestValAccuracy = s.bestValAccuracy.value_or(-1.0);
        if (!s.name.empty())
            r.experimentName = s.name;
    } else if (folder.hasMetrics()) {
        // An unfinished run: its completed epochs say how far it got and what trained.
        try {
            const std::string metrics = folder.metrics();
            RunResult done;
            parseMetricsCsv(readRunCsv(metrics), metrics, done);
            r.epochs = int(done.epochs.size());
            if (!done.epochs.empty())
                r.trainableParams = done.epochs.back().trainableParams;
            for (const auto &e : done.epochs)
                if (e.hasValidation)
                    r.bestValAccuracy = std::max(r.bestValAccuracy, e.valAccuracy);
        } catch (const Error &) {
            // Damaged metrics are reported when the run is opened or resumed.
        }
    }
    return r;
}

// confusion.csv: a header of class names, then one row per true class.
void parseConfusionCsv(const Bytes &data, const std::string &path, RunResult &r)
{
    train::Evaluation &e = r.test;
    int n = -1;
    forEachCsvRow(data, path, std::size_t(limits::kMaxClasses) + 1,
                  [&](const std::vector<std::string> &row, std::size_t line) {
                      if (n < 0) {
                          n = int(row.size()) - 1;
                          r.classNames.assign(row.begin() + 1, row.end());
                          return true;
                      }
                      if (row.size() == 1 && row[0].empty())
                          return true; // a blank line
                      if (int(row.size()) != n + 1)
                          throw fileError(path, "line " + std::to_string(line) + " has " +
                                                    std::to_string(row.size()) +
                                                    " columns, the header " +
                                                    std::to_string(n + 1));
                      if (int(line) - 1 > n)
                          throw fileError(path, "more rows than classes");
                      for (int p = 0; p < n; ++p)
                          e.confusion.push_back(csvInteger(row[std::size_t(p + 1)], path, line, 0,
                                                           std::int64_t(1) << 40));
                      return true;
                  });
    if (n < 2 || e.confusion.size() != std::size_t(n) * std::size_t(n))
        throw fileError(path, "is not a square confusion matrix of at least two classes");
    e.numClasses = n;
    for (auto v : e.confusion)
        e.count += v;
}

void parsePredictionsCsv(const Bytes &data, const std::string &path, RunResult &r)
{
    const int n = r.test.numClasses;
    if (n < 2)
        throw fileError(path, std::string("no class count to check the labels against (read ") +
                                  RunDir::kConfusion + " first)");
    forEachCsvRow(data, path, 16, [&](const std::vector<std::string> &row, std::size_t line) {
        if (line == 1 || row.size() < 5)
            return true; // the header, a blank line
        train::Prediction p;
        p.index = csvInteger(row[0], path, line, 0, std::int64_t(1) << 40);
        p.trueLabel = int(csvInteger(row[1], path, line, 0, n - 1));
        p.predicted = int(csvInteger(row[2], path, line, 0, n - 1));
        p.confidence = float(csvNumber(row[3], path, line));
        p.loss = float(csvNumber(row[4], path, line));
        p.topClasses[0] = p.predicted;
        p.topProbabilities[0] = p.confidence;
        r.test.predictions.push_back(p);
        return true;
    });
}

void parseMetricsCsv(const Bytes &data, const std::string &path, RunResult &r)
{
    forEachCsvRow(data, path, 64, [&](const std::vector<std::string> &row, std::size_t line) {
        if (line == 1 || row.size() < 11)
            return true;
        train::EpochMetrics m;
        m.stage = int(csvInteger(row[0], path, line, 0, 100000));
        m.stageName = row[1];
        m.epoch = int(csvInteger(row[2], path, line, 1, 100000000));
        m.globalEpoch = int(csvInteger(row[3], path, line, 1, 100000000));
        m.trainLoss = csvNumber(row[4], path, line);
        m.trainAccuracy = csvNumber(row[5], path, line);
        m.hasValidation = !row[6].empty();
        m.valLoss = csvNumber(row[6], path, line);
        m.valAccuracy = csvNumber(row[7], path, line);
        m.learningRate = csvNumber(row[8], path, line);
        m.seconds = csvNumber(row[9], path, line);
        m.imagesPerSecond = csvNumber(row[10], path, line);
        if (row.size() > 11 && !row[11].empty())
            m.trainableParams = csvInteger(row[11], path, line, 0, std::int64_t(1) << 50);
        r.epochs.push_back(m);
        return true;
    });
}

// confusion_epochs.csv: global_epoch,true,predicted,count for the non-zero cells.
void parseEpochConfusionsCsv(const Bytes &data, const std::string &path, RunResult &r)
{
    const int n = r.test.numClasses;
    if (n < 2)
        throw fileError(path, std::string("no class count to check the cells against (read ") +
                                  RunDir::kConfusion + " first)");
    std::map<int, train::EpochMetrics *> byEpoch;
    for (auto &em : r.epochs)
        byEpoch[em.globalEpoch] = &em;
    // A matrix per epoch that has cells in the file, within a budget: a long metrics.csv and a
    // wide confusion.csv must not multiply into gigabytes.
    constexpr std::uint64_t kMaxCells = 64ull << 20;
    std::uint64_t cells = 0;
    forEachCsvRow(data, path, 16, [&](const std::vector<std::string> &row, std::size_t line) {
        if (line == 1 || row.size() < 4)
            return true;
        const int ge = int(csvInteger(row[0], path, line, 1, 100000000));
        const auto t = csvInteger(row[1], path, line, 0, n - 1);
        const auto p = csvInteger(row[2], path, line, 0, n - 1);
        auto it = byEpoch.find(ge);
        if (it == byEpoch.end())
            return true;
        auto &m = it->second->testConfusion;
        if (m.empty()) {
            cells += std::uint64_t(n) * std::uint64_t(n);
            if (cells > kMaxCells)
                throw limitError(path, "the confusion cells over all epochs", cells, kMaxCells);
            m.assign(std::size_t(n) * std::size_t(n), 0);
        }
        m[std::size_t(t * n + p)] = csvInteger(row[3], path, line, 0, std::int64_t(1) << 40);
        return true;
    });
}

RunResult loadRunResult(const std::string &dir)
{
    const RunInfo info = readRun(dir);
    const RunDir folder(dir);
    if (!info.finished)
        throw fileError(dir,
                        std::string("this run has not finished (no ") + RunDir::kSummary + ")");
    RunResult r;
    r.runDir = dir;
    r.secondsPerEpoch = info.secondsPerEpoch;
    r.trainImagesPerSecond = info.imagesPerSecond;
    r.seconds = info.totalSeconds;
    r.totalParams = info.totalParams;
    r.trainableParams = info.trainableParams;
    r.stopped = info.stopped;
    const std::string confusion = folder.confusion(), predictions = folder.predictions();
    parseConfusionCsv(readRunCsv(confusion), confusion, r);
    parsePredictionsCsv(readRunCsv(predictions), predictions, r);
    const RunSummary s = RunSummary::fromFile(folder.summary());
    train::Evaluation &e = r.test;
    e.accuracy = s.testAccuracy;
    e.loss = s.testLoss;
    e.top5Accuracy = s.testTop5Accuracy;
    r.device = s.device;
    train::computeClassMetrics(e);
    const std::string metrics = folder.metrics(), perEpoch = folder.epochConfusions();
    parseMetricsCsv(readRunCsv(metrics), metrics, r);
    std::error_code ec;
    if (fs::exists(perEpoch, ec))
        parseEpochConfusionsCsv(readRunCsv(perEpoch), perEpoch, r);
    return r;
}

std::vector<RunInfo> listRuns(const std::string &parent)
{
    std::vector<RunInfo> out;
    std::error_code ec;
    if (!fs::is_directory(parent, ec))
        return out;
    auto add = [&out](const fs::path &dir, const std::string &name) {
        try {
            out.push_back(readRun(dir.string()));
        } catch (const Error &err) {
            RunInfo damaged;
            damaged.dir = dir.string();
            damaged.error = err.what();
            out.push_back(damaged);
        }
        out.back().name = name;
    };
    for (const auto &e : fs::directory_iterator(parent, ec)) {
        std::error_code e2;
        if (!e.is_directory(e2))
            continue;
        const RunDir entry(e.path().string());
        if (entry.isRun()) {
            add(e.path(), e.path().filename().string());
            continue;
        }
        // A group of runs (a sweep, a lesson): its runs, named "group/run".
        if (!entry.isGroup())
            continue;
        for (const auto &child : fs::directory_iterator(e.path(), e2))
            if (child.is_directory(e2) && RunDir(child.path().string()).isRun())
                add(child.path(),
                    e.path().filename().string() + "/" + child.path().filename().string());
    }
    std::sort(out.begin(), out.end(),
              [](const RunInfo &a, const RunInfo &b) { return a.name > b.name; });
    return out;
}

std::string comparisonTable(const std::vector<RunInfo> &runs, bool csv)
{
    const std::vector<std::string> header = {
        "run",    "model",        "weights",  "total params", "trainable params", "stages",
        "epochs", "best val acc", "test acc", "s/epoch",      "images/s",         "wall time (s)"};
    std::vector<std::vector<std::string>> rows;
    for (const auto &r : runs)
        rows.push_back(
            {r.name, r.model, r.weights, std::to_string(r.totalParams),
             std::to_string(r.trainableParams), std::to_string(r.stages), std::to_string(r.epochs),
             r.bestValAccuracy >= 0 ? fixed(r.bestValAccuracy, 4) : "",
             r.finished ? fixed(r.testAccuracy, 4) : r.status(), fixed(r.secondsPerEpoch, 1),
             fixed(r.imagesPerSecond, 0), fixed(r.totalSeconds, 1)});
    std::ostringstream out;
    if (csv) {
        for (std::size_t i = 0; i < header.size(); ++i)
            out << (i ? "," : "") << csvField(header[i]);
        out << '\n';
        for (const auto &row : rows) {
            for (std::size_t i = 0; i < row.size(); ++i)
                out << (i ? "," : "") << csvField(row[i]);
            out << '\n';
        }
        return out.str();
    }
    auto line = [&](const std::vector<std::string> &cells) {
        out << '|';
        for (const auto &c : cells)
            out << ' ' << c << " |";
        out << '\n';
    };
    line(header);
    out << '|';
    for (std::size_t i = 0; i < header.size(); ++i)
        out << (i < 3 ? "---|" : "---:|");
    out << '\n';
    for (const auto &row : rows)
        line(row);
    if (const std::string warning = testSetWarning(runs); !warning.empty())
        out << '\n' << warning << '\n';
    return out.str();
}

std::string testSetWarning(const std::vector<RunInfo> &runs)
{
    const RunInfo *first = nullptr;
    std::vector<std::string> others;
    for (const auto &r : runs) {
        if (!r.finished || r.testSet.empty())
            continue;
        if (!first)
            first = &r;
        else if (r.testSet != first->testSet)
            others.push_back(r.name);
    }
    if (others.empty())
        return {};
    std::string names;
    for (std::size_t i = 0; i < others.size(); ++i)
        names += (i ? ", " : "") + others[i];
    return "Not comparable on the test set: " + names + (others.size() == 1 ? " was" : " were") +
           " tested on other images or labels than " + first->name +
           " (files moved between class folders redraw a test split taken from the same "
           "folder; fixed test labels change it). Label-override files keep the test images.";
}

} // namespace tl::runs
