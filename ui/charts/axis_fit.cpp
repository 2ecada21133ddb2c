#include "charts/axis_fit.h"

#include <QCategoryAxis>
#include <QChart>
#include <QFontMetrics>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tl::ui {

namespace {

constexpr double kPadding = 14.0; // the axis' label padding on both sides, and air

QRectF plotOf(const QChart *chart)
{
    QRectF plot = chart->plotArea();
    if (plot.width() < 10 || plot.height() < 10) // not laid out yet: the chart's size, roughly
        plot = QRectF(0, 0, chart->size().width() * 0.75, chart->size().height() * 0.6);
    if (plot.width() < 10 || plot.height() < 10)
        plot = QRectF(0, 0, 400, 200);
    return plot;
}

} // namespace

double niceStep(double x)
{
    if (!(x > 0) || !std::isfinite(x))
        return 1.0;
    const double p = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= x * (1 - 1e-9))
            return m * p;
    return 10.0 * p;
}

void setChartTextPixels(QChart *chart, int pixels)
{
    auto font = [](int px, bool bold = false) {
        QFont f;
        f.setPixelSize(px);
        f.setBold(bold);
        return f;
    };
    chart->setTitleFont(font(pixels + 3, true));
    for (QAbstractAxis *a : chart->axes()) {
        a->setLabelsFont(font(pixels - 1));
        a->setTitleFont(font(pixels));
    }
    chart->legend()->setFont(font(pixels));
}

int fittingLabels(const QChart *chart, const QFont &font, bool vertical, const QString &widest)
{
    const QFontMetrics fm(font);
    const QRectF plot = plotOf(chart);
    if (vertical)
        return std::max(2, int(plot.height() / (fm.height() + kPadding)));
    return std::max(2, int(plot.width() / (fm.horizontalAdvance(widest) + kPadding)));
}

void fitValueAxis(QChart *chart, QValueAxis *axis, double lo, double hi, double floor,
                  double ceiling, int most)
{
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    // The widest label is one of the ends, printed as the axis prints them.
    const QString format =
        axis->labelFormat().isEmpty() ? QStringLiteral("%g") : axis->labelFormat();
    QString widest;
    for (double v : {lo, hi, (lo + hi) / 2}) {
        const QString s = QString::asprintf(format.toLatin1().constData(), v);
        if (s.size() > widest.size())
            widest = s;
    }
    const bool vertical = axis->orientation() == Qt::Vertical;
    const int slots = std::clamp(fittingLabels(chart, axis->labelsFont(), vertical, widest), 2,
                                 std::max(2, most));
    double step = niceStep((hi - lo) / double(slots - 1));
    double a = lo, b = hi;
    for (int i = 0; i < 12; ++i) {
        a = std::max(floor, std::floor(lo / step + 1e-9) * step);
        b = std::min(ceiling, std::ceil(hi / step - 1e-9) * step);
        if (int(std::lround((b - a) / step)) + 1 <= slots)
            break;
        step = niceStep(step * 1.01);
    }
    // Ends clamped to [floor, ceiling] may fall between steps: the ticks then are the ends.
    const double n = (b - a) / step;
    const int ticks = std::abs(n - std::round(n)) < 1e-6 ? int(std::lround(n)) + 1 : 2;
    if (axis->min() != a || axis->max() != b)
        axis->setRange(a, b);
    if (axis->tickCount() != ticks)
        axis->setTickCount(std::max(2, ticks));
}

void fitCategoryAxis(QChart *chart, QCategoryAxis *axis, const QStringList &labels,
                     const QList<double> &positions)
{
    const QFontMetrics fm(axis->labelsFont());
    const QRectF plot = plotOf(chart);
    const double span = axis->max() - axis->min();
    const double perUnit = span > 0 ? plot.width() / span : 0;
    QStringList keep;
    QList<double> at;
    double lastEdge = -1e300; // right edge of the last kept label, in pixels
    for (int i = 0; i < labels.size() && i < positions.size(); ++i) {
        const double x = (positions[i] - axis->min()) * perUnit;
        const double half = (fm.horizontalAdvance(labels[i]) + kPadding) / 2;
        if (x - half < lastEdge)
            continue;
        keep << labels[i];
        at << positions[i];
        lastEdge = x + half;
    }
    if (keep == axis->categoriesLabels())
        return;
    for (const QString &label : axis->categoriesLabels())
        axis->remove(label);
    for (int i = 0; i < keep.size(); ++i)
        axis->append(keep[i], at[i]);
}

} // namespace tl::ui
