#include "runs/run_reader.h"

#include "error.h"
#include "files.h"
#include "runs/run_writer.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
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
    if (fs::exists(summary, ec)) {
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
             r.finished ? fixed(r.testAccuracy, 4) : "running", fixed(r.secondsPerEpoch, 1),
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
