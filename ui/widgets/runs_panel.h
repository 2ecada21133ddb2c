#pragma once

#include "data/dataset.h"
#include "run/run_experiment.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;
QT_END_NAMESPACE

namespace tl::ui {

class CompareView;
class RunFollower;
class RunList;
class RunsModel;

// Every run (from the window or the CLI) in the runs folder: sort, filter, compare the selected
// ones in the notebooks' table, or open one into the Results panel as if it had just trained.
class RunsPanel : public QWidget
{
    Q_OBJECT

public:
    // The runs of `runs` (shared with other views; listed off the GUI thread).
    explicit RunsPanel(RunList *runs, QWidget *parent = nullptr);
    // The runs of `folder`, with a list of its own.
    explicit RunsPanel(const QString &folder, QWidget *parent = nullptr);

    RunsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString comparisonHtml() const;
    QString folder() const;
    RunList *runList() const { return m_list; }
    CompareView *compareView() const { return m_compare; }
    // Writes the HTML report of the selected runs to `file` (in the background; reportWritten
    // or failed follows).
    void exportReport(const QString &file);

public Q_SLOTS:
    // Lists the runs again (in the background: the table follows when they are read).
    void refresh();
    void compareSelected();
    void openSelected();
    // Continues the selected interrupted run (emits resumeRequested).
    void resumeSelected();
    // Opens the run in `dir` into the Results panel (runOpened follows, or failed).
    void openRun(const QString &dir);
    // Lists the runs again, then selects those in `dirs` and compares them.
    void compareRuns(const QStringList &dirs);
    // Shows the runs of another folder (a shared folder a CLI or a cluster job writes into),
    // with a list of its own: the other tabs keep the runs folder.
    void setFolder(const QString &folder);
    // Opens a window that follows the run in `dir` while it trains (runFollowed follows).
    RunFollower *follow(const QString &dir);
    void followSelected();
    // Lists the runs again when a run in the folder started, advanced an epoch or ended
    // (the panel asks every few seconds while it shows; the list reads file times on its
    // worker thread).
    void refreshIfChanged();

Q_SIGNALS:
    void runOpened(std::shared_ptr<const tl::runs::RunResult> result,
                   std::shared_ptr<const tl::data::DatasetSplits> data);
    void failed(const QString &error);
    void resumeRequested(const QString &runDir);
    void comparisonLoaded();
    void reportWritten(const QString &file);

private:
    std::vector<int> selectedRows() const;
    void useList(RunList *runs);
    // The list's new runs into the table, keeping the selection (and a comparison asked for).
    void showRuns();
    void selectDirs(const QStringList &dirs);

    RunList *m_list = nullptr;
    QStringList m_compareWhenListed; // compareRuns' folders, until the list arrives
    class QLabel *m_folderLabel = nullptr;
    RunsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    CompareView *m_compare;
    class QSplitter *m_split = nullptr;
};

} // namespace tl::ui
