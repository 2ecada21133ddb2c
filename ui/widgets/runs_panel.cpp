#include "widgets/runs_panel.h"

#include "a11y/accessibility.h"
#include "widgets/column_fit.h"

#include "session/run_list.h"

#include "analysis/report.h"
#include "experiment/experiment_config.h"
#include "io/files.h"
#include "itemmodels/runs_model.h"
#include "rundir/run_dir.h"
#include "rundir/run_reader.h"
#include "widgets/background.h"
#include "widgets/compare_view.h"
#include "widgets/run_follower.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>

#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace tl::ui {

RunsPanel::RunsPanel(const QString &folder, QWidget *parent)
    : RunsPanel(new RunList(folder), parent)
{
    m_list->setParent(this);
}

RunsPanel::RunsPanel(RunList *runs, QWidget *parent)
    : QWidget(parent), m_model(new RunsModel(this)), m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView;
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunsModel::Name, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    ColumnFit::attach(m_view); // every column in view, elided ones with a tooltip
    m_view->verticalHeader()->hide();
    a11y::name(m_view, tr("Runs"), tr("Enter opens the run in Results."));
    m_filter = new QLineEdit;
    a11y::name(m_filter, tr("Filter runs"));
    m_filter->setPlaceholderText(tr("Filter (model, dataset, run name)…"));
    m_filter->setClearButtonEnabled(true);
    auto *refreshButton = new QPushButton(tr("&Refresh"));
    auto *compareButton = new QPushButton(tr("&Compare selected"));
    auto *openButton = new QPushButton(tr("&Open in Results"));
    auto *resumeButton = new QPushButton(tr("Re&sume"));
    resumeButton->setToolTip(tr("Continue an interrupted run from its last completed epoch"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(refreshButton);
    top->addWidget(compareButton);
    top->addWidget(openButton);
    top->addWidget(resumeButton);
    auto *followButton = new QPushButton(tr("&Follow"));
    followButton->setToolTip(tr("Watch a run another program is training (a CLI run, a cluster "
                                "job writing into this folder): live curves and status"));
    top->addWidget(followButton);
    auto *reportButton = new QPushButton(tr("Export &report…"));
    reportButton->setToolTip(tr("One HTML page of the selected runs, for a class handout"));
    top->addWidget(reportButton);
    m_compare = new CompareView;
    auto *split = new QSplitter(Qt::Vertical);
    m_split = split;
    split->addWidget(m_view);
    split->addWidget(m_compare);
    // The list gets half the page until a comparison needs the room (then a few rows stay).
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({400, 400});
    auto *layout = new QVBoxLayout(this);
    m_folderLabel = new QLabel;
    auto *folderButton = new QPushButton(tr("F&older…"));
    folderButton->setToolTip(tr("Show the runs of another folder, e.g. a shared folder that "
                                "cluster jobs write into"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folderLabel, 1);
    folderRow->addWidget(folderButton);
    layout->addLayout(folderRow);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(refreshButton, &QPushButton::clicked, this, &RunsPanel::refresh);
    connect(compareButton, &QPushButton::clicked, this, &RunsPanel::compareSelected);
    connect(openButton, &QPushButton::clicked, this, &RunsPanel::openSelected);
    connect(resumeButton, &QPushButton::clicked, this, &RunsPanel::resumeSelected);
    connect(reportButton, &QPushButton::clicked, this, [this] {
        if (selectedRows().empty()) {
            Q_EMIT failed(tr("Select the runs for the report first."));
            return;
        }
        const QString file = QFileDialog::getSaveFileName(this, tr("Export report"),
                                                          QStringLiteral("transferlab-report.html"),
                                                          tr("Web pages (*.html)"));
        if (!file.isEmpty())
            exportReport(file);
    });
    // A double-click or Enter (activated) opens the run, or follows one still training.
    connect(m_view, &QTableView::activated, this, [this] {
        const auto rows = selectedRows();
        if (!rows.empty() && m_model->run(rows.front()).running)
            followSelected(); // a run still training: its live curves
        else
            openSelected();
    });
    connect(followButton, &QPushButton::clicked, this, &RunsPanel::followSelected);
    connect(folderButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs folder"), folder());
        if (!dir.isEmpty())
            setFolder(dir);
    });
    auto *watch = new QTimer(this);
    watch->setInterval(3000);
    // Only while the tab shows: on a shared file system with many runs the check costs I/O.
    connect(watch, &QTimer::timeout, this, [this] {
        if (isVisible())
            refreshIfChanged();
    });
    watch->start();
    useList(runs);
}

QString RunsPanel::folder() const
{
    return m_list->folder();
}

void RunsPanel::useList(RunList *runs)
{
    if (m_list)
        disconnect(m_list, nullptr, this, nullptr);
    m_list = runs;
    m_folderLabel->setText(tr("Runs in %1").arg(runs->folder()));
    connect(m_list, &RunList::listed, this, &RunsPanel::showRuns);
    if (m_list->isListed())
        showRuns();
}

void RunsPanel::setFolder(const QString &folder)
{
    if (folder == m_list->folder())
        return;
    if (m_list->parent() == this) {
        m_list->setFolder(folder);
        m_folderLabel->setText(tr("Runs in %1").arg(folder));
    } else {
        useList(new RunList(folder, this)); // the shared list keeps the runs folder
    }
    m_model->setRuns({});
}

void RunsPanel::refresh()
{
    m_list->refresh();
}

void RunsPanel::refreshIfChanged()
{
    m_list->refreshIfChanged();
}

void RunsPanel::showRuns()
{
    // The selection survives: it is kept by run folder, not by row.
    QStringList selected;
    for (int r : selectedRows())
        selected << QString::fromStdString(m_model->run(r).dir);
    m_model->setRuns(m_list->runs());
    if (!m_compareWhenListed.isEmpty()) {
        selectDirs(std::exchange(m_compareWhenListed, {}));
        compareSelected();
    } else if (!selected.isEmpty()) {
        selectDirs(selected);
    }
}

void RunsPanel::selectDirs(const QStringList &dirs)
{
    QItemSelection selection;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QString dir = QString::fromStdString(m_model->run(r).dir);
        if (!dirs.contains(dir) && !dirs.contains(QDir::cleanPath(dir)))
            continue;
        const QModelIndex i = m_proxy->mapFromSource(m_model->index(r, 0));
        if (i.isValid())
            selection.select(i, i);
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
}

void RunsPanel::followSelected()
{
    const auto rows = selectedRows();
    if (rows.empty()) {
        Q_EMIT failed(tr("Select the run to follow first."));
        return;
    }
    follow(QString::fromStdString(m_model->run(rows.front()).dir));
}

RunFollower *RunsPanel::follow(const QString &dir)
{
    auto *follower = new RunFollower(dir, this);
    follower->setWindowFlag(Qt::Window);
    follower->setAttribute(Qt::WA_DeleteOnClose);
    follower->resize(1100, 560);
    connect(follower, &RunFollower::openRequested, this, &RunsPanel::openRun);
    connect(follower, &RunFollower::finished, this, &RunsPanel::refresh);
    follower->show();
    return follower;
}

std::vector<int> RunsPanel::selectedRows() const
{
    std::vector<int> rows;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        rows.push_back(m_proxy->mapToSource(i).row());
    return rows;
}

QString RunsPanel::comparisonHtml() const
{
    return m_compare->tableHtml();
}

void RunsPanel::exportReport(const QString &file)
{
    std::vector<std::string> dirs;
    for (int r : selectedRows())
        dirs.push_back(m_model->run(r).dir);
    const std::string path = file.toStdString();
    runInBackground<RunsPanel>(
        this, [dirs, path] { writeFileAtomic(path, runs::reportHtml(dirs)); },
        [file](RunsPanel *self, const QString &error) {
            if (!error.isEmpty())
                Q_EMIT self->failed(error);
            else
                Q_EMIT self->reportWritten(file);
        });
}

void RunsPanel::compareSelected()
{
    std::vector<runs::RunInfo> chosen;
    for (int r : selectedRows())
        chosen.push_back(m_model->run(r));
    if (chosen.empty()) {
        m_compare->showMessage(tr("Select two or more runs first."));
        return;
    }
    // The same table as `transferlab-cli compare`, as HTML, best test accuracy in bold.
    // Runs tested on other images or labels: no accuracy is the best of them.
    const bool comparable = runs::testSetWarning(chosen).empty();
    double best = -1;
    for (const auto &r : chosen)
        best = std::max(best, r.finished ? r.testAccuracy : -1.0);
    QString html = QStringLiteral("<table border=1 cellspacing=0 cellpadding=4><tr>");
    for (int c = 0; c < RunsModel::ColumnCount; ++c)
        html +=
            QStringLiteral("<th>%1</th>").arg(m_model->headerData(c, Qt::Horizontal).toString());
    html += QStringLiteral("</tr>");
    for (int r : selectedRows()) {
        html += QStringLiteral("<tr>");
        for (int c = 0; c < RunsModel::ColumnCount; ++c) {
            QString cell = m_model->index(r, c).data().toString().toHtmlEscaped();
            if (c == RunsModel::Test && m_model->run(r).finished &&
                m_model->run(r).testAccuracy == best && comparable)
                cell = QStringLiteral("<b>%1</b>").arg(cell);
            html += QStringLiteral("<td>%1</td>").arg(cell);
        }
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    if (!comparable)
        html += QStringLiteral("<p><b>%1</b></p>")
                    .arg(tr("These runs were not tested on the same images with the same labels, "
                            "so their test accuracies cannot be compared: files moved between "
                            "class folders redraw a test split taken from the same folder, and "
                            "fixed test labels change what counts as right. Images that flipped "
                            "scores both runs against run B's labels.")
                             .toHtmlEscaped());
    m_compare->setTableHtml(html);

    // Curves, confusion difference and flipped images: the finished runs' full results.
    std::vector<runs::RunInfo> finished;
    for (const auto &r : chosen)
        if (r.finished)
            finished.push_back(r);
    if (finished.size() > 6)
        finished.resize(6);
    auto results = std::make_shared<std::vector<std::shared_ptr<const runs::RunResult>>>();
    auto data = std::make_shared<std::shared_ptr<const data::DatasetSplits>>();
    runInBackground<RunsPanel>(
        this,
        [finished, results, data] {
            for (const auto &r : finished)
                results->push_back(
                    std::make_shared<const runs::RunResult>(runs::loadRunResult(r.dir)));
            if (finished.empty())
                return;
            try {
                auto config = experiment::ExperimentConfig::fromFile(
                    runs::RunDir(finished.front().dir).config());
                config.data.seed = config.seed;
                *data = std::make_shared<const data::DatasetSplits>(data::loadDataset(config.data));
            } catch (const std::exception &) {
                // Captions without thumbnails.
            }
        },
        [finished, results, data](RunsPanel *self, const QString &error) {
            if (!error.isEmpty()) {
                Q_EMIT self->failed(error);
                return;
            }
            self->m_compare->setRuns(*results, finished, *data);
            if (finished.size() >= 2) {
                self->m_compare->showTab(1);
                // The comparison gets the room; the table keeps a few rows (drag to change).
                const int rows = self->m_view->verticalHeader()->defaultSectionSize();
                const int table = self->m_view->horizontalHeader()->height() +
                                  rows * std::min(4, self->m_proxy->rowCount()) + 24;
                const int total = self->m_split->height();
                if (total > table)
                    self->m_split->setSizes({table, total - table});
            }
            Q_EMIT self->comparisonLoaded();
        });
}

void RunsPanel::resumeSelected()
{
    const auto rows = selectedRows();
    if (rows.empty())
        return;
    const runs::RunInfo &r = m_model->run(rows.front());
    if (!r.resumable) {
        Q_EMIT failed(tr("%1 cannot be resumed: it is %2.")
                          .arg(QString::fromStdString(r.name), QString::fromStdString(r.status())));
        return;
    }
    Q_EMIT resumeRequested(QString::fromStdString(r.dir));
}

void RunsPanel::openSelected()
{
    const auto rows = selectedRows();
    if (rows.empty())
        return;
    const runs::RunInfo &info = m_model->run(rows.front());
    if (!info.error.empty()) {
        Q_EMIT failed(QString::fromStdString(info.error));
        return;
    }
    openRun(QString::fromStdString(info.dir));
}

void RunsPanel::compareRuns(const QStringList &dirs)
{
    // Folders a sweep just wrote: compared once the list has read them.
    m_compareWhenListed = dirs;
    refresh();
}

void RunsPanel::openRun(const QString &runDir)
{
    const std::string dir = runDir.toStdString();
    auto result = std::make_shared<std::shared_ptr<const runs::RunResult>>();
    auto data = std::make_shared<std::shared_ptr<const data::DatasetSplits>>();
    runInBackground<RunsPanel>(
        this,
        [dir, result, data] {
            *result = std::make_shared<const runs::RunResult>(runs::loadRunResult(dir));
            // The same data as the run: its test images fill the gallery.
            auto config = experiment::ExperimentConfig::fromFile(runs::RunDir(dir).config());
            config.data.seed = config.seed; // the run's subsets
            try {
                *data = std::make_shared<const data::DatasetSplits>(data::loadDataset(config.data));
            } catch (const std::exception &) {
                // Without the images the matrix and tables still show.
            }
        },
        [result, data](RunsPanel *self, const QString &error) {
            if (!error.isEmpty()) {
                Q_EMIT self->failed(error);
                return;
            }
            Q_EMIT self->runOpened(*result, *data);
        });
}

} // namespace tl::ui
