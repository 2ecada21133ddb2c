#pragma once

#include "experiment/experiment_config.h"
#include "train/training_types.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QScrollArea;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class QVBoxLayout;
QT_END_NAMESPACE

namespace tl::ui {

class FieldNote;
class MetricChart;

// Step 3: hyperparameters, Start / Pause / Stop, progress with ETA and images/s, and the live
// loss and accuracy charts (training per batch, smoothed, and per epoch; validation per epoch).
class LiveView;

class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPanel(QWidget *parent = nullptr);

    // The stages as edited (the form's values merged into the selected stage; settings the form
    // does not show, such as warm-up or label smoothing, are kept as the file had them).
    std::vector<experiment::StageConfig> stages() const;
    void setStages(const std::vector<experiment::StageConfig> &stages);
    experiment::StageConfig stage() const { return stages().front(); }
    void setStage(const experiment::StageConfig &stage) { setStages({stage}); }
    // Adds a fine-tuning stage after the last one (everything trainable, a tenth of the rate).
    void addStage();
    void removeStage();
    // Every stage's class weights ("none" or "balanced"; Results → Data health asks for
    // balanced when the classes are imbalanced).
    void setClassWeights(const std::string &mode);
    int stageCount() const { return int(m_stages.size()); }
    void selectStage(int index);
    std::uint64_t seed() const;
    void setSeed(std::uint64_t seed);
    void setDeviceText(const QString &text);
    // Compute threads: 0 lets TransferLab use every usable core.
    int threads() const;
    void setThreads(int threads);
    // The name the user gives the run (Runs and Compare show it; the folder ends with it).
    QString runName() const;
    void setRunName(const QString &name);

    MetricChart *lossChart() const { return m_loss; }
    MetricChart *accuracyChart() const { return m_accuracy; }
    MetricChart *learningRateChart() const { return m_lrChart; }
    void setPresentation(bool on);
    // Training images of the data now loaded (0: unknown): larger batch sizes are clamped to
    // it, with a note at the field.
    void setTrainingImages(qint64 count);
    // Removes the warnings shown (a new run, a refused Start, Reset to defaults).
    void clearWarnings();
    // The warnings shown so far in this run (tests).
    QStringList warnings() const { return m_warningTexts; }
    // Marks the freeze field as wrong (red, with the reason as tooltip) or right (empty reason).
    void setFreezeProblem(const QString &reason);

    LiveView *liveView() const { return m_liveView; }
    QCheckBox *liveViewCheck() const { return m_liveCheck; }

public Q_SLOTS:
    void onNetworkView(const tl::train::NetworkView &view);
    void setRunning(bool running);
    void setPaused(bool paused);
    void onStageStarted(int stage, const QString &name, int epochs);
    void onBatch(const tl::train::BatchProgress &p);
    // Says "epoch 2 of 5, 40 %" to assistive technology when the whole percent changes.
    void announceProgress(int epoch, int epochs, int percent);
    void onEpoch(const tl::train::EpochMetrics &m);
    void onMessage(const QString &text);
    // A teacher's warning from the run (train/training_hints.h): shown once, above the log.
    void onWarning(const QString &text);
    // Validation, the confusion pass, the test evaluation, feature extraction.
    void onPhase(const tl::train::PhaseProgress &p);
    // The run ended with a test evaluation; `stoppedAfterEpochs` > 0: it was stopped after that
    // many completed epochs (kept and saved).
    void onFinished(double testAccuracy, double testLoss, int stoppedAfterEpochs = 0);
    void onFailed(const QString &error);
    // Stopped before the first epoch ended: nothing was saved.
    void onDiscarded();
    // Stopped during the test evaluation: the run keeps `epochs` epochs and can be resumed.
    void onInterrupted(int epochs, const QString &runDir);
    // Start was pressed while the data is still loading: the run begins when it is ready.
    void setWaitingForData(const QString &what);
    // Start was refused (data missing, settings wrong): the reason, in the status line.
    void showRefusal(const QString &reason);
    // The model or data changed: a refusal shown for the earlier settings goes.
    void clearRefusal();
    void resetCharts();
    // The curves of a finished run, as they were drawn while it trained (stage boundaries
    // included; per-batch curves are not stored, so only the per-epoch points show).
    void showHistory(const std::vector<tl::train::EpochMetrics> &epochs);

Q_SIGNALS:
    void startRequested();
    void seedChanged(quint64 seed);
    // The freeze field was edited: the window checks it against the model's layers.
    void freezeEdited(const QString &spec);
    void pauseRequested();
    void resumeRequested();
    void stopRequested();
    void liveViewToggled(bool on);

private:
    void createFields();
    QWidget *buildForm();
    QVBoxLayout *buildControls(QWidget *form);
    void buildCharts();
    void flush();
    void clampBatch();
    void arrangeCharts(bool liveView);
    // A new stage seen in the progress: its boundary at x (once per stage).
    void noteStage(int stage, double x);

    QSpinBox *m_epochs;
    QSpinBox *m_batch;
    QComboBox *m_optimizer;
    QDoubleSpinBox *m_lr;
    QDoubleSpinBox *m_momentum;
    QCheckBox *m_nesterov;
    QDoubleSpinBox *m_weightDecay;
    QComboBox *m_classWeights;
    QSpinBox *m_seed;
    QLabel *m_device;
    QSpinBox *m_threads;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_stop;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPlainTextEdit *m_log;
    MetricChart *m_loss;
    MetricChart *m_accuracy;
    MetricChart *m_lrChart;
    int m_lrSeries = -1;
    int m_lossBatch = -1, m_lossTrain = -1, m_lossVal = -1;
    int m_accBatch = -1, m_accTrain = -1, m_accVal = -1;
    QTimer *m_flushTimer;
    QList<QPointF> m_pendingLoss, m_pendingAcc, m_pendingLr;
    double m_smoothLoss = -1, m_smoothAcc = -1;
    int m_lastStage = -1; // the stage whose boundary is drawn last
    QLabel *m_warningBox = nullptr;
    FieldNote *m_note = nullptr;
    QGridLayout *m_charts = nullptr;
    QScrollArea *m_liveArea = nullptr;
    QLabel *m_sharedLegend = nullptr;
    bool m_presentation = false;
    bool m_refused = false; // the status shows why Start was refused
    qint64 m_trainingImages = 0;
    QStringList m_warningTexts;
    void readForm(experiment::StageConfig &s) const;
    void writeForm(const experiment::StageConfig &s);
    void refreshStageBox();
    std::vector<experiment::StageConfig> m_stages = std::vector<experiment::StageConfig>(1);
    int m_current = 0;
    QComboBox *m_stageBox = nullptr;
    QLineEdit *m_stageName = nullptr;
    QLineEdit *m_runName = nullptr;
    QLineEdit *m_freeze = nullptr;
    QComboBox *m_schedule = nullptr;
    QCheckBox *m_early = nullptr;
    QSpinBox *m_patience = nullptr;
    QPushButton *m_addStage = nullptr;
    QPushButton *m_removeStage = nullptr;
    int m_lastGlobalEpoch = 0;
    // The pass that is not training (validation, test...) now running, and since when: its own
    // progress and ETA, not the last batch's.
    QString m_phase;
    std::int64_t m_phaseDone = 0;
    QElapsedTimer m_phaseClock;
    bool m_paused = false;
    bool m_running = false;
    int m_stopPresses = 0;
    QCheckBox *m_liveCheck = nullptr;
    LiveView *m_liveView = nullptr;
};

} // namespace tl::ui
