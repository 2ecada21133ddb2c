#pragma once

#include <QImage>
#include <QWidget>

namespace tl::ui {

// A square to draw on with the mouse (or a finger on a touch screen): a light pen on a black
// ground, as Fashion-MNIST and MNIST store their images. Each finished stroke emits the
// drawing, so Predict answers as the student draws.
class DrawPad : public QWidget
{
    Q_OBJECT

public:
    explicit DrawPad(QWidget *parent = nullptr);

    QImage image() const { return m_image; }
    bool isEmpty() const { return m_empty; }
    void setPenWidth(int pixels) { m_pen = pixels; }
    // Draws a stroke through the points (in widget coordinates), as a mouse drag would.
    void stroke(const QList<QPointF> &points);
    QSize sizeHint() const override { return {280, 280}; }

public Q_SLOTS:
    void clear();

Q_SIGNALS:
    void drawn(const QImage &image);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QPointF toImage(const QPointF &p) const;
    void lineTo(const QPointF &p);

    QImage m_image; // 280x280 grayscale, what is classified
    QPointF m_last;
    bool m_drawing = false;
    bool m_empty = true;
    int m_pen = 22; // in image pixels: about a 2-pixel stroke at 28x28
};

} // namespace tl::ui
