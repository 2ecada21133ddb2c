#include "charts/unit_chart.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace tl::ui {

UnitChart::UnitChart(const QString &title, const QString &xTitle, const QString &yTitle,
                     QWidget *parent)
    : QWidget(parent), m_chart(new QChart), m_x(new QValueAxis), m_y(new QValueAxis)
{
    m_chart->setTitle(title);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    for (QValueAxis *a : {m_x, m_y}) {
        a->setRange(0, 1);
        a->setTickType(QValueAxis::TicksDynamic);
        a->setTickAnchor(0);
        a->setTickInterval(0.2);
        a->setLabelFormat("%.1f");
    }
    m_x->setTitleText(xTitle);
    m_y->setTitleText(yTitle);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(200);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setWordWrap(true);
    m_caption->setVisible(false);
    m_caption->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_caption);
    setTextPixelSize(12);
}

namespace {

template <typename S> S *attach(QChart *chart, QValueAxis *x, QValueAxis *y, S *s)
{
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
    return s;
}

} // namespace

int UnitChart::addLine(const QString &name, const QColor &color, bool dashed)
{
    auto *s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    if (dashed)
        pen.setStyle(Qt::DashLine);
    s->setPen(pen);
    m_series.append(attach(m_chart, m_x, m_y, s));
    return int(m_series.size()) - 1;
}

int UnitChart::addBars(const QString &name, const QColor &color)
{
    auto *upper = new QLineSeries(this);
    auto *s = new QAreaSeries(upper);
    s->setName(name);
    QColor fill = color;
    fill.setAlpha(150);
    s->setBrush(fill);
    QPen pen(color.darker(130));
    pen.setWidthF(1.0);
    s->setPen(pen);
    m_series.append(attach(m_chart, m_x, m_y, s));
    return int(m_series.size()) - 1;
}

int UnitChart::addPoints(const QString &name, const QColor &color, qreal size)
{
    auto *s = new QScatterSeries;
    s->setName(name);
    s->setColor(color);
    s->setBorderColor(color.darker(150));
    s->setMarkerSize(size);
    m_series.append(attach(m_chart, m_x, m_y, s));
    return int(m_series.size()) - 1;
}

void UnitChart::setPoints(int series, const QList<QPointF> &points)
{
    if (auto *s = qobject_cast<QXYSeries *>(m_series.value(series)))
        s->replace(points);
}

void UnitChart::setBars(int series, const QList<Bar> &bars)
{
    auto *s = qobject_cast<QAreaSeries *>(m_series.value(series));
    if (!s)
        return;
    // A staircase down to 0 between bars: the area under it is the bars.
    QList<QPointF> outline;
    for (const Bar &b : bars)
        outline << QPointF(b.x0, 0) << QPointF(b.x0, b.height) << QPointF(b.x1, b.height)
                << QPointF(b.x1, 0);
    s->upperSeries()->replace(outline);
}

void UnitChart::setSeriesVisible(int series, bool visible)
{
    if (QAbstractSeries *s = m_series.value(series)) {
        s->setVisible(visible);
        for (QLegendMarker *m : m_chart->legend()->markers(s))
            m->setVisible(visible);
    }
}

void UnitChart::clearData()
{
    for (QAbstractSeries *s : m_series) {
        if (auto *xy = qobject_cast<QXYSeries *>(s))
            xy->clear();
        else if (auto *area = qobject_cast<QAreaSeries *>(s))
            area->upperSeries()->clear();
    }
}

void UnitChart::setTitle(const QString &title)
{
    m_chart->setTitle(title);
}

void UnitChart::setCaption(const QString &text)
{
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

QString UnitChart::caption() const
{
    return m_caption->text();
}

void UnitChart::setTextPixelSize(int pixels)
{
    auto font = [this](int px, bool bold = false) {
        QFont f = this->font();
        f.setPixelSize(px);
        f.setBold(bold);
        return f;
    };
    m_chart->setTitleFont(font(pixels + 2, true));
    for (QValueAxis *a : {m_x, m_y}) {
        a->setLabelsFont(font(pixels - 1));
        a->setTitleFont(font(pixels));
    }
    m_chart->legend()->setFont(font(pixels));
    m_caption->setFont(font(pixels));
}

QStringList UnitChart::legendEntries() const
{
    QStringList out;
    for (QAbstractSeries *s : m_series)
        if (s->isVisible())
            out << s->name();
    return out;
}

QList<QPointF> UnitChart::points(int series) const
{
    if (auto *s = qobject_cast<QXYSeries *>(m_series.value(series)))
        return s->points();
    if (auto *a = qobject_cast<QAreaSeries *>(m_series.value(series)))
        return a->upperSeries()->points();
    return {};
}

} // namespace tl::ui
