#pragma once

#include "experiment/experiment_config.h"
#include "rundir/progress_log.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tl::runs {

class Scheduler;
struct Point;

// "Why transfer learning", offline on Fashion-MNIST: pretrain a network on five classes with all
// their images, then learn the other five from a few images per class three ways (from scratch,
// frozen pretrained features + a new head, fine-tuned), and compare.
struct LessonOptions
{
    std::vector<int> perClass = {10, 20, 50}; // images per target class
    int seeds = 3;                            // runs per point (different images and start)
    bool quick = false;                       // one seed, N = 20 only, shorter pretraining
    int threads = 0;                          // compute threads of each run (0: every core)
    std::string dataRoot;                     // Fashion-MNIST folder ("" : the usual places)
};

struct LessonStep
{
    std::string id;     // run folder name inside the lesson folder: "n20-frozen-seed1"
    std::string method; // pretrain | scratch | frozen | finetune
    int perClass = 0;   // 0 for the pretraining
    std::uint64_t seed = 0;
    std::string title;                   // one line, for a list
    std::string explanation;             // what this step shows, for the window
    experiment::ExperimentConfig config; // weights "run:<pretraining folder>" where it transfers
};

// The source and target classes (Fashion-MNIST's bottoms, shoes and bags; its tops).
const std::vector<std::string> &lessonSourceClasses();
const std::vector<std::string> &lessonTargetClasses();
// Display names of the methods, in the order the table and chart show them.
std::string lessonMethodTitle(const std::string &method);

// Every step, pretraining first; the run folders live under `lessonDir`.
std::vector<LessonStep> transferLessonSteps(const LessonOptions &options,
                                            const std::string &lessonDir);

struct RunInfo;

// How long the lesson should take here, in seconds: its steps' training images times their
// epochs at the training speed of the earlier simple-cnn runs on Fashion-MNIST in `measured`
// (their median images/s), plus, per step, their median time outside the training epochs
// (loading, the test pass). -1 when none of them measured that speed.
double estimateLessonSeconds(const LessonOptions &options, const std::vector<RunInfo> &measured);

struct LessonPoint
{
    std::string method;
    int perClass = 0;
    std::uint64_t seed = 0;
    std::string runDir;
    std::string status; // finished | failed | stopped
    std::string error;
    double testAccuracy = 0.0;
    double seconds = 0.0;
};

struct LessonSummaryRow // one method at one N, over its seeds
{
    std::string method;
    int perClass = 0;
    int runs = 0;
    double mean = 0.0, min = 0.0, max = 0.0, stddev = 0.0;
};

struct LessonResult
{
    std::string dir;
    double pretrainAccuracy = 0.0; // on the source classes' test images
    std::vector<LessonPoint> points;
    double seconds = 0.0; // wall time of this call
    bool stopped = false;
    std::string error; // the pretraining failed: why (not in lesson.json)
    std::vector<LessonSummaryRow> summary() const;
    std::string table() const;      // Markdown: one row per N, one column per method
    std::string conclusion() const; // two sentences from the numbers, for the window
};

// Progress for a caller: each step as it starts (index into the steps), its progress within
// its epochs (from its run folder's progress.csv), each as it ends, and the lesson's end.
struct LessonCallbacks
{
    std::function<void(std::size_t index, std::size_t count, const LessonStep &)> stepStarted;
    std::function<void(const LessonStep &, const ProgressRow &)> stepProgress;
    std::function<void(const LessonPoint &)> stepFinished;
    std::function<void(const LessonResult &)> finished;
};

// The lesson as points of a Scheduler (orchestration/scheduler.h): every step is a
// transferlab-cli train process started through the scheduler's launcher, the pretraining first
// (the others start from its weights and wait for it). Its files go into `lessonDir`
// (lesson.json, lesson.csv, lesson.md and one run folder per step). Steps whose run already
// finished are read back, not run again; a stopped step is resumed from its last epoch: a
// stopped lesson continues where it stopped. A failing step is recorded and the lesson goes on;
// when the pretraining fails nothing can transfer: the result's `error` says so.
// The TransferLesson sets the scheduler's event callbacks; the front end drives the scheduler
// (the CLI's loop, the window's event loop) and must keep both alive until finished.
class TransferLesson
{
public:
    TransferLesson(const LessonOptions &options, const std::string &lessonDir,
                   Scheduler &scheduler, LessonCallbacks callbacks = {});
    // Reports the steps finished before, then starts the others.
    void start();
    // Every running step stops at its next batch (keeping its finished epochs); none starts.
    void stop();
    bool done() const { return m_done; }
    // Once done: the points, lesson.json's content (error set when the pretraining failed).
    const LessonResult &result() const;

private:
    void ended(const Point &p);
    void finish();

    LessonOptions m_options;
    std::string m_dir;
    Scheduler &m_scheduler;
    LessonCallbacks m_callbacks;
    std::vector<LessonStep> m_steps;
    std::map<int, std::size_t> m_stepOf; // point id -> step index
    std::map<std::size_t, LessonPoint> m_points;
    LessonResult m_result;
    std::chrono::steady_clock::time_point m_start;
    bool m_done = false;
};

// Runs the lesson to its end with transferlab-cli at `program` (PosixLauncher), one step at a
// time; `stopRequested` is polled (Ctrl-C). tl::Error when the pretraining failed.
LessonResult runTransferLesson(const LessonOptions &options, const std::string &lessonDir,
                               const std::string &program, const LessonCallbacks &callbacks = {},
                               const std::function<bool()> &stopRequested = {});

// A finished (or partial) lesson read back from its lesson.json.
LessonResult readLesson(const std::string &lessonDir);

} // namespace tl::runs
