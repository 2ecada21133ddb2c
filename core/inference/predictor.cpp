#include "inference/predictor.h"

#include "inference/run_calibration.h"
#include "inference/run_features.h"

#include "data/image_preprocess.h"
#include "base/error.h"
#include "experiment/experiment_config.h"
#include "io/files.h"
#include "io/json_file.h"
#include "models/gradcam.h"
#include "models/model_factory.h"
#include "models/network_view.h"
#include "models/penultimate.h"
#include "weights/checkpoint.h"
#include "rundir/run_dir.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <mutex>

namespace tl::runs {

struct RunPredictor::Impl
{
    std::shared_ptr<models::NetworkImpl> model;
    std::mutex mutex;
    // Calibrated runs: the penultimate features' probe and the training images' features they
    // are compared with.
    std::unique_ptr<models::PenultimateProbe> probe;
    runs::UnfamiliarReference reference;
};

RunPredictor::RunPredictor(const std::string &runDir)
    : m_impl(std::make_unique<Impl>()), m_runDir(runDir)
{
    experiment::ExperimentConfig config;
    m_impl->model = loadRunModel(runDir, config);
    const std::string side = RunDir(runDir).preprocessing();
    {
        const nlohmann::json j = readJsonFile(side);
        JsonObject o(j, "", side, false);
        m_classNames = o.require<std::vector<std::string>>("class_names");
    }
    m_modelName = config.model.name;
    m_size = config.preprocess.imageSize;
    m_channels = config.preprocess.channels;
    m_mean = config.preprocess.mean;
    m_std = config.preprocess.std;
    if (m_size <= 0 || (m_channels != 1 && m_channels != 3))
        throw fileError(RunDir(runDir).config(), "the preprocessing is not resolved (image size " +
                                                     std::to_string(m_size) + ", channels " +
                                                     std::to_string(m_channels) + ")");

    // Layers with a 4-D output, in forward order (what the Grad-CAM layer picker offers).
    std::map<const torch::nn::Module *, std::string> paths;
    for (const auto &m : m_impl->model->named_modules("", false))
        paths.emplace(m.value().get(), m.key());
    torch::NoGradGuard ng;
    m_impl->model->forwardTraced(torch::zeros({1, m_channels, m_size, m_size}),
                                 [&](const torch::nn::Module *m, const torch::Tensor &out) {
                                     auto it = paths.find(m);
                                     if (it == paths.end() || out.dim() != 4)
                                         return;
                                     for (const auto &l : m_camLayers)
                                         if (l.path == it->second)
                                             return;
                                     // Grad-CAM's default layer (the last convolutional
                                     // block): in the body, not pooling or dropout.
                                     if (it->second.find('.') != std::string::npos &&
                                         !inHead(it->second) && !models::skippedByDefault(m))
                                         m_mapLayer = it->second;
                                     m_camLayers.push_back(
                                         {it->second, std::to_string(out.size(1)) + "x" +
                                                          std::to_string(out.size(2)) + "x" +
                                                          std::to_string(out.size(3))});
                                 });
    // The feature maps' default is Grad-CAM's, else the first layer with maps (never one in
    // the head, whose 4-D outputs are not channel maps).
    if (m_mapLayer.empty() && !m_camLayers.empty())
        m_mapLayer = m_camLayers.front().path;
    loadCalibration();
}

bool RunPredictor::inHead(const std::string &layer) const
{
    // The head's 4-D outputs (a channels-last view, a per-position Dense) are not channel maps.
    const auto children = m_impl->model->named_children();
    return m_impl->model->canSplit() && children.size() >= 2 &&
           layer.rfind(children.keys().back() + ".", 0) == 0;
}

RunPredictor::~RunPredictor() = default;

void RunPredictor::loadCalibration()
{
    // A calibration that cannot be used leaves the model's own probabilities and says why; the
    // predictions themselves do not depend on it.
    try {
        std::optional<RunCalibration> c = currentCalibration(m_runDir, &m_calibration.note);
        if (!c)
            return;
        auto probe = std::make_unique<models::PenultimateProbe>(*m_impl->model);
        if (probe->layer() != c->layer)
            throw fileError(RunDir(m_runDir).calibration(), "its features are of layer " +
                                                                   c->layer + ", the model's of " +
                                                                   probe->layer());
        m_impl->reference = readUnfamiliarReference(m_runDir, *c, probe->width());
        m_impl->probe = std::move(probe);
        m_calibration.calibrated = true;
        m_calibration.temperature = c->temperature;
        m_calibration.unfamiliarThreshold = c->unfamiliarThreshold;
    } catch (const Error &e) {
        m_impl->probe.reset();
        m_calibration = Calibration{};
        m_calibration.note = std::string("not calibrated: ") + e.what();
    }
}

RunPredictor::Result RunPredictor::predict(const std::uint8_t *pixels, int height, int width,
                                           int channels, int rowBytes, int camClass,
                                           const std::string &camLayer)
{
    return run(data::preprocessLikeTraining(pixels, height, width, channels, rowBytes, m_size,
                                            m_channels, m_mean, m_std),
               camClass, camLayer);
}

RunPredictor::Result RunPredictor::predictFile(const std::string &path, int camClass,
                                               const std::string &camLayer)
{
    return run(data::loadLikeTraining(path, m_size, m_channels, m_mean, m_std), camClass, camLayer);
}

RunPredictor::LayerActivations RunPredictor::activations(const std::uint8_t *pixels, int height,
                                                         int width, int channels, int rowBytes,
                                                         const std::string &layer)
{
    std::vector<float> x = data::preprocessLikeTraining(pixels, height, width, channels, rowBytes,
                                                        m_size, m_channels, m_mean, m_std);
    const torch::Tensor input = torch::from_blob(x.data(), {1, m_channels, m_size, m_size}).clone();
    const std::string name = layer.empty() ? m_mapLayer : layer;
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    const torch::nn::Module *target = nullptr;
    for (const auto &m : m_impl->model->named_modules("", false))
        if (m.key() == name)
            target = m.value().get();
    if (!target || std::none_of(m_camLayers.begin(), m_camLayers.end(),
                                [&](const CamLayer &l) { return l.path == name; }))
        throw Error("no layer '" + name + "' with feature maps in " + m_modelName);
    if (inHead(name))
        throw Error("layer '" + name +
                    "' is in the classifier head; pick a layer of the "
                    "features for its maps");
    return models::layerView(*m_impl->model, input, target, name);
}

RunPredictor::Result RunPredictor::run(std::vector<float> x, int camClass,
                                       const std::string &camLayer)
{
    const torch::Tensor input = torch::from_blob(x.data(), {1, m_channels, m_size, m_size}).clone();
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    Result r;
    torch::Tensor probs;
    if (camClass >= -1) {
        const models::GradCamResult cam =
            models::gradCam(*m_impl->model, input, camClass, camLayer);
        probs = cam.probabilities;
        r.heatmapSize = m_size;
        const torch::Tensor h = cam.heatmap.contiguous();
        r.heatmap.assign(h.data_ptr<float>(), h.data_ptr<float>() + h.numel());
        r.camClass = cam.targetClass;
        r.camLayer = cam.layer;
    }
    if (m_impl->probe) {
        // Calibrated: the logits over the temperature, and the features' distance to the
        // nearest reference training image's.
        torch::NoGradGuard ng;
        const auto [features, logits] = (*m_impl->probe)(input);
        probs = torch::softmax(logits.to(torch::kFloat32) / m_calibration.temperature, 1)[0];
        // At features.safetensors' half precision, as the threshold's validation images were.
        const torch::Tensor f = features.to(torch::kFloat16).to(torch::kFloat32).contiguous();
        const std::vector<float> one(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
        r.unfamiliar = unfamiliarScores(one, m_impl->reference)[0];
        r.unfamiliarImage = double(r.unfamiliar) > m_calibration.unfamiliarThreshold;
    } else if (camClass < -1) {
        torch::NoGradGuard ng;
        probs = torch::softmax(m_impl->model->forward(input), 1)[0];
    }
    probs = probs.contiguous().to(torch::kFloat32);
    r.probabilities.assign(probs.data_ptr<float>(), probs.data_ptr<float>() + probs.numel());
    const auto [p, idx] = probs.topk(std::min<std::int64_t>(5, probs.size(0)));
    for (std::int64_t i = 0; i < p.size(0); ++i) {
        r.topClasses.push_back(int(idx[i].item<std::int64_t>()));
        r.topProbabilities.push_back(p[i].item<float>());
    }
    return r;
}

} // namespace tl::runs
