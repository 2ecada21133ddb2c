#include "itemmodels/image_list_model.h"

#include <QPixmap>

namespace tl::ui {

ImageListModel::ImageListModel(QObject *parent) : QAbstractListModel(parent) {}

void ImageListModel::setItems(std::vector<Item> items)
{
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
}

void ImageListModel::setMark(int row, const QString &mark)
{
    if (row < 0 || row >= rowCount())
        return;
    m_items[std::size_t(row)].mark = mark;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
}

void ImageListModel::setThumbnailSize(int px)
{
    m_thumb = px;
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
        return it.mark.isEmpty() ? it.caption : it.caption + QStringLiteral("\n[") + it.mark + ']';
    case Qt::DecorationRole: {
        const QImage image = it.image.isNull() && m_provider ? m_provider(it.id) : it.image;
        if (image.isNull())
            return {};
        // Small images are enlarged without smoothing: a 28-pixel garment stays crisp.
        return QPixmap::fromImage(image.scaled(m_thumb, m_thumb, Qt::KeepAspectRatio,
                                               image.width() < m_thumb ? Qt::FastTransformation
                                                                       : Qt::SmoothTransformation));
    }
    case Qt::ToolTipRole:
        return it.toolTip;
    case Qt::BackgroundRole:
        if (it.mark.isEmpty())
            return {};
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
    case Qt::AccessibleTextRole: // the caption's lines as one, and the mark a student set
        return QString(it.caption).replace(QLatin1Char('\n'), QStringLiteral(", ")) +
               (it.mark.isEmpty() ? QString() : QStringLiteral(", ") + it.mark);
