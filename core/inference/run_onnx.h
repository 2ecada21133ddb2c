#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl::runs {

// A run's model as an ONNX file for runtimes TransferLab did not write (OpenCV's DNN module,
// ONNX Runtime...). Plain C++: torch and OpenCV stay inside.
struct OnnxExport
{
    std::string onnxPath;
    std::string jsonPath; // FILE.json beside it: preprocessing.json plus the graph's names
    std::int64_t bytes = 0;
    int opset = 0;
    int nodes = 0;
    int foldedBatchNorms = 0;
    int keptBatchNorms = 0;
    // The file read back by OpenCV's DNN module against LibTorch on the same probe images.
    int checkedImages = 0;
    double maxLogitDifference = 0;
    double maxLogit = 0; // the largest |logit| LibTorch gave them (the difference's scale)
};

// Writes the run's model.pth as `out` (ONNX opset weights::kOnnxOpset, a dynamic batch, the
// input named "input" and shaped [batch, channels, image_size, image_size] as the run's
// preprocessing.json says, the output "logits" [batch, classes]; class names and preprocessing
// in metadata_props) and its preprocessing beside it (`out` with .json). Then reads it back with
// OpenCV's DNN module and compares it with LibTorch on probe images in two batch sizes; a
// difference over 1e-3 of the logits' scale is a tl::Error and nothing is left behind. A layer
// that cannot be exported exactly is a tl::Error naming it.
OnnxExport exportRunOnnx(const std::string &runDir, const std::string &out);

// An export checked against its run, on the run's test images with the run's preprocessing
// (config.json's data and seed, preprocessing.json): OpenCV's DNN module on the file, LibTorch on
// model.pth, the same batches for both.
struct OnnxRunCheck
{
    std::int64_t images = 0;
    std::int64_t agreeing = 0;     // OpenCV's class equals predictions.csv's "predicted"
    std::int64_t correct = 0;      // OpenCV's class equals the true label
    double maxLogitDifference = 0; // OpenCV against LibTorch
    double opencvMsPerImage = 0;
    double libtorchMsPerImage = 0;
    int batchSize = 0;
    int threads = 0; // compute threads both runtimes were given (0: their defaults)
    double agreement() const { return images ? double(agreeing) / double(images) : 0.0; }
};
// `limit` > 0: only the first `limit` test images. `threads` > 0: both runtimes use that many.
OnnxRunCheck checkOnnxAgainstRun(const std::string &onnxPath, const std::string &runDir,
                                 int batchSize = 64, std::int64_t limit = 0, int threads = 0);

// FILE.onnx -> FILE.json
std::string onnxSidecarPath(const std::string &onnxPath);

// An exported model run by OpenCV's DNN module, with the class names and preprocessing of its
// own metadata_props (an ONNX file TransferLab wrote); no LibTorch involved.
class OnnxClassifier
{
public:
    // tl::Error naming the file when it is not an export of TransferLab's or OpenCV cannot read
    // it.
    explicit OnnxClassifier(const std::string &path);
    ~OnnxClassifier();
    OnnxClassifier(const OnnxClassifier &) = delete;
    OnnxClassifier &operator=(const OnnxClassifier &) = delete;

    const std::vector<std::string> &classNames() const { return m_classNames; }
    int imageSize() const { return m_size; }
    int channels() const { return m_channels; }
    const std::array<float, 3> &mean() const { return m_mean; }
    const std::array<float, 3> &std() const { return m_std; }
    const std::string &modelName() const { return m_modelName; }
    // The exported run's calibration temperature (1: not calibrated when exported).
    double temperature() const { return m_temperature; }

    // An image file with the run's preprocessing: the probabilities of every class (softmax of
    // the logits, divided by the temperature when the run was calibrated).
    std::vector<float> predictFile(const std::string &image);
    // `n` preprocessed images (channels x size x size floats each): n x classes logits.
    std::vector<float> logits(const std::vector<float> &images, int n);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_path, m_modelName;
    std::vector<std::string> m_classNames;
    int m_size = 0, m_channels = 0;
    std::array<float, 3> m_mean{}, m_std{};
    double m_temperature = 1.0;
};

} // namespace tl::runs
