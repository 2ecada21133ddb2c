#pragma once

#include "data/dataset.h"
#include "experiment/experiment_config.h"
#include "run/run_experiment.h"
#include "train/run_control.h"
#include "train/training_types.h"

#include <QObject>
#include <QString>

#include <memory>
#include <thread>

namespace tl::ui {

// Owns the training worker thread. Lives in the GUI thread: the worker reports through a
// core observer whose calls are posted here (queued), so every signal below is emitted in the
// GUI thread and carries plain value structs. Stop and pause go to the worker through a
// RunControl (atomics and a condition variable checked every batch).
class TrainingSession : public QObject
{
    Q_OBJECT

public:
    explicit TrainingSession(QObject *parent = nullptr);
    ~TrainingSession() override;

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_control && m_control->paused(); }

    // Starts a run of `config` on `data` (already loaded with config.data), writing `runDir`
    // (empty: nothing written). Ignored while a run is going.
    // `resume`: continue the run in `runDir` from its saved state (state.tlstate, read on the
    // worker, which first replays the completed epochs through epochFinished); `data` may then
    // be null (the worker loads the run's data itself).
    void start(const experiment::ExperimentConfig &config,
               std::shared_ptr<const data::DatasetSplits> data, const QString &runDir,
               bool resume = false);

public Q_SLOTS:
    void pause();
    void resume();
    void stop();
    // The live view after each epoch (the first convolution's filters and maps); may change
    // during a run.
    void setLiveView(bool on);
    bool liveView() const { return m_liveView; }
    // Stops and joins the worker (used when the window closes).
    void stopAndWait();

Q_SIGNALS:
    void runningChanged(bool running);
    void pausedChanged(bool paused);
    void stageStarted(int stage, const QString &name, int epochs);
    void batchProgress(const tl::train::BatchProgress &progress);
    void epochFinished(const tl::train::EpochMetrics &metrics);
    // Validation, the confusion pass, the test evaluation, feature extraction.
    void phaseProgress(const tl::train::PhaseProgress &progress);
    void message(const QString &text);
    void warning(const QString &text);
    void networkView(const tl::train::NetworkView &view);
    void finished(std::shared_ptr<const tl::runs::RunResult> result);
    void failed(const QString &error);

private:
    class Relay;
    void joinWorker();

    std::unique_ptr<train::RunControl> m_control;
    bool m_liveView = false;
    std::unique_ptr<Relay> m_relay;
    std::shared_ptr<const data::DatasetSplits> m_data;
    std::thread m_worker;
    bool m_running = false;
};

} // namespace tl::ui
