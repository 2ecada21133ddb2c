#pragma once

// The charts' colours and line styles, readable by colour-blind students: Okabe and Ito's
// palette (chosen for protanopia and deuteranopia), each series also told apart by its dash
// pattern and marker shape, so no chart relies on colour alone.

#include <QColor>
#include <QImage>

class QChart;
class QPalette;

namespace tl::ui::palette {

// Series `i` (cycling): colour, pen style and marker shape are all different for i = 0..5.
QColor seriesColor(int i);
Qt::PenStyle seriesDash(int i);
// A small marker image (circle, square, triangle, diamond, cross, star) for QXYSeries'
// light marker, `size` px, in `color`.
QImage seriesMarker(int i, const QColor &color, int size);
int seriesCount();
// The same colour, lighter and translucent: a series' noisy companion (batches beside epochs).
QColor faded(const QColor &c);
// The training batches' colour: the training series' own, faded.
QColor batchColor();

// The window's palette on a chart instead of Qt Charts' own light theme: background, title,
// legend, and every axis' labels, titles, line and grid. A high-contrast or dark system palette
// reaches the chart. Call again when the palette changes or axes are added.
void followPalette(QChart *chart, const QPalette &palette);

// The colour seen with deuteranopia (Machado et al. 2009, severity 1, in linear RGB).
QColor simulateDeuteranopia(const QColor &c);
// Perceptual distance (CIE76 Delta E in L*a*b*) between two colours.
double deltaE(const QColor &a, const QColor &b);

} // namespace tl::ui::palette
