// The Queue tab's sweep charts: test accuracy against a setting, accuracy against training time
// with the Pareto front, and the heat map of two settings (queue_panel.cpp holds the rest).

#include "charts/axis_fit.h"
#include "itemmodels/confusion_model.h"
#include "orchestration/sweep_results.h"
#include "widgets/queue_panel.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHeaderView>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTableWidget>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tl::ui {

namespace {

const QColor kSeriesColours[] = {QColor("#0072B2"), QColor("#E69F00"), QColor("#009E73"),
                                 QColor("#CC79A7"), QColor("#56B4E9"), QColor("#D55E00"),
                                 QColor("#000000"), QColor("#F0E442")};

// The x axis of the accuracy chart: a grid's numeric setting at its values (log10 when they span
// a decade or more: `log`), anything else as categories in the sweep's order.
std::vector<std::pair<double, QString>> sweepTicks(const runs::SweepResults &r,
                                                   std::size_t parameter, bool numeric, bool &log)
{
    std::vector<std::pair<double, QString>> ticks;
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
    return ticks;
}

// A vertical line at `px` from mean - sd to mean + sd, not in the legend.
void addErrorBar(QChart *chart, std::pair<QAbstractAxis *, QAbstractAxis *> axes, double px,
                 double mean, double sd, const QColor &colour)
{
    auto *bar = new QLineSeries;
    bar->append(px, mean - sd);
    bar->append(px, mean + sd);
    QPen barPen(colour);
    barPen.setWidthF(2);
    bar->setPen(barPen);
    chart->addSeries(bar);
    bar->attachAxis(axes.first);
    bar->attachAxis(axes.second);
    for (auto *m : chart->legend()->markers(bar))
        m->setVisible(false);
}

} // namespace

QString QueuePanel::settingName(const runs::SweepResults &r, std::size_t parameter)
{
    return QString::fromStdString(runs::settingCaption(r.parameters[parameter]));
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
    m_fit = AxisFit{};
    m_chart->setToolTip(QString()); // one a chart set (the importance chart's) goes with it
    return chart;
}

void QueuePanel::fitChartAxes()
{
    QChart *chart = m_chart->chart();
    for (QAbstractAxis *a : chart->axes()) {
        if (auto *c = qobject_cast<QCategoryAxis *>(a)) {
            fitCategoryAxis(chart, c, m_fit.categories, m_fit.positions);
        } else if (auto *v = qobject_cast<QValueAxis *>(a)) {
            if (v->orientation() == Qt::Horizontal)
                fitValueAxis(chart, v, m_fit.xLo, m_fit.xHi, 0.0, 1e300, 8);
            else
                fitValueAxis(chart, v, m_fit.yLo, m_fit.yHi, 0.0, 1.0, 8);
        }
    }
}

void QueuePanel::setPresentation(bool on)
{
    m_large = on;
    // 16 px, not the training charts' 20: this chart shares the tab with the queue and the
    // results table (about 700 x 240 pixels at 1280x720), and 20 px text left it no plot.
    setChartTextPixels(m_chart->chart(), on ? 16 : 12);
    // The heat map's numbers are what a class reads: as large as the charts'.
    QFont cells = font();
    if (on) {
        cells.setPixelSize(20);
        cells.setBold(true);
    }
    m_heat->setFont(cells);
    if (m_sweep)
        showChart(m_chartChoice->currentIndex());
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
    ticks = sweepTicks(r, parameter, numeric, log);
    // One series per value of a grid's other setting, else one.
    const std::size_t other = r.seriesParameter(parameter);
    const auto seriesValues =
        other < r.parameters.size() ? r.distinctValues(other) : std::vector<std::string>{""};
    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    // Long names (freeze specs) shortened by hand; fitChartAxes drops labels that crowd.
    for (const auto &[pos, label] : ticks) {
        m_fit.categories << (label.size() > 18 ? label.left(17) + "…" : label);
        m_fit.positions << pos;
    }
    double xlo = ticks.empty() ? 0 : ticks.front().first, xhi = xlo;
    for (const auto &t : ticks) {
        xlo = std::min(xlo, t.first);
        xhi = std::max(xhi, t.first);
    }
    const double pad = std::max((xhi - xlo) * 0.08, 0.5);
    x->setRange(xlo - pad, xhi + pad);
    x->setTitleText(byVariant && r.mode == "list"
                        ? tr("point")
                        : settingName(r, parameter) + (log ? tr(" (log scale)") : QString()));
    auto *y = new QValueAxis;
    y->setTitleText(tr("accuracy")); // "test accuracy" did not fit the short chart
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
        const QString name =
            other < r.parameters.size()
                ? settingName(r, other) + " " + QString::fromStdString(seriesValues[s])
                : tr("mean test accuracy");
        dots->setName(name);
        std::vector<std::pair<double, const runs::SweepGroup *>> pts;
        for (const runs::SweepGroup *g : r.seriesGroups(parameter, s))
            pts.push_back({groupX(*g), g});
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
            if (g->finished > 1) // error bar: ± one standard deviation
                addErrorBar(chart, {x, y}, px + shift, g->meanAccuracy, g->sdAccuracy, colour);
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
        connect(dots, &QScatterSeries::clicked, this,
                [this, dots](const QPointF &p) { openPointRun(dots, p); });
    }
    if (hi < lo)
        lo = 0, hi = 1;
    const double ypad = std::max((hi - lo) * 0.15, 0.01);
    m_fit.yLo = std::max(0.0, lo - ypad);
    m_fit.yHi = std::min(1.0, hi + ypad);
    y->setLabelFormat(QStringLiteral("%.3g"));
    setChartTextPixels(chart, m_large ? 16 : 12);
    fitChartAxes();
    chart->legend()->setVisible(seriesValues.size() > 1);
    chart->setTitle(QString()); // the choice above says it
}

// The run behind the clicked point of `dots` (the nearest, with accuracy's scale stretched).
void QueuePanel::openPointRun(QScatterSeries *dots, const QPointF &p)
{
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
        if (best >= 0 && std::size_t(best) < dirs.size() && !dirs[std::size_t(best)].isEmpty())
            Q_EMIT openRunRequested(dirs[std::size_t(best)]);
    }
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
    y->setTitleText(tr("accuracy")); // "test accuracy" did not fit the short chart
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
    x->setLabelFormat(QStringLiteral("%g"));
    y->setLabelFormat(QStringLiteral("%.3g"));
    m_fit.xLo = 0;
    m_fit.xHi = xmax * 1.08;
    const double ypad = std::max((hi - lo) * 0.15, 0.01);
    m_fit.yLo = std::max(0.0, lo - ypad);
    m_fit.yHi = std::min(1.0, hi + ypad);
    setChartTextPixels(chart, m_large ? 16 : 12);
    fitChartAxes();
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
        colLabels << settingName(r, colParam) + "\n" + QString::fromStdString(c);
    for (const auto &v : cells.rows)
        rowLabels << settingName(r, rowParam) + " " + QString::fromStdString(v);
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
                item->setToolTip(
                    tr("mean test accuracy of %n run(s); click to open one", "", int(n)));
            } else {
                item->setText(QStringLiteral("–"));
            }
            m_heat->setItem(int(i), int(j), item);
        }
    m_heat->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_heat->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
}

} // namespace tl::ui
