#include "itemmodels/gallery_model.h"

#include "itemmodels/thumbnail_loader.h"

#include <QColor>
#include <QLocale>

#include <cmath>

#include <QPixmap>

#include <algorithm>

namespace tl::ui {

QImage toQImage(const std::uint8_t *hwc, int height, int width, int channels)
{
    const QImage::Format format = channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    return QImage(hwc, width, height, width * channels, format).copy();
}

QImage toQImage(const data::ImageStore &store, std::size_t i)
{
    const std::vector<std::uint8_t> pixels = store.pixelsOf(i);
    return toQImage(pixels.data(), store.height, store.width, store.channels);
}

GalleryModel::GalleryModel(QObject *parent)
    : QAbstractListModel(parent), m_thumbnails(new ThumbnailLoader(this))
{
    connect(m_thumbnails, &ThumbnailLoader::imageReady, this, &GalleryModel::thumbnailReady);
}

void GalleryModel::setSource(std::shared_ptr<const data::ImageStore> store,
                             std::vector<train::Prediction> predictions,
                             const QStringList &classNames)
{
    beginResetModel();
    m_thumbnails->clear();
    m_store = std::move(store);
    m_all = std::move(predictions);
    m_names = classNames;
    m_rows.clear();
    m_position.clear();
    if (m_store)
        for (std::size_t i = 0; i < m_store->sourceIndex.size(); ++i)
            m_position[m_store->sourceIndex[i]] = i;
    m_true = m_pred = -1;
    endResetModel();
}

void GalleryModel::showCell(int trueClass, int predicted)
{
    beginResetModel();
    m_true = trueClass;
    m_pred = predicted;
    m_rows.clear();
    for (std::size_t i = 0; i < m_all.size(); ++i)
        if (m_all[i].trueLabel == trueClass && m_all[i].predicted == predicted)
            m_rows.push_back(int(i));
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
        return m_all[std::size_t(a)].loss > m_all[std::size_t(b)].loss;
    });
    endResetModel();
}

void GalleryModel::showWhere(const std::function<bool(const train::Prediction &)> &keep)
{
    beginResetModel();
    m_true = m_pred = -1;
    m_rows.clear();
    for (std::size_t i = 0; i < m_all.size(); ++i)
        if (keep(m_all[i]))
            m_rows.push_back(int(i));
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
        return m_all[std::size_t(a)].confidence > m_all[std::size_t(b)].confidence;
    });
    endResetModel();
}

void GalleryModel::setThumbnailSize(int px)
{
    m_thumb = px;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

int GalleryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

std::string GalleryModel::sourcePath(int row) const
{
    if (!m_store || row < 0 || row >= rowCount())
        return {};
    const auto it = m_position.find(prediction(row).index);
    return it != m_position.end() && it->second < m_store->sourcePaths.size()
               ? m_store->sourcePaths[it->second]
               : std::string();
}

void GalleryModel::setFixes(QHash<qint64, QString> fixes)
{
    m_fixes = std::move(fixes);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1),
                           {Qt::BackgroundRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
}

QImage GalleryModel::image(int row) const
{
    if (!m_store)
        return {};
    auto it = m_position.find(prediction(row).index);
    if (it == m_position.end())
        return {};
    return toQImage(*m_store, it->second);
}

QImage GalleryModel::thumbnail(int row) const
{
    if (!m_store || !m_store->streamed())
        return image(row); // in memory: a copy
    const std::int64_t key = prediction(row).index;
    auto it = m_position.find(key);
    if (it == m_position.end())
        return {};
    return m_thumbnails->image(key,
                               [store = m_store, at = it->second] { return toQImage(*store, at); });
}

void GalleryModel::thumbnailReady(qint64 predictionIndex)
{
    for (std::size_t r = 0; r < m_rows.size(); ++r)
        if (m_all[std::size_t(m_rows[r])].index == predictionIndex) {
            const QModelIndex i = index(int(r));
            Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
        }
}

QVariant GalleryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const train::Prediction &p = prediction(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (m_captionConfidence)
            return tr("%1 · %2%")
                .arg(m_names.value(p.predicted))
                .arg(p.confidence * 100.0, 0, 'f', 0);
        // Sorted by loss, highest first: that is the true class's probability, lowest first,
        // so the caption shows that probability (the prediction's own is in the tooltip).
        {
            const double sure = std::exp(-double(p.loss)) * 100.0;
            return tr("%1 · true %2%")
                .arg(m_names.value(p.predicted))
                .arg(sure < 0.5 ? QStringLiteral("<1") : QString::number(sure, 'f', 0));
        }
    case Qt::DecorationRole: {
        const QImage img = thumbnail(index.row());
        if (img.isNull()) {
            if (!m_store || !m_store->streamed())
                return {};
            QPixmap waiting(m_thumb, m_thumb); // on its way: a grey square keeps the layout
            waiting.fill(QColor(60, 60, 60));
            return waiting;
        }
        // Small images scaled with nearest neighbour: the pixels the network saw.
        const auto mode =
            img.width() < m_thumb / 2 ? Qt::FastTransformation : Qt::SmoothTransformation;
        return QPixmap::fromImage(img.scaled(m_thumb, m_thumb, Qt::KeepAspectRatio, mode));
    }
    case Qt::ToolTipRole: {
        const QString tip = tr("test image %1\ntrue: %2 (%6% sure)\npredicted: %3 (%4%)\nloss %5")
                                .arg(p.index)
                                .arg(m_names.value(p.trueLabel), m_names.value(p.predicted))
                                .arg(p.confidence * 100.0, 0, 'f', 1)
                                .arg(p.loss, 0, 'f', 3)
                                .arg(std::exp(-double(p.loss)) * 100.0, 0, 'f', 1);
        const auto fix = m_fixes.constFind(p.index);
        return fix == m_fixes.constEnd() ? tip : tip + tr("\nfix pending: %1").arg(*fix);
    }
    case Qt::BackgroundRole:
        // A pending label fix: amber, as the suspicious labels' marks.
        return m_fixes.contains(p.index) ? QVariant(QColor(255, 225, 150)) : QVariant();
    case Qt::ForegroundRole: // readable on the amber in a dark theme too
        return m_fixes.contains(p.index) ? QVariant(QColor(Qt::black)) : QVariant();
    case Qt::AccessibleTextRole: {
        // A screen reader's line for the image (the caption is in symbols and numbers).
        const QString line =
            tr("image %1: true %2, predicted %3, %4 % sure")
                .arg(QLocale().toString(qint64(p.index)), m_names.value(p.trueLabel),
                     m_names.value(p.predicted), QLocale().toString(p.confidence * 100.0, 'f', 0));
        const auto fix = m_fixes.constFind(p.index);
        return fix == m_fixes.constEnd() ? line : line + QStringLiteral(", ") + *fix;
    }
    case PredictionIndexRole:
        return qint64(p.index);
    case LossRole:
        return p.loss;
    }
    return {};
}

} // namespace tl::ui
