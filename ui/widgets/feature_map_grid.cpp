#include "widgets/feature_map_grid.h"

#include "a11y/accessibility.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tl::ui {

namespace {

// Viridis, sampled: dark blue (low) to yellow (high), readable in grey print too.
QRgb viridis(float t)
{
    static const int stops[][3] = {{68, 1, 84},    {72, 40, 120},  {62, 74, 137},  {49, 104, 142},
                                   {38, 130, 142}, {31, 158, 137}, {53, 183, 121}, {109, 205, 89},
                                   {180, 222, 44}, {253, 231, 37}};
    t = std::clamp(t, 0.0f, 1.0f) * 9.0f;
    const int i = std::min(8, int(t));
    const float f = t - float(i);
    auto mix = [&](int c) { return int(stops[i][c] + f * (stops[i + 1][c] - stops[i][c])); };
    return qRgb(mix(0), mix(1), mix(2));
}

} // namespace

FeatureMapGrid::FeatureMapGrid(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(300, 240);
    a11y::name(this, tr("Feature maps"));
    clear(tr("Pick an image and a layer to see its feature maps."));
}

void FeatureMapGrid::clear(const QString &message)
{
    m_message = message;
    m_channels = 0;
    m_maps.clear();
    m_tiles.clear();
    m_filters.clear();
    m_enlarged = -1;
    layoutTiles();
    update();
    a11y::describe(this, message);
}

void FeatureMapGrid::setLayer(const QString &layer, int channels, int height, int width,
                              std::vector<float> maps, std::vector<int> order,
                              std::vector<float> means, int filterIn, int filterSize,
                              std::vector<float> filters)
{
    m_layer = layer;
    m_channels = channels;
    m_height = height;
    m_width = width;
    m_maps = std::move(maps);
    m_order = std::move(order);
    m_means = std::move(means);
    m_message.clear();
    m_enlarged = -1;
    m_tiles.clear();
    for (int k = 0; k < std::min<int>(kMaxMaps, int(m_order.size())); ++k)
        m_tiles.push_back(mapImage(m_order[std::size_t(k)]));
    // What a screen reader says: the layer, its size, and the strongest channels' means.
    const QLocale locale;
    QStringList strongest;
    for (int k = 0; k < std::min<int>(5, int(m_order.size())); ++k) {
        const int c = m_order[std::size_t(k)];
        if (c >= 0 && std::size_t(c) < m_means.size())
            strongest << tr("channel %1 (mean %2)")
                             .arg(locale.toString(c),
                                  locale.toString(double(m_means[std::size_t(c)]), 'g', 3));
    }
    a11y::describe(this, tr("%1: %2 feature maps of %3 by %4 pixels. Strongest: %5.")
                             .arg(layer, locale.toString(channels), locale.toString(width),
                                  locale.toString(height), strongest.join(QStringLiteral(", "))));
    // Filters: each one scaled on its own, 0 at mid grey, so its pattern shows.
    m_filters.clear();
    if (filterIn > 0 && filterSize > 0) {
        const int per = filterIn * filterSize * filterSize;
        const int count = std::min<int>(kMaxMaps, int(filters.size()) / per);
        for (int o = 0; o < count; ++o) {
            const float *w = filters.data() + std::size_t(o) * std::size_t(per);
            float most = 1e-12f;
            for (int i = 0; i < per; ++i)
                most = std::max(most, std::abs(w[i]));
            QImage img(filterSize, filterSize, QImage::Format_RGB32);
            for (int y = 0; y < filterSize; ++y)
                for (int x = 0; x < filterSize; ++x) {
                    auto v = [&](int c) {
                        const float t = w[(c * filterSize + y) * filterSize + x] / most;
                        return std::clamp(int(127.5f + 127.5f * t), 0, 255);
                    };
                    img.setPixel(x, y,
                                 filterIn == 3 ? qRgb(v(0), v(1), v(2)) : qRgb(v(0), v(0), v(0)));
                }
            m_filters.push_back(img);
        }
    }
    layoutTiles();
    update();
}

QImage FeatureMapGrid::mapImage(int channel) const
{
    const std::size_t plane = std::size_t(m_height) * std::size_t(m_width);
    const float *m = m_maps.data() + std::size_t(channel) * plane;
    const auto [lo, hi] = std::minmax_element(m, m + plane);
    const float span = *hi - *lo;
    QImage img(m_width, m_height, QImage::Format_RGB32);
    for (int y = 0; y < m_height; ++y)
        for (int x = 0; x < m_width; ++x)
            img.setPixel(x, y, viridis(span > 0 ? (m[y * m_width + x] - *lo) / span : 0.0f));
    return img;
}

void FeatureMapGrid::layoutTiles()
{
    m_tileRects.clear();
    m_filterRects.clear();
    const int top = 26;
    const int n = int(m_tiles.size());
    if (n == 0)
        return;
    // Filters along the bottom, at least 18 pixels each, in as few rows as that allows.
    const int nf = int(m_filters.size());
    int fCols = 0, fSide = 0, fRows = 0;
    if (nf > 0) {
        fCols = std::clamp((width() - 8) / 20, 1, nf);
        fSide = std::min(40, (width() - 8) / fCols - 2);
        fRows = (nf + fCols - 1) / fCols;
    }
    const int filterBand = nf > 0 ? fRows * (fSide + 2) + 24 : 0;
    // Square tiles as large as fit: columns chosen to fill the width.
    const int availH = height() - top - filterBand - 8;
    int best = 8, bestCols = 8;
    for (int cols = 1; cols <= n; ++cols) {
        const int rows = (n + cols - 1) / cols;
        const int side = std::min((width() - 8) / cols, availH / rows) - 4;
        if (side > best) {
            best = side;
            bestCols = cols;
        }
    }
    for (int i = 0; i < n; ++i)
        m_tileRects.emplace_back(4 + (i % bestCols) * (best + 4), top + (i / bestCols) * (best + 4),
                                 best, best);
    const int y0 = height() - fRows * (fSide + 2) - 4;
    for (int i = 0; i < nf; ++i)
        m_filterRects.emplace_back(4 + (i % fCols) * (fSide + 2), y0 + (i / fCols) * (fSide + 2),
                                   fSide, fSide);
}

QRect FeatureMapGrid::tileRect(int i) const
{
    return i >= 0 && std::size_t(i) < m_tileRects.size() ? m_tileRects[std::size_t(i)] : QRect();
}

void FeatureMapGrid::enlarge(int channel)
{
    m_enlarged = channel >= 0 && channel < m_channels ? channel : -1;
    update();
}

void FeatureMapGrid::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::WindowText));
    if (m_channels == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const QString head =
        m_enlarged >= 0
            ? tr("%1, channel %2 (mean %3) · click to go back")
                  .arg(m_layer)
                  .arg(m_enlarged)
                  .arg(double(m_means[std::size_t(m_enlarged)]), 0, 'g', 3)
            : tr("%1: %2 channels of %3x%4, strongest first%5 · click one to enlarge")
                  .arg(m_layer)
                  .arg(m_channels)
                  .arg(m_height)
                  .arg(m_width)
                  .arg(m_channels > kMaxMaps ? tr(" (the first %1)").arg(kMaxMaps) : QString());
    p.drawText(QRect(4, 2, width() - 8, 22), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(head, Qt::ElideRight, width() - 8));
    if (m_enlarged >= 0) {
        const int side = std::min(width() - 8, height() - 34);
        p.drawImage(QRect((width() - side) / 2, 28, side, side), mapImage(m_enlarged));
        return;
    }
    for (std::size_t i = 0; i < m_tiles.size(); ++i)
        p.drawImage(m_tileRects[i], m_tiles[i]);
    if (!m_filters.empty()) {
        p.drawText(QRect(4, m_filterRects.front().top() - 20, width() - 8, 18),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   tr("Its %1 filters (grey: 0, lighter: positive weights)").arg(m_filters.size()));
        for (std::size_t i = 0; i < m_filters.size(); ++i)
            p.drawImage(m_filterRects[i], m_filters[i]);
    }
}

void FeatureMapGrid::mousePressEvent(QMouseEvent *event)
{
    if (m_enlarged >= 0) {
        enlarge(-1);
        return;
    }
    for (std::size_t i = 0; i < m_tileRects.size(); ++i)
        if (m_tileRects[i].contains(event->position().toPoint())) {
            const int channel = m_order[i];
            enlarge(channel);
            Q_EMIT channelClicked(channel);
            return;
        }
}

void FeatureMapGrid::resizeEvent(QResizeEvent *)
{
    layoutTiles();
}

} // namespace tl::ui
