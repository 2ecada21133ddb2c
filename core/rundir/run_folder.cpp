#include "rundir/run_folder.h"

#include "rundir/progress_log.h"

#include "base/error.h"
#include "io/files.h"
#include "models/network.h"
#include "models/network_view.h"
#include "rundir/tensorboard.h"
#include "train/run_control.h"
#include "weights/checkpoint.h"
#include "rundir/run_dir.h"

#include <ATen/record_function.h>
#include <torch/torch.h>

#include <exception>
#include <filesystem>


namespace fs = std::filesystem;

namespace tl::runs {

RunFolder::RunFolder(const std::string &dir, bool continueRun)
    : m_exceptions(std::uncaught_exceptions())
{
    if (dir.empty())
        return;
    m_writer = std::make_unique<RunWriter>(dir, continueRun);
    m_lock = RunDir(dir).lock();
    writeFileAtomic(m_lock, RunDir::lockText());
}

RunFolder::~RunFolder()
{
    if (!m_writer)
        return;
    std::error_code ec;
    fs::remove(m_lock, ec);
    // A run that fails before its first epoch (bad weights, divergence in epoch one) leaves
    // nothing behind: metrics.csv is written when the first epoch completes.
    const bool failing = std::uncaught_exceptions() > m_exceptions;
    if (failing && m_writer->createdFolder() && !RunDir(m_writer->dir()).hasMetrics())
        fs::remove_all(m_writer->dir(), ec);
}

std::string RunFolder::path(const std::string &file) const
{
    return m_writer ? m_writer->path(file) : std::string();
}

void RunFolder::discard()
{
    if (!m_writer || m_discarded)
        return;
    m_discarded = true;
    std::error_code ec;
    if (m_writer->createdFolder())
        fs::remove_all(m_writer->dir(), ec);
}

void saveModel(models::NetworkImpl &model, const std::string &path)
{
    weights::exportStateDict(model, path);
}

Recorder::Recorder(train::TrainingObserver *next, const RunFolder &folder,
                   models::NetworkImpl &model, train::HintContext hints)
    : epochs(hints.history), m_next(next), m_hints(std::move(hints)), m_folder(folder),
      m_model(model)
{
    if (m_folder.enabled()) {
        m_board = std::make_unique<TensorBoardWriter>(m_folder.dir());
        m_progress = std::make_unique<ProgressLog>(m_folder.path(RunDir::kProgress));
    }
}

Recorder::~Recorder() = default;

void Recorder::onStageStarted(int stage, const std::string &name, int epochs)
{
    if (m_next)
        m_next->onStageStarted(stage, name, epochs);
}

void Recorder::onBatch(const train::BatchProgress &p)
{
    if (m_board)
        m_board->scalar("batch/loss", p.lastLoss, p.globalStep);
    if (m_progress)
        m_progress->add(p);
    if (m_next)
        m_next->onBatch(p);
    warn(m_hints.onBatch(p));
}

void Recorder::onEpoch(const train::EpochMetrics &m)
{
    epochs.push_back(m);
    if (m_board) {
        m_board->scalar("train/loss", m.trainLoss, m.globalEpoch);
        m_board->scalar("train/accuracy", m.trainAccuracy, m.globalEpoch);
        if (m.hasValidation) {
            m_board->scalar("val/loss", m.valLoss, m.globalEpoch);
            m_board->scalar("val/accuracy", m.valAccuracy, m.globalEpoch);
        }
        m_board->scalar("learning_rate", m.learningRate, m.globalEpoch);
        m_board->scalar("images_per_second", m.imagesPerSecond, m.globalEpoch);
        m_board->flush();
    }
    if (m_folder.enabled()) {
        RECORD_USER_SCOPE("tl::save");
        m_folder.writer()->writeMetrics(epochs);
        if (writesModel)
            saveModel(m_model, m_folder.path(RunDir::kModel));
    }
    if (m_next)
        m_next->onEpoch(m);
    warn(m_hints.onEpoch(m));
    sendLiveView(m.globalEpoch);
}

void Recorder::onTest(const train::Evaluation &test)
{
    warn(m_hints.onTest(test, epochs.empty() ? 0 : epochs.back().globalEpoch));
}

void Recorder::warn(const std::optional<train::TrainingHint> &hint)
{
    if (hint)
        warn(*hint);
}

void Recorder::warn(const train::TrainingHint &hint)
{
    for (const auto &w : warnings)
        if (w.kind == hint.kind)
            return;
    if (hint.kind == train::TrainingHint::Kind::FrozenRandomWeights)
        m_hints.setFrozenRandom(true);
    warnings.push_back(hint);
    if (m_next)
        m_next->onWarning(hint.text);
}

void Recorder::setLiveView(const train::RunControl *control, std::vector<float> input,
                           std::array<int, 3> inputShape, std::vector<std::uint8_t> shown,
                           int height, int width, int channels)
{
    m_liveControl = control;
    m_liveInput = std::move(input);
    m_liveShape = inputShape;
    m_liveShown.image = std::move(shown);
    m_liveShown.imageHeight = height;
    m_liveShown.imageWidth = width;
    m_liveShown.imageChannels = channels;
}

void Recorder::sendLiveView(int globalEpoch)
{
    if (!m_next || !m_liveControl || !m_liveControl->liveView() || m_liveInput.empty())
        return;
    RECORD_USER_SCOPE("tl::live_view");
    const auto device = m_model.parameters().empty() ? torch::Device(torch::kCPU)
                                                     : m_model.parameters().front().device();
    const torch::Tensor image =
        torch::from_blob(m_liveInput.data(), {1, m_liveShape[0], m_liveShape[1], m_liveShape[2]})
            .to(device);
    train::NetworkView v;
    try {
        v = models::layerView(m_model, image);
    } catch (const Error &) {
        return; // a model without a convolution: nothing to show, nothing to stop for
    }
    v.globalEpoch = globalEpoch;
    v.image = m_liveShown.image;
    v.imageHeight = m_liveShown.imageHeight;
    v.imageWidth = m_liveShown.imageWidth;
    v.imageChannels = m_liveShown.imageChannels;
    m_next->onNetworkView(v);
}

void Recorder::onPhase(const train::PhaseProgress &p)
{
    if (m_next)
        m_next->onPhase(p);
}

void Recorder::onMessage(const std::string &s)
{
    if (m_next)
        m_next->onMessage(s);
}

void Recorder::onWarning(const std::string &s)
{
    if (m_next)
        m_next->onWarning(s);
}

} // namespace tl::runs
