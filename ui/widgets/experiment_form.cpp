#include "widgets/experiment_form.h"

#include "widgets/data_panel.h"
#include "widgets/model_panel.h"
#include "widgets/training_panel.h"

namespace tl::ui {

ExperimentForm::ExperimentForm(DataPanel *data, ModelPanel *model, TrainingPanel *training,
                               QObject *parent)
    : QObject(parent), m_data(data), m_model(model), m_training(training)
{
    connect(m_training, &TrainingPanel::seedChanged, m_data, &DataPanel::setSeed);
    connect(m_model, &ModelPanel::specChanged, this, &ExperimentForm::syncPreprocess);
}

void ExperimentForm::syncPreprocess()
{
    data::PreprocessOptions pre = m_loadedConfig.preprocess;
    pre.imageSize = m_model->inputSize();
    pre.channels = m_model->inputChannels();
    m_data->setPreprocess(pre);
}

experiment::ExperimentConfig ExperimentForm::experiment() const
{
    experiment::ExperimentConfig c = m_loadedConfig;
    c.data = m_data->datasetOptions();
    c.augment = m_data->augmentOptions();
    c.model = m_model->spec();
    c.preprocess.imageSize = m_model->inputSize();
    c.preprocess.channels = m_model->inputChannels();
    c.seed = m_training->seed();
    c.stages = m_training->stages();
    c.name = m_training->runName().trimmed().toStdString();
    c.threads = m_training->threads();
    return c;
}

void ExperimentForm::setExperiment(const experiment::ExperimentConfig &config)
{
    m_loadedConfig = config;
    m_data->setOptions(config.data, config.augment);
    models::ModelSpec spec = config.model;
    if (spec.inputSize <= 0)
        spec.inputSize = config.preprocess.imageSize;
    // The first stage's freeze replaces the model's (experiment/freeze.h): shown as the ticks
    // in the Model tab, so a recipe's "backbone" is not hidden behind "Frozen 0". The same
    // layers freeze in every stage either way.
    std::vector<experiment::StageConfig> stages = config.stages;
    if (!stages.empty() && !stages.front().freeze.empty()) {
        spec.freeze = stages.front().freeze;
        spec.frozen.clear();
        stages.front().freeze.clear();
    }
    m_model->setSpec(spec);
    m_training->setStages(stages);
    m_training->setSeed(config.seed);
    m_training->setRunName(QString::fromStdString(config.name));
    m_training->setThreads(config.threads);
    syncPreprocess();
}

std::shared_ptr<const data::DatasetSplits> ExperimentForm::dataset() const
{
    return m_data->dataset();
}

void ExperimentForm::load(const experiment::ExperimentConfig &config)
{
    setExperiment(config);
    m_data->reload();
}

} // namespace tl::ui
