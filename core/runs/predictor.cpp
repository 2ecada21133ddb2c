#include "runs/predictor.h"

#include "runs/run_features.h"

#include "data/image_preprocess.h"
#include "error.h"
#include "files.h"
#include "json_file.h"
#include "models/gradcam.h"
#include "models/model_factory.h"
#include "experiment/experiment_config.h"
#include "weights/checkpoint.h"

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
};

RunPredictor::RunPredictor(const std::string &runDir)
    : m_impl(std::make_unique<Impl>()), m_runDir(runDir)
{
    experiment::ExperimentConfig config;
    m_impl->model = loadRunModel(runDir, config);
    const std::string side = runDir + "/preprocessing.json";
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
        throw fileError(runDir + "/config.json", "the preprocessing is not resolved (image size " +
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
                                     m_camLayers.push_back(
                                         {it->second, std::to_string(out.size(1)) + "x" +
                                                          std::to_string(out.size(2)) + "x" +
                                                          std::to_string(out.size(3))});
                                 });
}

RunPredictor::~RunPredictor() = default;

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
    LayerActivations a;
    a.layer = layer.empty() && !m_camLayers.empty() ? m_camLayers.back().path : layer;
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    const torch::nn::Module *target = nullptr;
    for (const auto &m : m_impl->model->named_modules("", false))
        if (m.key() == a.layer)
            target = m.value().get();
    if (!target || std::none_of(m_camLayers.begin(), m_camLayers.end(),
                                [&](const CamLayer &l) { return l.path == a.layer; }))
        throw Error("no layer '" + a.layer + "' with feature maps in " + m_modelName);
    // The head's 4-D outputs (a channels-last view, a per-position Dense) are not channel maps.
    const auto children = m_impl->model->named_children();
    if (m_impl->model->canSplit() && children.size() >= 2 &&
        a.layer.rfind(children.keys().back() + ".", 0) == 0)
        throw Error("layer '" + a.layer + "' is in the classifier head; pick a layer of the "
                    "features for its maps");
    torch::NoGradGuard ng;
    torch::Tensor out;
    m_impl->model->forwardTraced(input, [&](const torch::nn::Module *m, const torch::Tensor &t) {
        if (m == target && !out.defined())
            out = t;
    });
    out = out[0].to(torch::kFloat32).contiguous();
    a.channels = int(out.size(0));
    a.height = int(out.size(1));
    a.width = int(out.size(2));
    a.maps.assign(out.data_ptr<float>(), out.data_ptr<float>() + out.numel());
    const torch::Tensor means = out.mean({1, 2}).contiguous();
    a.means.assign(means.data_ptr<float>(), means.data_ptr<float>() + means.numel());
    const torch::Tensor order = means.argsort(0, true).to(torch::kInt32).contiguous();
    a.order.assign(order.data_ptr<int>(), order.data_ptr<int>() + order.numel());
    if (const auto *conv = dynamic_cast<const torch::nn::Conv2dImpl *>(target)) {
        const torch::Tensor w = conv->weight.detach().to(torch::kFloat32).contiguous();
        if ((w.size(1) == 1 || w.size(1) == 3) && w.size(2) == w.size(3)) {
            a.filterIn = int(w.size(1));
            a.filterSize = int(w.size(2));
            a.filters.assign(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
        }
    }
    return a;
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
    } else {
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
