#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QTemporaryDir;
QT_END_NAMESPACE

namespace tl::experiment {
struct ExperimentConfig;
}
namespace tl::runs {
class Scheduler;
class SweepSearch;
struct Point;
struct PointSpec;
struct SweepPlan;
} // namespace tl::runs

namespace tl::ui {

class QProcessLauncher;

// The window's run queue: experiments waiting to train, each by a transferlab-cli process (its
// own memory and threads; the window stays free, a crash stays there), one or more at a time
// (setParallel: each with its share of the cores and, with CUDA devices, one device each). A
// thin table model over the core's Scheduler (orchestration/scheduler.h), which decides what
// starts, resumes or is skipped, reads each run's progress from its progress.csv and keeps a
// sweep's sweep.json up to date as the CLI's sweep command does. Every run is an ordinary run
// folder, so it shows in the Runs tab. Cancelling sends the process Ctrl-C: it stops at its next
// batch and keeps its last epoch, so Retry continues it (train --resume).
class RunQueue : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Status, Progress, Eta, Validation, Test, ColumnCount };
    enum class State { Queued, Running, Stopping, Finished, Failed, Cancelled };
    // A row as the table shows it (from the scheduler's point).
    struct Item
    {
        int id = 0; // the scheduler's point id
        QString name;
        QString runDir;
        QString model;
        int totalEpochs = 1;
        QString sweepDir; // "" when not part of a sweep
        int sweepPoint = -1;
        State state = State::Queued;
        double progress = 0;    // 0..1
        double etaSeconds = -1; // -1: not known yet
        double imagesPerSecond = 0;
        double valAccuracy = -1;
        double testAccuracy = -1;
        double seconds = 0;
        double estimateSeconds = -1; // how long it should take, before it starts (-1: unknown)
        QString message;             // why it failed, or how it was stopped
    };

    explicit RunQueue(QObject *parent = nullptr);
    ~RunQueue() override;

    // The transferlab-cli that trains (default: cliPath()).
    void setCliPath(const QString &path);
    QString cli() const;
    // Next to this program (installed), in the build tree (app/cli/), or on PATH.
    static QString cliPath();

    // Queues a run of `config` into `runDir` (a taken folder name gets -2, -3, ...); its row.
    int add(const experiment::ExperimentConfig &config, const QString &runDir,
            const QString &name = {});
    // Queues every point of a sweep into `sweepDir` (sweep.json written at once, points that
    // already finished there are listed as finished and not run again).
    void addSweep(const runs::SweepPlan &plan, const QString &sweepDir);
    // Queues runs into folders of their own that are continued when queued again (the label
    // check's fold runs, RUN/label-folds/fold-K): one that finished is listed as finished
    // earlier and not run again, one that left a state resumes, one queued or running here
    // already is not added twice (an ended row of the same folder is replaced). Each is shown
    // with `estimateSeconds` (-1: unknown) until it starts. Returns how many will run.
    int addResumable(const std::vector<runs::PointSpec> &specs, double estimateSeconds = -1);

    // Cancel: a queued run is not started; a running one is stopped at its next batch.
    void cancel(int row);
    // Removes a row that is not running.
    bool remove(int row);
    // Moves a row up or down among the rows.
    bool move(int row, int delta);
    // Queues a failed or cancelled run again (continuing it when it left a state to resume).
    bool retry(int row);
    // Stops the running processes (Ctrl-C) and waits up to `msecs` for them (window closing).
    void stopAll(int msecs = 30000);
    void setPaused(bool paused);
    bool paused() const;
    // Runs trained at the same time (1..8; default 1).
    void setParallel(int parallel);
    int parallel() const;

    Item item(int row) const;
    int count() const;
    bool isRunning() const;
    int runningCount() const;
    int runningRow() const; // the first running row, -1 when none
    // The scheduler behind the rows (a sweep's search hooks into it).
    runs::Scheduler &scheduler() { return *m_scheduler; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    static QString stateText(State s);
    static State stateOf(const runs::Point &p);

Q_SIGNALS:
    // A run ended (finished, failed or cancelled): the Runs tab lists it.
    void runEnded(const QString &runDir, bool finished);
    // A sweep's sweep.json changed.
    void sweepChanged(const QString &sweepDir);
    // Nothing is running and nothing is queued.
    void idle();

private:
    void connectScheduler();
    void wrapProposals();
    int m_resetDepth = 0;
    void rowChanged(const runs::Point &p);
    void scheduleSoon();

    std::unique_ptr<QTemporaryDir> m_configs; // configs and logs of runs outside a sweep
    std::unique_ptr<QProcessLauncher> m_launcher;
    std::unique_ptr<runs::Scheduler> m_scheduler;
    // Each sweep's early stopping and TPE proposals (issue 30), as the CLI's sweep has them.
    std::vector<std::unique_ptr<runs::SweepSearch>> m_searches;
    QTimer m_progressTimer; // reads the running runs' progress.csv
    int m_added = 0;
    std::map<int, double> m_estimates; // point id -> seconds it should take (addResumable)
};

} // namespace tl::ui
