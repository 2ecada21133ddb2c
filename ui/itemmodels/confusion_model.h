#pragma once

#include "train/training_types.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QFont>
#include <QStringList>

namespace tl::ui {

// Confusion matrix as a heat map: rows = true class, columns = predicted class. Cells show
// counts or row-normalised fractions; the background follows a perceptually ordered colour map.
class ConfusionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit ConfusionModel(QObject *parent = nullptr);

    void setEvaluation(const train::Evaluation &evaluation, const QStringList &classNames);
    void setNormalized(bool normalized);
    bool normalized() const { return m_normalized; }
    void setHighContrast(bool on);
    // The numbers' font (the view fits it to its rows); the header keeps the view's font.
    void setCellFont(const QFont &font);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    qint64 count(int trueClass, int predicted) const;

private:
    double fraction(int r, int c) const;

    train::Evaluation m_eval;
    QStringList m_names;
    bool m_normalized = false;
    bool m_highContrast = false;
    QFont m_cellFont;
    bool m_hasCellFont = false;
};

// Viridis-like colour for t in [0, 1] (colour-blind safe, ordered in lightness).
QColor heatColor(double t);

} // namespace tl::ui
