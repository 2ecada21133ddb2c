#pragma once

#include "experiment/experiment_config.h"

#include <QMainWindow>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QTabWidget;
class QLabel;
QT_END_NAMESPACE

namespace tl::runs {
struct RunInfo;
}

namespace tl::ui {

class DataPanel;
class ModelPanel;
class TrainingPanel;
class ResultsPanel;
class PredictPanel;
class RunsPanel;
class LessonDialog;
class QueuePanel;
class RunQueue;
class SweepDialog;
class TrainingSession;

// Assembles the panels (Data → Model → Training → Results) and connects them; owns the
// training session. Remembers its layout and the last experiment.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // The experiment as the panels show it.
    experiment::ExperimentConfig experiment() const;
    void setExperiment(const experiment::ExperimentConfig &config);

    DataPanel *dataPanel() const { return m_data; }
    ModelPanel *modelPanel() const { return m_model; }
    TrainingPanel *trainingPanel() const { return m_training; }
    ResultsPanel *resultsPanel() const { return m_results; }
    RunsPanel *runsPanel() const { return m_runs; }
    // File > Lessons > "Why transfer learning" (made on first use).
    LessonDialog *openTransferLesson();
    PredictPanel *predictPanel() const { return m_predict; }
    TrainingSession *session() const { return m_session; }
    QTabWidget *tabs() const { return m_tabs; }
    QueuePanel *queuePanel() const { return m_queuePanel; }
    RunQueue *queue() const { return m_queue; }
    // Where runs started from the window are written.
    static QString runsFolder();

    // Opens an experiment file (File > Open does this after its dialog); a damaged file is
    // refused with a message naming it, and the window keeps its settings.
    bool openExperimentFile(const QString &path);
    // A message the user must see, without blocking the event loop (tests find it by its object
    // name "errorMessage").
    void showError(const QString &title, const QString &text);
    // Brings the tab that holds `panel` to the front (the pages sit in scroll areas).
    void showPanel(QWidget *panel);

public Q_SLOTS:
    void startTraining();
    void resumeRun(const QString &runDir);
    void openExperiment();
    void saveExperiment();
    void setPresentationMode(bool on);
    // Queue tab: a run of the current experiment (its row), a sweep from the table editor (the
    // dialog, open), a sweep recipe (asks quick or full).
    int queueCurrent();
    SweepDialog *openSweepDialog();
    void queueSweepRecipe(const QString &name);
    // View > Classroom: a small subset with a validation split, presentation mode, the window
    // fitted to the screen and a run name, ready for a demo in front of a class.
    void classroomSetup();
    // File > Reset to defaults: the default experiment, nothing left over from earlier choices.
    void resetToDefaults();
    // Sizes and places the window inside the screen's available area (first launch, a saved
    // geometry from a larger screen, presentation mode).
    void fitToScreen();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void syncPreprocess();
    // Why the data in memory cannot be trained on now ("" when it can).
    QString dataProblem(const experiment::ExperimentConfig &config) const;
    // Why the chosen weights cannot be used now ("" when they can), in the window's words.
    QString weightsProblem(const experiment::ExperimentConfig &config) const;
    void checkFreeze(const QString &spec);
    void connectQueue();
    // "20261130-101500-simple-cnn-fashion-mnist[-name]"
    QString newRunName(const experiment::ExperimentConfig &config) const;
    double estimateRunSeconds(const experiment::ExperimentConfig &config,
                              const std::vector<runs::RunInfo> &measured) const;

    QTabWidget *m_tabs;
    DataPanel *m_data;
    ModelPanel *m_model;
    TrainingPanel *m_training;
    ResultsPanel *m_results;
    PredictPanel *m_predict = nullptr;
    RunsPanel *m_runs;
    RunQueue *m_queue = nullptr;
    QueuePanel *m_queuePanel = nullptr;
    LessonDialog *m_lesson = nullptr;
    TrainingSession *m_session;
    QLabel *m_deviceLabel;
    experiment::ExperimentConfig m_loadedConfig; // keeps settings the panels do not show
    QFont m_baseFont;
    bool m_startWhenLoaded = false; // Start was pressed while the data was loading
    class QAction *m_presentationAction = nullptr;
    bool m_geometryRestored = false; // a saved (or fitted) size to keep while it fits
    int m_freezeCheck = 0;           // the latest freeze-field check (older answers are dropped)
};

} // namespace tl::ui
