#include "widgets/draw_pad.h"

#include "a11y/accessibility.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace tl::ui {

namespace {
constexpr int kSide = 280;
}

DrawPad::DrawPad(QWidget *parent) : QWidget(parent), m_image(kSide, kSide, QImage::Format_Grayscale8)
{
    m_image.fill(Qt::black);
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Draw with the mouse: a shoe, a bag, a shirt… The model answers after each "
                  "stroke."));
    a11y::name(this, tr("Drawing pad"), tr("Empty. Draw with the mouse or a pen."));
}

void DrawPad::clear()
{
    m_image.fill(Qt::black);
    m_empty = true;
    update();
    a11y::describe(this, tr("Empty. Draw with the mouse or a pen."));
}

QPointF DrawPad::toImage(const QPointF &p) const
{
    const int side = std::min(width(), height());
    const QPointF origin((width() - side) / 2.0, (height() - side) / 2.0);
    return (p - origin) * (double(kSide) / std::max(1, side));
}

void DrawPad::lineTo(const QPointF &p)
{
    QPainter painter(&m_image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(235, 235, 235), m_pen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    const QPointF to = toImage(p);
    painter.drawLine(m_last, to);
    m_last = to;
    m_empty = false;
    update();
}

void DrawPad::stroke(const QList<QPointF> &points)
{
    if (points.isEmpty())
        return;
    m_last = toImage(points.front());
    for (const QPointF &p : points)
        lineTo(p);
    a11y::describe(this, tr("A drawing: the model's answer is beside the pad."));
    Q_EMIT drawn(m_image);
}

void DrawPad::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_drawing = true;
    m_last = toImage(event->position());
    lineTo(event->position());
}

void DrawPad::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drawing)
        lineTo(event->position());
}

void DrawPad::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_drawing || event->button() != Qt::LeftButton)
        return;
    m_drawing = false;
    Q_EMIT drawn(m_image);
}

void DrawPad::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    update();
}

void DrawPad::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    const int side = std::min(width(), height());
    const QRect square((width() - side) / 2, (height() - side) / 2, side, side);
    p.drawImage(square, m_image);
    if (m_empty) {
        p.setPen(QColor(160, 160, 160));
        p.drawText(square, Qt::AlignCenter | Qt::TextWordWrap, tr("Draw here"));
    }
}

} // namespace tl::ui
