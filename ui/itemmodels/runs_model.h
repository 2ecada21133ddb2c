#pragma once

#include "rundir/run_reader.h"

#include <QAbstractTableModel>

#include <vector>

namespace tl::ui {

// Every run in the runs folder: model, parameters, stages, accuracies, speed, date.
// What the Runs table calls a run: the name the user gave, else when it started.
QString runTitle(const runs::RunInfo &r);

class RunsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Model,
        Data,
        Epochs,
        Weights,
        Trainable,
        Total,
        Stages,
        BestVal,
        Test,
        SecondsPerEpoch,
        ImagesPerSecond,
        ColumnCount
    };

    explicit RunsModel(QObject *parent = nullptr);

    void setRuns(std::vector<runs::RunInfo> runs);
    const runs::RunInfo &run(int row) const { return m_runs[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<runs::RunInfo> m_runs;
};

} // namespace tl::ui
