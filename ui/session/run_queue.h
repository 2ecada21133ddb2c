#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QTemporaryDir;
QT_END_NAMESPACE

namespace tl::experiment {
struct ExperimentConfig;
}
namespace tl::runs {
struct SweepPlan;
}

namespace tl::ui {

// The window's run queue: experiments waiting to train, trained one after another in the
// background, each by a transferlab-cli process (its own memory and threads; the window stays
// free, a crash stays there). Every run is an ordinary run folder, so it shows in the Runs tab;
// a sweep's runs sit in its sweep folder, whose sweep.json the queue keeps up to date as the
// CLI's sweep command does. Cancelling sends the process Ctrl-C: it stops at its next batch
// and keeps its last epoch, so Retry continues it (train --resume).
class RunQueue : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Status, Progress, Eta, Validation, Test, ColumnCount };
    enum class State { Queued, Running, Stopping, Finished, Failed, Cancelled };
    struct Item
    {
        int id = 0;
        QString name;
        QString runDir;
        QString configFile; // the experiment to train (a fresh start)
        QString model;
        int totalEpochs = 1;
        std::vector<int> stageEpochs;
        QString sweepDir; // "" when not part of a sweep
        int sweepPoint = -1;
        State state = State::Queued;
        double progress = 0;    // 0..1
        double etaSeconds = -1; // -1: not known yet
        double imagesPerSecond = 0;
        double valAccuracy = -1;
        double testAccuracy = -1;
        double seconds = 0;
        QString message; // why it failed, or how it was stopped
    };

    explicit RunQueue(QObject *parent = nullptr);
    ~RunQueue() override;

    // The transferlab-cli that trains (default: cliPath()).
    void setCliPath(const QString &path) { m_cli = path; }
    QString cli() const { return m_cli; }
    // Next to this program (installed), in the build tree (app/cli/), or on PATH.
    static QString cliPath();

    // Queues a run of `config` into `runDir`; returns its row.
    int add(const experiment::ExperimentConfig &config, const QString &runDir,
            const QString &name = {});
    // Queues every point of a sweep into `sweepDir` (sweep.json written at once, points that
    // already finished there are listed as finished and not run again).
    void addSweep(const runs::SweepPlan &plan, const QString &sweepDir);

    // Cancel: a queued run is not started; a running one is stopped at its next batch.
    void cancel(int row);
    // Removes a row that is not running.
    bool remove(int row);
    // Moves a queued row up or down among the rows.
    bool move(int row, int delta);
    // Queues a failed or cancelled run again (continuing it when it left a state to resume).
    bool retry(int row);
    // Stops the running process (Ctrl-C) and waits up to `msecs` for it (window closing).
    void stopAll(int msecs = 30000);
    void setPaused(bool paused);
    bool paused() const { return m_paused; }

    const Item &item(int row) const { return m_items.at(std::size_t(row)); }
    int count() const { return int(m_items.size()); }
    bool isRunning() const { return m_process != nullptr; }
    int runningRow() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    static QString stateText(State s);

Q_SIGNALS:
    // A run ended (finished, failed or cancelled): the Runs tab lists it.
    void runEnded(const QString &runDir, bool finished);
    // A sweep's sweep.json changed.
    void sweepChanged(const QString &sweepDir);
    // Nothing is running and nothing is queued.
    void idle();

private:
    void startNext();
    void onOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void parseLine(Item &item, const QString &line);
    void changed(int row);
    void writeSweep(const QString &sweepDir);
    int rowOf(int id) const;
    // A queued row for `config`, written to `configFile` (the run starts from it).
    Item newItem(const experiment::ExperimentConfig &config, const QString &name,
                 const QString &runDir, const QString &configFile);

    std::vector<Item> m_items;
    QProcess *m_process = nullptr;
    int m_runningId = -1;
    int m_nextId = 1;
    int m_currentStage = 0;
    QString m_cli;
    QString m_output;   // the running process's output not yet split into lines
    QString m_lastLine; // its last line (the error of a failed run)
    QElapsedTimer m_clock;
    bool m_paused = false;
    std::unique_ptr<QTemporaryDir> m_configs;
    struct Sweep;
    std::vector<std::unique_ptr<Sweep>> m_sweeps;
};

} // namespace tl::ui
