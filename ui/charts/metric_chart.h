#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QLabel;
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
    // Empties every series (they stay, with their legend entries).
    void clear();
    // Removes every series and boundary: for charts whose series change (Compare).
    void reset();
    int seriesCount() const { return int(m_series.size()); }
    // The legend's visible entries, in order (tests; what a student reads).
    QStringList legendEntries() const;
    // One line under the chart that says what it shows ("What am I looking at?").
    void setCaption(const QString &text);
    QString caption() const;
    void setCaptionToolTip(const QString &text);
    // Every text of the chart (title, axes, legend, caption) at `pixels` px for the body text;
    // presentation mode passes ~20 so the back of a room can read it.
    void setTextPixelSize(int pixels);
    int textPixelSize() const { return m_textPixels; }
    // Largest x of the data (the x axis ends at the next whole epoch).
    double maxX() const { return m_maxX; }
    // Fixes the y axis to [lo, hi] (accuracy: 0..1); otherwise it follows the data.
    void setFixedYRange(double lo, double hi);
    int pointCount(int series) const;
    QList<QPointF> points(int series) const;
    void setLineWidth(qreal width);
    void setYLabelFormat(const QString &format);
    // For a small single-series chart: no legend, no axis titles.
    void setCompact();
    // Two charts stacked over the same epochs share one legend and one x-axis title: the upper
    // one hides its own (more room for the curves on a short screen).
    void setLegendVisible(bool visible);
    void setXTitleVisible(bool visible);
    void setYTitleVisible(bool visible);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateAxes();
    // The accessible description: the latest value of each series.
    void updateDescription();
    // How many labels fit along the y (vertical) or x axis at the chart's size and font.
    int labelSlots(bool vertical) const;
    // The view's minimum height for the text size and what is shown (legend, x title).
    void updateMinimumHeight();

    QChart *m_chart;
    QChartView *m_view;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QLabel *m_caption;
    int m_textPixels = 12;
    bool m_legendVisible = true;
    bool m_compact = false;
    QList<QLineSeries *> m_series;
    QList<QLineSeries *> m_boundaries;
    bool m_fixedY = false;
    double m_minY = 0, m_maxY = 1, m_maxX = 1;
    bool m_empty = true;
};

} // namespace tl::ui
