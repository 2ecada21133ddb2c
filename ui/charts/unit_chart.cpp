#include "charts/unit_chart.h"

#include "charts/chart_palette.h"
#include "a11y/accessibility.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLabel>
#include <QLocale>
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
    a11y::makeFocusable(m_view); // Tab reaches it: a screen reader reads its values
    a11y::name(m_view, title);
    updateDescription();
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
    palette::followPalette(m_chart, QWidget::palette()); // a high-contrast palette reaches it
}

void UnitChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        palette::followPalette(m_chart, QWidget::palette());
    QWidget::changeEvent(event);
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
    updateDescription();
}

void UnitChart::updateDescription()
{
    // A screen reader's version of the chart: each visible series' points (x, y), or its
    // ends when there are many.
    const QLocale locale;
    auto point = [&](const QPointF &p) {
        return QStringLiteral("(%1, %2)").arg(locale.toString(p.x(), 'f', 2),
                                               locale.toString(p.y(), 'f', 2));
    };
    QStringList parts;
    for (QAbstractSeries *s : m_series) {
        if (!s->isVisible())
            continue;
        QList<QPointF> pts;
        if (auto *xy = qobject_cast<QXYSeries *>(s))
            pts = xy->points();
        else if (auto *area = qobject_cast<QAreaSeries *>(s))
            for (const QPointF &p : area->upperSeries()->points()) // the bars' tops, once each
                if (p.y() > 0 && (pts.isEmpty() || pts.constLast().y() != p.y()))
                    pts << p;
        if (pts.isEmpty())
            continue;
        QStringList shown;
        if (pts.size() <= 12)
            for (const QPointF &p : pts)
                shown << point(p);
        else
            shown << tr("%n point(s) from %1 to %2", "", int(pts.size()))
                         .arg(point(pts.constFirst()), point(pts.constLast()));
        parts << s->name() + QStringLiteral(": ") + shown.join(QStringLiteral(", "));
    }
    a11y::describe(m_view, parts.isEmpty() ? tr("No values yet.")
                                           : parts.join(QStringLiteral("; ")));
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
    updateDescription();
}

void UnitChart::setSeriesVisible(int series, bool visible)
{
    if (QAbstractSeries *s = m_series.value(series)) {
        s->setVisible(visible);
        for (QLegendMarker *m : m_chart->legend()->markers(s))
            m->setVisible(visible);
        updateDescription();
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
    updateDescription();
}

void UnitChart::setTitle(const QString &title)
{
    m_chart->setTitle(title);
    a11y::name(m_view, title);
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
