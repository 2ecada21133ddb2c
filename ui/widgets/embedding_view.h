#pragma once

#include <QImage>
#include <QPixmap>
#include <QPolygonF>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <vector>

namespace tl::runs {
struct Embedding;
}

namespace tl::ui {

// A 2-D map of images (a feature space projected by PCA or t-SNE): one dot per image coloured
// by its true class, a dark ring around the ones the model gets wrong, a legend. Hovering shows
// the image; clicking a dot emits pointClicked; dragging draws a lasso (with Shift, a rectangle)
// and emits the points inside. Both axes share one scale, so distances look as they are.
class EmbeddingView : public QWidget
{
    Q_OBJECT

public:
    struct Point
    {
        float x = 0, y = 0;
        int label = 0;
        int predicted = 0;
        int id = 0; // the caller's key (a row of the test set)
    };

    explicit EmbeddingView(QWidget *parent = nullptr);

    void setPoints(std::vector<Point> points, const QStringList &classNames);
    // A projected test set (runs::embedTestSet), each point keyed by its row of the test split.
    void setEmbedding(const runs::Embedding &embedding, const QStringList &classNames);
    void clear();
    // The image shown while hovering a point (called once per hovered point).
    void setThumbnails(std::function<QImage(int id)> thumbnail);
    void setCaption(const QString &caption);
    void setLargeText(bool on);

    const std::vector<Point> &points() const { return m_points; }
    // Where point `index` (into points()) is drawn, in widget coordinates.
    QPoint position(std::size_t index) const;
    // The point drawn nearest `pos` within a few pixels, as an index into points(); -1 if none.
    int pointAt(const QPoint &pos) const;
    // Selects the points inside a polygon in widget coordinates and emits selectionChanged.
    void selectInside(const QPolygonF &polygon);
    const std::vector<int> &selection() const { return m_selection; } // ids
    void highlight(int id); // ring one point (the image shown beside the map); -1: none

Q_SIGNALS:
    void pointClicked(int id);
    void selectionChanged(const std::vector<int> &ids);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QPointF toWidget(float x, float y) const;
    void layoutPoints();
    void describeContent(); // the accessible description: counts per class, mistakes
    void renderDots();
    QColor classColor(int c) const;

    std::vector<Point> m_points;
    std::vector<QPointF> m_screen; // drawn positions, per point
    QStringList m_names;
    std::function<QImage(int)> m_thumbnail;
    QString m_caption;
    QPixmap m_dots; // the dots and legend, redrawn on data or size changes only
    // The data's bounds and the scale that fits them.
    float m_minX = 0, m_minY = 0, m_maxX = 1, m_maxY = 1;
    double m_scale = 1, m_offsetX = 0, m_offsetY = 0;
    std::vector<int> m_selection;
    std::vector<char> m_selected; // per point
    QPolygonF m_lasso;
    bool m_dragging = false, m_rectangle = false;
    QPoint m_pressAt;
    int m_hover = -1;
    QImage m_hoverImage;
    int m_highlight = -1; // id
    bool m_large = false;
};

} // namespace tl::ui
