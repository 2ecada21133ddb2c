#include "itemmodels/runs_model.h"

#include "itemmodels/layer_tree_model.h"

#include <QColor>

namespace tl::ui {

RunsModel::RunsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunsModel::setRuns(std::vector<runs::RunInfo> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const runs::RunInfo &r = m_runs[std::size_t(index.row())];
    // Sort by the number, show it formatted.
    const bool sortRole = role == Qt::UserRole;
    if (role != Qt::DisplayRole && !sortRole) {
        if (role == Qt::TextAlignmentRole && index.column() >= Trainable)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return r.error.empty() ? QString::fromStdString(r.dir)
                                   : QString::fromStdString(r.error);
        if (role == Qt::ForegroundRole && !r.error.empty())
            return QColor(0xc0, 0x39, 0x2b);
        return {};
    }
    switch (index.column()) {
    case Name:
        return QString::fromStdString(r.name);
    case Model:
        return QString::fromStdString(r.model);
    case Weights:
        return QString::fromStdString(r.weights);
    case Trainable:
        return sortRole ? QVariant(qint64(r.trainableParams))
                        : QVariant(formatCount(r.trainableParams));
    case Total:
        return sortRole ? QVariant(qint64(r.totalParams)) : QVariant(formatCount(r.totalParams));
    case Stages:
        return r.stages;
    case BestVal:
        return r.bestValAccuracy < 0
                   ? QVariant(sortRole ? QVariant(-1.0) : QVariant(QString()))
                   : (sortRole ? QVariant(r.bestValAccuracy)
                               : QVariant(QString::number(r.bestValAccuracy, 'f', 4)));
    case Test:
        if (!r.error.empty())
            return sortRole ? QVariant(-2.0) : QVariant(tr("damaged (see the tooltip)"));
        if (!r.finished)
            return sortRole ? QVariant(-1.0)
                            : QVariant(r.running     ? tr("running")
                                       : r.resumable ? tr("interrupted (resumable)")
                                                     : tr("incomplete"));
        return sortRole ? QVariant(r.testAccuracy)
                        : QVariant(QString::number(r.testAccuracy, 'f', 4));
    case SecondsPerEpoch:
        return sortRole ? QVariant(r.secondsPerEpoch)
                        : QVariant(QString::number(r.secondsPerEpoch, 'f', 1));
    case ImagesPerSecond:
        return sortRole ? QVariant(r.imagesPerSecond)
                        : QVariant(QString::number(r.imagesPerSecond, 'f', 0));
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {"Run",    "Model",        "Weights",  "Trainable", "Total params",
                                  "Stages", "Best val acc", "Test acc", "s/epoch",   "images/s"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace tl::ui
