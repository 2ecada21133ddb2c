#pragma once

#include "rundir/run_writer.h"
#include "train/training_hints.h"
#include "train/training_types.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace tl::train {
class RunControl;
}
namespace tl::models {
class NetworkImpl;
}

namespace tl::runs {

class TensorBoardWriter;
class ProgressLog;

// A run's folder while the run is alive: created (or continued) with a run.lock naming this
// process, removed again when the run fails or is discarded before its first epoch completes
// (nothing half is left behind), the lock removed when it ends. An empty `dir`: a run that writes
// nothing (tests, benchmarks); every method is then a no-op.
class RunFolder
{
public:
    RunFolder(const std::string &dir, bool continueRun);
    ~RunFolder();
    RunFolder(const RunFolder &) = delete;
    RunFolder &operator=(const RunFolder &) = delete;

    bool enabled() const { return m_writer != nullptr; }
    const RunWriter *writer() const { return m_writer.get(); }
    std::string dir() const { return m_writer ? m_writer->dir() : std::string(); }
    std::string path(const std::string &file) const;
    // Removes the folder if this run created it (a run stopped before its first epoch).
    void discard();

private:
    std::unique_ptr<RunWriter> m_writer;
    std::string m_lock;
    int m_exceptions;
    bool m_discarded = false;
};

// Forwards the trainer's reports to the caller's observer and, after every epoch, rewrites
// metrics.csv, model.pth and the TensorBoard events, so that an interrupted run keeps every
// completed epoch.
class Recorder : public train::TrainingObserver
{
public:
    // `hints.history`: the epochs a resumed run already has (they start `epochs`).
    Recorder(train::TrainingObserver *next, const RunFolder &folder, models::NetworkImpl &model,
             train::HintContext hints);
    ~Recorder() override;
    void onStageStarted(int stage, const std::string &name, int epochs) override;
    void onBatch(const train::BatchProgress &p) override;
    void onEpoch(const train::EpochMetrics &m) override;
    void onPhase(const train::PhaseProgress &p) override;
    void onMessage(const std::string &s) override;
    void onWarning(const std::string &s) override;

    // The live view: after each epoch, while `control` says so, the first convolution's filters
    // and its maps of one image go to the observer. `input`: the image preprocessed, C x H x W
    // floats (`inputShape`); `shown`: the same image as stored, height x width x channels.
    void setLiveView(const train::RunControl *control, std::vector<float> input,
                     std::array<int, 3> inputShape, std::vector<std::uint8_t> shown, int height,
                     int width, int channels);

    // The teacher's warnings (train/training_hints.h), judged here from the run's own progress
    // and history; each one goes to the observer's onWarning and into `warnings`
    // (summary.json). The run's own warnings (frozen random layers) come through warn().
    void warn(const train::TrainingHint &hint);
    // After the test pass: one class predicted for almost every test image.
    void onTest(const train::Evaluation &test);

    std::vector<train::EpochMetrics> epochs;
    std::vector<train::TrainingHint> warnings;
    // Off while the run writes model.pth itself, together with its state (paced saving).
    bool writesModel = true;

private:
    void sendLiveView(int globalEpoch);
    void warn(const std::optional<train::TrainingHint> &hint);

    train::TrainingObserver *m_next;
    train::TrainingHints m_hints;
    const RunFolder &m_folder;
    std::unique_ptr<ProgressLog> m_progress; // progress.csv
    std::unique_ptr<TensorBoardWriter> m_board;
    models::NetworkImpl &m_model;
    const train::RunControl *m_liveControl = nullptr;
    std::vector<float> m_liveInput;
    std::array<int, 3> m_liveShape{};
    train::NetworkView m_liveShown; // the image fields only
};

// A state dict with torchvision's names: Python's torch.load + load_state_dict take it, and so do
// `--weights FILE` and `predict`.
void saveModel(models::NetworkImpl &model, const std::string &path);

} // namespace tl::runs
