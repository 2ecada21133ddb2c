#pragma once

#include "experiment/experiment_config.h"
#include "train/training_types.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>
#include <vector>

namespace tl::data {
struct DatasetSplits;
}
namespace tl::runs {
struct SweepPlan;
}

namespace tl::ui {

class RunList;
class RunQueue;
class TrainingSession;

// The data the window holds for training (what the Data tab has loaded, or is loading).
struct LoadedData
{
    std::shared_ptr<const data::DatasetSplits> splits; // null: nothing usable is loaded
    bool loading = false;
    QString error; // why the last load failed ("" when it did not)
};

// The window's work, without a widget: it owns the training session, the run queue, the runs
// folder and the list of its runs (listed off the GUI thread), and decides what the window's
// buttons do — whether a run may start, its folder's name, what a sweep or recipe queues, how
// long a run should take here, whether a freeze spec names real layers. MainWindow builds the
// panels and connects them to it; tests drive it without a window.
class Workbench : public QObject
{
    Q_OBJECT

public:
    explicit Workbench(const QString &runsFolder = defaultRunsFolder(), QObject *parent = nullptr);
    ~Workbench() override;

    // Where runs started from the window are written (the application's data folder).
    static QString defaultRunsFolder();
    // The experiment the window starts with: the CLI's defaults plus a 10 % validation split,
    // so the first demo draws a validation curve next to the training one.
    static experiment::ExperimentConfig defaultExperiment();
    // The experiment saved as JSON when the window last closed; the defaults when there is none
    // or it cannot be read.
    static experiment::ExperimentConfig savedExperiment(const QString &json);
    // View > Classroom: `current` with a small Fashion-MNIST subset, a validation split and
    // the small CNN for 3 epochs (about a minute on a laptop).
    static experiment::ExperimentConfig classroomExperiment(experiment::ExperimentConfig current);

    QString runsFolder() const { return m_runsFolder; }
    TrainingSession *session() const { return m_session; }
    RunQueue *queue() const { return m_queue; }
    RunList *runList() const { return m_runList; }

    // Why `config` cannot train on `data` now ("" when it can): invalid settings, other data
    // than it asks for (never the previous dataset, subset or seed), missing ImageNet weights.
    // Not asked while the data is loading.
    QString startProblem(const experiment::ExperimentConfig &config, const LoadedData &data) const;
    // Starts a run of `config` on the loaded data into a new folder (`starting`, then the
    // session's signals). When it cannot: `refused` with the reason. While the data is still
    // loading: `waitingForData`, and the start waits (see dataLoaded). False when no run
    // started now.
    bool start(const experiment::ExperimentConfig &config, const LoadedData &data);
    // The data finished loading: true when a start waited for it (the caller starts again, with
    // the experiment as its panels show it now).
    bool dataLoaded();
    // The data could not be loaded: a start that waited for it is refused.
    void dataFailed(const QString &error);
    // Continues the interrupted run in `dir`: `resuming` (its settings and completed epochs,
    // so the window shows them), then the session resumes it. tl::Error when its settings
    // cannot be read; ignored while a run trains.
    void resume(const QString &dir);

    // A new run's folder under `parent` (default: the runs folder), not there yet:
    // "20261130-101500-simple-cnn-fashion-mnist[-name][-2]"; `claim`: created now (a run
    // starting at once).
    QString newRunDir(const experiment::ExperimentConfig &config, bool claim,
                      const QString &parent = {}) const;

    // Queues a run of `config` (tl::Error when its settings are invalid) into a new folder under
    // `parent` (default: the runs folder); returns its row.
    int queueRun(const experiment::ExperimentConfig &config, const QString &parent = {});
    // Queues a sweep into "sweep-TIMESTAMP-NAME" in the runs folder; returns that folder.
    QString queueSweep(const runs::SweepPlan &plan, const QString &name);
    // A recipe's sweep (tl::Error for an unknown name) and queueing it, quick (2 % of the
    // data, one epoch a stage) or as the notebook has it, into "sweep-NAME[-quick]".
    static runs::SweepPlan recipeSweep(const QString &name);
    void queueRecipe(const QString &name, runs::SweepPlan plan, bool quick);

    // How long a run of `config` should take on this computer, in seconds (-1: not known), from
    // the speed of the runs listed and the size of `loaded` (the same dataset only).
    double estimateRunSeconds(const experiment::ExperimentConfig &config,
                              const data::DatasetSplits *loaded) const;

    // Checks `spec` against the real layers of `model` (its own freeze aside), in the background (a
    // VGG takes a second to build): `freezeChecked` follows with the problem ("" when none) for the
    // latest check only. An empty spec answers at once.
    void checkFreeze(const models::ModelSpec &model, const QString &spec);

    // The window closes: stops the training (waits for it) and the queue's run.
    void shutDown();

Q_SIGNALS:
    void refused(const QString &reason);
    void waitingForData(const QString &datasetTitle);
    // A new run is about to start in `runDir` (the charts start empty).
    void starting(const QString &runDir);
    void resuming(const tl::experiment::ExperimentConfig &config,
                  const std::vector<tl::train::EpochMetrics> &done);
    void freezeChecked(const QString &problem);

private:
    QString m_runsFolder;
    TrainingSession *m_session;
    RunQueue *m_queue;
    RunList *m_runList;
    bool m_startWhenLoaded = false; // Start was pressed while the data was loading
    int m_freezeCheck = 0;          // the latest freeze check (older answers are dropped)
    QThreadPool m_checks;           // freeze checks; joined before the workbench goes
};

} // namespace tl::ui
