#include "widgets/rotated_header.h"

#include <QFontMetrics>
#include <QPainter>
#include <QResizeEvent>

#include <algorithm>

namespace tl::ui {

namespace {
constexpr int kPadding = 10; // around a label, as the style's header margins
}

RotatedHeader::RotatedHeader(QWidget *parent) : QHeaderView(Qt::Horizontal, parent)
{
    setSectionsClickable(true);
    setHighlightSections(true);
}

QString RotatedHeader::label(int logicalIndex) const
{
    return model() ? model()->headerData(logicalIndex, orientation(), Qt::DisplayRole).toString()
                   : QString();
}

int RotatedHeader::widestLabel() const
{
    const QFontMetrics fm(font());
    int widest = 0;
    for (int i = 0; i < count(); ++i)
        widest = std::max(widest, fm.horizontalAdvance(label(i)));
    return widest;
}

bool RotatedHeader::upright() const
{
    return m_upright;
}

QSize RotatedHeader::sizeHint() const
{
    QSize s = QHeaderView::sizeHint();
    if (m_upright)
        s.setHeight(widestLabel() + 2 * kPadding);
    return s;
}

void RotatedHeader::resizeEvent(QResizeEvent *event)
{
    QHeaderView::resizeEvent(event);
    // Upright when the narrowest column cannot hold the widest name.
    int narrowest = count() > 0 ? sectionSize(0) : 0;
    for (int i = 1; i < count(); ++i)
        narrowest = std::min(narrowest, sectionSize(i));
    const bool upright = count() > 0 && widestLabel() + kPadding > narrowest;
    if (upright != m_upright) {
        m_upright = upright;
        updateGeometry(); // the table lays out the taller (or shorter) header
    }
}

void RotatedHeader::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const
{
    if (!m_upright) {
        QHeaderView::paintSection(painter, rect, logicalIndex);
        return;
    }
    // The section's frame and background as the style draws them, then the name upright.
    QStyleOptionHeader opt;
    initStyleOption(&opt);
    opt.rect = rect;
    opt.section = logicalIndex;
    opt.text.clear();
    painter->save();
    style()->drawControl(QStyle::CE_Header, &opt, painter, this);
    painter->restore();
    const QString text = label(logicalIndex);
    painter->save();
    painter->setFont(font());
    painter->setPen(palette().color(QPalette::ButtonText));
    painter->translate(rect.center().x(), rect.bottom() - kPadding / 2);
    painter->rotate(-90);
    const QFontMetrics fm(font());
    painter->drawText(QRect(0, -rect.width() / 2, rect.height() - kPadding, rect.width()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(text, Qt::ElideRight, rect.height() - kPadding));
    painter->restore();
}

} // namespace tl::ui
