#include "widgets/queue_panel.h"

#include "error.h"
#include "files.h"
#include "itemmodels/confusion_model.h"
#include "runs/recipes.h"
#include "runs/report.h"
#include "runs/sweep_results.h"
#include "session/run_queue.h"

#include <QCategoryAxis>
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
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tl::ui {

namespace {

const QColor kSeriesColours[] = {QColor("#0072B2"), QColor("#E69F00"), QColor("#009E73"),
                                 QColor("#CC79A7"), QColor("#56B4E9"), QColor("#D55E00"),
                                 QColor("#000000"), QColor("#F0E442")};

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

QString caption(const runs::SweepResults &r, std::size_t p)
{
    return QString::fromStdString(runs::settingCaption(r.parameters[p]));
}

} // namespace

QueuePanel::QueuePanel(RunQueue *queue, const QString &runsFolder, QWidget *parent)
    : QWidget(parent), m_queue(queue), m_runsFolder(runsFolder)
{
    auto *layout = new QVBoxLayout(this);
    auto *split = new QSplitter(Qt::Vertical);
    layout->addWidget(split);

    // The queue.
    auto *queueBox = new QGroupBox(tr("Run queue: runs train one after another in the background"));
    auto *qLayout = new QVBoxLayout(queueBox);
    auto *buttons = new QHBoxLayout;
    auto *addCurrent = new QPushButton(tr("Add current settings"));
    addCurrent->setToolTip(tr("Queues a run of the experiment as the Data, Model and Training "
                              "tabs show it now"));
    auto *sweep = new QPushButton(tr("Sweep…"));
    sweep->setToolTip(tr("Many runs from the current settings: a table of settings and values"));
    auto *recipes = new QToolButton;
    recipes->setText(tr("Sweep recipes"));
    recipes->setPopupMode(QToolButton::InstantPopup);
    auto *recipeMenu = new QMenu(recipes);
    for (const auto &r : runs::recipes())
        if (r.sweep)
            recipeMenu->addAction(QString::fromStdString(r.title), this,
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
    m_pause = new QPushButton(tr("Pause queue"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("The running run goes on; no new one starts until unpaused"));
    for (QWidget *w : {static_cast<QWidget *>(addCurrent), static_cast<QWidget *>(sweep),
                       static_cast<QWidget *>(recipes)})
        buttons->addWidget(w);
    buttons->addSpacing(8);
    for (QPushButton *b : {m_cancel, m_retry, m_remove, m_up, m_down, m_pause})
        buttons->addWidget(b);
    buttons->addStretch();
    qLayout->addLayout(buttons);
    m_queueView = new QTableView;
    m_queueView->setModel(m_queue);
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueView->setItemDelegateForColumn(RunQueue::Progress, new ProgressDelegate(m_queueView));
    m_queueView->horizontalHeader()->setSectionResizeMode(RunQueue::Name, QHeaderView::Stretch);
    m_queueView->horizontalHeader()->setSectionResizeMode(RunQueue::Status, QHeaderView::Stretch);
    m_queueView->verticalHeader()->hide();
    qLayout->addWidget(m_queueView);
    split->addWidget(queueBox);

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

    // A sweep's results.
    auto *resultsBox = new QGroupBox(tr("Sweep results"));
    auto *rLayout = new QVBoxLayout(resultsBox);
    auto *choose = new QHBoxLayout;
    m_sweepChoice = new QComboBox;
    m_sweepChoice->setMinimumContentsLength(12);
    m_sweepChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *openFolder = new QPushButton(tr("Open sweep folder…"));
    auto *report = new QPushButton(tr("Export report…"));
    choose->addWidget(new QLabel(tr("Sweep")));
    choose->addWidget(m_sweepChoice, 1);
    choose->addWidget(openFolder);
    choose->addWidget(report);
    rLayout->addLayout(choose);
    m_sweepInfo = new QLabel;
    m_sweepInfo->setWordWrap(true);
    rLayout->addWidget(m_sweepInfo);
    auto *resultsSplit = new QSplitter(Qt::Horizontal);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_results = new QTableWidget;
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSortingEnabled(true);
    m_results->verticalHeader()->hide();
    leftLayout->addWidget(m_results, 1);
    auto *resultButtons = new QHBoxLayout;
    auto *open = new QPushButton(tr("Open in Results"));
    auto *compare = new QPushButton(tr("Compare selected"));
    resultButtons->addWidget(open);
    resultButtons->addWidget(compare);
    resultButtons->addStretch();
    leftLayout->addLayout(resultButtons);
    resultsSplit->addWidget(left);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_chartChoice = new QComboBox;
    rightLayout->addWidget(m_chartChoice);
    m_stack = new QStackedWidget;
    m_chart = new QChartView(new QChart);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(360, 240);
    m_chart->chart()->legend()->setAlignment(Qt::AlignBottom);
    m_heat = new QTableWidget;
    m_heat->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_heat->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_heat);
    rightLayout->addWidget(m_stack, 1);
    resultsSplit->addWidget(right);
    resultsSplit->setStretchFactor(0, 5);
    resultsSplit->setStretchFactor(1, 6);
    rLayout->addWidget(resultsSplit, 1);
    split->addWidget(resultsBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({260, 420});

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
    connect(open, &QPushButton::clicked, this, &QueuePanel::openSelectedResult);
    connect(compare, &QPushButton::clicked, this, &QueuePanel::compareSelectedResults);
    connect(m_results, &QTableWidget::cellDoubleClicked, this, [this] { openSelectedResult(); });
    connect(m_heat, &QTableWidget::cellClicked, this, [this](int row, int col) {
        const QString dir = m_heat->item(row, col)
                                ? m_heat->item(row, col)->data(Qt::UserRole).toString()
                                : QString();
        if (!dir.isEmpty())
            Q_EMIT openRunRequested(dir);
    });
    updateButtons();
    refreshSweeps();
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
            header << caption(r, p).replace(
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
            m_chartChoice->addItem(tr("Test accuracy against %1").arg(caption(r, p)),
                                   QStringLiteral("acc:%1").arg(p));
        if (r.parameters.size() >= 2)
            m_chartChoice->addItem(tr("Heat map: %1 × %2").arg(caption(r, 0), caption(r, 1)),
                                   QStringLiteral("heat"));
    }
    m_chartChoice->addItem(tr("Test accuracy against training time (Pareto front)"),
                           QStringLiteral("pareto"));
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
    } else {
        accuracyChart(std::size_t(what.section(':', 1).toInt()));
        m_stack->setCurrentWidget(m_chart);
    }
}

QChart *QueuePanel::clearChart()
{
    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *a : chart->axes()) {
        chart->removeAxis(a);
        delete a;
    }
    m_pointRuns.clear();
    return chart;
}

void QueuePanel::accuracyChart(std::size_t parameter)
{
    const auto &r = *m_sweep;
    QChart *chart = clearChart();
    // A grid's numeric setting on a value (or log) axis; anything else as categories in the
    // sweep's order (a list's points, a grid's freeze specs or model names).
    const bool numeric = r.mode == "grid" && r.numeric(parameter);
    const bool byVariant = !numeric;
    // x positions and their labels.
    std::vector<std::pair<double, QString>> ticks;
    bool log = false;
    auto groupX = [&](const runs::SweepGroup &g) -> double {
        const auto &run = r.runs[g.runs.front()];
        if (r.mode == "grid" && numeric)
            return log ? std::log10(run.numbers[parameter]) : run.numbers[parameter];
        const QString key = r.mode == "grid" ? QString::fromStdString(run.values[parameter])
                                             : QString::fromStdString(g.variant);
        for (std::size_t i = 0; i < ticks.size(); ++i)
            if (ticks[i].second == key)
                return double(i);
        return 0;
    };
    if (r.mode == "grid" && numeric) {
        double lo = 1e300, hi = -1e300;
        for (const auto &run : r.runs) {
            lo = std::min(lo, run.numbers[parameter]);
            hi = std::max(hi, run.numbers[parameter]);
        }
        log = lo > 0 && hi / lo >= 10;
        for (const auto &v : r.distinctValues(parameter)) {
            const double x = std::stod(v);
            ticks.push_back({log ? std::log10(x) : x, QString::fromStdString(v)});
        }
    } else if (r.mode == "grid") {
        for (const auto &v : r.distinctValues(parameter))
            ticks.push_back({double(ticks.size()), QString::fromStdString(v)});
    } else {
        for (const auto &g : r.groups)
            ticks.push_back({double(ticks.size()), QString::fromStdString(g.variant)});
    }
    if (r.mode == "grid" && !numeric)
        for (std::size_t i = 0; i < ticks.size(); ++i)
            ticks[i].first = double(i);
    // One series per value of a grid's other setting, else one.
    const std::size_t other = r.seriesParameter(parameter);
    const auto seriesValues =
        other < r.parameters.size() ? r.distinctValues(other) : std::vector<std::string>{""};
    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (const auto &[pos, label] : ticks)
        x->append(label.size() > 18 ? label.left(17) + "…" : label, pos);
    double xlo = ticks.empty() ? 0 : ticks.front().first, xhi = xlo;
    for (const auto &t : ticks) {
        xlo = std::min(xlo, t.first);
        xhi = std::max(xhi, t.first);
    }
    const double pad = std::max((xhi - xlo) * 0.08, 0.5);
    x->setRange(xlo - pad, xhi + pad);
    x->setTitleText(byVariant && r.mode == "list"
                        ? tr("point")
                        : caption(r, parameter) + (log ? tr(" (log scale)") : QString()));
    auto *y = new QValueAxis;
    y->setTitleText(tr("test accuracy"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo = 1, hi = 0;
    for (std::size_t s = 0; s < seriesValues.size() && s < 8; ++s) {
        const QColor colour = kSeriesColours[s];
        auto *line = new QLineSeries;
        auto *dots = new QScatterSeries;
        dots->setColor(colour);
        dots->setBorderColor(colour);
        dots->setMarkerSize(10);
        line->setColor(colour);
        QPen pen(colour);
        pen.setWidthF(2.5);
        line->setPen(pen);
        const QString name = other < r.parameters.size()
                                 ? caption(r, other) + " " + QString::fromStdString(seriesValues[s])
                                 : tr("mean test accuracy");
        dots->setName(name);
        std::vector<std::pair<double, const runs::SweepGroup *>> pts;
        for (const auto &g : r.groups) {
            if (g.finished == 0)
                continue;
            if (other < r.parameters.size() &&
                r.runs[g.runs.front()].values[other] != seriesValues[s])
                continue;
            pts.push_back({groupX(g), &g});
        }
        std::sort(pts.begin(), pts.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        std::vector<QString> dirs;
        const double shift = byVariant && seriesValues.size() > 1
                                 ? (double(s) - (double(seriesValues.size()) - 1) / 2) * 0.08
                                 : 0.0;
        for (const auto &[px, g] : pts) {
            dots->append(px + shift, g->meanAccuracy);
            if (r.mode == "grid") // a grid's values are ordered: join them
                line->append(px + shift, g->meanAccuracy);
            QString dir;
            for (std::size_t i : g->runs)
                if (r.runs[i].status == "finished") {
                    dir = QString::fromStdString(r.runs[i].runDir);
                    break;
                }
            dirs.push_back(dir);
            lo = std::min(lo, g->meanAccuracy - g->sdAccuracy);
            hi = std::max(hi, g->meanAccuracy + g->sdAccuracy);
            if (g->finished > 1) { // error bar: ± one standard deviation
                auto *bar = new QLineSeries;
                bar->append(px + shift, g->meanAccuracy - g->sdAccuracy);
                bar->append(px + shift, g->meanAccuracy + g->sdAccuracy);
                QPen barPen(colour);
                barPen.setWidthF(2);
                bar->setPen(barPen);
                chart->addSeries(bar);
                bar->attachAxis(x);
                bar->attachAxis(y);
                for (auto *m : chart->legend()->markers(bar))
                    m->setVisible(false);
            }
        }
        if (line->count() > 1) {
            chart->addSeries(line);
            line->attachAxis(x);
            line->attachAxis(y);
            for (auto *m : chart->legend()->markers(line))
                m->setVisible(false);
        } else {
            delete line;
        }
        chart->addSeries(dots);
        dots->attachAxis(x);
        dots->attachAxis(y);
        m_pointRuns.push_back({dots, dirs});
        connect(dots, &QScatterSeries::clicked, this, [this, dots](const QPointF &p) {
            for (const auto &[series, dirs] : m_pointRuns) {
                if (series != dots)
                    continue;
                const auto pts = dots->points();
                int best = -1;
                double bestD = 1e300;
                for (int i = 0; i < pts.size(); ++i) {
                    const double d = std::hypot(pts[i].x() - p.x(), (pts[i].y() - p.y()) * 10);
                    if (d < bestD)
                        bestD = d, best = i;
                }
                if (best >= 0 && std::size_t(best) < dirs.size() &&
                    !dirs[std::size_t(best)].isEmpty())
                    Q_EMIT openRunRequested(dirs[std::size_t(best)]);
            }
        });
    }
    if (hi < lo)
        lo = 0, hi = 1;
    const double ypad = std::max((hi - lo) * 0.15, 0.01);
    y->setRange(std::max(0.0, lo - ypad), std::min(1.0, hi + ypad));
    y->applyNiceNumbers();
    chart->legend()->setVisible(seriesValues.size() > 1);
    chart->setTitle(QString()); // the choice above says it
}

void QueuePanel::paretoChart()
{
    const auto &r = *m_sweep;
    QChart *chart = clearChart();
    std::vector<double> secs, acc;
    std::vector<QString> dirs;
    for (const auto &run : r.runs)
        if (run.testAccuracy >= 0) {
            secs.push_back(run.seconds);
            acc.push_back(run.testAccuracy);
            dirs.push_back(QString::fromStdString(run.runDir));
        }
    const auto front = runs::paretoFront(secs, acc);
    auto *all = new QScatterSeries;
    all->setName(tr("a run"));
    all->setColor(kSeriesColours[0]);
    all->setBorderColor(kSeriesColours[0]);
    all->setMarkerSize(9);
    auto *best = new QScatterSeries;
    best->setName(tr("nothing beats it on both (Pareto front)"));
    best->setColor(kSeriesColours[5]);
    best->setBorderColor(kSeriesColours[5]);
    best->setMarkerSize(13);
    auto *line = new QLineSeries;
    QPen pen(kSeriesColours[5]);
    pen.setWidthF(2);
    line->setPen(pen);
    std::vector<QString> allDirs, bestDirs;
    for (std::size_t i = 0; i < secs.size(); ++i) {
        if (std::find(front.begin(), front.end(), i) == front.end()) {
            all->append(secs[i], acc[i]);
            allDirs.push_back(dirs[i]);
        }
    }
    for (std::size_t i : front) {
        best->append(secs[i], acc[i]);
        line->append(secs[i], acc[i]);
        bestDirs.push_back(dirs[i]);
    }
    auto *x = new QValueAxis;
    x->setTitleText(tr("training time (s)"));
    auto *y = new QValueAxis;
    y->setTitleText(tr("test accuracy"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QXYSeries *s : {static_cast<QXYSeries *>(line), static_cast<QXYSeries *>(all),
                         static_cast<QXYSeries *>(best)}) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    for (auto *m : chart->legend()->markers(line))
        m->setVisible(false);
    m_pointRuns.push_back({all, allDirs});
    m_pointRuns.push_back({best, bestDirs});
    for (QScatterSeries *s : {all, best})
        connect(s, &QScatterSeries::clicked, this, [this, s](const QPointF &p) {
            for (const auto &[series, runDirs] : m_pointRuns) {
                if (series != s)
                    continue;
                const auto pts = s->points();
                for (int i = 0; i < pts.size(); ++i)
                    if (pts[i] == p && std::size_t(i) < runDirs.size())
                        Q_EMIT openRunRequested(runDirs[std::size_t(i)]);
            }
        });
    double xmax = 1, lo = 1, hi = 0;
    for (std::size_t i = 0; i < secs.size(); ++i) {
        xmax = std::max(xmax, secs[i]);
        lo = std::min(lo, acc[i]);
        hi = std::max(hi, acc[i]);
    }
    if (hi < lo)
        lo = 0, hi = 1;
    x->setRange(0, xmax * 1.08);
    x->applyNiceNumbers();
    const double ypad = std::max((hi - lo) * 0.15, 0.01);
    y->setRange(std::max(0.0, lo - ypad), std::min(1.0, hi + ypad));
    y->applyNiceNumbers();
    chart->legend()->setVisible(true);
    chart->setTitle(QString());
}

void QueuePanel::fillHeatMap(std::size_t rowParam, std::size_t colParam)
{
    const auto &r = *m_sweep;
    const runs::SweepCells cells = runs::sweepCells(r, rowParam, colParam);
    m_heat->clear();
    m_heat->setRowCount(int(cells.rows.size()));
    m_heat->setColumnCount(int(cells.cols.size()));
    QStringList colLabels, rowLabels;
    for (const auto &c : cells.cols)
        colLabels << caption(r, colParam) + "\n" + QString::fromStdString(c);
    for (const auto &v : cells.rows)
        rowLabels << caption(r, rowParam) + " " + QString::fromStdString(v);
    m_heat->setHorizontalHeaderLabels(colLabels);
    m_heat->setVerticalHeaderLabels(rowLabels);
    for (std::size_t i = 0; i < cells.rows.size(); ++i)
        for (std::size_t j = 0; j < cells.cols.size(); ++j) {
            auto *item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignCenter);
            const int n = cells.count[i][j];
            if (n > 0) {
                const double v = cells.mean[i][j];
                const double t = cells.hi > cells.lo ? (v - cells.lo) / (cells.hi - cells.lo) : 1.0;
                item->setText(QString::number(v, 'f', 3));
                item->setBackground(heatColor(t));
                item->setForeground(t < 0.55 ? Qt::white : Qt::black);
                item->setData(Qt::UserRole, QString::fromStdString(cells.run[i][j]));
                item->setToolTip(tr("mean test accuracy of %1 run%2; click to open one")
                                     .arg(n)
                                     .arg(n == 1 ? "" : "s"));
            } else {
                item->setText(QStringLiteral("–"));
            }
            m_heat->setItem(int(i), int(j), item);
        }
    m_heat->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_heat->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
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

} // namespace tl::ui
