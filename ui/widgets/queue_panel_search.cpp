// The Queue tab's charts of a sweep that stopped points early or searched (issue 30): the
// successive-halving chart (each point's validation curve, a pruned one cut at its rung with a
// cross, beside the survivors) and which setting mattered (a random forest's shares). The data
// comes from core (analysis/sweep_explain.h); queue_panel_charts.cpp holds the other charts.

#include "analysis/sweep_explain.h"
#include "charts/axis_fit.h"
#include "orchestration/sweep_results.h"
#include "widgets/queue_panel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace tl::ui {

namespace {

const QColor kSurvivorColours[] = {QColor("#0072B2"), QColor("#E69F00"), QColor("#009E73"),
                                   QColor("#CC79A7"), QColor("#56B4E9"), QColor("#000000")};
const QColor kPruned("#999999"), kCut("#D55E00");

void hideFromLegend(QChart *chart, QAbstractSeries *s)
{
    for (auto *m : chart->legend()->markers(s))
        m->setVisible(false);
}

} // namespace

bool QueuePanel::explainsPruning(const runs::SweepResults &r)
{
    return !r.earlyStop.empty();
}

void QueuePanel::halvingChart()
{
    const runs::HalvingChart data = runs::halvingChart(*m_sweep);
    QChart *chart = clearChart();
    auto *x = new QValueAxis;
    x->setTitleText(tr("epoch"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto *y = new QValueAxis;
    y->setTitleText(data.metric == "val_loss" ? tr("val loss") : tr("val accuracy"));
    y->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    auto attach = [&](QAbstractSeries *s) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    };
    auto *cuts = new QScatterSeries;
    cuts->setName(tr("where it stopped"));
    cuts->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    cuts->setColor(kCut);
    cuts->setBorderColor(kCut);
    cuts->setMarkerSize(9);
    double lo = 1e300, hi = -1e300;
    int survivors = 0;
    bool prunedNamed = false, survivorNamed = false;
    for (const runs::HalvingCurve &c : data.curves) {
        if (c.values.empty())
            continue;
        const bool pruned = c.status == "pruned";
        auto *line = new QLineSeries;
        const QColor colour = pruned ? kPruned : kSurvivorColours[survivors++ % 6];
        QPen pen(colour);
        pen.setWidthF(pruned ? 1.5 : 2.5);
        line->setPen(pen);
        for (const auto &[epoch, value] : c.values) {
            line->append(epoch, value);
            lo = std::min(lo, value), hi = std::max(hi, value);
        }
        // One legend entry for each kind (names would be elided); the point's name on hover.
        line->setName(pruned ? tr("pruned") : tr("went on"));
        attach(line);
        const QString name = QString::fromStdString(c.name);
        connect(line, &QLineSeries::hovered, this, [this, name](const QPointF &, bool on) {
            m_chart->setToolTip(on ? name : QString());
        });
        if ((pruned && prunedNamed) || (!pruned && survivorNamed))
            hideFromLegend(chart, line);
        prunedNamed |= pruned;
        survivorNamed |= !pruned;
        if (pruned)
            cuts->append(c.values.back().first, c.values.back().second);
    }
    for (const int rung : data.rungs) { // the epochs where points were judged
        auto *mark = new QLineSeries;
        QPen pen(QColor("#888888"));
        pen.setStyle(Qt::DashLine);
        mark->setPen(pen);
        mark->setName(tr("rung"));
        mark->append(rung, lo);
        mark->append(rung, hi);
        attach(mark);
        if (rung != data.rungs.front())
            hideFromLegend(chart, mark);
    }
    attach(cuts);
    if (cuts->count() == 0)
        hideFromLegend(chart, cuts);
    if (hi < lo)
        lo = 0, hi = 1;
    const double pad = std::max((hi - lo) * 0.1, 0.01);
    m_fit.xLo = 0;
    m_fit.xHi = std::max(1, data.totalEpochs);
    m_fit.yLo = lo - pad;
    m_fit.yHi = hi + pad;
    x->setRange(0, m_fit.xHi);
    y->setRange(m_fit.yLo, m_fit.yHi);
    setChartTextPixels(chart, m_large ? 16 : 12);
    chart->legend()->setVisible(true);
    chart->setTitle(tr("%1 of %2 points pruned; %3 epochs trained")
                        .arg(cuts->count())
                        .arg(data.curves.size())
                        .arg(data.epochsTrained));
}

void QueuePanel::importanceChart()
{
    const runs::ImportanceResult imp = runs::parameterImportance(*m_sweep);
    QChart *chart = clearChart();
    auto *set = new QBarSet(tr("share"));
    set->setColor(QColor("#0072B2"));
    QStringList names;
    // Bottom to top: the most important setting on top.
    for (std::size_t k = imp.parameters.size(); k-- > 0;) {
        *set << 100 * imp.parameters[k].share;
        names << QString::fromStdString(runs::settingCaption(imp.parameters[k].parameter));
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setBarWidth(0.6);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value %"));
    series->setLabelsPrecision(2);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(names);
    auto *x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%d"));
    x->setTitleText(tr("share of what the settings explain (%)"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    // After attaching (the bar series sets it to its values); m_fit for the fitting queued
    // after the layout (fitChartAxes), which would otherwise set 0..1.
    m_fit.xLo = 0;
    m_fit.xHi = 100;
    x->setRange(m_fit.xLo, m_fit.xHi);
    chart->legend()->setVisible(false);
    setChartTextPixels(chart, m_large ? 16 : 12);
    // The title short (a long one is elided); what was explained in the tooltip.
    chart->setTitle(imp.why.empty() ? tr("Which setting mattered (%n points)", "", imp.points)
                                    : QString::fromStdString(imp.why));
    m_chart->setToolTip(tr("From %1: each setting's share of the variance a random forest's "
                           "splits on it remove")
                            .arg(QString::fromStdString(imp.target)));
}

} // namespace tl::ui
