#include "itemmodels/image_list_model.h"

#include "itemmodels/thumbnail_loader.h"

#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace tl::ui {

ImageListModel::ImageListModel(QObject *parent)
    : QAbstractListModel(parent), m_thumbnails(new ThumbnailLoader(this))
{
    connect(m_thumbnails, &ThumbnailLoader::imageReady, this, &ImageListModel::imageReady);
}

void ImageListModel::setItems(std::vector<Item> items)
{
    beginResetModel();
    m_thumbnails->clear(); // ids are the caller's: another list, other images
    m_items = std::move(items);
    endResetModel();
}

void ImageListModel::setImageProvider(std::function<ImageJob(int id)> provider)
{
    m_thumbnails->clear();
    m_provider = std::move(provider);
    if (!m_items.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole});
}

void ImageListModel::imageReady(qint64 id)
{
    for (std::size_t r = 0; r < m_items.size(); ++r)
        if (m_items[r].id == id && m_items[r].image.isNull()) {
            const QModelIndex i = index(int(r));
            Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
        }
}

void ImageListModel::setMark(int row, const QString &mark)
{
    if (row < 0 || row >= rowCount())
        return;
    m_items[std::size_t(row)].mark = mark;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
}

void ImageListModel::setThumbnailSize(int px, int boxWidth)
{
    m_thumb = px;
    m_box = std::max(px, boxWidth);
    if (!m_items.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole});
}

int ImageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Item &it = m_items[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return it.mark.isEmpty() ? it.caption
                                 : it.caption.section(QLatin1Char('\n'), 0, 0) +
                                       QStringLiteral("\n[") + it.mark + ']';
    case Qt::DecorationRole: {
        QImage image = it.image;
        if (image.isNull() && m_provider)
            if (const ImageJob job = m_provider(it.id))
                image = m_thumbnails->image(it.id, job);
        if (image.isNull()) {
            // Not made yet: a blank of the final size, so that the view lays the item out at
            // that size (caption under the picture, whole) before the picture comes.
            if (m_placeholder.width() != m_box || m_placeholder.height() != m_thumb) {
                m_placeholder = QPixmap(m_box, m_thumb);
                m_placeholder.fill(Qt::transparent);
            }
            return m_placeholder;
        }
        // Small images are enlarged without smoothing: a 28-pixel garment stays crisp.
        const QImage scaled = image.scaled(m_thumb, m_thumb, Qt::KeepAspectRatio,
                                           image.width() < m_thumb ? Qt::FastTransformation
                                                                   : Qt::SmoothTransformation);
        if (m_box <= scaled.width())
            return QPixmap::fromImage(scaled);
        QPixmap box(m_box, m_thumb);
        box.fill(Qt::transparent);
        QPainter painter(&box);
        painter.drawImage((m_box - scaled.width()) / 2, (m_thumb - scaled.height()) / 2, scaled);
        return box;
    }
    case Qt::ToolTipRole:
        return it.toolTip;
    case Qt::AccessibleTextRole: // the caption's lines as one, and the mark a student set
        return QString(it.caption).replace(QLatin1Char('\n'), QStringLiteral(", ")) +
               (it.mark.isEmpty() ? QString() : QStringLiteral(", ") + it.mark);
    case Qt::BackgroundRole:
        if (it.mark.isEmpty())
            return it.tint.isValid() ? QVariant(it.tint) : QVariant();
        return it.mark == QStringLiteral("ambiguous") ? QColor(255, 225, 150)
                                                      : QColor(255, 180, 180);
    case IdRole:
        return it.id;
    case MarkRole:
        return it.mark;
    default:
        return {};
    }
}

} // namespace tl::ui
