// Where a training run's time goes: runs an experiment (the window's default demo unless
// --config is given) with RecordFunction callbacks and prints the time of each part of a training
// step (waiting for data, forward with the loss, backward, optimizer), of validation and test
// evaluation, feature extraction and saving, and inside the step the operators that cost most.
// The parts are the RECORD_USER_SCOPE ranges "tl::..." in the trainer.
//
// Usage: bench_profile [--config FILE.json] [--threads N] [--train-fraction F] [--out DIR]
//                      [--channels-last] [--live-view]
// (--live-view: the window's live view after each epoch, timed as "live_view")
// (--threads 0: the run's own automatic choice; --out: where the run folder goes, a temporary
// folder by default, removed at the end)

#include "base/error.h"
#include "experiment/experiment_config.h"
#include "platform/malloc_policy.h"
#include "run/run_experiment.h"
#include "train/run_control.h"
#include "train/training_types.h"

#include <ATen/record_function.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <unistd.h>

using namespace tl;

namespace {

struct Totals
{
    std::map<std::string, double> phaseUs;                     // inclusive, per "tl::" scope
    std::map<std::string, std::map<std::string, double>> opUs; // scope -> its direct children
    std::map<std::string, long> phaseCount;
};

// LibTorch's own profilers (legacy and Kineto) slowed this 2-core run three-fold and made the
// elementwise backward operators look far more costly than they are, so the bench measures
// with its own RecordFunction callbacks: a start time per range, and sums for the "tl::" scopes
// and the operators called directly inside them. Only the thread that runs the experiment
// (which also runs the CPU backward) is observed.
Totals g_totals;
std::mutex g_mutex;

using Clock = std::chrono::steady_clock;
struct Open
{
    std::string name;
    Clock::time_point start;
};
thread_local std::vector<Open> t_stack;

std::unique_ptr<at::ObserverContext> onStart(const at::RecordFunction &fn)
{
    t_stack.push_back({fn.name(), Clock::now()});
    return nullptr;
}

void onEnd(const at::RecordFunction &fn, at::ObserverContext *)
{
    if (t_stack.empty())
        return;
    const Open open = std::move(t_stack.back());
    t_stack.pop_back();
    if (open.name != fn.name())
        return; // unbalanced (should not happen)
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - open.start).count();
    std::lock_guard lock(g_mutex);
    if (open.name.rfind("tl::", 0) == 0) {
        g_totals.phaseUs[open.name] += us;
        ++g_totals.phaseCount[open.name];
    } else if (!t_stack.empty() && t_stack.back().name.rfind("tl::", 0) == 0) {
        g_totals.opUs[t_stack.back().name][open.name] += us;
    }
}

void printOps(const Totals &t, const std::string &phase, long steps)
{
    const auto found = t.opUs.find(phase);
    if (found == t.opUs.end())
        return;
    std::vector<std::pair<double, std::string>> ops;
    for (const auto &[name, us] : found->second)
        ops.emplace_back(us, name);
    std::sort(ops.rbegin(), ops.rend());
    const double whole = t.phaseUs.at(phase);
    for (std::size_t i = 0; i < ops.size() && i < 8; ++i)
        std::printf("    %-40s %8.3f ms/step %5.1f %%\n", ops[i].second.c_str(),
                    ops[i].first / 1000.0 / double(std::max(1L, steps)),
                    100.0 * ops[i].first / whole);
}

} // namespace

int main(int argc, char **argv)
{
    tl::keepFreedMemoryForReuse(); // as the programs do
    try {
        experiment::ExperimentConfig config;
        config.data.valSplit = 0.1; // the window's default demo
        std::string out;
        train::RunControl control;
        struct Views : train::TrainingObserver
        {
            int count = 0;
            void onNetworkView(const train::NetworkView &) override { ++count; }
        } views;
        for (int i = 1; i < argc; ++i) {
            const std::string key = argv[i];
            if (key == "--channels-last") {
                config.gpu.channelsLast = true;
                continue;
            }
            if (key == "--live-view") {
                control.setLiveView(true);
                continue;
            }
            if (i + 1 >= argc)
                throw Error("option " + key + " needs a value");
            const std::string value = argv[++i];
            if (key == "--config")
                config = experiment::ExperimentConfig::fromFile(value);
            else if (key == "--threads")
                config.threads = std::stoi(value);
            else if (key == "--train-fraction")
                config.data.trainFraction = std::stod(value);
            else if (key == "--out")
                out = value;
            else
                throw Error("unknown option " + key);
        }
        const bool temporary = out.empty();
        if (temporary)
            out = (std::filesystem::temp_directory_path() /
                   ("tl-profile-" + std::to_string(::getpid())))
                      .string();

        const auto t0 = Clock::now();
        const at::CallbackHandle handle = at::addThreadLocalCallback(
            at::RecordFunctionCallback(&onStart, &onEnd)
                .needsInputs(false)
                .scopes({at::RecordScope::FUNCTION, at::RecordScope::BACKWARD_FUNCTION,
                         at::RecordScope::USER_SCOPE}));
        const runs::RunResult result = runs::runExperiment(config, out, &views, &control);
        at::removeCallback(handle);
        const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
        if (temporary)
            std::filesystem::remove_all(out);

        const long steps = g_totals.phaseCount["tl::forward"];
        std::printf("model %s, %zu epoch(s), %ld training steps, %d compute threads at the end; "
                    "test accuracy %.4f\n",
                    config.model.name.c_str(), result.epochs.size(), steps,
                    torch::get_num_threads(), result.test.accuracy);
        std::printf("wall %.2f s (data loading, model building and test included), training "
                    "%.0f images/s\n",
                    wall, result.trainImagesPerSecond);
        double step = 0;
        for (const char *p : {"tl::data", "tl::forward", "tl::backward", "tl::optimizer"})
            step += g_totals.phaseUs[p];
        std::printf("\n%-28s %9s %11s %8s\n", "part", "seconds", "ms/step", "share");
        for (const char *p : {"tl::data", "tl::forward", "tl::backward", "tl::optimizer"}) {
            const double us = g_totals.phaseUs[p];
            std::printf("%-28s %9.2f %11.3f %7.1f %%\n", p + 4, us / 1e6,
                        us / 1000.0 / double(std::max(1L, steps)), 100.0 * us / step);
            if (std::strcmp(p, "tl::data") != 0)
                printOps(g_totals, p, steps);
        }
        std::printf("%-28s %9.2f %11.3f\n", "training steps, all", step / 1e6,
                    step / 1000.0 / double(std::max(1L, steps)));
        if (control.liveView())
            std::printf("%-28s %9.2f  (%d views, %.2f %% of the training steps' time)\n",
                        "live view", g_totals.phaseUs["tl::live_view"] / 1e6, views.count,
                        100.0 * g_totals.phaseUs["tl::live_view"] / step);
        for (const char *p : {"tl::evaluate", "tl::features", "tl::save"})
            if (g_totals.phaseUs.count(p))
                std::printf("%-28s %9.2f  (%ld calls)\n", p + 4, g_totals.phaseUs[p] / 1e6,
                            g_totals.phaseCount[p]);
        printOps(g_totals, "tl::evaluate", std::max(1L, g_totals.phaseCount["tl::evaluate"]));
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_profile: %s\n", e.what());
        return 2;
    }
}
