#pragma once

#include "experiment/experiment_config.h"
#include "orchestration/launcher.h"
#include "orchestration/sweep.h"
#include "rundir/progress_log.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tl::runs {

// Groups of runs (the CLI's sweep, the window's queue, the lessons) go through one Scheduler:
// it owns each point's state, decides to skip, resume or start it, starts it through a
// Launcher (transferlab-cli train in a process of its own), reads its progress from its run
// folder's progress.csv (never from the process's text), judges its outcome from its exit
// status and its folder, keeps a sweep's sweep.json up to date, runs points in parallel slots
// with one CUDA device each, and retries. It has no thread and no loop of its own: the front
// end calls schedule() after changes (the scheduler calls it itself after every exit), and
// the launcher reports exits.

enum class PointState {
    Pending,  // waiting for a slot (or for the point it runs after)
    Running,  // its process runs
    Stopping, // asked to stop at its next batch
    Finished, // summary.json written
    Failed,   // ended with an error (message), or the point it needed did not finish
    Stopped,  // stopped by the user (or never started); resumable when it left a state
    Pruned,   // stopped early by a search that judged it (at an epoch's end)
};
// sweep.json's word for a state: pending, running (Stopping too), finished, failed, stopped,
// pruned.
const char *pointStateName(PointState state);

// Where a point's run folder stands before it starts.
enum class StartMode {
    Finished, // summary.json that reads: nothing to do
    Resume,   // state.tlstate: train --resume continues it
    Fresh,    // nothing to continue: an earlier folder is removed, the run starts anew
};
StartMode startModeOf(const std::string &runDir);

// Folder naming, one rule for runs and sweeps: PARENT/STEM when it is free, else the first free
// of STEM-2, STEM-3, ... (two runs started in the same second, a sweep named like an earlier
// one). The folder is created here (mkdir claims it atomically: two processes choosing at once
// get different ones; tl::Error when it cannot be made). STEM is made folder-safe (letters,
// digits, '.', '_', '-').
std::string freeFolder(const std::string &parent, const std::string &stem);
// A new run's folder name: TIME-MODEL-DATASET[-LABEL] (not yet made unique).
std::string runFolderStem(const experiment::ExperimentConfig &config, const std::string &label = {});
// A sweep's folder name from where it came from: "sweep-" + the file name without .json or
// .tlexp ("grid.json" -> "sweep-grid"; a recipe's name as is). A sweep folder is continued when
// started again (its finished points are skipped), so it is not made unique.
std::string sweepFolderStem(const std::string &origin);

// The CUDA devices points in parallel take, one each in turn: those CUDA_VISIBLE_DEVICES lists
// when it is set (`visible`, may be null), else 0..cudaCount-1; none for one point at a time.
std::vector<std::string> pointDevices(int parallel, const char *visible, int cudaCount);

struct PointSpec
{
    std::string name;   // shown in lists and in the CLI's lines
    std::string runDir; // its run folder
    experiment::ExperimentConfig config;
    std::string configFile; // where the config is written for a fresh start
    std::string logFile;    // the process's output ("": discarded)
    int after = -1;         // a point id that must finish first (its weights are used)
};

struct Point
{
    int id = 0;
    PointSpec spec;
    PointState state = PointState::Pending;
    std::string message; // why it failed or stopped
    int group = -1;      // its sweep (addSweep), -1 for none
    int groupIndex = -1; // its index in the sweep's plan
    int totalEpochs = 1; // over all stages
    int attempts = 0;    // processes started for it
    bool resumable = false;
    std::string device; // the CUDA device it was given ("" : the process chooses)
    int slot = -1;      // 0..parallel-1 while it runs
    // Progress, from progress.csv and metrics.csv while it runs.
    ProgressRow latest;     // the last progress row read
    double progress = 0;    // 0..1 over all epochs
    double etaSeconds = -1; // -1: not known yet
    double valAccuracy = -1;
    double testAccuracy = -1; // once finished
    double seconds = 0;       // wall time of its process (of the run, once finished)
    double startedAt = 0;     // steady seconds when its process started
    double progressAtStart = -1;
    bool active() const { return state == PointState::Running || state == PointState::Stopping; }
};

struct SchedulerOptions
{
    int parallel = 1;                 // points running at the same time
    std::vector<std::string> devices; // pointDevices(): one per running point, by slot
    int retries = 0;                  // a point that fails transiently is started again
    std::vector<std::string> trainArgs; // added to every train command (--quiet, --threads N)
};

class Scheduler
{
public:
    Scheduler(Launcher &launcher, SchedulerOptions options = {});
    ~Scheduler();
    Scheduler(const Scheduler &) = delete;
    Scheduler &operator=(const Scheduler &) = delete;

    void setParallel(int parallel);
    void setDevices(std::vector<std::string> devices) { m_options.devices = std::move(devices); }
    void setRetries(int retries) { m_options.retries = retries; }
    void setTrainArgs(std::vector<std::string> args) { m_options.trainArgs = std::move(args); }
    const SchedulerOptions &options() const { return m_options; }

    // A point at the end of the queue; its id. With `fresh` the run folder must be new: it is
    // claimed with freeFolder (a taken name gets the next free one). A point whose folder holds a finished run is Finished.
    int add(PointSpec spec, bool fresh = false);
    // Every point of a sweep into `dir` (DIR/NAME, configs in DIR/configs, logs in DIR/logs);
    // sweep.json written at once; its finished points are Finished. Returns the group.
    int addSweep(const SweepPlan &plan, const std::string &dir);
    // One more point into a sweep (a search proposing points one at a time); its id.
    int addToSweep(int group, const SweepPoint &point);
    const std::string &sweepDir(int group) const;
    // A point's spec, to complete before it starts (its name, config and log files).
    PointSpec &specOf(int id);

    // Starts pending points while slots are free (and not paused).
    void schedule();
    // A pending point is not started (Stopped); a running one stops at its next batch. `why`
    // (a search pausing a point: "waits at rung 1 ...") replaces the usual message.
    void cancel(int id, const std::string &why = {});
    // A running point stops at its next batch and is Pruned (a search judged it at an epoch):
    // through a stop request in its run folder, so the run keeps its finished epochs, is tested
    // and writes summary.json with `reason` as its stop_reason.
    void prune(int id, const std::string &reason);
    // A failed or stopped point is queued again (resumed when it left a state).
    bool retry(int id);
    bool remove(int id);          // not while it runs
    bool move(int id, int delta); // among the points
    void setPaused(bool paused);
    bool paused() const { return m_paused; }
    // Pauses and stops every running point at its next batch (Ctrl-C, the window closing).
    void stopAll();
    // Reads the running points' progress.csv (and metrics.csv when it grew).
    void pollProgress();

    const std::vector<Point> &points() const { return m_points; }
    const Point *find(int id) const;
    int indexOf(int id) const;
    int runningCount() const;
    bool idle() const; // nothing runs and nothing will start

    // Events, in the front end's thread (the one that calls schedule() and waits for exits).
    std::function<void(const Point &)> onStarted;
    std::function<void(const Point &)> onChanged; // progress, state
    std::function<void(const Point &)> onEnded;   // finished, failed, stopped or pruned
    std::function<void(const std::string &dir)> onSweepWritten;
    std::function<void()> onIdle;
    // Asked for more points when a slot is free and none is pending (a search proposing points
    // one at a time adds them here); false when it has none.
    std::function<bool()> wantMore;
    // Adds what a search knows of a point to its line in sweep.json (a pruned point's rung).
    std::function<void(const Point &, SweepPointStatus &)> describeSweepPoint;

private:
    struct Group;
    Point *get(int id);
    void launch(Point &p);
    void onExit(Launcher::Handle handle, const LaunchExit &exit);
    void judge(Point &p, const LaunchExit &exit);
    void blockDependents(const Point &p);
    void writeSweep(int group);
    void changed(Point &p);

    Launcher &m_launcher;
    SchedulerOptions m_options;
    std::vector<Point> m_points;
    std::vector<std::unique_ptr<Group>> m_groups;
    std::vector<std::pair<Launcher::Handle, int>> m_running; // handle -> point id
    std::vector<std::pair<int, std::unique_ptr<ProgressTail>>> m_tails;
    std::vector<std::pair<int, std::uint64_t>> m_metricsSize;
    int m_nextId = 1;
    bool m_paused = false;
    bool m_scheduling = false;
    bool m_wasIdle = true;
};

} // namespace tl::runs
