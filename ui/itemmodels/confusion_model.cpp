#include "itemmodels/confusion_model.h"

#include <QBrush>
#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>

namespace tl::ui {

QColor heatColor(double t)
{
    // Samples of matplotlib's viridis.
    static const std::array<std::array<int, 3>, 9> stops = {{{68, 1, 84},
                                                             {71, 44, 122},
                                                             {59, 81, 139},
                                                             {44, 113, 142},
                                                             {33, 144, 141},
                                                             {39, 173, 129},
                                                             {92, 200, 99},
                                                             {170, 220, 50},
                                                             {253, 231, 37}}};
    t = std::clamp(t, 0.0, 1.0) * double(stops.size() - 1);
    const auto i = std::min<std::size_t>(std::size_t(t), stops.size() - 2);
    const double f = t - double(i);
    auto mix = [&](int k) {
        return int(
            std::lround(stops[i][std::size_t(k)] * (1 - f) + stops[i + 1][std::size_t(k)] * f));
    };
    return QColor(mix(0), mix(1), mix(2));
}

ConfusionModel::ConfusionModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConfusionModel::setEvaluation(const train::Evaluation &evaluation,
                                   const QStringList &classNames)
{
    beginResetModel();
    m_eval = evaluation;
    m_names = classNames;
    endResetModel();
}

void ConfusionModel::setNormalized(bool normalized)
{
    m_normalized = normalized;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void ConfusionModel::setHighContrast(bool on)
{
    m_highContrast = on;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int ConfusionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_eval.confusion.empty() ? 0 : m_eval.numClasses;
}

int ConfusionModel::columnCount(const QModelIndex &parent) const
{
    return rowCount(parent);
}

qint64 ConfusionModel::count(int r, int c) const
{
    return m_eval.at(r, c);
}

double ConfusionModel::fraction(int r, int c) const
{
    qint64 row = 0;
    for (int k = 0; k < m_eval.numClasses; ++k)
        row += m_eval.at(r, k);
    return row > 0 ? double(m_eval.at(r, c)) / double(row) : 0.0;
}

QVariant ConfusionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int r = index.row(), c = index.column();
    const double f = fraction(r, c);
    switch (role) {
    case Qt::DisplayRole:
        return m_normalized ? QString::number(f * 100.0, 'f', f >= 0.995 ? 0 : 1)
                            : QString::number(count(r, c));
    case Qt::BackgroundRole: {
        // sqrt stretches the small off-diagonal fractions, where the mistakes are.
        const double t = std::sqrt(f);
        if (m_highContrast)
            return QBrush(QColor::fromHsvF(0, 0, 1.0 - t));
        return QBrush(heatColor(t));
    }
    case Qt::ForegroundRole: {
        const double t = std::sqrt(f);
        return QBrush(m_highContrast ? (t > 0.5 ? Qt::white : Qt::black)
                                     : (t > 0.6 ? Qt::black : Qt::white));
    }
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::FontRole:
        return m_hasCellFont ? QVariant(m_cellFont) : QVariant();
    case Qt::ToolTipRole:
        return tr("true %1, predicted %2: %3 images (%4% of the class)\nClick to see them.")
            .arg(m_names.value(r), m_names.value(c))
            .arg(count(r, c))
            .arg(f * 100.0, 0, 'f', 1);
    case Qt::AccessibleTextRole:
        // What a screen reader says for the cell (the table itself is Qt's accessible table).
        return tr("true %1, predicted %2: %n image(s)", "", int(count(r, c)))
            .arg(m_names.value(r), m_names.value(c));
    case Qt::AccessibleDescriptionRole:
        return tr("%1 % of the class %2. Press Enter to see the images.")
            .arg(QLocale().toString(f * 100.0, 'f', 1), m_names.value(r));
    case Qt::UserRole:
        return count(r, c);
    }
    return {};
}

void ConfusionModel::setCellFont(const QFont &font)
{
    if (m_hasCellFont && font == m_cellFont)
        return;
    m_cellFont = font;
    m_hasCellFont = true;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::FontRole});
}

QVariant ConfusionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::DisplayRole)
        return m_names.value(section, QString::number(section));
    if (role == Qt::ToolTipRole)
        return (orientation == Qt::Vertical ? tr("true class: %1") : tr("predicted: %1"))
            .arg(m_names.value(section, QString::number(section)));
    return {};
}

} // namespace tl::ui
