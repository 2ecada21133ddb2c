// The experiment with every "auto" value resolved against the data, and the evaluation batch.
#include "run/resolve_config.h"

#include "base/error.h"
#include "data/transform.h"
#include "models/model_spec.h"
#include "rundir/run_weights.h"

#include <algorithm>
#include <filesystem>

namespace tl::runs {

using experiment::ExperimentConfig;

namespace {

// A path the experiment gave relative to the working directory, made absolute: config.json must
// still find the data, the overrides and the weights when read from another folder (`inspect`,
// `train --config`, the window).
std::string absolute(const std::string &path)
{
    if (path.empty())
        return path;
    std::error_code ec;
    const auto abs = std::filesystem::absolute(path, ec);
    return ec ? path : abs.lexically_normal().string();
}

void absolutePaths(ExperimentConfig &config)
{
    config.data.root = absolute(config.data.root);
    config.data.labelOverrides = absolute(config.data.labelOverrides);
    std::string &w = config.model.weights;
    std::error_code ec;
    if (w.rfind("run:", 0) == 0)
        w = "run:" + absolute(w.substr(4));
    else if (w != "none" && w != "imagenet" && std::filesystem::exists(w, ec))
        w = absolute(w);
}

} // namespace

ExperimentConfig resolveConfig(ExperimentConfig config, const data::DatasetSplits &ds)
{
    absolutePaths(config);
    auto &m = config.model;
    auto &p = config.preprocess;
    if (m.numClasses <= 0)
        m.numClasses = ds.train.numClasses();
    if (m.numClasses < ds.train.numClasses())
        throw Error("model.num_classes is " + std::to_string(m.numClasses) + " but the data has " +
                    std::to_string(ds.train.numClasses()) + " classes");
    const models::ModelInfo &info = models::modelInfo(m.name);
    // A run's weights: its features were learned on images prepared its way (size, channels,
    // normalisation); what is not set explicitly follows the run.
    if (const std::string dir = runWeightsFolder(m.weights); !dir.empty()) {
        const SourceRun source = readSourceRun(dir);
        if (p.channels == 0 && m.inChannels <= 0)
            p.channels = source.channels;
        if (p.imageSize == 0 && m.inputSize <= 0)
            p.imageSize = source.imageSize;
        if (p.normalization == data::Normalization::Auto) {
            p.normalization = data::Normalization::Custom;
            p.mean = source.mean;
            p.std = source.std;
        }
    }
    // torchvision's backbones (and their weights) expect RGB: gray images are replicated.
    if (info.isBackbone() && p.channels == 0 && m.inChannels <= 0)
        p.channels = 3;
    if (p.normalization == data::Normalization::Auto)
        p.normalization = info.isBackbone() && m.weights != "none" ? data::Normalization::ImageNet
                                                                   : data::Normalization::Dataset;
    if (p.channels == 0)
        p.channels = m.inChannels > 0 ? m.inChannels : ds.train.channels;
    m.inChannels = p.channels;
    // A streamed dataset (image folder, CSV) has no size of its own: the model's input size,
    // unless the data asks for one (data.image_size); the small CNNs' is the notebooks' 32.
    if (p.imageSize == 0 && m.inputSize <= 0 && ds.train.streamed())
        p.imageSize = ds.options.imageSize > 0   ? ds.options.imageSize
                      : info.nativeInputSize > 0 ? info.nativeInputSize
                                                 : 32;
    if (p.imageSize == 0)
        p.imageSize = m.inputSize > 0 ? m.inputSize : ds.train.height;
    m.inputSize = p.imageSize;
    p = data::resolvePreprocess(p, ds.train);
    return config;
}

int evaluationBatchSize(std::int64_t largestActivation, int trainingBatch)
{
    const std::int64_t fits =
        largestActivation > 0 ? kEvaluationTensorBytes / (largestActivation * 4) : 256;
    return int(std::clamp<std::int64_t>(fits, std::min(16, std::max(1, trainingBatch)), 256));
}

} // namespace tl::runs
