#include "inference/run_onnx.h"

#include "inference/run_calibration.h"
#include "inference/run_features.h"

#include "base/error.h"
#include "data/batch_loader.h"
#include "data/dataset.h"
#include "data/image_preprocess.h"
#include "data/onnx_net.h"
#include "data/transform.h"
#include "experiment/experiment_config.h"
#include "io/csv.h"
#include "io/file_limits.h"
#include "io/files.h"
#include "io/json_file.h"
#include "models/network.h"
#include "train/batch_source.h"
#include "weights/onnx_export.h"

#include "rundir/run_dir.h"
#include "tl_version.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <unordered_map>

namespace tl::runs {

namespace {

struct Preprocessing
{
    nlohmann::json json; // as the file says, for the metadata and the sidecar
    std::vector<std::string> classNames;
    int size = 0;
    int channels = 0;
    std::array<float, 3> mean{}, std{1.f, 1.f, 1.f};
};

Preprocessing readPreprocessing(const nlohmann::json &j, const std::string &origin)
{
    Preprocessing p;
    p.json = j;
    JsonObject o(j, "", origin, false);
    p.classNames = o.require<std::vector<std::string>>("class_names");
    p.size = o.require<int>("image_size");
    p.channels = o.require<int>("channels");
    const auto mean = o.require<std::vector<float>>("mean");
    const auto std = o.require<std::vector<float>>("std");
    if (p.size < 1 || p.size > 16384)
        o.fail("image_size", "must be 1..16384");
    if (p.channels != 1 && p.channels != 3)
        o.fail("channels", "must be 1 or 3");
    if (mean.size() < std::size_t(p.channels) || std.size() < std::size_t(p.channels))
        o.fail("mean", "needs a value per channel");
    for (std::size_t k = 0; k < 3; ++k) {
        p.mean[k] = mean[std::min(k, mean.size() - 1)];
        p.std[k] = std[std::min(k, std.size() - 1)];
        if (!(p.std[k] > 0.0f))
            o.fail("std", "must be positive");
    }
    if (p.classNames.size() < 2)
        o.fail("class_names", "needs at least two classes");
    return p;
}

// Pixel-like probe images (uniform in [0, 1] before normalisation), the same every time.
std::vector<float> probeImages(int n, const Preprocessing &p)
{
    std::mt19937 rng(20240529u);
    std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
    const std::size_t plane = std::size_t(p.size) * std::size_t(p.size);
    std::vector<float> x(std::size_t(n) * std::size_t(p.channels) * plane);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const std::size_t k = (i / plane) % std::size_t(p.channels);
        x[i] = (pixel(rng) - p.mean[k]) / p.std[k];
    }
    return x;
}

} // namespace

std::string onnxSidecarPath(const std::string &onnxPath)
{
    std::filesystem::path p(onnxPath);
    p.replace_extension(".json");
    return p.string();
}

namespace {

nlohmann::json inputShape(const Preprocessing &pre)
{
    return {"batch", pre.channels, pre.size, pre.size};
}

// The export's options: the input's shape and the run's preprocessing, classes and calibration
// in the file's metadata.
weights::OnnxExportOptions exportOptions(const experiment::ExperimentConfig &config,
                                         const Preprocessing &pre,
                                         const std::optional<RunCalibration> &calibration)
{
    weights::OnnxExportOptions options;
    options.channels = pre.channels;
    options.imageSize = pre.size;
    options.graphName = config.model.name;
    options.producerVersion = TL_VERSION_STRING;
    const nlohmann::json shape = inputShape(pre);
    options.metadata = {
        {"class_names", nlohmann::json(pre.classNames).dump()},
        {"preprocessing", pre.json.dump()},
        {"model", config.model.name},
        {"num_classes", std::to_string(pre.classNames.size())},
        {"image_size", std::to_string(pre.size)},
        {"channels", std::to_string(pre.channels)},
        {"mean",
         nlohmann::json(std::vector<float>(pre.mean.begin(), pre.mean.begin() + pre.channels))
             .dump()},
        {"std", nlohmann::json(std::vector<float>(pre.std.begin(), pre.std.begin() + pre.channels))
                    .dump()},
        {"input", options.inputName},
        {"input_shape", shape.dump()},
        {"output", options.outputName + " (softmax gives the class probabilities)"},
    };
    // How the run's images were sized and scaled, in preprocessing.json's own words.
    for (const char *key : {"resize", "scale"})
        if (pre.json.contains(key) && pre.json[key].is_string())
            options.metadata[key] = pre.json[key].get<std::string>();
    options.metadata["normalize"] = "(x - mean) / std per channel, RGB order";
    // A calibrated run: the file holds the model's own logits, and says how to turn them into
    // the calibrated probabilities TransferLab shows (temperature scaling, calibration.json).
    if (calibration) {
        options.metadata["temperature"] = std::to_string(calibration->temperature);
        options.metadata["output"] = options.outputName +
                                     " (softmax(logits / temperature) gives the calibrated class "
                                     "probabilities; softmax(logits) the model's own)";
    }

    return options;
}

// Runs the file `partial` in OpenCV's DNN module on probe images, one at a time and as a batch,
// and compares its logits with LibTorch's; tl::Error naming `out` when they differ.
void checkWithOpenCv(models::NetworkImpl &model, const Preprocessing &pre,
                     const std::string &partial, const std::string &out, OnnxExport &result)
{
    data::OnnxNet net(partial);
    const int n = 3;
    std::vector<float> x = probeImages(n, pre);
    torch::Tensor expected;
    {
        torch::NoGradGuard noGrad;
        expected = model.forward(
            torch::from_blob(x.data(), {n, pre.channels, pre.size, pre.size}).clone());
    }
    const std::vector<float> single = net.forward(x.data(), 1, pre.channels, pre.size);
    std::vector<float> batch = net.forward(x.data(), n, pre.channels, pre.size);
    const auto classes = std::size_t(expected.size(1));
    if (batch.size() != std::size_t(n) * classes || single.size() != classes)
        throw fileError(out, "OpenCV's DNN module gives " + std::to_string(batch.size() / n) +
                                 " outputs per image, not " + std::to_string(classes));
    const torch::Tensor got = torch::from_blob(batch.data(), {n, std::int64_t(classes)});
    const torch::Tensor first =
        torch::from_blob(const_cast<float *>(single.data()), {1, std::int64_t(classes)});
    result.maxLogitDifference = std::max((got - expected).abs().max().item<double>(),
                                         (first - expected[0]).abs().max().item<double>());
    result.maxLogit = expected.abs().max().item<double>();
    result.checkedImages = n;
    if (!(result.maxLogitDifference <= 1e-3 * std::max(1.0, result.maxLogit)))
        throw fileError(out, "OpenCV's DNN module computes logits up to " +
                                 std::to_string(result.maxLogitDifference) +
                                 " away from LibTorch's (largest logit " +
                                 std::to_string(result.maxLogit) +
                                 "): not exported; please report this model");
}

} // namespace

OnnxExport exportRunOnnx(const std::string &runDir, const std::string &out)
{
    experiment::ExperimentConfig config;
    auto model = loadRunModel(runDir, config);
    const std::string sideFile = RunDir(runDir).preprocessing();
    const Preprocessing pre = readPreprocessing(readJsonFile(sideFile), sideFile);
    if (int(pre.classNames.size()) != config.model.numClasses)
        throw fileError(sideFile, "names " + std::to_string(pre.classNames.size()) +
                                      " classes, the model has " +
                                      std::to_string(config.model.numClasses));

    std::string uncalibrated;
    const std::optional<RunCalibration> calibration = currentCalibration(runDir, &uncalibrated);
    const weights::OnnxExportOptions options = exportOptions(config, pre, calibration);
    OnnxExport result;
    weights::OnnxExportReport report;
    const std::string bytes = weights::onnxModelBytes(*model, options, &report);
    result.onnxPath = out;
    result.bytes = report.bytes;
    result.opset = weights::kOnnxOpset;
    result.nodes = report.nodes;
    result.foldedBatchNorms = report.foldedBatchNorms;
    result.keptBatchNorms = report.keptBatchNorms;

    // Written under a temporary name, read back by OpenCV and compared before it takes its name.
    const std::string partial = out + ".partial";
    writeFileAtomic(partial, bytes);
    try {
        checkWithOpenCv(*model, pre, partial, out, result);
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(partial, ec);
        throw;
    }
    std::error_code ec;
    std::filesystem::rename(partial, out, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        throw fileError(out, "cannot write it: " + ec.message());
    }

    nlohmann::json side = pre.json;
    side["onnx"] = {{"file", std::filesystem::path(out).filename().string()},
                    {"opset", weights::kOnnxOpset},
                    {"input", options.inputName},
                    {"input_shape", inputShape(pre)},
                    {"output", options.outputName},
                    {"output_shape", {"batch", pre.classNames.size()}},
                    {"output_is", "logits (softmax gives the class probabilities)"}};
    if (calibration) {
        side["onnx"]["output_is"] = "logits: softmax(logits / temperature) gives the calibrated "
                                    "class probabilities, softmax(logits) the model's own";
        side["calibration"] = {{"temperature", calibration->temperature},
                               {"ece_before", calibration->testBefore.ece},
                               {"ece_after", calibration->testAfter.ece},
                               {"fitted_on", "the run's validation images"}};
    }
    result.jsonPath = onnxSidecarPath(out);
    writeFileAtomic(result.jsonPath, side.dump(2) + "\n");
    return result;
}

struct OnnxClassifier::Impl
{
    std::unique_ptr<data::OnnxNet> net;
};

OnnxClassifier::OnnxClassifier(const std::string &path)
    : m_impl(std::make_unique<Impl>()), m_path(path)
{
    const weights::OnnxFileInfo info = weights::readOnnxFileInfo(path);
    const auto it = info.metadata.find("preprocessing");
    if (it == info.metadata.end())
        throw fileError(path, "no preprocessing in its metadata_props: not a model that "
                              "transferlab-cli export wrote");
    const Preprocessing pre =
        readPreprocessing(parseJson(it->second, path + " (metadata 'preprocessing')"),
                          path + " (metadata 'preprocessing')");
    m_classNames = pre.classNames;
    m_size = pre.size;
    m_channels = pre.channels;
    m_mean = pre.mean;
    m_std = pre.std;
    const auto model = info.metadata.find("model");
    m_modelName = model == info.metadata.end() ? std::string("onnx") : model->second;
    // A calibrated run's export carries its temperature (a number from a file: checked).
    if (const auto t = info.metadata.find("temperature"); t != info.metadata.end()) {
        char *end = nullptr;
        const double temperature = std::strtod(t->second.c_str(), &end);
        if (end == t->second.c_str() || !std::isfinite(temperature) || temperature < 0.01 ||
            temperature > 100)
            throw fileError(path, "metadata 'temperature' is not a temperature between 0.01 "
                                  "and 100: '" +
                                      t->second.substr(0, 40) + "'");
        m_temperature = temperature;
    }
    if (info.inputDims.size() == 4 && ((info.inputDims[1] && info.inputDims[1] != m_channels) ||
                                       (info.inputDims[2] && info.inputDims[2] != m_size)))
        throw fileError(path, "its input '" + info.inputName +
                                  "' does not have the shape its preprocessing says");
    m_impl->net = std::make_unique<data::OnnxNet>(path);
}

OnnxClassifier::~OnnxClassifier() = default;

std::vector<float> OnnxClassifier::logits(const std::vector<float> &images, int n)
{
    const std::size_t one = std::size_t(m_channels) * std::size_t(m_size) * std::size_t(m_size);
    if (n < 1 || images.size() != one * std::size_t(n))
        throw Error("OnnxClassifier::logits: " + std::to_string(images.size()) +
                    " values are not " + std::to_string(n) + " images");
    std::vector<float> out = m_impl->net->forward(images.data(), n, m_channels, m_size);
    if (out.size() != std::size_t(n) * m_classNames.size())
        throw fileError(m_path, "gives " + std::to_string(out.size() / std::size_t(n)) +
                                    " values per image for " + std::to_string(m_classNames.size()) +
                                    " classes");
    return out;
}

std::vector<float> OnnxClassifier::predictFile(const std::string &image)
{
    std::vector<float> z =
        logits(data::loadLikeTraining(image, m_size, m_channels, m_mean, m_std), 1);
    for (float &v : z) // calibrated: softmax(logits / T), as the run's own predictions
        v = float(double(v) / m_temperature);
    const float top = *std::max_element(z.begin(), z.end());
    double sum = 0;
    for (float &v : z) {
        v = std::exp(v - top);
        sum += v;
    }
    for (float &v : z)
        v = float(v / sum);
    return z;
}

namespace {

// The class the run predicted for each test image (predictions.csv), by its index in the test
// split it was read from (ImageStore::sourceIndex).
std::unordered_map<std::int64_t, std::int64_t> recordedPredictions(const std::string &file,
                                                                   int numClasses)
{
    std::unordered_map<std::int64_t, std::int64_t> recorded;
    forEachCsvRow(
        readFile(file), file, 8, [&](const std::vector<std::string> &cells, std::size_t line) {
            if (line == 1)
                return true; // header
            if (cells.size() < 3)
                throw fileError(file, "line " + std::to_string(line) + ": too few columns");
            const auto index =
                csvInteger(cells[0], file, line, 0, std::int64_t(limits::kMaxCsvRows));
            recorded[index] = csvInteger(cells[2], file, line, 0, numClasses - 1);
            return true;
        });
    return recorded;
}

// Counts the images of `batch` whose class `best` (the export's) agrees with the run's recorded
// prediction, and those it gets right.
void tallyAgreement(const torch::Tensor &best, const train::Batch &batch,
                    const data::ImageStore &test,
                    const std::unordered_map<std::int64_t, std::int64_t> &recorded,
                    const std::string &predictionsFile, OnnxRunCheck &check)
{
    for (std::int64_t i = 0; i < best.size(0); ++i) {
        const auto row = std::size_t(batch.indices[i].item<std::int64_t>());
        const std::int64_t index =
            row < test.sourceIndex.size() ? test.sourceIndex[row] : std::int64_t(row);
        const auto it = recorded.find(index);
        if (it == recorded.end())
            throw fileError(predictionsFile, "has no row for test image " + std::to_string(index) +
                                                 " (not this run's data?)");
        const std::int64_t c = best[i].item<std::int64_t>();
        check.agreeing += c == it->second;
        check.correct += c == batch.labels[i].item<std::int64_t>();
    }
}

} // namespace

OnnxRunCheck checkOnnxAgainstRun(const std::string &onnxPath, const std::string &runDir,
                                 int batchSize, std::int64_t limit, int threads)
{
    OnnxClassifier onnx(onnxPath);
    experiment::ExperimentConfig config;
    auto model = loadRunModel(runDir, config);
    if (onnx.classNames().size() != std::size_t(config.model.numClasses) ||
        onnx.imageSize() != config.preprocess.imageSize ||
        onnx.channels() != config.preprocess.channels)
        throw fileError(onnxPath, "is not an export of " + runDir +
                                      " (classes, image size or channels differ)");
    // What the run predicted for each test image, by its index in the test split it was read
    // from (ImageStore::sourceIndex).
    const std::string predictionsFile = RunDir(runDir).predictions();
    const std::unordered_map<std::int64_t, std::int64_t> recorded =
        recordedPredictions(predictionsFile, config.model.numClasses);

    data::DatasetOptions dataOptions = config.data;
    dataOptions.seed = config.seed; // the run's subsets
    const data::DatasetSplits ds = data::loadDataset(dataOptions);
    const data::ImageStore &test = ds.test;
    const data::SampleTransform transform(test.height, test.width, test.channels, {},
                                          config.preprocess);
    if (threads > 0) {
        data::OnnxNet::setThreads(threads);
        torch::set_num_threads(threads);
    }
    OnnxRunCheck check;
    check.batchSize = std::max(1, batchSize);
    check.threads = threads;
    // The test images exactly as the run's evaluation saw them: the data layer's own loader.
    data::LoaderOptions lo;
    lo.batchSize = check.batchSize;
    lo.shuffle = false;
    lo.augment = false;
    data::BatchLoader loader(test, transform, lo);
    loader.startEpoch(0);
    const std::size_t classes = onnx.classNames().size();
    double cvSeconds = 0, torchSeconds = 0;
    torch::NoGradGuard noGrad;
    train::Batch batch;
    bool warm = true;
    while ((limit <= 0 || check.images < limit) && loader.next(batch)) {
        const torch::Tensor input = batch.images.contiguous();
        const int b = int(input.size(0));
        const std::vector<float> x(input.data_ptr<float>(),
                                   input.data_ptr<float>() + input.numel());
        auto t0 = std::chrono::steady_clock::now();
        std::vector<float> z = onnx.logits(x, b);
        auto t1 = std::chrono::steady_clock::now();
        torch::Tensor expected = model->forward(input);
        auto t2 = std::chrono::steady_clock::now();
        if (warm) { // the first batch pays for each runtime's allocations: run again, timed
            warm = false;
            t0 = std::chrono::steady_clock::now();
            z = onnx.logits(x, b);
            t1 = std::chrono::steady_clock::now();
            expected = model->forward(input);
            t2 = std::chrono::steady_clock::now();
        }
        cvSeconds += std::chrono::duration<double>(t1 - t0).count();
        torchSeconds += std::chrono::duration<double>(t2 - t1).count();
        const torch::Tensor got = torch::from_blob(z.data(), {b, std::int64_t(classes)}).clone();
        check.maxLogitDifference =
            std::max(check.maxLogitDifference, (got - expected).abs().max().item<double>());
        tallyAgreement(got.argmax(1), batch, test, recorded, predictionsFile, check);
        check.images += b;
    }
    if (check.images > 0) {
        check.opencvMsPerImage = 1000.0 * cvSeconds / double(check.images);
        check.libtorchMsPerImage = 1000.0 * torchSeconds / double(check.images);
    }
    return check;
}

} // namespace tl::runs
