#pragma once

#include <QHeaderView>

namespace tl::ui {

// A horizontal header whose labels turn upright (read bottom to top) when a column is too
// narrow for them: a confusion matrix's ten class names fit at a projector's text size
// ("T-shirt/top" and "Ankle boot" in full, not "T-shir" and "Ankle"). Labels that fit stay
// horizontal; the header grows to the longest upright name.
class RotatedHeader : public QHeaderView
{
    Q_OBJECT

public:
    explicit RotatedHeader(QWidget *parent = nullptr);

    // Whether the labels are drawn upright at the current width (tests).
    bool upright() const;
    QSize sizeHint() const override;

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QString label(int logicalIndex) const;
    int widestLabel() const;
    bool m_upright = false;
};

} // namespace tl::ui
