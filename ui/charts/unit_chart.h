#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractSeries;
class QChart;
class QChartView;
class QLabel;
class QValueAxis;
QT_END_NAMESPACE

namespace tl::ui {

// A chart over the unit square (both axes 0..1, shown as percentages): a reliability diagram
// (accuracy against confidence) or a precision/recall curve. Wraps Qt Charts so the panels only
// set whole series: lines, bars (one per [x0, x1) interval, drawn as a filled staircase) and
// marked points.
class UnitChart : public QWidget
{
    Q_OBJECT

public:
    UnitChart(const QString &title, const QString &xTitle, const QString &yTitle,
              QWidget *parent = nullptr);

    int addLine(const QString &name, const QColor &color, bool dashed = false);
    // Bars: each (x0, x1, height) a filled bar; one series, so one legend entry.
    int addBars(const QString &name, const QColor &color);
    int addPoints(const QString &name, const QColor &color, qreal size = 10);
    void setPoints(int series, const QList<QPointF> &points);
    struct Bar
    {
        qreal x0 = 0, x1 = 0, height = 0;
    };
    void setBars(int series, const QList<Bar> &bars);
    void setSeriesVisible(int series, bool visible);
    void clearData();
    void setTitle(const QString &title);
    void setCaption(const QString &text);
    QString caption() const;
    void setTextPixelSize(int pixels);
    // The legend's visible entries (tests, screenshots).
    QStringList legendEntries() const;
    QList<QPointF> points(int series) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateDescription(); // the accessible description: the series' points
    QChart *m_chart;
    QChartView *m_view;
    QValueAxis *m_x, *m_y;
    QLabel *m_caption;
    QList<QAbstractSeries *> m_series;
};

} // namespace tl::ui
