#pragma once

#include "experiment/experiment_config.h"
#include "session/workbench.h"
#include "widgets/experiment_form.h"

#include <QHash>
#include <QMainWindow>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QTabWidget;
class QLabel;
QT_END_NAMESPACE

namespace tl::ui {

class DataPanel;
class ModelPanel;
class TrainingPanel;
class ResultsPanel;
class PredictPanel;
class RunsPanel;
class LessonDialog;
class MainMenus;
class QueuePanel;
class RunQueue;
class SweepDialog;
class TrainingSession;

// Assembles the panels (Data → Model → Training → Results) and connects them to the Workbench,
// which does the work (starts runs, queues sweeps, lists the runs). Remembers its layout and
// the last experiment.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    // The experiment as the panels show it.
    experiment::ExperimentConfig experiment() const { return m_form->experiment(); }
    void setExperiment(const experiment::ExperimentConfig &config)
    {
        m_form->setExperiment(config);
    }

    DataPanel *dataPanel() const { return m_data; }
    ModelPanel *modelPanel() const { return m_model; }
    TrainingPanel *trainingPanel() const { return m_training; }
    ResultsPanel *resultsPanel() const { return m_results; }
    RunsPanel *runsPanel() const { return m_runs; }
    // File > Lessons > "Why transfer learning" (made on first use).
    LessonDialog *openTransferLesson();
    PredictPanel *predictPanel() const { return m_predict; }
    Workbench *workbench() const { return m_bench; }
    ExperimentForm *experimentForm() const { return m_form; }
    TrainingSession *session() const { return m_bench->session(); }
    QTabWidget *tabs() const { return m_tabs; }
    QueuePanel *queuePanel() const { return m_queuePanel; }
    RunQueue *queue() const { return m_bench->queue(); }
    // Where runs started from the window are written.
    static QString runsFolder() { return Workbench::defaultRunsFolder(); }

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
    void setPresentationMode(bool on);
    // The Queue tab's: a sweep from the table editor (the dialog, open), a sweep recipe (asks
    // quick or full).
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
    void buildTabs();
    // The panels and the workbench, connected by topic.
    void connectData();
    void connectTraining();
    void connectResults();
    void connectQueue();
    void restoreSettings();
    // What the Data tab holds, as the workbench asks it.
    LoadedData loadedData() const;
    // "Retrain with the fixes": queued beside the fixed run, compared with it when it ends.
    void retrainWithFixes(const experiment::ExperimentConfig &config);
    // Data health's "Retrain with class weights": the run shown, every stage balanced.
    void retrainWithClassWeights();
    // `config` queued beside the run shown (compared with it when it ends); `message` has %1
    // for that run's folder name.
    void queueRetrain(const experiment::ExperimentConfig &config, const QString &message);
    void compareAfterRetrain(const QString &dir, bool finished);

    QTabWidget *m_tabs;
    DataPanel *m_data;
    ModelPanel *m_model;
    TrainingPanel *m_training;
    ResultsPanel *m_results;
    PredictPanel *m_predict = nullptr;
    RunsPanel *m_runs;
    QueuePanel *m_queuePanel = nullptr;
    LessonDialog *m_lesson = nullptr;
    Workbench *m_bench;
    QLabel *m_deviceLabel;
    ExperimentForm *m_form;
    QFont m_baseFont;
    MainMenus *m_menus = nullptr;
    bool m_geometryRestored = false;     // a saved (or fitted) size to keep while it fits
    QHash<QString, QString> m_retrained; // a queued retrain's folder -> the run it fixes
};

} // namespace tl::ui
