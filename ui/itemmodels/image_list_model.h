#pragma once

#include <QAbstractListModel>
#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QString>

#include <functional>
#include <vector>

namespace tl::ui {

class ThumbnailLoader;

// A gallery of images with captions (the feature-space views: a lasso's selection, the nearest
// training images, the suspicious labels). Each item keeps the caller's id; a mark ("wrong
// label", "ambiguous") tints it and takes the place of its caption's second line (a gallery's
// cells keep their height); `tint` colours an unmarked item (a fix applied).
class ImageListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles { IdRole = Qt::UserRole, MarkRole };

    struct Item
    {
        QImage image; // null: asked of the image provider when shown
        QString caption;
        QString toolTip;
        int id = -1;
        QString mark;
        QColor tint; // invalid: none
    };

    explicit ImageListModel(QObject *parent = nullptr);

    void setItems(std::vector<Item> items);
    const Item &item(int row) const { return m_items[std::size_t(row)]; }
    const std::vector<Item> &items() const { return m_items; }
    void setMark(int row, const QString &mark);
    // Pictures of px x px; `boxWidth` > px: drawn centred in a transparent box that wide (a view
    // in icon mode wraps a caption at its picture's width).
    void setThumbnailSize(int px, int boxWidth = 0);
    // Images for items without one, by id, when a view shows them (a gallery of 10,000 keeps
    // no 10,000 pictures): `provider` gives the job that makes the image (an empty one: none),
    // run on a ThumbnailLoader thread, since a streamed dataset's image is a file to decode.
    using ImageJob = std::function<QImage()>;
    void setImageProvider(std::function<ImageJob(int id)> provider);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    void imageReady(qint64 id);
    ThumbnailLoader *m_thumbnails;
    std::vector<Item> m_items;
    std::function<ImageJob(int)> m_provider;
    int m_thumb = 84;
    int m_box = 84;
    mutable QPixmap m_placeholder; // an item's picture until its thumbnail is made
};

} // namespace tl::ui
