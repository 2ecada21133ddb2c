#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include <vector>

namespace tl::ui {

// One layer's view of an image: its feature maps as a grid of small heat maps (channels sorted
// by mean activation, the first 64), and, for a convolution that sees the image, its filters as
// images. Clicking a map enlarges it (channelClicked; enlarged() paints it big).
class FeatureMapGrid : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxMaps = 64;

    explicit FeatureMapGrid(QWidget *parent = nullptr);

    // maps: channels x height x width; order: channels strongest first; filters: out x in x k x k
    // (in 1 or 3), empty when the layer has none to show.
    void setLayer(const QString &layer, int channels, int height, int width,
                  std::vector<float> maps, std::vector<int> order, std::vector<float> means,
                  int filterIn, int filterSize, std::vector<float> filters);
    void clear(const QString &message);

    int channelCount() const { return m_channels; }
    int mapsShown() const { return int(m_tiles.size()); }
    int filtersShown() const { return int(m_filters.size()); }
    int enlargedChannel() const { return m_enlarged; }
    QRect tileRect(int i) const; // where the i-th shown map is drawn
    void enlarge(int channel);   // -1: back to the grid

Q_SIGNALS:
    void channelClicked(int channel);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QImage mapImage(int channel) const;
    void layoutTiles();

    QString m_layer, m_message;
    int m_channels = 0, m_height = 0, m_width = 0;
    std::vector<float> m_maps, m_means;
    std::vector<int> m_order;
    std::vector<QImage> m_tiles;   // per shown channel (in order)
    std::vector<QImage> m_filters; // per output channel of the filters
    std::vector<QRect> m_tileRects, m_filterRects;
    int m_enlarged = -1;
};

} // namespace tl::ui
