#include "widgets/embedding_view.h"

#include "analysis/run_inspect.h"
#include "a11y/accessibility.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tl::ui {

namespace {

constexpr int kMargin = 14;
constexpr int kPickRadius = 6;

// Tableau's 10 colours (matplotlib's default cycle), then darker and lighter variants.
const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                           QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                           QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
                           QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};

} // namespace

EmbeddingView::EmbeddingView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(320, 260);
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Each dot is a test image, coloured by its true class; a dark ring: the model "
                  "gets it wrong. Click a dot to see the image; drag around dots to list them "
                  "(hold Shift for a rectangle)."));
    describeContent();
}

QColor EmbeddingView::classColor(int c) const
{
    const int n = int(std::size(kPalette));
    const QColor base = kPalette[std::abs(c) % n];
    const int round = std::abs(c) / n;
    return round == 0 ? base : round % 2 ? base.darker(140) : base.lighter(140);
}

void EmbeddingView::setPoints(std::vector<Point> points, const QStringList &classNames)
{
    m_points = std::move(points);
    m_names = classNames;
    m_selection.clear();
    m_selected.assign(m_points.size(), 0);
    m_hover = -1;
    m_highlight = -1;
    m_minX = m_minY = 0;
    m_maxX = m_maxY = 1;
    if (!m_points.empty()) {
        m_minX = m_maxX = m_points.front().x;
        m_minY = m_maxY = m_points.front().y;
        for (const auto &p : m_points) {
            m_minX = std::min(m_minX, p.x);
            m_maxX = std::max(m_maxX, p.x);
            m_minY = std::min(m_minY, p.y);
            m_maxY = std::max(m_maxY, p.y);
        }
    }
    layoutPoints();
    update();
    describeContent();
}

void EmbeddingView::describeContent()
{
    // What a screen reader says instead of the dots: how many of each class, how many wrong.
    const QLocale locale;
    if (m_points.empty()) {
        a11y::describe(this, m_caption.isEmpty() ? tr("No map yet.") : m_caption);
        return;
    }
    std::vector<std::pair<int, int>> perClass(std::size_t(std::max<qsizetype>(1, m_names.size())));
    int wrong = 0;
    for (const auto &p : m_points) {
        if (p.label >= 0 && std::size_t(p.label) < perClass.size()) {
            ++perClass[std::size_t(p.label)].first;
            perClass[std::size_t(p.label)].second += p.predicted != p.label;
        }
        wrong += p.predicted != p.label;
    }
    QStringList classes;
    for (std::size_t c = 0; c < perClass.size(); ++c)
        if (perClass[c].first > 0)
            classes << tr("%1: %2, %3 wrong")
                           .arg(m_names.value(int(c)), locale.toString(perClass[c].first),
                                locale.toString(perClass[c].second));
    a11y::describe(this, tr("%1 images, %2 of them wrong. %3")
                             .arg(locale.toString(qint64(m_points.size())),
                                  locale.toString(wrong), classes.join(QStringLiteral("; "))));
}

void EmbeddingView::setEmbedding(const runs::Embedding &embedding, const QStringList &classNames)
{
    std::vector<Point> points;
    points.reserve(embedding.points.size());
    for (const auto &p : embedding.points)
        points.push_back({p.x, p.y, p.label, p.predicted, int(p.row)});
    setPoints(std::move(points), classNames);
}

void EmbeddingView::clear()
{
    setPoints({}, {});
}

void EmbeddingView::setThumbnails(std::function<QImage(int)> thumbnail)
{
    m_thumbnail = std::move(thumbnail);
}

void EmbeddingView::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
    if (m_points.empty())
        describeContent();
}

void EmbeddingView::setLargeText(bool on)
{
    m_large = on;
    layoutPoints();
    update();
}

QPointF EmbeddingView::toWidget(float x, float y) const
{
    // y grows upwards, as in a plot.
    return {m_offsetX + (double(x) - m_minX) * m_scale, m_offsetY + (double(m_maxY) - y) * m_scale};
}

void EmbeddingView::layoutPoints()
{
    // The legend takes a column on the right; the map keeps one scale for both axes.
    const int legend = m_names.isEmpty() ? 0 : (m_large ? 220 : 150);
    const double w = std::max(1, width() - legend - 2 * kMargin);
    const double h = std::max(1, height() - 2 * kMargin - (m_caption.isEmpty() ? 0 : 20));
    const double spanX = std::max(1e-9, double(m_maxX - m_minX));
    const double spanY = std::max(1e-9, double(m_maxY - m_minY));
    m_scale = std::min(w / spanX, h / spanY);
    m_offsetX = kMargin + (w - spanX * m_scale) / 2;
    m_offsetY = kMargin + (h - spanY * m_scale) / 2;
    m_screen.resize(m_points.size());
    for (std::size_t i = 0; i < m_points.size(); ++i)
        m_screen[i] = toWidget(m_points[i].x, m_points[i].y);
    renderDots();
}

void EmbeddingView::renderDots()
{
    const qreal ratio = devicePixelRatioF();
    m_dots = QPixmap(size() * ratio);
    m_dots.setDevicePixelRatio(ratio);
    m_dots.fill(Qt::transparent);
    QPainter p(&m_dots);
    p.setRenderHint(QPainter::Antialiasing);
    const double r = m_points.size() > 4000 ? 2.2 : m_points.size() > 1000 ? 3.0 : 4.0;
    // Right first, then wrong on top with a dark ring: the mistakes stay visible in a crowd.
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < m_points.size(); ++i) {
            const bool wrong = m_points[i].label != m_points[i].predicted;
            if (wrong != (pass == 1))
                continue;
            QColor c = classColor(m_points[i].label);
            if (!wrong)
                c.setAlpha(190);
            p.setBrush(c);
            p.setPen(wrong ? QPen(QColor(0, 0, 0, 200), 1.0) : Qt::NoPen);
            p.drawEllipse(m_screen[i], wrong ? r + 0.5 : r, wrong ? r + 0.5 : r);
        }
    if (m_names.isEmpty())
        return;
    QFont f = font();
    if (m_large)
        f.setPixelSize(20);
    // Every class in the legend, whatever the height: lines (and the font) shrink to fit.
    int line = QFontMetrics(f).height() + 4;
    const int fits = (height() - 2 * kMargin - 24) / std::max(1, int(m_names.size()) + 2);
    if (fits < line) {
        line = std::max(10, fits);
        f.setPixelSize(std::max(8, line - 4));
    }
    p.setFont(f);
    const int x = width() - (m_large ? 210 : 142);
    int y = kMargin;
    for (int c = 0; c < m_names.size(); ++c, y += line) {
        p.setPen(Qt::NoPen);
        p.setBrush(classColor(c));
        p.drawEllipse(QPointF(x + 6, y + line / 2.0), 5, 5);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(x + 16, y, width() - x - 16, line), Qt::AlignVCenter | Qt::AlignLeft,
                   m_names[c]);
    }
    y += line / 2;
    p.setBrush(palette().color(QPalette::Base));
    p.setPen(QPen(QColor(20, 20, 20), 1.4));
    p.drawEllipse(QPointF(x + 6, y + line / 2.0), 5, 5);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(x + 16, y, width() - x - 16, line), Qt::AlignVCenter | Qt::AlignLeft,
               tr("wrong"));
}

QPoint EmbeddingView::position(std::size_t index) const
{
    return index < m_screen.size() ? m_screen[index].toPoint() : QPoint();
}

int EmbeddingView::pointAt(const QPoint &pos) const
{
    int best = -1;
    double bestD = kPickRadius * kPickRadius + 0.5;
    for (std::size_t i = 0; i < m_screen.size(); ++i) {
        const double dx = m_screen[i].x() - pos.x(), dy = m_screen[i].y() - pos.y();
        const double d = dx * dx + dy * dy;
        // Among dots on top of each other, the one drawn last (a mistake) wins.
        if (d < bestD || (d == bestD && best >= 0 && m_points[i].label != m_points[i].predicted)) {
            bestD = d;
            best = int(i);
        }
    }
    return best;
}

void EmbeddingView::selectInside(const QPolygonF &polygon)
{
    m_selection.clear();
    m_selected.assign(m_points.size(), 0);
    for (std::size_t i = 0; i < m_points.size(); ++i)
        if (polygon.containsPoint(m_screen[i], Qt::OddEvenFill)) {
            m_selected[i] = 1;
            m_selection.push_back(m_points[i].id);
        }
    update();
    Q_EMIT selectionChanged(m_selection);
}

void EmbeddingView::highlight(int id)
{
    m_highlight = id;
    update();
}

void EmbeddingView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (m_points.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   m_caption.isEmpty() ? tr("No map yet.") : m_caption);
        return;
    }
    p.drawPixmap(0, 0, m_dots);
    p.setRenderHint(QPainter::Antialiasing);
    if (!m_caption.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRect(kMargin, height() - 22, width() - 2 * kMargin, 20),
                   Qt::AlignLeft | Qt::AlignVCenter, m_caption);
    }
    // The selection, ringed.
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(255, 200, 0), 2));
    for (std::size_t i = 0; i < m_points.size(); ++i)
        if (m_selected[i])
            p.drawEllipse(m_screen[i], 4.5, 4.5);
    for (std::size_t i = 0; i < m_points.size(); ++i)
        if (m_points[i].id == m_highlight) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 3));
            p.drawEllipse(m_screen[i], 9, 9);
        }
    if (m_dragging && m_lasso.size() > 1) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
        p.setBrush(QColor(80, 140, 255, 40));
        p.drawPolygon(m_lasso);
    }
    // The hovered image, beside the cursor.
    if (m_hover >= 0 && !m_dragging) {
        const QPointF at = m_screen[std::size_t(m_hover)];
        p.setPen(QPen(palette().color(QPalette::WindowText), 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(at, 7, 7);
        const Point &pt = m_points[std::size_t(m_hover)];
        const int side = m_large ? 128 : 96;
        const QString text =
            pt.label == pt.predicted
                ? m_names.value(pt.label)
                : tr("%1 → said %2").arg(m_names.value(pt.label), m_names.value(pt.predicted));
        const QFontMetrics fm(font());
        const int boxW = std::max(side + 8, fm.horizontalAdvance(text) + 12);
        QRect box(at.toPoint() + QPoint(12, 12), QSize(boxW, side + fm.height() + 12));
        if (box.right() > width())
            box.moveRight(at.toPoint().x() - 12);
        if (box.bottom() > height())
            box.moveBottom(at.toPoint().y() - 12);
        p.setPen(QPen(palette().color(QPalette::Mid)));
        p.setBrush(palette().color(QPalette::ToolTipBase));
        p.drawRoundedRect(box, 4, 4);
        if (!m_hoverImage.isNull())
            p.drawImage(QRect(box.left() + (boxW - side) / 2, box.top() + 4, side, side),
                        m_hoverImage);
        p.setPen(palette().color(QPalette::ToolTipText));
        p.drawText(QRect(box.left(), box.top() + side + 6, boxW, fm.height()), Qt::AlignCenter,
                   text);
    }
}

void EmbeddingView::resizeEvent(QResizeEvent *)
{
    layoutPoints();
}

void EmbeddingView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressAt = event->position().toPoint();
    m_dragging = false;
    m_rectangle = event->modifiers() & Qt::ShiftModifier;
    m_lasso.clear();
    m_lasso << event->position();
}

void EmbeddingView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF at = event->position();
    if (event->buttons() & Qt::LeftButton) {
        if (!m_dragging && (at.toPoint() - m_pressAt).manhattanLength() > 4)
            m_dragging = true;
        if (m_dragging) {
            if (m_rectangle) {
                const QRectF r = QRectF(QPointF(m_pressAt), at).normalized();
                m_lasso = QPolygonF(r);
            } else {
                m_lasso << at;
            }
            update();
        }
        return;
    }
    const int hover = pointAt(at.toPoint());
    if (hover != m_hover) {
        m_hover = hover;
        m_hoverImage =
            hover >= 0 && m_thumbnail ? m_thumbnail(m_points[std::size_t(hover)].id) : QImage();
        update();
    }
}

void EmbeddingView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (m_dragging) {
        m_dragging = false;
        if (!m_rectangle)
            m_lasso << event->position();
        selectInside(m_lasso);
        m_lasso.clear();
        return;
    }
    const int i = pointAt(event->position().toPoint());
    if (i >= 0) {
        highlight(m_points[std::size_t(i)].id);
        Q_EMIT pointClicked(m_points[std::size_t(i)].id);
    }
}

void EmbeddingView::leaveEvent(QEvent *)
{
    if (m_hover >= 0) {
        m_hover = -1;
        update();
    }
}

} // namespace tl::ui
