#include "charts/metric_chart.h"

#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace tl::ui {

MetricChart::MetricChart(const QString &title, const QString &yTitle, QWidget *parent)
    : QWidget(parent), m_chart(new QChart), m_x(new QValueAxis), m_y(new QValueAxis)
{
    m_chart->setTitle(title);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_x->setTitleText(tr("epoch"));
    m_x->setLabelFormat("%.1f");
    m_x->setRange(0, 1);
    m_y->setTitleText(yTitle);
    m_y->setRange(0, 1);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

int MetricChart::addSeries(const QString &name, const QColor &color, bool dashed, bool points)
{
    auto *s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    if (dashed)
        pen.setStyle(Qt::DashLine);
    s->setPen(pen);
    s->setPointsVisible(points);
    m_chart->addSeries(s);
    s->attachAxis(m_x);
    s->attachAxis(m_y);
    m_series.append(s);
    return int(m_series.size()) - 1;
}

void MetricChart::setCompact()
{
    m_chart->legend()->hide();
    m_x->setTitleVisible(false);
    m_y->setTitleVisible(false);
    m_y->setTickCount(3);
    m_view->setMinimumHeight(150);
}

void MetricChart::setYLabelFormat(const QString &format)
{
    m_y->setLabelFormat(format);
}

void MetricChart::setLineWidth(qreal width)
{
    for (auto *s : m_series) {
        QPen p = s->pen();
        p.setWidthF(width);
        s->setPen(p);
    }
}

void MetricChart::append(int series, const QList<QPointF> &points)
{
    if (series < 0 || series >= m_series.size() || points.isEmpty())
        return;
    m_series[series]->append(points);
    for (const QPointF &p : points) {
        if (!std::isfinite(p.y()))
            continue;
        if (m_empty) {
            m_minY = m_maxY = p.y();
            m_empty = false;
        }
        m_minY = std::min(m_minY, p.y());
        m_maxY = std::max(m_maxY, p.y());
        m_maxX = std::max(m_maxX, p.x());
    }
    updateAxes();
}

void MetricChart::markBoundary(double x)
{
    auto *line = new QLineSeries;
    QPen pen(QColor(120, 120, 120));
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(1.2);
    line->setPen(pen);
    m_chart->addSeries(line);
    line->attachAxis(m_x);
    line->attachAxis(m_y);
    m_chart->legend()->markers(line).first()->setVisible(false);
    line->setProperty("x", x);
    m_boundaries.append(line);
    updateAxes();
}

void MetricChart::clear()
{
    for (auto *s : m_series)
        s->clear();
    for (auto *b : m_boundaries) {
        m_chart->removeSeries(b);
        delete b;
    }
    m_boundaries.clear();
    m_empty = true;
    m_minY = 0;
    m_maxY = 1;
    m_maxX = 1;
    updateAxes();
}

void MetricChart::setFixedYRange(double lo, double hi)
{
    m_fixedY = true;
    m_y->setRange(lo, hi);
}

int MetricChart::pointCount(int series) const
{
    return series >= 0 && series < m_series.size() ? int(m_series[series]->count()) : 0;
}

void MetricChart::updateAxes()
{
    m_x->setRange(0, std::max(1.0, std::ceil(m_maxX)));
    double lo = m_minY, hi = m_maxY;
    if (!m_fixedY) {
        if (hi - lo <= 1e-3 * std::abs(hi)) {
            // A flat series (a constant learning rate): a band around it, not 0..1.
            lo = lo * 0.9;
            hi = hi == 0.0 ? 1.0 : hi * 1.1;
        }
        const double pad = (hi - lo) * 0.08;
        lo = std::max(0.0, lo - pad);
        hi += pad;
        m_y->setRange(lo, hi);
    } else {
        lo = m_y->min();
        hi = m_y->max();
    }
    for (auto *b : m_boundaries) {
        const double x = b->property("x").toDouble();
        b->replace(QList<QPointF>{{x, lo}, {x, hi}});
    }
}

} // namespace tl::ui
