#include "widgets/top_bars.h"

#include "a11y/accessibility.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tl::ui {

// Its texts keep the Predict tab's translation context.
TopBars::TopBars(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(150);
    a11y::name(this, QCoreApplication::translate("tl::ui::PredictPanel", "Top 5"));
}

void TopBars::setEntries(QStringList labels, std::vector<float> probabilities)
{
    m_labels = std::move(labels);
    m_probabilities = std::move(probabilities);
    update();
    // What a screen reader says: the classes with their probabilities, best first.
    QStringList spoken;
    for (qsizetype i = 0; i < m_labels.size() && std::size_t(i) < m_probabilities.size(); ++i)
        spoken << QCoreApplication::translate("tl::ui::PredictPanel", "%1: %2 %")
                      .arg(m_labels[i],
                           QLocale().toString(double(m_probabilities[std::size_t(i)]) * 100.0, 'f',
                                              1));
    a11y::describe(this, spoken.join(QStringLiteral(", ")));
}

void TopBars::setLarge(bool large)
{
    m_large = large;
    // Five rows of the text as painted: no more (the column below it is full on a 720-line
    // projector and the fifth row was cut off), no less.
    setMinimumHeight(std::max(150, 5 * (QFontMetrics(rowFont()).height() + 8)));
    update();
}

QFont TopBars::rowFont() const
{
    QFont f = font();
    if (m_large)
        f.setPointSizeF(f.pointSizeF() * 1.3);
    return f;
}

void TopBars::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_labels.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter,
                   QCoreApplication::translate("tl::ui::PredictPanel", "No prediction yet"));
        return;
    }
    p.setFont(rowFont());
    const int rowH = height() / 5;
    int widest = 0;
    for (const QString &l : m_labels)
        widest = std::max(widest, p.fontMetrics().horizontalAdvance(l) + 10);
    const int labelW = std::min(widest, width() / 2);
    const int valueW = p.fontMetrics().horizontalAdvance(QStringLiteral("100.0 %")) + 8;
    for (int i = 0; i < m_labels.size(); ++i) {
        const QRect row(0, i * rowH, width(), rowH - 4);
        const float v = m_probabilities[std::size_t(i)];
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(row.adjusted(0, 0, -(width() - labelW) - 6, 0),
                   Qt::AlignRight | Qt::AlignVCenter, m_labels[i]);
        const QRect barArea = row.adjusted(labelW, 4, -valueW, -4);
        p.fillRect(barArea, palette().color(QPalette::AlternateBase));
        QRect bar = barArea;
        bar.setWidth(int(std::round(barArea.width() * double(v))));
        p.fillRect(bar, i == 0 ? QColor(0, 114, 178) : QColor(86, 180, 233));
        p.drawText(QRect(barArea.right() + 6, row.top(), valueW - 6, row.height()),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QString::number(double(v) * 100, 'f', 1) + " %");
    }
}

} // namespace tl::ui
