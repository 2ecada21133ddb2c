#include "commands.h"
#include "options.h"

#include "platform/cpu_cores.h"
#include "base/error.h"
#include "io/files.h"
#include "orchestration/recipes.h"
#include "rundir/run_reader.h"
#include "orchestration/sweep.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace tl::cli {

namespace {

const char *kSweepHelp =
    R"(Usage: transferlab-cli sweep FILE|--recipe NAME [--out DIR] [--parallel N] [--threads N]
                            [--quick] [--data-root DIR] [--download]

Runs every point of an experiment file's "sweep" block, each as an ordinary run folder inside
DIR (default runs/sweep-<file name>), then prints the comparison table (best first) and writes
DIR/sweep.json: each point's settings, run folder, status (finished, failed with the message,
stopped) and test accuracy. Settings are named by their dotted path in the experiment file:

  "sweep": {"mode": "grid", "repeats": 1,
            "parameters": {"model.name": ["simple-cnn", "vgg-style-cnn"],
                           "stages.0.optimizer.lr": [0.001, 0.01]}}
  "sweep": {"mode": "list", "variants": [
      {"name": "baseline", "set": {}},
      {"name": "bn", "set": {"model.batch_norm": true}}]}

Started again on the same DIR it skips the finished points and resumes interrupted ones.
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

volatile std::sig_atomic_t g_stop = 0;

extern "C" void onSweepSigint(int)
{
    g_stop = 1;
}

struct Entry
{
    runs::SweepPoint point;
    std::string runDir;
    std::string status = "pending"; // pending | running | finished | failed | stopped
    std::string message;
    double testAccuracy = -1;
    double seconds = 0;
};

// The last non-empty line of a child's log: its one-line error.
std::string lastLine(const std::string &path)
{
    std::ifstream in(path);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty())
            last = line;
    const std::string prefix = "transferlab-cli train: ";
    if (last.rfind(prefix, 0) == 0)
        last = last.substr(prefix.size());
    return last;
}

void writeStatus(const std::string &dir, const runs::SweepPlan &plan,
                 const std::vector<Entry> &entries)
{
    std::vector<runs::SweepPointStatus> status;
    for (const auto &e : entries)
        status.push_back({e.status, e.message, e.testAccuracy, e.seconds});
    runs::writeSweepJson(dir, plan, status);
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
    runs::SweepPlan plan;
    if (fromRecipe) {
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
    for (auto &p : plan.points) {
        if (args.flag("quick"))
            runs::makeQuick(p.config);
        if (args.has("data-root"))
            p.config.data.root = args.str("data-root");
        if (args.flag("download"))
            p.config.data.download = true;
    }
    const int parallel = args.intIn("parallel", 1, 1, 64);
    const int threads = args.intIn("threads", std::max(1, usableCores() / parallel), 1, 256);
    std::string stem = fs::path(file).filename().string();
    for (const char *ext : {".json", ".tlexp"})
        if (stem.size() > std::strlen(ext) &&
            stem.compare(stem.size() - std::strlen(ext), std::strlen(ext), ext) == 0)
            stem.resize(stem.size() - std::strlen(ext));
    const std::string dir = args.str("out", "runs/sweep-" + stem);
    std::error_code ec;
    fs::create_directories(fs::path(dir) / "configs", ec);
    fs::create_directories(fs::path(dir) / "logs", ec);
    if (ec)
        throw fileError(dir, "cannot create the sweep folder: " + ec.message());

    std::vector<Entry> entries;
    int finishedBefore = 0;
    for (const auto &p : plan.points) {
        Entry e;
        e.point = p;
        e.runDir = (fs::path(dir) / p.name).string();
        if (fs::exists(fs::path(e.runDir) / "summary.json", ec)) {
            try {
                const runs::RunInfo info = runs::readRun(e.runDir);
                e.status = "finished";
                e.testAccuracy = info.testAccuracy;
                e.seconds = info.totalSeconds;
                ++finishedBefore;
            } catch (const Error &) {
            }
        }
        entries.push_back(e);
    }
    std::printf("sweep %s: %zu points (%s%s), %d already finished; %d at a time, %d thread%s "
                "each\n",
                file.c_str(), entries.size(), plan.mode.c_str(),
                plan.repeats > 1 ? (", " + std::to_string(plan.repeats) + " repeats").c_str() : "",
                finishedBefore, parallel, threads, threads == 1 ? "" : "s");
    std::fflush(stdout);
    writeStatus(dir, plan, entries);

    g_stop = 0;
    // No SA_RESTART: waitpid returns on Ctrl-C, so a stop sent to this process alone (kill -INT)
    // is passed on to the running points.
    struct sigaction sa = {};
    sa.sa_handler = onSweepSigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    struct sigaction previous = {};
    ::sigaction(SIGINT, &sa, &previous);
    // With CUDA devices and points in parallel, each point gets one device of its own (in turn,
    // among those CUDA_VISIBLE_DEVICES leaves when it is set).
    std::vector<std::string> devices;
    if (parallel > 1) {
        if (const char *visible = std::getenv("CUDA_VISIBLE_DEVICES"); visible && *visible) {
            std::string list = visible;
            for (std::size_t start = 0; start <= list.size();) {
                const std::size_t comma = std::min(list.find(',', start), list.size());
                if (comma > start)
                    devices.push_back(list.substr(start, comma - start));
                start = comma + 1;
            }
        } else {
            for (int d = 0; d < cudaDeviceCount(); ++d)
                devices.push_back(std::to_string(d));
        }
    }
    std::map<pid_t, int> slotOf;
    std::map<pid_t, std::size_t> running;
    std::map<pid_t, std::chrono::steady_clock::time_point> started;
    std::size_t next = 0;
    const std::string self = "/proc/self/exe";
    auto launch = [&](std::size_t i) {
        Entry &e = entries[i];
        const std::string cfg = (fs::path(dir) / "configs" / (e.point.name + ".json")).string();
        const std::string log = (fs::path(dir) / "logs" / (e.point.name + ".log")).string();
        std::vector<std::string> argv = {"transferlab-cli", "train"};
        if (fs::exists(fs::path(e.runDir) / "state.tlstate", ec)) {
            argv.insert(argv.end(), {"--resume", e.runDir});
        } else {
            if (fs::exists(e.runDir, ec)) // an unfinished try without state: start it again
                fs::remove_all(e.runDir, ec);
            writeFileAtomic(cfg, e.point.config.toJson());
            argv.insert(argv.end(), {"--config", cfg, "--out", e.runDir});
        }
        argv.insert(argv.end(), {"--quiet", "--threads", std::to_string(threads)});
        int slot = 0;
        while (std::any_of(slotOf.begin(), slotOf.end(),
                           [slot](const auto &kv) { return kv.second == slot; }))
            ++slot;
        const std::string device =
            devices.empty() ? std::string() : devices[std::size_t(slot) % devices.size()];
        std::fflush(stdout);
        const pid_t pid = fork();
        if (pid < 0)
            throw Error(std::string("cannot start a process: ") + std::strerror(errno));
        if (pid == 0) {
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) {
                ::dup2(fd, STDOUT_FILENO);
                ::dup2(fd, STDERR_FILENO);
                ::close(fd);
            }
            if (!device.empty())
                ::setenv("CUDA_VISIBLE_DEVICES", device.c_str(), 1);
            std::vector<char *> cargv;
            for (auto &a : argv)
                cargv.push_back(a.data());
            cargv.push_back(nullptr);
            ::execv(self.c_str(), cargv.data());
            std::_Exit(127);
        }
        e.status = "running";
        running[pid] = i;
        slotOf[pid] = slot;
        started[pid] = std::chrono::steady_clock::now();
        std::printf("[%zu/%zu] %s started%s\n", i + 1, entries.size(), e.point.name.c_str(),
                    device.empty() ? "" : (" on CUDA device " + device).c_str());
        std::fflush(stdout);
    };
    bool forwarded = false;
    while (true) {
        while (!g_stop && running.size() < std::size_t(parallel) && next < entries.size()) {
            if (entries[next].status == "finished") {
                ++next;
                continue;
            }
            launch(next++);
        }
        if (running.empty())
            break;
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) {
                if (g_stop && !forwarded) { // Ctrl-C on a terminal reaches them too; kill -INT not
                    for (const auto &r : running)
                        ::kill(r.first, SIGINT);
                    forwarded = true;
                }
                continue;
            }
            break;
        }
        const auto it = running.find(pid);
        if (it == running.end())
            continue;
        Entry &e = entries[it->second];
        e.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started[pid]).count();
        const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        const std::string log = (fs::path(dir) / "logs" / (e.point.name + ".log")).string();
        if (code == 0) {
            try {
                const runs::RunInfo info = runs::readRun(e.runDir);
                e.status = "finished";
                e.testAccuracy = info.testAccuracy;
            } catch (const Error &err) {
                e.status = "failed";
                e.message = err.what();
            }
        } else if (code == 130 || g_stop) {
            e.status = "stopped";
            e.message = "the sweep resumes it when started again";
        } else {
            e.status = "failed";
            e.message = lastLine(log);
            if (e.message.empty())
                e.message = "exit code " + std::to_string(code);
        }
        running.erase(it);
        slotOf.erase(pid);
        std::printf("[%zu/%zu] %s %s", std::size_t(&e - entries.data()) + 1, entries.size(),
                    e.point.name.c_str(), e.status.c_str());
        if (e.status == "finished")
            std::printf(": test accuracy %.4f (%.0f s)\n", e.testAccuracy, e.seconds);
        else
            std::printf(": %s\n", e.message.c_str());
        std::fflush(stdout);
        writeStatus(dir, plan, entries);
    }
    writeStatus(dir, plan, entries);
    ::sigaction(SIGINT, &previous, nullptr);

    std::vector<runs::RunInfo> done;
    for (const auto &e : entries)
        if (e.status == "finished")
            try {
                done.push_back(runs::readRun(e.runDir));
            } catch (const Error &) {
            }
    std::sort(done.begin(), done.end(),
              [](const auto &a, const auto &b) { return a.testAccuracy > b.testAccuracy; });
    std::printf("\n%s", runs::comparisonTable(done, false).c_str());
    int failed = 0, stopped = 0;
    for (const auto &e : entries) {
        failed += e.status == "failed";
        stopped += e.status == "stopped" || e.status == "pending";
    }
    for (const auto &e : entries)
        if (e.status == "failed")
            std::printf("failed: %s: %s\n", e.point.name.c_str(), e.message.c_str());
    std::printf("\n%zu finished, %d failed, %d not run; %s/sweep.json\n", done.size(), failed,
                stopped, dir.c_str());
    if (g_stop) {
        std::fprintf(stderr, "stopped; continue with: transferlab-cli sweep %s%s --out %s\n",
                     fromRecipe ? "--recipe " : "", file.c_str(), dir.c_str());
        return 130;
    }
    return 0;
}

} // namespace tl::cli
