#pragma once

#include "data/image_store.h"
#include "train/training_types.h"

#include <QAbstractListModel>
#include <QHash>
#include <QImage>
#include <QStringList>

#include <functional>
#include <memory>

namespace tl::ui {

class ThumbnailLoader;

// Test images behind one confusion-matrix cell (true = row, predicted = column), sorted by loss
// (the most confidently wrong first), each with its thumbnail, predicted class and confidence.
class GalleryModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles { PredictionIndexRole = Qt::UserRole, LossRole };

    explicit GalleryModel(QObject *parent = nullptr);

    // `store` holds the evaluated images; predictions' indices are its sourceIndex values.
    void setSource(std::shared_ptr<const data::ImageStore> store,
                   std::vector<train::Prediction> predictions, const QStringList &classNames);
    void showCell(int trueClass, int predicted);
    // The images whose prediction `keep` accepts, the most confident first (a threshold's
    // accepted, rejected or wrong images).
    void showWhere(const std::function<bool(const train::Prediction &)> &keep);
    // Captions with the prediction's own confidence ("Sneaker · 97%") instead of the true
    // class's probability (what a threshold looks at).
    void setCaptionConfidence(bool on) { m_captionConfidence = on; }
    void setThumbnailSize(int px);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    const train::Prediction &prediction(int row) const
    {
        return m_all[std::size_t(m_rows[std::size_t(row)])];
    }
    // The file of the row's image ("" for the built-in datasets).
    std::string sourcePath(int row) const;
    // The label fixes pending for some images (by prediction index: "→ Coat", "left out"):
    // those images get a tinted background and the fix in their tooltip.
    void setFixes(QHash<qint64, QString> fixes);
    // The row's image, decoded here (a click's one image); thumbnails of a streamed dataset are
    // decoded on the loader's threads and fill in as they arrive.
    QImage image(int row) const;
    int trueClass() const { return m_true; }
    int predictedClass() const { return m_pred; }

private:
    QImage thumbnail(int row) const; // null while a streamed image is on its way
    void thumbnailReady(qint64 predictionIndex);

    ThumbnailLoader *m_thumbnails;
    std::shared_ptr<const data::ImageStore> m_store;
    std::vector<train::Prediction> m_all;
    std::vector<int> m_rows;
    std::map<std::int64_t, std::size_t> m_position; // sourceIndex -> position in the store
    QStringList m_names;
    QHash<qint64, QString> m_fixes;
    int m_true = -1, m_pred = -1;
    int m_thumb = 84;
    bool m_captionConfidence = false;
};

// A stored image as a QImage (gray or RGB), deep-copied.
QImage toQImage(const data::ImageStore &store, std::size_t i);
QImage toQImage(const std::uint8_t *hwc, int height, int width, int channels);

} // namespace tl::ui
