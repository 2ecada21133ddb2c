#pragma once

#include "experiment/experiment_config.h"

#include <QObject>

namespace tl::ui {

class DataPanel;
class ModelPanel;
class TrainingPanel;

// The experiment as the three form tabs show it: Data (dataset, augmentation), Model (backbone,
// weights, frozen layers) and Training (stages, seed, run name). Reads them into one
// ExperimentConfig and writes one into them, keeping the settings no tab shows (the
// preprocessing's other steps, the device), and keeps the Data tab's preprocessing in step
// with the model's input.
class ExperimentForm : public QObject
{
    Q_OBJECT

public:
    ExperimentForm(DataPanel *data, ModelPanel *model, TrainingPanel *training,
                   QObject *parent = nullptr);

    experiment::ExperimentConfig experiment() const;
    void setExperiment(const experiment::ExperimentConfig &config);
    // setExperiment, then the Data tab loads the experiment's data.
    void load(const experiment::ExperimentConfig &config);
    // The data the Data tab has loaded (null while none is).
    std::shared_ptr<const data::DatasetSplits> dataset() const;

private:
    void syncPreprocess();

    DataPanel *m_data;
    ModelPanel *m_model;
    TrainingPanel *m_training;
    experiment::ExperimentConfig m_loadedConfig; // keeps settings the panels do not show
};

} // namespace tl::ui
