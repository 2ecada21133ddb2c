#include "charts/metric_chart.h"

#include "charts/axis_fit.h"
#include "charts/chart_palette.h"
#include "a11y/accessibility.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFontMetrics>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
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
    m_x->setLabelFormat("%d"); // whole epochs; batches fall between the ticks
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(0);
    m_x->setTickInterval(1);
    m_x->setRange(0, 1);
    m_y->setLabelFormat("%.3g"); // 8.4e+08, not 842930037.9
    m_y->setTitleText(yTitle);
    m_y->setRange(0, 1);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    // A screen reader says the chart's title and its latest values (updateDescription).
    a11y::makeFocusable(m_view); // Tab reaches it: a screen reader reads its values
    a11y::name(m_view, title.isEmpty() ? yTitle : title);
    updateDescription();
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setWordWrap(true);
    m_caption->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_caption);
    setTextPixelSize(m_textPixels);
    palette::followPalette(m_chart, QWidget::palette()); // a high-contrast palette reaches it
    // The label count follows the plot's size (labelSlots); queued, so a change of ticks during
    // the chart's own layout does not re-enter it.
    connect(m_chart, &QChart::plotAreaChanged, this, &MetricChart::updateAxes,
            Qt::QueuedConnection);
}

void MetricChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        palette::followPalette(m_chart, QWidget::palette());
    QWidget::changeEvent(event);
}

void MetricChart::setCaption(const QString &text)
{
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

void MetricChart::setCaptionToolTip(const QString &text)
{
    m_caption->setToolTip(text);
}

QString MetricChart::caption() const
{
    return m_caption->text();
}

void MetricChart::setTextPixelSize(int pixels)
{
    m_textPixels = pixels;
    auto font = [this](int px, bool bold = false) {
        QFont f = this->font();
        f.setPixelSize(px);
        f.setBold(bold);
        return f;
    };
    m_chart->setTitleFont(font(pixels + 3, true));
    for (QValueAxis *a : {m_x, m_y}) {
        a->setLabelsFont(font(pixels - 1));
        a->setTitleFont(font(pixels));
    }
    m_chart->legend()->setFont(font(pixels));
    m_caption->setFont(font(pixels - 1));
    m_caption->setStyleSheet(QStringLiteral("color: palette(mid);"));
    updateMinimumHeight();
    updateAxes(); // larger labels: fewer fit
}

void MetricChart::updateMinimumHeight()
{
    // Title, legend, the x axis' labels and title and a plot that still shows three rows of
    // numbers: below this height Qt Charts squeezes the axes and elides their labels to "...".
    if (m_compact)
        return;
    const double line = m_textPixels * 1.45;
    double h = 34 + (m_textPixels + 3) * 1.45 + line; // margins, title, x labels
    if (m_legendVisible)
        h += line;
    if (m_x->isTitleVisible())
        h += line;
    h += std::max(56.0, 3.5 * line) + 12;
    m_view->setMinimumHeight(int(std::ceil(h)));
}

QStringList MetricChart::legendEntries() const
{
    // The legend lists the data series (stage boundaries have their markers hidden).
    QStringList out;
    if (!m_legendVisible)
        return out;
    for (QLineSeries *s : m_series)
        out << s->name();
    return out;
}

void MetricChart::reset()
{
    clear();
    for (auto *s : m_series) {
        m_chart->removeSeries(s);
        delete s;
    }
    m_series.clear();
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
    s->setProperty("points", points);
    // Points in a shape of their own (circle, square, triangle...): series differ in more
    // than colour (chart_palette.h).
    // (a light marker is drawn at every point, so only on series that show points).
    s->setProperty("marker", int(m_series.size()));
    s->setMarkerSize(9);
    if (points)
        s->setLightMarker(palette::seriesMarker(int(m_series.size()), color, 9));
    m_chart->addSeries(s);
    s->attachAxis(m_x);
    s->attachAxis(m_y);
    m_series.append(s);
    return int(m_series.size()) - 1;
}

void MetricChart::setCompact()
{
    m_compact = true;
    m_legendVisible = false;
    m_chart->legend()->hide();
    m_x->setTitleVisible(false);
    m_y->setTitleVisible(false);
    m_view->setMinimumHeight(150);
}

void MetricChart::setLegendVisible(bool visible)
{
    m_legendVisible = visible;
    m_chart->legend()->setVisible(visible);
    updateMinimumHeight();
}

void MetricChart::setXTitleVisible(bool visible)
{
    m_x->setTitleVisible(visible);
    updateMinimumHeight();
}

void MetricChart::setYTitleVisible(bool visible)
{
    m_y->setTitleVisible(visible);
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
    QLineSeries *s = m_series[series];
    s->append(points);
    // A series of one point (a one-epoch run) draws no line: show its point.
    const bool showPoints = s->property("points").toBool() || s->count() == 1;
    s->setPointsVisible(showPoints);
    s->setLightMarker(showPoints ? palette::seriesMarker(s->property("marker").toInt(),
                                                         s->pen().color(), 9)
                                 : QImage());
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
    updateDescription();
}

void MetricChart::updateDescription()
{
    // "train (epoch) 0.412, validation 0.455 at epoch 3": the latest value of each series.
    const QLocale locale;
    QStringList parts;
    double x = -1;
    for (QLineSeries *s : m_series) {
        if (s->count() == 0)
            continue;
        const QPointF last = s->at(s->count() - 1);
        parts << tr("%1 %2").arg(s->name(), locale.toString(last.y(), 'g', 3));
        x = std::max(x, last.x());
    }
    if (parts.isEmpty()) {
        a11y::describe(m_view, tr("No values yet."));
        return;
    }
    a11y::describe(m_view, tr("%1 at epoch %2")
                               .arg(parts.join(QStringLiteral(", ")),
                                    locale.toString(x, 'f', x == std::floor(x) ? 0 : 1)));
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
    updateDescription();
}

void MetricChart::setFixedYRange(double lo, double hi)
{
    m_fixedY = true;
    m_y->setRange(lo, hi);
    // 0, 0.25, 0.5, 0.75, 1 printed as such (not 0.3 / 0.8); fewer where they do not fit.
    updateAxes();
    m_y->setLabelFormat(QStringLiteral("%.2f"));
}

int MetricChart::pointCount(int series) const
{
    return series >= 0 && series < m_series.size() ? int(m_series[series]->count()) : 0;
}

QList<QPointF> MetricChart::points(int series) const
{
    return series >= 0 && series < m_series.size() ? m_series[series]->points() : QList<QPointF>{};
}

int MetricChart::labelSlots(bool vertical) const
{
    // Qt Charts elides ("…") a label wider or taller than its share of the axis (the axis'
    // length over the label count, less padding): never more labels than fit at this size
    // and font, so a projector shows fewer ticks instead of dots.
    const QFontMetrics fm(m_y->labelsFont());
    QRectF plot = m_chart->plotArea();
    if (plot.width() < 10 || plot.height() < 10) // not laid out yet: the view's size, roughly
        plot = QRectF(0, 0, m_view->width() * 0.8, m_view->height() * 0.6);
    constexpr double kPadding = 14.0; // the axis' label padding on both sides, and air
    if (vertical)
        return std::max(2, int(plot.height() / (fm.height() + kPadding)));
    const double label = fm.horizontalAdvance(QStringLiteral("0000"));
    return std::max(2, int(plot.width() / (label + kPadding)));
}

void MetricChart::updateAxes()
{
    const double xMax = std::max(1.0, std::ceil(m_maxX - 1e-9));
    m_x->setRange(0, xMax);
    // About ten labelled whole epochs at most, and no more than fit.
    const int xSlots = std::min(11, labelSlots(false));
    m_x->setTickInterval(std::max(1.0, niceStep(xMax / double(std::max(1, xSlots - 1)))));
    const int ySlots = std::min(m_fixedY ? 5 : 6, labelSlots(true));
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
        // Ticks at 0.5, 1, 1.5 rather than 0.392, 0.901, as many as fit.
        double step = niceStep((hi - lo) / double(std::max(1, ySlots - 1)));
        for (int i = 0; i < 8; ++i) {
            const double a = std::floor(lo / step) * step, b = std::ceil(hi / step) * step;
            if (int(std::lround((b - a) / step)) + 1 <= ySlots) {
                lo = a;
                hi = b;
                break;
            }
            step = niceStep(step * 1.01);
        }
        m_y->setRange(lo, hi);
        m_y->setTickCount(int(std::lround((hi - lo) / step)) + 1);
    } else {
        lo = m_y->min();
        hi = m_y->max();
        // 0, 0.25, ..., 1 when five fit; else 0, 0.5, 1; else the ends.
        m_y->setTickCount(ySlots >= 5 ? 5 : ySlots >= 3 ? 3 : 2);
    }
    for (auto *b : m_boundaries) {
        const double x = b->property("x").toDouble();
        b->replace(QList<QPointF>{{x, lo}, {x, hi}});
    }
}

} // namespace tl::ui
