#pragma once

// A run folder's files, named here once: every other file asks RunDir for a path or a name
// (Qt-free and torch-free, so core, ui and the CLI all use it).

#include <optional>
#include <string>
#include <utility>

namespace tl::runs {

class RunDir
{
public:
    // The files of one run (docs/ARCHITECTURE.md, "Data formats we own").
    static constexpr const char *kConfig = "config.json";      // the resolved experiment
    static constexpr const char *kSummary = "summary.json";    // written when the run ends
    static constexpr const char *kMetrics = "metrics.csv";     // one row per epoch
    static constexpr const char *kProgress = "progress.csv";   // one row per logged batch
    static constexpr const char *kConfusion = "confusion.csv"; // the test confusion matrix
    static constexpr const char *kEpochConfusions = "confusion_epochs.csv";
    static constexpr const char *kPredictions = "predictions.csv"; // one row per test image
    static constexpr const char *kModel = "model.pth";             // torchvision's state dict
    static constexpr const char *kState = "state.tlstate";         // resume from here
    static constexpr const char *kLock = "run.lock";               // a live run's process
    static constexpr const char *kPreprocessing = "preprocessing.json";
    static constexpr const char *kSkipped = "skipped.csv"; // the data's unreadable files
    static constexpr const char *kFeatures = "features.safetensors";
    static constexpr const char *kLabelFolds = "label_folds.safetensors"; // K-fold label scores
    static constexpr const char *kLabelFoldRuns = "label-folds"; // fold-K/: runs leaving a fold out
    static constexpr const char *kCalibration = "calibration.json";
    static constexpr const char *kCalibrationCentres = "calibration.safetensors";
    static constexpr const char *kCheckpoints = "checkpoints"; // epoch-NNN.tlstate
    // Written by a sweep to stop the run after its current batch like the window's Stop (the
    // finished epochs kept, the test set evaluated), with the reason for summary.json inside.
    static constexpr const char *kStopRequest = "stop_request.txt";
    // The files of a group of runs (a sweep's or a lesson's folder).
    static constexpr const char *kSweep = "sweep.json";
    static constexpr const char *kLesson = "lesson.json";
    static constexpr const char *kLessonCsv = "lesson.csv";
    static constexpr const char *kLessonMarkdown = "lesson.md";

    RunDir() = default;
    explicit RunDir(std::string dir) : m_dir(std::move(dir)) {}

    const std::string &dir() const { return m_dir; }
    // DIR/file (`file` one of the names above).
    std::string path(const char *file) const;

    std::string config() const { return path(kConfig); }
    std::string summary() const { return path(kSummary); }
    std::string metrics() const { return path(kMetrics); }
    std::string progress() const { return path(kProgress); }
    std::string confusion() const { return path(kConfusion); }
    std::string epochConfusions() const { return path(kEpochConfusions); }
    std::string predictions() const { return path(kPredictions); }
    std::string model() const { return path(kModel); }
    std::string state() const { return path(kState); }
    std::string lock() const { return path(kLock); }
    std::string preprocessing() const { return path(kPreprocessing); }
    std::string skipped() const { return path(kSkipped); }
    std::string features() const { return path(kFeatures); }
    std::string labelFolds() const { return path(kLabelFolds); }
    std::string calibration() const { return path(kCalibration); }
    std::string calibrationCentres() const { return path(kCalibrationCentres); }
    std::string checkpoints() const { return path(kCheckpoints); }
    std::string stopRequest() const { return path(kStopRequest); }
    std::string sweep() const { return path(kSweep); }
    std::string lesson() const { return path(kLesson); }
    std::string lessonCsv() const { return path(kLessonCsv); }
    std::string lessonMarkdown() const { return path(kLessonMarkdown); }

    // A run folder: it holds the run's config.json.
    bool isRun() const { return has(kConfig); }
    // A group's folder: a sweep's or a lesson's.
    bool isGroup() const { return has(kSweep) || has(kLesson); }
    // It finished (stopped runs too): summary.json is there.
    bool isFinished() const { return has(kSummary); }
    // At least one epoch completed.
    bool hasMetrics() const { return has(kMetrics); }
    // It can be resumed from its last completed epoch.
    bool hasState() const { return has(kState); }
    bool hasModel() const { return has(kModel); }
    // A run.lock is there (its process may have died without removing it: see lockOwner).
    bool isLocked() const { return has(kLock); }
    // `file` exists in the folder.
    bool has(const char *file) const;

    // Who holds run.lock: the process and its machine (empty: a lock without one, this one's).
    struct LockOwner
    {
        long pid = 0;
        std::string host;
        bool thisMachine = true;
    };
    // nullopt when there is no readable lock.
    std::optional<LockOwner> lockOwner() const;
    // run.lock's text for this process on this machine (RunFolder writes it).
    static std::string lockText();
    // The lock is held by a live process: on this machine by asking for the process; on another
    // (a shared file system) while one of the files a live run keeps writing changed within
    // `quietSeconds`.
    bool lockHeldByLiveProcess(double quietSeconds) const;
    // Removes run.lock when the process it names, on this machine, has ended; true when removed.
    bool removeDeadLock() const;
    // Seconds since the youngest of the files a live run keeps writing (progress.csv,
    // metrics.csv, run.lock) changed; a huge number when none is there.
    double secondsSinceChange() const;

private:
    std::string m_dir;
};

} // namespace tl::runs
