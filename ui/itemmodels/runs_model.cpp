#include "itemmodels/runs_model.h"

#include "itemmodels/layer_tree_model.h"

#include <QColor>
#include <QLocale>

namespace tl::ui {

QString runTitle(const runs::RunInfo &r)
{
    if (!r.experimentName.empty())
        return QString::fromStdString(r.experimentName);
    // yyyyMMdd-HHmmss-...: "2026-11-29 15:30"
    const QString n = QString::fromStdString(r.name);
    if (n.size() >= 15 && n[8] == '-')
        return QStringLiteral("%1-%2-%3 %4:%5")
            .arg(n.mid(0, 4), n.mid(4, 2), n.mid(6, 2), n.mid(9, 2), n.mid(11, 2));
    return n;
}

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
        if (role == Qt::TextAlignmentRole && index.column() == Epochs)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ForegroundRole && !r.error.empty())
            return QColor(0xc0, 0x39, 0x2b);
        return {};
    }
    switch (index.column()) {
    case Name:
        // The name the user gave, else when it started; sorted by the folder's time stamp.
        return sortRole ? QVariant(QString::fromStdString(r.name)) : QVariant(runTitle(r));
    case Model:
        return QString::fromStdString(r.model);
    case Data: {
        const QString set = QString::fromStdString(r.dataset);
        return r.trainFraction < 1.0 ? tr("%1, %2 %")
                                           .arg(set)
                                           .arg(QLocale().toString(r.trainFraction * 100.0, 'g', 3))
                                     : set;
    }
    case Epochs:
        if (sortRole)
            return r.epochs;
        return r.plannedEpochs > 0 && r.epochs != r.plannedEpochs
                   ? tr("%1 of %2").arg(r.epochs).arg(r.plannedEpochs)
                   : QString::number(r.epochs);
    case Weights:
        return QString::fromStdString(r.weights);
    case Trainable:
        return sortRole ? QVariant(qint64(r.trainableParams))
                        : QVariant(r.trainableParams > 0 ? formatCount(r.trainableParams)
                                                         : QStringLiteral("–"));
    case Total:
        return sortRole
                   ? QVariant(qint64(r.totalParams))
                   : QVariant(r.totalParams > 0 ? formatCount(r.totalParams) : QStringLiteral("–"));
    case Stages:
        return r.stages;
    case BestVal:
        return r.bestValAccuracy < 0
                   ? QVariant(sortRole ? QVariant(-1.0) : QVariant(QString()))
                   : (sortRole ? QVariant(r.bestValAccuracy)
                               : QVariant(QLocale().toString(r.bestValAccuracy, 'f', 4)));
    case Test:
        if (!r.error.empty())
            return sortRole ? QVariant(-2.0) : QVariant(tr("damaged (see the tooltip)"));
        if (!r.finished)
            return sortRole
                       ? QVariant(-1.0)
                       : QVariant(
                             r.running
                                 ? (r.host.empty()
                                        ? tr("running")
                                        : tr("running on %1").arg(QString::fromStdString(r.host)))
                             : r.resumable ? tr("interrupted (resumable)")
                                           : tr("incomplete"));
        return sortRole ? QVariant(r.testAccuracy)
                        : QVariant(QLocale().toString(r.testAccuracy, 'f', 4));
    // An unfinished run has no summary yet: a dash, not a measured zero.
    case SecondsPerEpoch:
        return sortRole ? QVariant(r.secondsPerEpoch)
                        : QVariant(r.finished ? QLocale().toString(r.secondsPerEpoch, 'f', 1)
                                              : QStringLiteral("–"));
    case ImagesPerSecond:
        return sortRole ? QVariant(r.imagesPerSecond)
                        : QVariant(r.finished ? QLocale().toString(r.imagesPerSecond, 'f', 0)
                                              : QStringLiteral("–"));
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {
        QT_TR_NOOP("Run"),          QT_TR_NOOP("Model"),   QT_TR_NOOP("Data"),
        QT_TR_NOOP("Epochs"),       QT_TR_NOOP("Weights"), QT_TR_NOOP("Trainable"),
        QT_TR_NOOP("Total params"), QT_TR_NOOP("Stages"),  QT_TR_NOOP("Best val acc"),
        QT_TR_NOOP("Test acc"),     QT_TR_NOOP("s/epoch"), QT_TR_NOOP("images/s")};
    static_assert(sizeof names / sizeof *names == ColumnCount);
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace tl::ui
