#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace tl::ui {

// A line chart over epochs (x may be fractional: batches within an epoch). Wraps Qt Charts so
// the panels only append points; appends are batched by the caller (append(QList)), the axes
// follow the data, and stage boundaries are drawn as vertical dashed lines.
class MetricChart : public QWidget
{
    Q_OBJECT

public:
    MetricChart(const QString &title, const QString &yTitle, QWidget *parent = nullptr);

    int addSeries(const QString &name, const QColor &color, bool dashed = false,
                  bool points = false);
    void append(int series, const QList<QPointF> &points);
    void markBoundary(double x);
    void clear();
    // Fixes the y axis to [lo, hi] (accuracy: 0..1); otherwise it follows the data.
    void setFixedYRange(double lo, double hi);
    int pointCount(int series) const;
    void setLineWidth(qreal width);
    void setYLabelFormat(const QString &format);
    // For a small single-series chart: no legend, no axis titles.
    void setCompact();

private:
    void updateAxes();

    QChart *m_chart;
    QChartView *m_view;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QList<QLineSeries *> m_series;
    QList<QLineSeries *> m_boundaries;
    bool m_fixedY = false;
    double m_minY = 0, m_maxY = 1, m_maxX = 1;
    bool m_empty = true;
};

} // namespace tl::ui
