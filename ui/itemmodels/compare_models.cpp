#include "itemmodels/compare_models.h"

#include "itemmodels/gallery_model.h"
#include "itemmodels/thumbnail_loader.h"

#include <QBrush>
#include <QColor>
#include <QPixmap>

namespace tl::ui {

ConfusionDeltaModel::ConfusionDeltaModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConfusionDeltaModel::setDifference(const runs::RunDifference &d, const QStringList &names)
{
    beginResetModel();
    m_diff = d;
    m_names = names;
    m_max = 1;
    for (auto v : d.confusionDelta)
        m_max = std::max<std::int64_t>(m_max, std::abs(v));
    endResetModel();
}

int ConfusionDeltaModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_diff.numClasses;
}

int ConfusionDeltaModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_diff.numClasses;
}

QVariant ConfusionDeltaModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const std::int64_t v = m_diff.delta(index.row(), index.column());
    const bool diagonal = index.row() == index.column();
    const bool better = diagonal ? v > 0 : v < 0;
    switch (role) {
    case Qt::DisplayRole:
        return v == 0 ? QString()
                      : (v > 0 ? QStringLiteral("+%1") : QStringLiteral("−%1")).arg(std::abs(v));
    case DeltaRole:
        return qint64(v);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::BackgroundRole: {
        if (v == 0)
            return {};
        // Okabe-Ito blue for better, vermillion for worse; stronger with the size.
        const double a = 0.2 + 0.75 * std::sqrt(double(std::abs(v)) / double(m_max));
        QColor c = better ? QColor(0, 114, 178) : QColor(213, 94, 0);
        c.setAlphaF(float(a));
        return QBrush(c);
    }
    case Qt::ToolTipRole: {
        const QString t = index.row() < m_names.size() ? m_names[index.row()] : QString();
        const QString p = index.column() < m_names.size() ? m_names[index.column()] : QString();
        return tr("true %1, predicted %2: %3 images %4 with B than with A (%5)")
            .arg(t, p)
            .arg(std::abs(v))
            .arg(v > 0 ? tr("more") : tr("fewer"))
            .arg(v == 0   ? tr("no change")
                 : better ? tr("better")
                          : tr("worse"));
    }
    default:
        return {};
    }
}

QVariant ConfusionDeltaModel::headerData(int section, Qt::Orientation, int role) const
{
    if (role != Qt::DisplayRole || section < 0 || section >= m_names.size())
        return {};
    return m_names[section];
}

FlippedModel::FlippedModel(QObject *parent)
    : QAbstractListModel(parent), m_thumbnails(new ThumbnailLoader(this))
{
    connect(m_thumbnails, &ThumbnailLoader::imageReady, this, &FlippedModel::thumbnailReady);
}

void FlippedModel::thumbnailReady(qint64 testIndex)
{
    const auto &shown = rows();
    for (std::size_t r = 0; r < shown.size(); ++r)
        if (shown[r].index == testIndex) {
            const QModelIndex i = index(int(r));
            Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
        }
}

void FlippedModel::setSource(const runs::RunDifference &d,
                             std::shared_ptr<const data::ImageStore> store,
                             const QStringList &classNames, const QString &nameA,
                             const QString &nameB)
{
    beginResetModel();
    m_thumbnails->clear();
    m_diff = d;
    m_store = std::move(store);
    m_position.clear();
    if (m_store)
        for (std::size_t i = 0; i < m_store->sourceIndex.size(); ++i)
            m_position[m_store->sourceIndex[i]] = i;
    m_names = classNames;
    m_a = nameA;
    m_b = nameB;
    endResetModel();
}

void FlippedModel::showFixedByB(bool fixed)
{
    beginResetModel();
    m_fixed = fixed;
    endResetModel();
}

int FlippedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows().size());
}

const runs::FlippedImage &FlippedModel::image(int row) const
{
    return rows()[std::size_t(row)];
}

QVariant FlippedModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const runs::FlippedImage &f = image(index.row());
    auto name = [&](int c) {
        return c >= 0 && c < m_names.size() ? m_names[c] : QString::number(c);
    };
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1\n%2: %3\n%4: %5")
            .arg(name(f.trueLabel), m_a, name(f.predictedA), m_b, name(f.predictedB));
    case Qt::ToolTipRole:
        return tr("Test image %1, a %2. %3 says %4 (%5 %), %6 says %7 (%8 %).")
            .arg(f.index)
            .arg(name(f.trueLabel), m_a, name(f.predictedA))
            .arg(double(f.confidenceA) * 100, 0, 'f', 0)
            .arg(m_b, name(f.predictedB))
            .arg(double(f.confidenceB) * 100, 0, 'f', 0);
    case Qt::DecorationRole: {
        auto it = m_position.find(f.index);
        if (!m_store || it == m_position.end())
            return {};
        const QImage img = m_store->streamed()
                               ? m_thumbnails->image(f.index,
                                                     [store = m_store, at = it->second] {
                                                         return toQImage(*store, at);
                                                     })
                               : toQImage(*m_store, it->second);
        if (img.isNull()) // on its way from the file
            return {};
        return QPixmap::fromImage(
            img.scaled(84, 84, Qt::KeepAspectRatio,
                       img.width() < 84 ? Qt::FastTransformation : Qt::SmoothTransformation));
    }
    case IndexRole:
        return qint64(f.index);
    default:
        return {};
    }
}

} // namespace tl::ui
