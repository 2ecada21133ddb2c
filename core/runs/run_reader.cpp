#include "runs/run_reader.h"

#include "error.h"
#include "files.h"
#include "runs/run_experiment.h"
#include "runs/run_writer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace tl::runs {

namespace {

nlohmann::json readJson(const std::string &path)
{
    const Bytes b = readFile(path);
    try {
        return nlohmann::json::parse(b.begin(), b.end());
    } catch (const nlohmann::json::exception &e) {
        throw fileError(path, std::string("not valid JSON: ") + e.what());
    }
}

std::string fixed(double v, int digits)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

} // namespace

std::string RunInfo::status() const
{
    if (running)
        return "running";
    if (finished)
        return stopped ? "stopped" : "finished";
    return resumable ? "interrupted" : "incomplete";
}

RunInfo readRun(const std::string &dir)
{
    RunInfo r;
    r.dir = dir;
    r.name = fs::path(dir).filename().string();
    if (r.name.empty())
        r.name = fs::path(dir).parent_path().filename().string();
    std::error_code ec;
    const fs::path config = fs::path(dir) / "config.json", summary = fs::path(dir) / "summary.json";
    if (!fs::exists(config, ec))
        throw fileError(dir, "is not a TransferLab run folder (no config.json)");
    const auto c = readJson(config.string());
    try {
        r.model = c.at("model").at("name").get<std::string>();
        r.dataset = c.at("data").at("dataset").get<std::string>();
        r.weights = c.at("model").value("weights", "none");
        r.stages = int(c.at("stages").size());
    } catch (const nlohmann::json::exception &e) {
        throw fileError(config.string(), std::string("unexpected content: ") + e.what());
    }
    if (fs::exists(fs::path(dir) / "run.lock", ec)) {
        // Alive when the process that wrote the lock still exists (same machine).
        std::ifstream lock(fs::path(dir) / "run.lock");
        long pid = 0;
        if (lock >> pid && pid > 0)
            r.running = ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
    }
    if (!r.running && !fs::exists(summary, ec) && fs::exists(fs::path(dir) / "state.tlstate", ec))
        r.resumable = true;
    if (!r.running && fs::exists(summary, ec)) {
        const auto s = readJson(summary.string());
        r.finished = true;
        r.totalParams = s.value("total_params", std::int64_t(0));
        r.trainableParams = s.value("trainable_params", std::int64_t(0));
        r.epochs = s.value("epochs", 0);
        r.testAccuracy = s.value("test_accuracy", 0.0);
        r.secondsPerEpoch = s.value("seconds_per_epoch", 0.0);
        r.imagesPerSecond = s.value("train_images_per_second", 0.0);
        r.totalSeconds = s.value("total_seconds", 0.0);
        r.stopped = s.value("stopped", false);
        if (s.contains("best_val_accuracy") && s["best_val_accuracy"].is_number())
            r.bestValAccuracy = s["best_val_accuracy"].get<double>();
    }
    return r;
}

namespace {

std::vector<std::vector<std::string>> readCsv(const std::string &path)
{
    const Bytes b = readFile(path);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < b.size(); ++i) {
        const char c = char(b[i]);
        if (quoted) {
            if (c == '"' && i + 1 < b.size() && b[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(cell);
            cell.clear();
        } else if (c == '\n') {
            row.push_back(cell);
            rows.push_back(row);
            row.clear();
            cell.clear();
        } else if (c != '\r') {
            cell += c;
        }
    }
    if (!cell.empty() || !row.empty()) {
        row.push_back(cell);
        rows.push_back(row);
    }
    return rows;
}

double number(const std::string &s, const std::string &origin)
{
    try {
        return s.empty() ? 0.0 : std::stod(s);
    } catch (const std::exception &) {
        throw fileError(origin, "'" + s + "' is not a number");
    }
}

} // namespace

RunResult loadRunResult(const std::string &dir)
{
    const RunInfo info = readRun(dir);
    if (!info.finished)
        throw fileError(dir, "this run has not finished (no summary.json)");
    RunResult r;
    r.runDir = dir;
    r.secondsPerEpoch = info.secondsPerEpoch;
    r.trainImagesPerSecond = info.imagesPerSecond;
    r.seconds = info.totalSeconds;
    r.totalParams = info.totalParams;
    r.trainableParams = info.trainableParams;
    r.stopped = info.stopped;
    const std::string confusion = dir + "/confusion.csv";
    const auto conf = readCsv(confusion);
    if (conf.size() < 3)
        throw fileError(confusion, "too few rows");
    for (std::size_t c = 1; c < conf[0].size(); ++c)
        r.classNames.push_back(conf[0][c]);
    const int n = int(r.classNames.size());
    train::Evaluation &e = r.test;
    e.numClasses = n;
    e.confusion.assign(std::size_t(n) * std::size_t(n), 0);
    for (int t = 0; t < n && t + 1 < int(conf.size()); ++t)
        for (int p = 0; p < n && p + 1 < int(conf[std::size_t(t + 1)].size()); ++p)
            e.confusion[std::size_t(t * n + p)] =
                std::int64_t(number(conf[std::size_t(t + 1)][std::size_t(p + 1)], confusion));
    for (auto v : e.confusion)
        e.count += v;
    const std::string preds = dir + "/predictions.csv";
    const auto rows = readCsv(preds);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].size() < 5)
            continue;
        train::Prediction p;
        p.index = std::int64_t(number(rows[i][0], preds));
        p.trueLabel = int(number(rows[i][1], preds));
        p.predicted = int(number(rows[i][2], preds));
        p.confidence = float(number(rows[i][3], preds));
        p.loss = float(number(rows[i][4], preds));
        p.topClasses[0] = p.predicted;
        p.topProbabilities[0] = p.confidence;
        e.predictions.push_back(p);
    }
    const auto s = readJson(dir + "/summary.json");
    e.accuracy = s.value("test_accuracy", 0.0);
    e.loss = s.value("test_loss", 0.0);
    e.top5Accuracy = s.value("test_top5_accuracy", 0.0);
    r.device = s.value("device", std::string());
    train::computeClassMetrics(e);
    const std::string metrics = dir + "/metrics.csv";
    const auto m = readCsv(metrics);
    for (std::size_t i = 1; i < m.size(); ++i) {
        if (m[i].size() < 11)
            continue;
        train::EpochMetrics em;
        em.stage = int(number(m[i][0], metrics));
        em.stageName = m[i][1];
        em.epoch = int(number(m[i][2], metrics));
        em.globalEpoch = int(number(m[i][3], metrics));
        em.trainLoss = number(m[i][4], metrics);
        em.trainAccuracy = number(m[i][5], metrics);
        em.hasValidation = !m[i][6].empty();
        em.valLoss = number(m[i][6], metrics);
        em.valAccuracy = number(m[i][7], metrics);
        em.learningRate = number(m[i][8], metrics);
        em.seconds = number(m[i][9], metrics);
        em.imagesPerSecond = number(m[i][10], metrics);
        if (m[i].size() > 11)
            em.trainableParams = std::int64_t(number(m[i][11], metrics));
        r.epochs.push_back(em);
    }
    std::error_code ec;
    const std::string perEpoch = dir + "/confusion_epochs.csv";
    if (fs::exists(perEpoch, ec)) {
        for (auto &em : r.epochs)
            em.testConfusion.assign(std::size_t(n) * std::size_t(n), 0);
        const auto rowsE = readCsv(perEpoch);
        for (std::size_t i = 1; i < rowsE.size(); ++i) {
            if (rowsE[i].size() < 4)
                continue;
            const int ge = int(number(rowsE[i][0], perEpoch)),
                      t = int(number(rowsE[i][1], perEpoch)),
                      p = int(number(rowsE[i][2], perEpoch));
            for (auto &em : r.epochs)
                if (em.globalEpoch == ge && t >= 0 && t < n && p >= 0 && p < n)
                    em.testConfusion[std::size_t(t * n + p)] =
                        std::int64_t(number(rowsE[i][3], perEpoch));
        }
    }
    return r;
}

std::vector<RunInfo> listRuns(const std::string &parent)
{
    std::vector<RunInfo> out;
    std::error_code ec;
    if (!fs::is_directory(parent, ec))
        return out;
    for (const auto &e : fs::directory_iterator(parent, ec)) {
        if (!e.is_directory() || !fs::exists(e.path() / "config.json", ec))
            continue;
        try {
            out.push_back(readRun(e.path().string()));
        } catch (const Error &) {
            // a damaged folder is left out of the list
        }
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
    return out.str();
}

} // namespace tl::runs
