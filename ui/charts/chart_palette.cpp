#include "charts/chart_palette.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPolygonF>

#include <algorithm>
#include <array>
#include <cmath>

namespace tl::ui::palette {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Okabe & Ito (2008): blue, vermillion, bluish green, reddish purple, orange, sky blue.
constexpr std::array<QRgb, 6> kColors = {qRgb(0, 114, 178), qRgb(213, 94, 0),
                                         qRgb(0, 158, 115), qRgb(204, 121, 167),
                                         qRgb(230, 159, 0), qRgb(86, 180, 233)};
constexpr std::array<Qt::PenStyle, 6> kDashes = {
    Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine, Qt::SolidLine};

double toLinear(double v)
{
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double toGamma(double v)
{
    v = std::clamp(v, 0.0, 1.0);
    return v <= 0.0031308 ? v * 12.92 : 1.055 * std::pow(v, 1 / 2.4) - 0.055;
}

std::array<double, 3> toLab(const QColor &c)
{
    const double r = toLinear(c.redF()), g = toLinear(c.greenF()), b = toLinear(c.blueF());
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

} // namespace

int seriesCount()
{
    return int(kColors.size());
}

QColor faded(const QColor &c)
{
    QColor f = c.lighter(125);
    f.setAlpha(150);
    return f;
}

QColor batchColor()
{
    return faded(seriesColor(0));
}

QColor seriesColor(int i)
{
    return QColor(kColors[std::size_t(i % seriesCount())]);
}

Qt::PenStyle seriesDash(int i)
{
    return kDashes[std::size_t(i % seriesCount())];
}

QImage seriesMarker(int i, const QColor &color, int size)
{
    QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(color.darker(130), 1.0));
    p.setBrush(color);
    const double s = size, m = 1.0;
    switch (i % seriesCount()) {
    case 0:
        p.drawEllipse(QRectF(m, m, s - 2 * m, s - 2 * m));
        break;
    case 1:
        p.drawRect(QRectF(m + 0.5, m + 0.5, s - 2 * m - 1, s - 2 * m - 1));
        break;
    case 2:
        p.drawPolygon(QPolygonF({{s / 2, m}, {s - m, s - m}, {m, s - m}}));
        break;
    case 3:
        p.drawPolygon(QPolygonF({{s / 2, m}, {s - m, s / 2}, {s / 2, s - m}, {m, s / 2}}));
        break;
    case 4: {
        p.setPen(QPen(color, std::max(2.0, s / 4)));
        p.drawLine(QPointF(m + 1, m + 1), QPointF(s - m - 1, s - m - 1));
        p.drawLine(QPointF(s - m - 1, m + 1), QPointF(m + 1, s - m - 1));
        break;
    }
    default: {
        QPolygonF star;
        for (int k = 0; k < 10; ++k) {
            const double r = (k % 2 ? 0.22 : 0.5) * (s - 2 * m), a = kPi * k / 5 - kPi / 2;
            star << QPointF(s / 2 + r * std::cos(a), s / 2 + r * std::sin(a));
        }
        p.drawPolygon(star);
    }
    }
    return img;
}

void followPalette(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(50);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setTitleBrush(palette.brush(QPalette::Text));
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis *a : chart->axes()) {
        a->setLabelsBrush(palette.brush(QPalette::Text));
        a->setTitleBrush(palette.brush(QPalette::Text));
        a->setLinePenColor(text);
        a->setGridLineColor(grid);
    }
}

QColor simulateDeuteranopia(const QColor &c)
{
    const double r = toLinear(c.redF()), g = toLinear(c.greenF()), b = toLinear(c.blueF());
    const double r2 = 0.367322 * r + 0.860646 * g - 0.227968 * b;
    const double g2 = 0.280085 * r + 0.672501 * g + 0.047413 * b;
    const double b2 = -0.011820 * r + 0.042940 * g + 0.968881 * b;
    return QColor::fromRgbF(float(toGamma(r2)), float(toGamma(g2)), float(toGamma(b2)));
}

double deltaE(const QColor &a, const QColor &b)
{
    const auto la = toLab(a), lb = toLab(b);
    return std::sqrt((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
                     (la[2] - lb[2]) * (la[2] - lb[2]));
}

} // namespace tl::ui::palette
