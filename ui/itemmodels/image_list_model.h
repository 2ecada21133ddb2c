#pragma once

#include <QAbstractListModel>
#include <QColor>
#include <QImage>
#include <QString>

#include <functional>
#include <vector>

namespace tl::ui {

// A gallery of images with captions (the feature-space views: a lasso's selection, the nearest
// training images, the suspicious labels). Each item keeps the caller's id; a mark ("wrong
// label", "ambiguous") tints it and joins its caption.
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
    };

    explicit ImageListModel(QObject *parent = nullptr);

    void setItems(std::vector<Item> items);
    const Item &item(int row) const { return m_items[std::size_t(row)]; }
    const std::vector<Item> &items() const { return m_items; }
    void setMark(int row, const QString &mark);
    void setThumbnailSize(int px);
    // Images for items without one, by id, when a view shows them (a gallery of 10,000 keeps
    // no 10,000 pictures).
    void setImageProvider(std::function<QImage(int id)> provider)
    {
        m_provider = std::move(provider);
    }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::vector<Item> m_items;
    std::function<QImage(int)> m_provider;
    int m_thumb = 84;
};

} // namespace tl::ui
