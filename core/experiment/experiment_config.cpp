#include "experiment/experiment_config.h"

#include "base/error.h"
#include "experiment/config_schema.h"
#include "io/files.h"
#include "io/json_file.h"

#include <nlohmann/json.hpp>

using nlohmann::json;

namespace tl::experiment {

namespace {

// Experiment files are written by people: unknown keys (typos) are refused, not ignored, the
// version is compared, and the values are checked. A run folder's config.json was written by a
// TransferLab, possibly a newer one: its unknown keys are skipped.
ExperimentConfig read(const json &j, const std::string &origin, bool inRun)
{
    ExperimentConfig c;
    JsonObject top(j, "", origin, /*strict=*/!inRun);
    int version = ExperimentConfig::kVersion;
    top.get("version", version);
    if (!inRun && version != ExperimentConfig::kVersion)
        top.fail("version", "this TransferLab reads version " +
                                std::to_string(ExperimentConfig::kVersion) + ", the file has " +
                                std::to_string(version));
    if (!inRun && top.has("sweep"))
        top.fail("sweep", "this file describes a sweep of many runs; run it with "
                          "`transferlab-cli sweep FILE`");
    schema::ConfigReader reader(top, inRun);
    schema::visitExperiment(reader, c);
    return c;
}

} // namespace

ExperimentConfig ExperimentConfig::fromJson(const std::string &text, const std::string &origin)
{
    ExperimentConfig c = read(parseJson(text, origin), origin, false);
    try {
        c.validate();
    } catch (const Error &e) {
        throw fileError(origin, e.what());
    }
    return c;
}

ExperimentConfig ExperimentConfig::fromFile(const std::string &path)
{
    const Bytes b = readFile(path);
    return fromJson(std::string(b.begin(), b.end()), path);
}

ExperimentConfig ExperimentConfig::fromRunFile(const std::string &path)
{
    return read(readJsonFile(path), path, true);
}

std::string ExperimentConfig::toJson() const
{
    json j = json::object();
    j["version"] = kVersion;
    schema::ConfigWriter writer(j);
    schema::visitExperiment(writer, *this);
    return j.dump(2) + "\n";
}

void ExperimentConfig::validate() const
{
    schema::ConfigChecker checker;
    schema::visitExperiment(checker, *this);
}

} // namespace tl::experiment
