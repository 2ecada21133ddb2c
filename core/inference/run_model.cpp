#include "inference/run_model.h"

#include "data/batch_loader.h"
#include "data/dataset.h"
#include "data/transform.h"
#include "experiment/experiment_config.h"
#include "models/model_factory.h"
#include "train/trainer.h"
#include "weights/checkpoint.h"
#include "rundir/run_dir.h"

#include <torch/torch.h>

namespace tl::runs {

namespace {

// A run's model, rebuilt from config.json with the weights of `file`.
std::shared_ptr<models::NetworkImpl> runModel(const experiment::ExperimentConfig &config,
                                              const std::string &file)
{
    models::ModelSpec spec = config.model;
    spec.weights = "none";
    spec.freeze = "none";
    spec.frozen.clear();
    auto model = models::createModel(spec);
    weights::loadStateDict(*model, weights::readCheckpoint(file).tensors, true, file);
    model->eval();
    return model;
}

} // namespace

train::Evaluation evaluateRunWeights(const std::string &runDir, const std::string &weightsFile)
{
    const experiment::ExperimentConfig config =
        experiment::ExperimentConfig::fromFile(RunDir(runDir).config());
    auto model = runModel(config, weightsFile);
    data::DatasetOptions dataOptions = config.data;
    dataOptions.seed = config.seed; // the run's subsets
    const data::DatasetSplits ds = data::loadDataset(dataOptions);
    const data::SampleTransform transform(ds.test.height, ds.test.width, ds.test.channels, {},
                                          config.preprocess);
    data::LoaderOptions lo;
    lo.batchSize = 256;
    lo.shuffle = false;
    lo.augment = false;
    data::BatchLoader loader(ds.test, transform, lo);
    train::Trainer trainer(model, torch::kCPU);
    return trainer.evaluate(loader, config.model.numClasses, false);
}

void exportRunStateDict(const std::string &runDir, const std::string &out)
{
    const experiment::ExperimentConfig config =
        experiment::ExperimentConfig::fromFile(RunDir(runDir).config());
    auto model = runModel(config, RunDir(runDir).model());
    weights::exportStateDict(*model, out, {{"model", config.model.name}, {"format", "pt"}});
}

} // namespace tl::runs
