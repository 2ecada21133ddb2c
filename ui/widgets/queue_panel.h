#pragma once

#include <QStringList>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QScatterSeries;
class QGroupBox;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTableWidget;
QT_END_NAMESPACE

namespace tl::runs {
struct SweepResults;
}

namespace tl::ui {

class ExperimentForm;
class RunQueue;
class SweepDialog;
class Workbench;

// The Queue tab: the run queue (add the current settings, a sweep, or a sweep recipe; cancel,
// remove, reorder, retry) above the results of a sweep: a sortable table with one row per point
// (mean ± standard deviation over repeats), and a chart of test accuracy against a swept
// setting (log axis where the values span a decade or more, error bars), a heat map for two
// settings, or accuracy against training time with the Pareto front. Clicking a point, a cell
// or a row opens that run in Results; selected rows can be compared in the Runs tab.
class QueuePanel : public QWidget
{
    Q_OBJECT

public:
    QueuePanel(RunQueue *queue, const QString &runsFolder, QWidget *parent = nullptr);
    ~QueuePanel() override;

    RunQueue *queue() const { return m_queue; }
    QTableView *queueView() const { return m_queueView; }
    QTableWidget *resultsTable() const { return m_results; }
    QTableWidget *heatMap() const { return m_heat; }
    QChartView *chartView() const { return m_chart; }
    QComboBox *chartChoice() const { return m_chartChoice; }
    QComboBox *sweepChoice() const { return m_sweepChoice; }
    // The sweep shown (null before one is).
    const runs::SweepResults *sweep() const { return m_sweep.get(); }
    // Presentation mode: the charts' and the heat map's text large (axes keep their numbers:
    // fewer ticks where they would not fit).
    void setPresentation(bool on);
    // Answers the panel's own requests (Add current settings, Sweep…, a sweep recipe): the
    // experiment as `form` shows it, queued through `bench`.
    void serve(Workbench *bench, ExperimentForm *form);

public Q_SLOTS:
    // Reads and shows a sweep folder's results (an error in the status line when it cannot).
    void showSweep(const QString &dir);
    // Lists the sweeps in the runs folder again.
    void refreshSweeps();
    // The chart for choice `index` of chartChoice().
    void showChart(int index);
    // Opens the run(s) of the selected result rows: the first in Results, or all in Compare.
    void openSelectedResult();
    void compareSelectedResults();
    // With serve(): a run of the current experiment (its row, -1 when refused), the sweep
    // table editor (the dialog, open), a sweep recipe (asks quick or full). queued() follows.
    int queueCurrent();
    SweepDialog *openSweepDialog();
    void queueSweepRecipe(const QString &name);

Q_SIGNALS:
    void addCurrentRequested();
    void sweepRequested();
    void sweepRecipeRequested(const QString &recipe);
    void openRunRequested(const QString &runDir);
    void compareRequested(const QStringList &runDirs);
    void failed(const QString &error);
    // Something was queued (the window shows the tab); a request was refused (its reason).
    void queued();
    void refused(const QString &title, const QString &reason);

private:
    int selectedQueueRow() const;
    QGroupBox *buildQueueBox();
    QGroupBox *buildResultsBox();
    QWidget *buildResultsTable();
    QWidget *buildSweepChart();
    void updateButtons();
    void fillResults();
    void fillChartChoices();
    // The chart emptied of series and axes.
    QChart *clearChart();
    void accuracyChart(std::size_t parameter);
    void paretoChart();
    // queue_panel_search.cpp: a sweep that stopped points early or searched, explained.
    static bool explainsPruning(const runs::SweepResults &r);
    void halvingChart();
    void importanceChart();
    void openPointRun(QScatterSeries *dots, const QPointF &p);
    void fillHeatMap(std::size_t rows, std::size_t cols);
    // Ticks and category labels that fit the chart's current size and text (queued after its
    // layout).
    void fitChartAxes();
    // A setting's short name for headers and axes ("stage 1 lr").
    static QString settingName(const runs::SweepResults &r, std::size_t parameter);
    // The finished runs of a result row (a point and its repeats).
    QStringList finishedRuns(int group) const;

    RunQueue *m_queue;
    Workbench *m_bench = nullptr;
    ExperimentForm *m_form = nullptr;
    QString m_runsFolder;
    QTableView *m_queueView;
    QPushButton *m_cancel, *m_remove, *m_up, *m_down, *m_retry, *m_pause;
    QComboBox *m_sweepChoice;
    QLabel *m_sweepInfo;
    QTableWidget *m_results;
    QComboBox *m_chartChoice;
    QStackedWidget *m_stack;
    QChartView *m_chart;
    QTableWidget *m_heat;
    std::unique_ptr<runs::SweepResults> m_sweep;
    QString m_shownDir;
    // The run folders behind each chart point: series -> point index -> folders.
    std::vector<std::pair<const void *, std::vector<QString>>> m_pointRuns;
    bool m_large = false;
    // What the chart shows, for fitChartAxes: the data's ranges and the categories' labels.
    struct AxisFit
    {
        double xLo = 0, xHi = 1, yLo = 0, yHi = 1;
        QStringList categories;
        QList<double> positions;
    } m_fit;
};

} // namespace tl::ui
