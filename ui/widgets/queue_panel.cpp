#include "widgets/queue_panel.h"

#include "a11y/accessibility.h"
#include "charts/chart_palette.h"
#include "widgets/column_fit.h"

#include "base/error.h"
#include "io/files.h"
#include "orchestration/recipes.h"
#include "analysis/report.h"
#include "analysis/sweep_explain.h"
#include "analysis/sweep_report.h"
#include "orchestration/sweep_results.h"
#include "orchestration/sweep.h"
#include "session/run_queue.h"
#include "session/workbench.h"
#include "widgets/experiment_form.h"
#include "widgets/sweep_dialog.h"
#include "widgets/recipe_titles.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tl::ui {

namespace {

// Sorts by the number in Qt::UserRole, shows the text.
class NumberItem : public QTableWidgetItem
{
public:
    NumberItem(const QString &text, double key) : QTableWidgetItem(text)
    {
        setData(Qt::UserRole, key);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        return data(Qt::UserRole).toDouble() < other.data(Qt::UserRole).toDouble();
    }
};

// The progress column as a bar.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *p, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const double v = index.data(Qt::UserRole).toDouble();
        p->save();
        const QRect r = option.rect.adjusted(3, 4, -3, -4);
        p->fillRect(r, QColor("#e6e6e6"));
        p->fillRect(QRect(r.left(), r.top(), int(r.width() * std::clamp(v, 0.0, 1.0)), r.height()),
                    QColor("#56B4E9"));
        p->setPen(option.palette.color(QPalette::Text));
        p->drawText(r, Qt::AlignCenter, index.data().toString());
        p->restore();
    }
};

} // namespace

QueuePanel::QueuePanel(RunQueue *queue, const QString &runsFolder, QWidget *parent)
    : QWidget(parent), m_queue(queue), m_runsFolder(runsFolder)
{
    auto *layout = new QVBoxLayout(this);
    auto *split = new QSplitter(Qt::Vertical);
    layout->addWidget(split);

    split->addWidget(buildQueueBox());
    split->addWidget(buildResultsBox());
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({260, 420});
    updateButtons();
    refreshSweeps();
}

// The queue: its buttons and table.
QGroupBox *QueuePanel::buildQueueBox()
{
    // The queue.
    auto *queueBox = new QGroupBox(tr("Run queue: runs train in the background"));
    auto *qLayout = new QVBoxLayout(queueBox);
    auto *buttons = new QHBoxLayout;
    auto *addCurrent = new QPushButton(tr("Add current settings"));
    addCurrent->setToolTip(tr("Queues a run of the experiment as the Data, Model and Training "
                              "tabs show it now"));
    auto *sweep = new QPushButton(tr("Sweep…"));
    sweep->setToolTip(tr("Many runs from the current settings: a table of settings and values"));
    auto *recipes = new QToolButton;
    recipes->setText(tr("Sweep recipes"));
    a11y::name(recipes, tr("Sweep recipes"), tr("Opens a menu of the notebooks' sweeps."));
    recipes->setPopupMode(QToolButton::InstantPopup);
    auto *recipeMenu = new QMenu(recipes);
    for (const auto &r : runs::recipes())
        if (r.sweep)
            recipeMenu->addAction(recipeTitle(r), this,
                                  [this, name = QString::fromStdString(r.name)] {
                                      Q_EMIT sweepRecipeRequested(name);
                                  });
    recipes->setMenu(recipeMenu);
    m_cancel = new QPushButton(tr("Cancel"));
    m_retry = new QPushButton(tr("Retry"));
    m_remove = new QPushButton(tr("Remove"));
    m_up = new QPushButton(tr("▲"));
    m_down = new QPushButton(tr("▼"));
    for (QPushButton *arrow : {m_up, m_down})
        arrow->setMaximumWidth(arrow->fontMetrics().height() * 3);
    m_up->setToolTip(tr("Earlier in the queue"));
    m_down->setToolTip(tr("Later in the queue"));
    a11y::name(m_up, tr("Earlier in the queue"));
    a11y::name(m_down, tr("Later in the queue"));
    m_pause = new QPushButton(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("The running run goes on; no new one starts until unpaused"));
    for (QWidget *w : {static_cast<QWidget *>(addCurrent), static_cast<QWidget *>(sweep),
                       static_cast<QWidget *>(recipes)})
        buttons->addWidget(w);
    buttons->addSpacing(8);
    for (QPushButton *b : {m_cancel, m_retry, m_remove, m_up, m_down, m_pause})
        buttons->addWidget(b);
    // Points in parallel, as the CLI's sweep --parallel: each its share of the cores (and, with
    // CUDA devices, one device each). Compact ("2×"): the row fills a projector's width.
    auto *parallel = new QSpinBox;
    parallel->setObjectName(QStringLiteral("queueParallel"));
    parallel->setRange(1, 8);
    parallel->setValue(m_queue->parallel());
    parallel->setSuffix(QStringLiteral("×"));
    parallel->setToolTip(tr("Runs trained at the same time, each with its share of the cores "
                            "(and with several GPUs, one each)"));
    a11y::name(parallel, tr("Runs trained at the same time"));
    connect(parallel, &QSpinBox::valueChanged, m_queue, &RunQueue::setParallel);
    buttons->addWidget(parallel);
    buttons->addStretch();
    qLayout->addLayout(buttons);
    m_queueView = new QTableView;
    m_queueView->setModel(m_queue);
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueView->setItemDelegateForColumn(RunQueue::Progress, new ProgressDelegate(m_queueView));
    ColumnFit::attach(m_queueView); // "Best val acc" was clipped to "3est val acc"
    m_queueView->verticalHeader()->hide();
    a11y::name(m_queueView, tr("Run queue"));
    qLayout->addWidget(m_queueView);

    connect(addCurrent, &QPushButton::clicked, this, &QueuePanel::addCurrentRequested);
    connect(sweep, &QPushButton::clicked, this, &QueuePanel::sweepRequested);
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_queue->cancel(selectedQueueRow()); });
    connect(m_retry, &QPushButton::clicked, this, [this] { m_queue->retry(selectedQueueRow()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { m_queue->remove(selectedQueueRow()); });
    auto move = [this](int delta) {
        const int row = selectedQueueRow();
        if (m_queue->move(row, delta))
            m_queueView->selectRow(row + delta);
    };
    connect(m_up, &QPushButton::clicked, this, [move] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [move] { move(1); });
    connect(m_pause, &QPushButton::toggled, m_queue, &RunQueue::setPaused);
    connect(m_queueView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QueuePanel::updateButtons);
    connect(m_queue, &QAbstractItemModel::dataChanged, this, &QueuePanel::updateButtons);
    connect(m_queue, &QAbstractItemModel::rowsRemoved, this, &QueuePanel::updateButtons);
    connect(m_queueView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) {
        const auto &it = m_queue->item(i.row());
        if (it.state == RunQueue::State::Finished)
            Q_EMIT openRunRequested(it.runDir);
    });
    connect(m_queue, &RunQueue::sweepChanged, this, [this](const QString &dir) {
        if (m_sweepChoice->findData(dir) < 0)
            refreshSweeps();
        if (m_sweep && QFileInfo(QString::fromStdString(m_sweep->dir)) == QFileInfo(dir))
            showSweep(dir);
        else if (!m_sweep)
            showSweep(dir);
    });
    return queueBox;
}

// A sweep's results: the sweep chosen, its table and a chart or heat map.
QGroupBox *QueuePanel::buildResultsBox()
{
    // A sweep's results.
    auto *resultsBox = new QGroupBox(tr("Sweep results"));
    auto *rLayout = new QVBoxLayout(resultsBox);
    auto *choose = new QHBoxLayout;
    m_sweepChoice = new QComboBox;
    m_sweepChoice->setMinimumContentsLength(12);
    m_sweepChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *openFolder = new QPushButton(tr("Open sweep folder…"));
    auto *report = new QPushButton(tr("Export report…"));
    auto *sweepLabel = new QLabel(tr("S&weep"));
    sweepLabel->setBuddy(m_sweepChoice);
    a11y::name(m_sweepChoice, tr("Sweep"));
    choose->addWidget(sweepLabel);
    choose->addWidget(m_sweepChoice, 1);
    choose->addWidget(openFolder);
    choose->addWidget(report);
    rLayout->addLayout(choose);
    m_sweepInfo = new QLabel;
    m_sweepInfo->setWordWrap(true);
    rLayout->addWidget(m_sweepInfo);
    auto *resultsSplit = new QSplitter(Qt::Horizontal);
    resultsSplit->addWidget(buildResultsTable());
    resultsSplit->addWidget(buildSweepChart());
    resultsSplit->setStretchFactor(0, 5);
    resultsSplit->setStretchFactor(1, 6);
    rLayout->addWidget(resultsSplit, 1);

    connect(m_sweepChoice, &QComboBox::activated, this,
            [this](int i) { showSweep(m_sweepChoice->itemData(i).toString()); });
    connect(openFolder, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("A sweep folder"), m_runsFolder);
        if (!dir.isEmpty())
            showSweep(dir);
    });
    connect(report, &QPushButton::clicked, this, [this] {
        if (!m_sweep)
            return;
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export the sweep's report"),
            QString::fromStdString(m_sweep->dir) + "/report.html", tr("HTML (*.html)"));
        if (file.isEmpty())
            return;
        try {
            writeFileAtomic(file.toStdString(), runs::sweepReportHtml(m_sweep->dir));
            m_sweepInfo->setText(tr("Report written to %1").arg(file));
        } catch (const Error &e) {
            Q_EMIT failed(QString::fromStdString(e.what()));
        }
    });
    connect(m_chartChoice, &QComboBox::activated, this, &QueuePanel::showChart);
    connect(m_results, &QTableWidget::cellDoubleClicked, this, [this] { openSelectedResult(); });
    connect(m_heat, &QTableWidget::cellClicked, this, [this](int row, int col) {
        const QString dir = m_heat->item(row, col)
                                ? m_heat->item(row, col)->data(Qt::UserRole).toString()
                                : QString();
        if (!dir.isEmpty())
            Q_EMIT openRunRequested(dir);
    });
    return resultsBox;
}

// The sweep's runs, one a row, with Open and Compare.
QWidget *QueuePanel::buildResultsTable()
{
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_results = new QTableWidget;
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSortingEnabled(true);
    m_results->verticalHeader()->hide();
    ColumnFit::attach(m_results); // no sideways scrolling: elided cells have tooltips
    a11y::name(m_results, tr("Sweep results"));
    leftLayout->addWidget(m_results, 1);
    auto *resultButtons = new QHBoxLayout;
    auto *open = new QPushButton(tr("Open in Results"));
    auto *compare = new QPushButton(tr("Compare selected"));
    resultButtons->addWidget(open);
    resultButtons->addWidget(compare);
    resultButtons->addStretch();
    leftLayout->addLayout(resultButtons);
    connect(open, &QPushButton::clicked, this, &QueuePanel::openSelectedResult);
    connect(compare, &QPushButton::clicked, this, &QueuePanel::compareSelectedResults);
    return left;
}

// The chart chosen (accuracy against a setting, time against accuracy) or the heat map.
QWidget *QueuePanel::buildSweepChart()
{
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_chartChoice = new QComboBox;
    a11y::name(m_chartChoice, tr("Chart"));
    rightLayout->addWidget(m_chartChoice);
    m_stack = new QStackedWidget;
    m_chart = new QChartView(new QChart);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(360, 240);
    a11y::makeFocusable(m_chart);
    a11y::name(m_chart, tr("Sweep chart"), tr("No values yet."));
    m_chart->chart()->legend()->setAlignment(Qt::AlignBottom);
    m_chart->chart()->setMargins(QMargins(4, 4, 4, 4));
    connect(m_chart->chart(), &QChart::plotAreaChanged, this, &QueuePanel::fitChartAxes,
            Qt::QueuedConnection);
    m_heat = new QTableWidget;
    m_heat->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_heat->setSelectionMode(QAbstractItemView::SingleSelection);
    a11y::name(m_heat, tr("Heat map of test accuracy"));
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_heat);
    rightLayout->addWidget(m_stack, 1);
    return right;
}

QueuePanel::~QueuePanel() = default;

int QueuePanel::selectedQueueRow() const
{
    const auto rows = m_queueView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

void QueuePanel::updateButtons()
{
    const int row = selectedQueueRow();
    const bool has = row >= 0 && row < m_queue->count();
    const auto state = has ? m_queue->item(row).state : RunQueue::State::Queued;
    m_cancel->setEnabled(has &&
                         (state == RunQueue::State::Queued || state == RunQueue::State::Running));
    m_retry->setEnabled(has &&
                        (state == RunQueue::State::Failed || state == RunQueue::State::Cancelled));
    m_remove->setEnabled(has && state != RunQueue::State::Running &&
                         state != RunQueue::State::Stopping);
    m_up->setEnabled(has && row > 0);
    m_down->setEnabled(has && row + 1 < m_queue->count());
}

void QueuePanel::refreshSweeps()
{
    const QString current = m_sweepChoice->currentData().toString();
    m_sweepChoice->clear();
    for (const auto &dir : runs::listSweeps(m_runsFolder.toStdString()))
        m_sweepChoice->addItem(QFileInfo(QString::fromStdString(dir)).fileName(),
                               QString::fromStdString(dir));
    const int i = m_sweepChoice->findData(current);
    if (i >= 0)
        m_sweepChoice->setCurrentIndex(i);
    if (!m_sweep)
        m_sweepInfo->setText(m_sweepChoice->count() == 0
                                 ? tr("No sweep yet: Sweep… or Sweep recipes above queue one, and "
                                      "its results fill in here as its runs finish.")
                                 : tr("Choose a sweep to see its results."));
}

void QueuePanel::showSweep(const QString &dir)
{
    try {
        m_sweep = std::make_unique<runs::SweepResults>(runs::readSweep(dir.toStdString()));
    } catch (const Error &e) {
        m_sweepInfo->setText(
            tr("Cannot show this sweep: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    int i = m_sweepChoice->findData(QDir::cleanPath(dir));
    if (i < 0)
        i = m_sweepChoice->findData(dir);
    if (i < 0) {
        m_sweepChoice->addItem(QFileInfo(dir).fileName(), dir);
        i = m_sweepChoice->count() - 1;
    }
    m_sweepChoice->setCurrentIndex(i);
    int finished = 0, failed = 0;
    for (const auto &r : m_sweep->runs) {
        finished += r.status == "finished";
        failed += r.status == "failed";
    }
    m_sweepInfo->setToolTip(QString::fromStdString(m_sweep->origin));
    m_sweepInfo->setText(
        tr("%1: %2 runs (%3), %4 finished, %5 failed. Test accuracy on the "
           "held-out test set; click a point, a cell or a row to open that run.")
            .arg(QFileInfo(QString::fromStdString(m_sweep->origin)).fileName())
            .arg(m_sweep->runs.size())
            .arg(QString::fromStdString(m_sweep->mode) +
                 (m_sweep->repeats > 1 ? tr(", %1 seeds each").arg(m_sweep->repeats) : QString()))
            .arg(finished)
            .arg(failed));
    fillResults();
    // The same chart as before when the same sweep is shown again (it is redrawn as runs
    // finish); for another sweep, accuracy against the setting with the most values.
    const bool same = m_shownDir == dir;
    m_shownDir = dir;
    const int chart = same ? m_chartChoice->currentIndex() : -1;
    fillChartChoices();
    int first = 0;
    if (m_sweep->mode == "grid") {
        std::size_t most = 0;
        for (std::size_t p = 0; p < m_sweep->parameters.size(); ++p)
            if (m_sweep->distinctValues(p).size() > most) {
                most = m_sweep->distinctValues(p).size();
                first = int(p);
            }
    }
    showChart(chart >= 0 && chart < m_chartChoice->count() ? chart : first);
}

void QueuePanel::fillResults()
{
    const auto &r = *m_sweep;
    const bool showParameters = r.mode == "grid";
    QStringList header{tr("Point")};
    if (showParameters)
        for (std::size_t p = 0; p < r.parameters.size(); ++p)
            header << settingName(r, p).replace(
                QRegularExpression(QStringLiteral("^(stage \\d+|model) ")),
                QStringLiteral("\\1\n")); // two short lines
    // The accuracy right after the settings: the column a class looks at, on a narrow screen too.
    header << (r.repeats > 1 ? tr("Test acc\n(mean ± sd)") : tr("Test acc")) << tr("Time (s)")
           << tr("Finished") << tr("Notes");
    m_results->setSortingEnabled(false);
    m_results->clear();
    m_results->setColumnCount(header.size());
    m_results->setHorizontalHeaderLabels(header);
    m_results->setRowCount(int(r.groups.size()));
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
        const auto &group = r.groups[g];
        const auto &first = r.runs[group.runs.front()];
        int c = 0;
        auto *name = new QTableWidgetItem(QString::fromStdString(group.variant));
        name->setData(Qt::UserRole + 1, int(g)); // the group, whatever the sort
        m_results->setItem(int(g), c++, name);
        if (showParameters)
            for (std::size_t p = 0; p < r.parameters.size(); ++p) {
                const QString v = QString::fromStdString(first.values[p]);
                m_results->setItem(int(g), c++,
                                   std::isfinite(first.numbers[p])
                                       ? new NumberItem(v, first.numbers[p])
                                       : new QTableWidgetItem(v));
            }
        const QString acc =
            group.finished == 0
                ? QStringLiteral("–")
                : QString::number(group.meanAccuracy, 'f', 4) +
                      (r.repeats > 1 ? QStringLiteral(" ± %1").arg(group.sdAccuracy, 0, 'f', 4)
                                     : QString());
        m_results->setItem(int(g), c++, new NumberItem(acc, group.meanAccuracy));
        m_results->setItem(int(g), c++,
                           new NumberItem(group.finished
                                              ? QString::number(group.meanSeconds, 'f', 0)
                                              : QStringLiteral("–"),
                                          group.finished ? group.meanSeconds : 1e18));
        m_results->setItem(
            int(g), c++,
            new NumberItem(QStringLiteral("%1 / %2").arg(group.finished).arg(group.runs.size()),
                           group.finished));
        QStringList notes;
        for (std::size_t i : group.runs)
            if (r.runs[i].status != "finished")
                notes << QString::fromStdString(
                    r.runs[i].name + ": " + r.runs[i].status +
                    (r.runs[i].message.empty() ? std::string() : " (" + r.runs[i].message + ")"));
        auto *note = new QTableWidgetItem(notes.join(QStringLiteral("; ")));
        note->setToolTip(notes.join('\n'));
        m_results->setItem(int(g), c++, note);
    }
    m_results->setSortingEnabled(true);
    // A grid's point names repeat its settings' columns: those say it shorter.
    m_results->setColumnHidden(0, showParameters);
    // Best first, as the CLI's table.
    m_results->sortItems(showParameters ? int(r.parameters.size()) + 1 : 1, Qt::DescendingOrder);
    m_results->resizeColumnsToContents();
}

void QueuePanel::fillChartChoices()
{
    const auto &r = *m_sweep;
    m_chartChoice->clear();
    if (r.mode == "list" || r.parameters.empty()) {
        m_chartChoice->addItem(tr("Test accuracy for each point"), QStringLiteral("acc:0"));
    } else {
        for (std::size_t p = 0; p < r.parameters.size(); ++p)
            m_chartChoice->addItem(tr("Test accuracy against %1").arg(settingName(r, p)),
                                   QStringLiteral("acc:%1").arg(p));
        if (r.parameters.size() >= 2)
            m_chartChoice->addItem(
                tr("Heat map: %1 × %2").arg(settingName(r, 0), settingName(r, 1)),
                QStringLiteral("heat"));
    }
    m_chartChoice->addItem(tr("Test accuracy against training time (Pareto front)"),
                           QStringLiteral("pareto"));
    if (explainsPruning(r))
        m_chartChoice->addItem(tr("Successive halving: curves cut at their rung"),
                               QStringLiteral("halving"));
    if (r.parameters.size() >= 2 && runs::parameterImportance(r).why.empty())
        m_chartChoice->addItem(tr("Which setting mattered"), QStringLiteral("importance"));
}

void QueuePanel::showChart(int index)
{
    if (!m_sweep || index < 0 || index >= m_chartChoice->count())
        return;
    m_chartChoice->setCurrentIndex(index);
    const QString what = m_chartChoice->itemData(index).toString();
    if (what == QLatin1String("heat")) {
        fillHeatMap(0, 1);
        m_stack->setCurrentWidget(m_heat);
    } else if (what == QLatin1String("pareto")) {
        paretoChart();
        m_stack->setCurrentWidget(m_chart);
    } else if (what == QLatin1String("halving")) {
        halvingChart();
        m_stack->setCurrentWidget(m_chart);
    } else if (what == QLatin1String("importance")) {
        importanceChart();
        m_stack->setCurrentWidget(m_chart);
    } else {
        accuracyChart(std::size_t(what.section(':', 1).toInt()));
        m_stack->setCurrentWidget(m_chart);
    }
    palette::followPalette(m_chart->chart(), palette());
    a11y::describeChart(m_chart);
}

QStringList QueuePanel::finishedRuns(int group) const
{
    QStringList out;
    if (!m_sweep || group < 0 || std::size_t(group) >= m_sweep->groups.size())
        return out;
    for (std::size_t i : m_sweep->groups[std::size_t(group)].runs)
        if (m_sweep->runs[i].status == "finished")
            out << QString::fromStdString(m_sweep->runs[i].runDir);
    return out;
}

void QueuePanel::openSelectedResult()
{
    const auto rows = m_results->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const int group = m_results->item(rows.front().row(), 0)->data(Qt::UserRole + 1).toInt();
    const QStringList dirs = finishedRuns(group);
    if (dirs.isEmpty()) {
        Q_EMIT failed(tr("That point has no finished run yet."));
        return;
    }
    Q_EMIT openRunRequested(dirs.front());
}

void QueuePanel::compareSelectedResults()
{
    QStringList dirs;
    for (const QModelIndex &i : m_results->selectionModel()->selectedRows())
        dirs << finishedRuns(m_results->item(i.row(), 0)->data(Qt::UserRole + 1).toInt());
    if (dirs.size() < 2) {
        Q_EMIT failed(tr("Select two or more points with finished runs to compare."));
        return;
    }
    Q_EMIT compareRequested(dirs);
}

void QueuePanel::serve(Workbench *bench, ExperimentForm *form)
{
    m_bench = bench;
    m_form = form;
    connect(this, &QueuePanel::addCurrentRequested, this, &QueuePanel::queueCurrent);
    connect(this, &QueuePanel::sweepRequested, this, &QueuePanel::openSweepDialog);
    connect(this, &QueuePanel::sweepRecipeRequested, this, &QueuePanel::queueSweepRecipe);
}

int QueuePanel::queueCurrent()
{
    if (!m_bench)
        return -1;
    try {
        const int row = m_bench->queueRun(m_form->experiment());
        Q_EMIT queued();
        return row;
    } catch (const Error &e) {
        Q_EMIT refused(tr("Cannot queue this experiment"), QString::fromStdString(e.what()));
        return -1;
    }
}

SweepDialog *QueuePanel::openSweepDialog()
{
    if (!m_bench)
        return nullptr;
    // Estimates from this computer's runs (listed in the background) and the data loaded.
    auto *dialog = new SweepDialog(
        m_form->experiment(),
        [this](const experiment::ExperimentConfig &c) {
            return m_bench->estimateRunSeconds(c, m_form->dataset().get());
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("sweepDialog"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!dialog->isValid())
            return;
        m_bench->queueSweep(dialog->plan(), dialog->sweepName());
        Q_EMIT queued();
    });
    dialog->open();
    return dialog;
}

void QueuePanel::queueSweepRecipe(const QString &name)
{
    if (!m_bench)
        return;
    try {
        runs::SweepPlan plan = Workbench::recipeSweep(name);
        QMessageBox ask(
            QMessageBox::Question, tr("Sweep recipe"),
            tr("%1\n\n%2 runs. Quick runs use 2 % of the data and one epoch a stage (a classroom "
               "laptop); full runs are the notebook's.")
                .arg(recipeTitle(runs::recipe(name.toStdString())))
                .arg(plan.points.size()),
            QMessageBox::Cancel, this);
        QPushButton *quick = ask.addButton(tr("Quick"), QMessageBox::AcceptRole);
        QPushButton *full = ask.addButton(tr("Full"), QMessageBox::AcceptRole);
        ask.setDefaultButton(quick);
        ask.exec();
        if (ask.clickedButton() != quick && ask.clickedButton() != full)
            return;
        m_bench->queueRecipe(name, std::move(plan), ask.clickedButton() == quick);
        Q_EMIT queued();
    } catch (const Error &e) {
        Q_EMIT refused(tr("Cannot queue the recipe"), QString::fromStdString(e.what()));
    }
}

} // namespace tl::ui
