#include "commands.h"
#include "interrupt.h"
#include "options.h"

#include "base/error.h"
#include "io/files.h"
#include "orchestration/launcher.h"
#include "orchestration/recipes.h"
#include "orchestration/scheduler.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_search.h"
#include "platform/cpu_cores.h"
#include "rundir/run_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace tl::cli {

namespace {

const char *kSweepHelp =
    R"(Usage: transferlab-cli sweep FILE|--recipe NAME [--out DIR] [--parallel N] [--threads N]
                            [--quick] [--data-root DIR] [--download]

Runs every point of an experiment file's "sweep" block, each as an ordinary run folder inside
DIR (default runs/sweep-<file name>), then prints the comparison table (best first) and writes
DIR/sweep.json: each point's settings, run folder, status (finished, failed with the message,
stopped, pruned with its rung) and test accuracy. Settings are named by their dotted path in
the experiment file:

  "sweep": {"mode": "grid", "repeats": 1,
            "parameters": {"model.name": ["simple-cnn", "vgg-style-cnn"],
                           "stages.0.optimizer.lr": [0.001, 0.01]}}
  "sweep": {"mode": "list", "variants": [
      {"name": "baseline", "set": {}},
      {"name": "bn", "set": {"model.batch_norm": true}}]}
  "sweep": {"mode": "random", "samples": 6, "seed": 1,
    "parameters": {"stages.0.optimizer.lr": {"log_uniform": [1e-4, 0.1]},
                   "stages.0.batch_size": {"int": [16, 128]},
                   "model.freeze": {"choice": ["none", "backbone"]}},
    "early_stop": {"method": "asha", "min_epochs": 1,
                   "reduction_factor": 3, "metric": "val_accuracy"}}
"mode": "tpe" (with "startup": N random points first) takes the same ranges.
"early_stop" (asha or median; needs "data": {"val_split": ...}): at each rung a point goes on
when its validation metric is in the top 1/reduction_factor of the points that reached that
rung so far; else it waits there (stopped, state kept) for a promotion, and is pruned at the
end if none comes: the run keeps its epochs and its summary.json says why. TPE proposes each
point from those already judged.

Started again on the same DIR it skips the finished and pruned points and resumes interrupted
ones, with their rungs; values added to the file (more samples) become new points.
A failing point (bad setting, divergence) is recorded and the sweep goes on. Ctrl-C stops
every running point at its next batch, keeping what they finished (exit 130).

Options:
  --out DIR        the sweep folder
  --parallel N     points trained at the same time, each in its own process with its share
                   of the compute threads (default 1)
  --threads N      compute threads of each point (default: the cores / --parallel); with
                   CUDA devices, points in parallel get one device each, in turn
  --quick          shrink every point to a laptop-sized run (as train --quick)
  --recipe NAME    a sweep recipe: the seed notebooks' comparisons (transferlab-cli recipes)
  --data-root DIR  as for train, for every point
  --download       as for train, for every point
)";

// One line per point as it starts and as it ends.
void reportPoints(runs::Scheduler &scheduler)
{
    const auto total = [&scheduler] { return scheduler.points().size(); };
    const auto number = [&scheduler](const runs::Point &p) { return scheduler.indexOf(p.id) + 1; };
    scheduler.onStarted = [=](const runs::Point &p) {
        std::printf("[%d/%zu] %s started%s\n", number(p), total(), p.spec.name.c_str(),
                    p.device.empty() ? "" : (" on CUDA device " + p.device).c_str());
        std::fflush(stdout);
    };
    scheduler.onEnded = [=](const runs::Point &p) {
        std::printf("[%d/%zu] %s %s", number(p), total(), p.spec.name.c_str(),
                    runs::pointStateName(p.state));
        if (p.state == runs::PointState::Finished)
            std::printf(": test accuracy %.4f (%.0f s)\n", p.testAccuracy, p.seconds);
        else
            std::printf(": %s\n", p.message.c_str());
        std::fflush(stdout);
    };
}

// The sweep's plan from its file or recipe (`file`: its name), with --quick, --data-root and
// --download applied to every point.
runs::SweepPlan planFromArgs(Args &args, std::string &file)
{
    runs::SweepPlan plan;
    if (args.has("recipe")) {
        const runs::Recipe &r = runs::recipe(args.str("recipe"));
        if (!r.sweep)
            throw UsageError{"recipe '" + r.name + "' is a single run: transferlab-cli train " +
                             "--recipe " + r.name};
        file = r.name;
        plan = runs::planSweep(r.json, "recipe " + r.name);
    } else {
        file = args.positional().front();
        plan = runs::planSweepFile(file);
    }
    const bool quick = args.flag("quick"), download = args.flag("download");
    const std::string root = args.has("data-root") ? args.str("data-root") : std::string();
    // Also for the points a TPE search proposes later.
    plan.adjustPoint = [quick, download, root](experiment::ExperimentConfig &c) {
        if (quick)
            runs::makeQuick(c);
        if (!root.empty())
            c.data.root = root;
        if (download)
            c.data.download = true;
    };
    for (auto &p : plan.points)
        plan.adjustPoint(p.config);
    return plan;
}

// The comparison table of the finished points (best first), the failures and the counts.
void printSummary(const runs::Scheduler &scheduler, const std::string &dir)
{
    const auto &points = scheduler.points();
    std::vector<runs::RunInfo> done;
    int failed = 0, notRun = 0, pruned = 0, epochs = 0, planned = 0;
    for (const auto &p : points) {
        if (p.state == runs::PointState::Finished) {
            try {
                done.push_back(runs::readRun(p.spec.runDir));
            } catch (const Error &) {
            }
        }
        failed += p.state == runs::PointState::Failed;
        notRun += p.state == runs::PointState::Stopped || p.state == runs::PointState::Pending;
        pruned += p.state == runs::PointState::Pruned;
        epochs += int(runs::epochMetric(p.spec.runDir, "train_loss").size());
        planned += p.totalEpochs;
    }
    std::sort(done.begin(), done.end(),
              [](const auto &a, const auto &b) { return a.testAccuracy > b.testAccuracy; });
    std::printf("\n%s", runs::comparisonTable(done, false).c_str());
    for (const auto &p : points)
        if (p.state == runs::PointState::Failed)
            std::printf("failed: %s: %s\n", p.spec.name.c_str(), p.message.c_str());
    if (pruned > 0)
        std::printf("\n%d pruned early; %d epochs trained of the %d a full sweep trains\n", pruned,
                    epochs, planned);
    std::printf("\n%zu finished, %d failed, %d not run; %s/sweep.json\n", done.size(), failed,
                notRun, dir.c_str());
}

} // namespace

const Options &sweepOptions()
{
    static const Options options = optionsFromHelp(kSweepHelp);
    return options;
}

int sweepCommand(Args &args)
{
    allow(args, sweepOptions());
    if (args.flag("help")) {
        std::fputs(kSweepHelp, stdout);
        return 0;
    }
    const bool fromRecipe = args.has("recipe");
    if (args.positional().size() != (fromRecipe ? 0u : 1u))
        throw UsageError{"sweep needs one experiment file with a \"sweep\" block, or --recipe "
                         "NAME (see --help)"};
    std::string file;
    runs::SweepPlan plan = planFromArgs(args, file);
    const int parallel = args.intIn("parallel", 1, 1, 64);
    const int threads = args.intIn("threads", std::max(1, usableCores() / parallel), 1, 256);
    // Named after the file: started again, the same folder is continued.
    const std::string dir =
        args.str("out", (fs::path("runs") / runs::sweepFolderStem(file)).string());

    runs::PosixLauncher launcher("/proc/self/exe");
    runs::SchedulerOptions options;
    options.parallel = parallel;
    options.devices = runs::pointDevices(parallel, std::getenv("CUDA_VISIBLE_DEVICES"),
                                         parallel > 1 ? cudaDeviceCount() : 0);
    options.trainArgs = {"--quiet", "--threads", std::to_string(threads)};
    runs::Scheduler scheduler(launcher, options);
    plan = runs::withEarlierProposals(std::move(plan), dir); // a TPE sweep keeps its points
    const int group = scheduler.addSweep(plan, dir);
    const auto &points = scheduler.points();
    const long finishedBefore =
        std::count_if(points.begin(), points.end(),
                      [](const runs::Point &p) { return p.state == runs::PointState::Finished; });
    std::printf("sweep %s: %zu points (%s%s), %ld already finished; %d at a time, %d thread%s "
                "each\n",
                file.c_str(), points.size(), plan.mode.c_str(),
                plan.repeats > 1 ? (", " + std::to_string(plan.repeats) + " repeats").c_str() : "",
                finishedBefore, parallel, threads, threads == 1 ? "" : "s");
    std::fflush(stdout);
    reportPoints(scheduler);
    // Early stopping and TPE's proposals (judged from each run's metrics.csv as epochs end).
    runs::SweepSearch search(scheduler, group, plan);
    search.restore();
    search.attach();
    InterruptScope interruptible;
    const bool stopped = runToEnd(scheduler, launcher);

    printSummary(scheduler, dir);
    if (stopped) {
        std::fprintf(stderr, "stopped; continue with: transferlab-cli sweep %s%s --out %s\n",
                     fromRecipe ? "--recipe " : "", file.c_str(), dir.c_str());
        return 130;
    }
    return 0;
}

} // namespace tl::cli
