// transferlab-cli inspect: what a finished run's feature space says (suspicious labels, nearest
// training images, a 2-D map of the test set), from its model.pth and its data.

#include "commands.h"
#include "options.h"

#include "analysis/data_health.h"
#include "analysis/label_fold_runs.h"
#include "analysis/label_folds.h"
#include "analysis/run_inspect.h"
#include "base/error.h"
#include "data/dataset.h"
#include "experiment/experiment_config.h"
#include "inference/run_features.h"
#include "interrupt.h"
#include "io/files.h"
#include "orchestration/launcher.h"
#include "orchestration/scheduler.h"
#include "rundir/run_dir.h"
#include "rundir/run_summary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

namespace tl::cli {

runs::FeatureProgress progressLine();

namespace {

const char *kInspectHelp = R"(Usage: transferlab-cli inspect RUN_DIR [ACTION] [--json] [--no-cache]

Looks inside a finished run: the input of its model's last layer (its features) and its class
probabilities for every image, computed from model.pth and the run's data and kept in
RUN_DIR/features.safetensors (recomputed when model.pth changes).

Actions (without one: what the features are):
  --suspicious N        the N training and validation images whose label is least likely,
                        most suspicious first, with the class the model suggests. Scored out
                        of sample: K-fold heads on the features (--folds K, default 5; cached
                        in RUN_DIR/label_folds.safetensors); --quick: the model's own
                        probabilities instead (validation images when the run has some, else
                        the training images in sample); --fold-runs: K runs of the experiment,
                        each leaving a fold out (for a fine-tuned backbone, whose features saw
                        the labels; --fold-epochs E shortens them, --parallel P; resumable);
                        --split test: the test images by the model's own probabilities (it
                        never trained on them: a wrong test label makes the accuracy lie)
  --neighbours INDEX    the training images nearest (cosine distance of the features) to image
                        INDEX of the test set (its index as in predictions.csv); --split val or
                        train for another split, --count N for how many (default 8)
  --health              the data's health: exact and near duplicates within and across the
                        training, validation and test images (leakage first), images far
                        from every class, very dark, very bright and blurry images, and
                        class imbalance
  --embedding FILE.csv  the test set in 2-D (index,x,y,label,predicted,path); --method pca
                        (default) or tsne, --points N at most (default 10000)
Options:
  --json                one JSON array of objects (index, path, label, and score or distance)
  --no-cache            compute the features again and do not write features.safetensors
)";

std::string className(const runs::RunFeatures &f, int c)
{
    return c >= 0 && std::size_t(c) < f.classNames.size() ? f.classNames[std::size_t(c)]
                                                          : std::to_string(c);
}

nlohmann::json imageJson(const runs::RunFeatures &f, const runs::ImageRef &r)
{
    return {{"index", r.index},
            {"split", r.split},
            {"path", r.path},
            {"label", className(f, r.label)},
            {"label_index", r.label}};
}

// Every stage trains the head alone: the features never saw the labels (label_fold_runs.h).
bool backboneFrozen(const std::string &dir)
{
    return runs::headOnlyRun(experiment::ExperimentConfig::fromFile(runs::RunDir(dir).config()));
}

// K runs of the experiment, each leaving a fold out, through the scheduler (resumable); their
// scores cached like the heads' ones. Empty (stopped) when interrupted.
runs::OutOfSampleProbabilities foldRunScores(const runs::RunFeatures &f,
                                             const data::DatasetSplits &data, const Args &args,
                                             const runs::LabelFoldOptions &o)
{
    // Scored by the fold runs before (here or in the window): the cache holds their scores.
    runs::OutOfSampleProbabilities cached;
    if (!args.flag("no-cache") && runs::readOutOfSampleCache(f, o, cached) && cached.fromRuns) {
        std::fprintf(stderr, "The %d fold runs' scores, read from %s.\n", o.folds,
                     runs::RunDir::kLabelFolds);
        return cached;
    }
    const runs::FoldRunPlan plan = runs::planFoldRuns(f, o);
    const auto base = experiment::ExperimentConfig::fromFile(runs::RunDir(f.runDir).config());
    const int parallel = args.intIn("parallel", 1, 1, 64);
    runs::PosixLauncher launcher("/proc/self/exe");
    runs::SchedulerOptions options;
    options.parallel = parallel;
    options.trainArgs = {"--quiet"};
    runs::Scheduler scheduler(launcher, options);
    for (const std::string &stale : runs::staleFoldRuns(f.runDir, base, plan))
        std::filesystem::remove_all(stale);
    std::vector<runs::PointSpec> points =
        runs::foldRunPoints(f.runDir, base, plan, args.intIn("fold-epochs", 0, 0, 100000));
    const double each =
        runs::estimateFoldRunSeconds(runs::RunSummary::fromFile(runs::RunDir(f.runDir).summary()),
                                     points.front().config, plan.folds);
    std::vector<std::string> dirs;
    for (runs::PointSpec &p : points) {
        std::filesystem::create_directories(std::filesystem::path(p.runDir).parent_path());
        dirs.push_back(p.runDir);
        scheduler.add(std::move(p));
    }
    const std::string about =
        each >= 0 ? "about " + std::to_string(long(each + 0.5)) + " s each at the run's own speed"
                  : "the run's summary gives no times";
    std::fprintf(stderr,
                 "%d runs of the experiment, each leaving a fold out, %d at a time (%s; "
                 "finished folds are kept)\n",
                 plan.folds, parallel, about.c_str());
    InterruptScope interruptible;
    if (runToEnd(scheduler, launcher))
        return {};
    for (const auto &pt : scheduler.points())
        if (pt.state != runs::PointState::Finished)
            throw Error(pt.spec.runDir + ": " + pt.spec.name + " did not finish: " + pt.message +
                        " (log: " + pt.spec.logFile + ")");
    runs::OutOfSampleProbabilities scores =
        runs::probabilitiesFromFoldRuns(f, data, plan, dirs, progressLine());
    runs::writeOutOfSampleCache(f, o, scores);
    return scores;
}

runs::SuspicionReport suspicionReport(const runs::RunFeatures &f, const data::DatasetSplits &data,
                                      const Args &args, int n)
{
    if (args.str("split", "") == "test") // the model never trained on them
        return runs::suspiciousLabels(f, data, std::size_t(n), "test");
    if (args.flag("quick"))
        return runs::suspiciousLabels(f, data, std::size_t(n));
    runs::LabelFoldOptions o;
    o.folds = args.intIn("folds", 5, 2, 20);
    if (args.flag("fold-runs")) {
        const runs::OutOfSampleProbabilities scores = foldRunScores(f, data, args, o);
        if (scores.train.empty() && f.train.rows > 0)
            throw Error("stopped; the finished folds are kept in " +
                        (std::filesystem::path(f.runDir) / runs::RunDir::kLabelFoldRuns).string() +
                        ": run the same command again to continue");
        std::fprintf(stderr, "Out of sample: %s.\n", scores.basis.c_str());
        return runs::suspiciousLabelsOutOfSample(f, scores, data, std::size_t(n));
    }
    const runs::OutOfSampleProbabilities scores = runs::outOfSampleProbabilities(
        f, o, backboneFrozen(f.runDir), progressLine(), !args.flag("no-cache"));
    std::fprintf(stderr, "Out of sample: %s (%s in %.1f s).\n", scores.basis.c_str(),
                 scores.fromCache ? "read from label_folds.safetensors" : "computed",
                 scores.seconds);
    return runs::suspiciousLabelsOutOfSample(f, scores, data, std::size_t(n));
}

int suspicious(const runs::RunFeatures &f, const data::DatasetSplits &data, const Args &args, int n,
               bool json)
{
    const runs::SuspicionReport report = suspicionReport(f, data, args, n);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        int rank = 0;
        for (const auto &s : report.images) {
            nlohmann::json j = imageJson(f, s.image);
            j["rank"] = ++rank;
            j["suggested"] = className(f, s.suggested);
            j["score"] = s.selfConfidence;
            j["self_confidence"] = s.selfConfidence;
            j["likely_wrong"] = s.likelyWrong;
            j["out_of_sample"] = report.outOfSample;
            out.push_back(std::move(j));
        }
        std::printf("%s\n", out.dump().c_str());
        return 0;
    }
    std::printf(
        "%s\n",
        report.outOfSample
            ? ("The " + std::to_string(report.examined) + " " +
               (report.split == "val"    ? "validation images (held out of training"
                : report.split == "test" ? "test images (never trained on"
                                         : "training and validation images (K-fold") +
               ": out of sample), those flagged likely wrong first, then the least likely labels:")
                  .c_str()
            : ("The " + std::to_string(report.examined) +
               " training images, those flagged likely wrong first, then the least likely labels "
               "(in sample: the model "
               "trained on them, so it doubts wrong labels less than it should; "
               "train with a validation split for a fairer list):")
                  .c_str());
    std::printf("%5s %7s %-18s %-18s %9s %s\n", "rank", "index", "label", "model says", "p(label)",
                "flag");
    int rank = 0;
    for (const auto &s : report.images)
        std::printf("%5d %7lld %-18s %-18s %9.3g %s%s\n", ++rank,
                    static_cast<long long>(s.image.index), className(f, s.image.label).c_str(),
                    className(f, s.suggested).c_str(), s.selfConfidence,
                    s.likelyWrong ? "likely wrong" : "",
                    s.image.path.empty() ? "" : ("  " + s.image.path).c_str());
    return 0;
}

nlohmann::json healthJson(const runs::RunFeatures &f, const runs::HealthImage &i)
{
    return {{"index", i.index},
            {"split", i.split},
            {"path", i.path},
            {"label", className(f, i.label)},
            {"value", i.value}};
}

nlohmann::json healthListJson(const runs::RunFeatures &f, const std::vector<runs::HealthImage> &l,
                              std::int64_t count)
{
    nlohmann::json images = nlohmann::json::array();
    for (const auto &i : l)
        images.push_back(healthJson(f, i));
    return {{"count", count}, {"images", images}};
}

void printHealthList(const runs::RunFeatures &f, const char *title,
                     const std::vector<runs::HealthImage> &l, std::int64_t count, const char *unit)
{
    std::printf("\n%s: %lld\n", title, static_cast<long long>(count));
    for (std::size_t k = 0; k < l.size() && k < 10; ++k)
        std::printf("  %-5s %7lld %-14s %s %.3g  %s\n", l[k].split.c_str(),
                    static_cast<long long>(l[k].index), className(f, l[k].label).c_str(), unit,
                    l[k].value, l[k].path.c_str());
    if (l.size() > 10)
        std::printf("  ... and %lld more (--json lists %zu)\n", static_cast<long long>(count - 10),
                    l.size());
}

int health(const runs::RunFeatures &f, const data::DatasetSplits &data, bool json)
{
    const runs::DataHealth h = runs::checkDataHealth(f, data, {}, progressLine());
    if (json) {
        nlohmann::json groups = nlohmann::json::array();
        for (const auto &g : h.duplicates) {
            nlohmann::json images = nlohmann::json::array();
            for (const auto &i : g.images)
                images.push_back(healthJson(f, i));
            groups.push_back({{"exact", g.exact},
                              {"leakage", g.leakage},
                              {"labels_disagree", g.labelsDisagree},
                              {"images", images}});
        }
        nlohmann::json classes = nlohmann::json::array();
        for (const auto &c : h.classes)
            classes.push_back({{"class", c.name}, {"train", c.train}});
        const nlohmann::json out = {{"examined", h.examined},
                                    {"duplicates",
                                     {{"groups", groups},
                                      {"images", h.duplicateImages},
                                      {"leaked_images", h.leakedImages}}},
                                    {"outliers", healthListJson(f, h.outliers, h.outlierCount)},
                                    {"outlier_threshold", h.outlierThreshold},
                                    {"dark", healthListJson(f, h.dark, h.darkCount)},
                                    {"bright", healthListJson(f, h.bright, h.brightCount)},
                                    {"blurry", healthListJson(f, h.blurry, h.blurryCount)},
                                    {"classes", classes},
                                    {"imbalance", h.imbalance},
                                    {"advice", h.imbalanceAdvice},
                                    {"skipped", data.allSkipped().size()},
                                    {"seconds", h.seconds}};
        std::printf("%s\n", out.dump().c_str());
        return 0;
    }
    std::printf("Looked at %lld images in %.1f s.\n", static_cast<long long>(h.examined),
                h.seconds);
    // The files the data load left out are not among them: say how many, and where listed.
    const std::string skippedCsv = runs::RunDir(f.runDir).skipped();
    const std::string skipped =
        data.skippedText(std::filesystem::exists(skippedCsv) ? skippedCsv : std::string());
    if (!skipped.empty())
        std::printf("%s\n", skipped.c_str());
    const long long leaked = h.leakedImages;
    std::printf("\nDuplicates: %lld image%s in %zu group%s; %lld test or validation image%s "
                "repeat%s a training image (leakage: %s not a test)\n",
                static_cast<long long>(h.duplicateImages), h.duplicateImages == 1 ? "" : "s",
                h.duplicates.size(), h.duplicates.size() == 1 ? "" : "s", leaked,
                leaked == 1 ? "" : "s", leaked == 1 ? "s" : "",
                leaked == 1 ? "its score is" : "their scores are");
    for (std::size_t k = 0; k < h.duplicates.size() && k < 10; ++k) {
        const auto &g = h.duplicates[k];
        std::printf("  %s%s%s:\n", g.leakage ? "LEAK " : "", g.exact ? "exact" : "near",
                    g.labelsDisagree ? ", labels differ" : "");
        for (const auto &i : g.images)
            std::printf("    %-5s %7lld %-14s %s\n", i.split.c_str(),
                        static_cast<long long>(i.index), className(f, i.label).c_str(),
                        i.path.c_str());
    }
    printHealthList(f, "Far from every class", h.outliers, h.outlierCount, "distance");
    printHealthList(f, "Very dark", h.dark, h.darkCount, "mean grey");
    printHealthList(f, "Very bright", h.bright, h.brightCount, "mean grey");
    printHealthList(f, "Blurry", h.blurry, h.blurryCount, "sharpness");
    // countClasses counts the training split, the validation images held out of it included.
    std::printf("\nClasses (%s):",
                data.val.labels.empty() ? "training images" : "training and validation images");
    for (const auto &c : h.classes)
        std::printf(" %s %lld", c.name.c_str(), static_cast<long long>(c.train));
    std::printf("\n%s\n", h.imbalanceAdvice.empty()
                              ? "Balanced enough."
                              : ("Imbalanced: " + h.imbalanceAdvice + ".").c_str());
    return 0;
}

int neighbours(const runs::RunFeatures &f, const data::DatasetSplits &data, const Args &args,
               bool json)
{
    const std::string split = args.str("split", "test");
    const std::int64_t index = args.integer("neighbours", -1);
    const runs::FeatureSplit &s = runs::featureSplit(f, split);
    const std::int64_t row = s.rowOfSourceIndex(index);
    if (row < 0)
        throw UsageError{"--neighbours: no image " + std::to_string(index) + " in the run's " +
                         split + " split" +
                         (s.rows > 0
                              ? std::string(" (indices as in ") + runs::RunDir::kPredictions + ")"
                              : std::string(" (it is empty)"))};
    const int k = args.intIn("count", 8, 1, 1000);
    const auto near = runs::trainingNeighbours(f, data, split, row, k);
    const runs::ImageRef query = runs::imageRef(f, data, split, row);
    const int said = int(s.predicted(row));
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto &n : near) {
            nlohmann::json j = imageJson(f, n.image);
            j["distance"] = n.distance;
            out.push_back(std::move(j));
        }
        std::printf("%s\n", out.dump().c_str());
        return 0;
    }
    std::printf("%s image %lld (%s; the model says %s, %.1f %%): its %zu nearest training "
                "images\n",
                split.c_str(), static_cast<long long>(index), className(f, query.label).c_str(),
                className(f, said).c_str(), 100.0 * s.probability(row, said), near.size());
    std::printf("%7s %-18s %9s\n", "index", "label", "distance");
    for (const auto &n : near)
        std::printf("%7lld %-18s %9.4f%s\n", static_cast<long long>(n.image.index),
                    className(f, n.image.label).c_str(), n.distance,
                    n.image.path.empty() ? "" : ("  " + n.image.path).c_str());
    return 0;
}

int embedding(const runs::RunFeatures &f, const data::DatasetSplits &data, const Args &args,
              bool json)
{
    const std::string method = args.str("method", "pca");
    if (method != "pca" && method != "tsne")
        throw UsageError{"--method: '" + method + "' (pca or tsne)"};
    const int points = args.intIn("points", 10000, 4, 20000);
    const runs::Embedding e = runs::embedTestSet(
        f, method == "pca" ? runs::EmbeddingMethod::Pca : runs::EmbeddingMethod::Tsne,
        std::size_t(points), progressLine());
    std::string csv = "index,x,y,label,predicted,path\n";
    nlohmann::json out = nlohmann::json::array();
    for (const auto &p : e.points) {
        const runs::ImageRef r = runs::imageRef(f, data, "test", p.row);
        char xy[64];
        std::snprintf(xy, sizeof xy, "%.6g,%.6g", double(p.x), double(p.y));
        csv += std::to_string(r.index) + "," + xy + "," + className(f, p.label) + "," +
               className(f, p.predicted) + "," + r.path + "\n";
        if (json) {
            nlohmann::json j = imageJson(f, r);
            j["x"] = p.x;
            j["y"] = p.y;
            j["predicted"] = className(f, p.predicted);
            out.push_back(std::move(j));
        }
    }
    writeFileAtomic(args.str("embedding"), csv);
    if (json) {
        std::printf("%s\n", out.dump().c_str());
        return 0;
    }
    std::printf("%zu test images mapped by %s in %.1f s%s; written to %s\n", e.points.size(),
                method == "pca" ? "PCA" : "t-SNE", e.seconds,
                method == "pca"
                    ? (" (the two axes keep " +
                       std::to_string(int(100 * e.explainedVariance + 0.5)) + " % of the variance)")
                          .c_str()
                    : "",
                args.str("embedding").c_str());
    return 0;
}

} // namespace

// Progress on a terminal only, one line rewritten (a log or a pipe gets the results alone).
runs::FeatureProgress progressLine()
{
    if (!isatty(STDERR_FILENO))
        return {};
    auto last = std::make_shared<std::string>();
    return [last](double fraction, const std::string &what) {
        char line[160];
        std::snprintf(line, sizeof line, "\r%-40s %3d %%%s", what.c_str(), int(100 * fraction),
                      fraction >= 1.0 ? "\n" : "");
        if (*last != line) {
            std::fputs(line, stderr);
            *last = line;
        }
        return true;
    };
}

const Options &inspectOptions()
{
    // The options the help's text names beside the actions it lists.
    const unsigned u = Option::kUsageOnly;
    static const Options options = optionsFromHelp(
        kInspectHelp,
        {valued("split", "SPLIT", "", Values::Words, "train val test", u),
         valued("count", "N", "", Values::None, {}, u),
         valued("method", "METHOD", "", Values::Words, "pca tsne", u),
         valued("points", "N", "", Values::None, {}, u),
         valued("folds", "K", "", Values::None, {}, u), flag("quick", "", u),
         flag("fold-runs", "", u), valued("fold-epochs", "E", "", Values::None, {}, u),
         valued("parallel", "P", "", Values::None, {}, u)});
    return options;
}

int inspectCommand(Args &args)
{
    allow(args, inspectOptions());
    if (args.flag("help") || args.positional().size() != 1) {
        std::fputs(kInspectHelp, args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    const int actions = int(args.has("suspicious")) + int(args.has("neighbours")) +
                        int(args.has("embedding")) + int(args.flag("health"));
    if (actions > 1)
        throw UsageError{"one of --suspicious, --neighbours, --embedding, --health at a time"};
    const std::string dir = args.positional().front();
    const bool json = args.flag("json");
    const data::DatasetSplits data = runs::loadRunData(dir);
    const runs::RunFeatures f =
        runs::runFeatures(dir, data, progressLine(), !args.flag("no-cache"));
    if (!f.note.empty())
        std::fprintf(stderr, "Note: %s\n", f.note.c_str());
    if (args.has("suspicious"))
        return suspicious(f, data, args, args.intIn("suspicious", 20, 1, 1000000), json);
    if (args.has("neighbours"))
        return neighbours(f, data, args, json);
    if (args.flag("health"))
        return health(f, data, json);
    if (args.has("embedding"))
        return embedding(f, data, args, json);
    const nlohmann::json info = {{"run", dir},
                                 {"layer", f.layer},
                                 {"dimensions", f.train.dims},
                                 {"train", f.train.rows},
                                 {"val", f.val.rows},
                                 {"test", f.test.rows},
                                 {"from_cache", f.fromCache},
                                 {"seconds", f.seconds}};
    if (json)
        std::printf("%s\n", info.dump().c_str());
    else
        std::printf("%s: %lld features per image (the input of layer %s) for %lld training, %lld "
                    "validation and %lld test images, %s in %.1f s\n",
                    dir.c_str(), static_cast<long long>(f.train.dims), f.layer.c_str(),
                    static_cast<long long>(f.train.rows), static_cast<long long>(f.val.rows),
                    static_cast<long long>(f.test.rows),
                    f.fromCache ? (std::string("read from ") + runs::RunDir::kFeatures).c_str()
                                : "computed",
                    f.seconds);
    return 0;
}

} // namespace tl::cli
