#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "train/training_types.h"

namespace tl::runs {

// A finished run's model for new images, with exactly its training preprocessing (config.json,
// preprocessing.json) and its class names; optionally Grad-CAM. Safe to call from one worker
// thread at a time (calls are serialised). Torch stays inside: the header is plain C++.
class RunPredictor
{
public:
    // Loads the run's config, class names and model.pth. tl::Error naming the file otherwise.
    explicit RunPredictor(const std::string &runDir);
    ~RunPredictor();
    RunPredictor(const RunPredictor &) = delete;
    RunPredictor &operator=(const RunPredictor &) = delete;

    struct Result
    {
        std::vector<int> topClasses; // best first (up to 5)
        std::vector<float> topProbabilities;
        std::vector<float> probabilities; // every class (calibrated when the run is)
        // How unlike the training images the image is (inference/run_calibration.h); -1 when the
        // run is not calibrated. `unfamiliarImage`: above the run's threshold ("I don't know").
        float unfamiliar = -1;
        bool unfamiliarImage = false;
        // Grad-CAM when asked: size x size values in [0, 1] at the model's input resolution.
        std::vector<float> heatmap;
        int heatmapSize = 0;
        int camClass = -1;
        std::string camLayer;
    };

    // `pixels`: gray (1) or RGB (3) rows `rowBytes` apart. `camClass`: -1 the predicted class,
    // -2 no Grad-CAM. `camLayer` empty: the last convolutional block.
    Result predict(const std::uint8_t *pixels, int height, int width, int channels, int rowBytes,
                   int camClass = -2, const std::string &camLayer = {});
    Result predictFile(const std::string &path, int camClass = -2,
                       const std::string &camLayer = {});

    // What one layer makes of an image: its feature maps (channels x height x width), each
    // channel's mean activation and the channels ordered by it, strongest first; and, when the
    // layer is a convolution that sees the image (1 or 3 input channels), its filters.
    using LayerActivations = train::NetworkView;
    // `layer` one of camLayers() (empty: defaultMapLayer()). tl::Error for another name, or a
    // layer of the classifier head (its 4-D outputs are not channel maps).
    LayerActivations activations(const std::uint8_t *pixels, int height, int width, int channels,
                                 int rowBytes, const std::string &layer);

    // The run's calibration.json when it fits model.pth: probabilities are softmax(logits / T)
    // and every result has an unfamiliar score. `note`: why not, when the run has a calibration
    // that cannot be used (other weights, a damaged file).
    struct Calibration
    {
        bool calibrated = false;
        double temperature = 1;
        double unfamiliarThreshold = 0;
        std::string note;
    };
    const Calibration &calibration() const { return m_calibration; }

    const std::vector<std::string> &classNames() const { return m_classNames; }
    const std::string &modelName() const { return m_modelName; }
    const std::string &runDir() const { return m_runDir; }
    int imageSize() const { return m_size; }
    int channels() const { return m_channels; }
    // Layers Grad-CAM can use (4-D outputs), in the order the forward pass reports them, each
    // with its output shape ("64x7x7").
    struct CamLayer
    {
        std::string path;
        std::string shape;
    };
    const std::vector<CamLayer> &camLayers() const { return m_camLayers; }
    // The layer whose maps activations() shows by default: Grad-CAM's default (the body's last
    // convolutional block), else the first of camLayers(); empty when none has maps.
    const std::string &defaultMapLayer() const { return m_mapLayer; }

private:
    Result run(std::vector<float> input, int camClass, const std::string &camLayer);
    void loadCalibration();
    bool inHead(const std::string &layer) const;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_runDir, m_modelName;
    std::vector<std::string> m_classNames;
    std::vector<CamLayer> m_camLayers;
    std::string m_mapLayer;
    Calibration m_calibration;
    int m_size = 0, m_channels = 0;
    std::array<float, 3> m_mean{}, m_std{};
};

} // namespace tl::runs
