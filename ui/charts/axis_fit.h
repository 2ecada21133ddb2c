#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QCategoryAxis;
class QChart;
class QFont;
class QValueAxis;
QT_END_NAMESPACE

namespace tl::ui {

// Axes of hand-built Qt charts (the sweep charts, the lesson chart) that keep their numbers:
// Qt Charts elides ("…") a label wider or taller than its share of the axis, so these choose
// fewer ticks instead, at the chart's current plot size and label font (MetricChart does the
// same for its own axes).

// The smallest of 1, 2, 5 x 10^k that is at least `x` (a tick step people read).
double niceStep(double x);

// The title, axis and legend fonts of `chart` at a text size in pixels (labels one smaller,
// the title three larger and bold).
void setChartTextPixels(QChart *chart, int pixels);

// How many labels of `widest` fit along the axis (at least 2).
int fittingLabels(const QChart *chart, const QFont &font, bool vertical,
                  const QString &widest = QStringLiteral("0.000"));

// Sets `axis` to a range around [lo, hi] (within [floor, ceiling]) with ticks at 1, 2 or 5 x
// 10^k apart, as many as fit and at most `most`.
void fitValueAxis(QChart *chart, QValueAxis *axis, double lo, double hi, double floor,
                  double ceiling, int most = 8);

// A category axis whose labels sit on values: keeps a label only where it does not crowd the
// one before it (the first and then every one far enough along), so none is elided.
void fitCategoryAxis(QChart *chart, QCategoryAxis *axis, const QStringList &labels,
                     const QList<double> &positions);

} // namespace tl::ui
