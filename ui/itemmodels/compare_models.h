#pragma once

#include "data/image_store.h"
#include "analysis/compare.h"

#include <QAbstractListModel>
#include <QAbstractTableModel>
#include <QStringList>

#include <map>
#include <memory>

namespace tl::ui {

// B's confusion matrix minus A's: "+3" / "−2" per cell, coloured by whether the change is an
// improvement (blue: more right on the diagonal, fewer mistakes off it) or not (orange), in
// colours safe for colour-blind viewers. Zero cells stay blank.
class ConfusionDeltaModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Roles { DeltaRole = Qt::UserRole };
    explicit ConfusionDeltaModel(QObject *parent = nullptr);
    void setDifference(const runs::RunDifference &d, const QStringList &classNames);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    runs::RunDifference m_diff;
    QStringList m_names;
    std::int64_t m_max = 1;
};

class ThumbnailLoader;

// Test images whose correctness differs between two runs, in one direction at a time, each
// with its thumbnail (a streamed dataset's decoded on the loader's threads) and both predictions.
class FlippedModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles { IndexRole = Qt::UserRole };
    explicit FlippedModel(QObject *parent = nullptr);
    // `store`: the runs' test images (may be null: captions only).
    void setSource(const runs::RunDifference &d, std::shared_ptr<const data::ImageStore> store,
                   const QStringList &classNames, const QString &nameA, const QString &nameB);
    // true: right only with B; false: right only with A.
    void showFixedByB(bool fixed);
    bool showingFixedByB() const { return m_fixed; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    const runs::FlippedImage &image(int row) const;

private:
    const std::vector<runs::FlippedImage> &rows() const
    {
        return m_fixed ? m_diff.fixedByB : m_diff.brokenByB;
    }
    void thumbnailReady(qint64 testIndex);
    ThumbnailLoader *m_thumbnails;
    runs::RunDifference m_diff;
    std::shared_ptr<const data::ImageStore> m_store;
    std::map<std::int64_t, std::size_t> m_position;
    QStringList m_names;
    QString m_a, m_b;
    bool m_fixed = true;
};

} // namespace tl::ui
