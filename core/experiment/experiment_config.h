#pragma once

#include "data/augment_options.h"
#include "data/dataset.h"
#include "models/model_spec.h"
#include "train/training_types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::experiment {

using train::EarlyStoppingConfig;
using train::OptimizerConfig;
using train::ScheduleConfig;

struct StageConfig
{
    std::string name = "train";
    int epochs = 1;
    int batchSize = 64;
    OptimizerConfig optimizer;
    // Freeze spec applied when the stage starts (none, backbone, before:LAYER,
    // all-but-last:N, paths); empty: keep the model's freezing as it is.
    std::string freeze;
    ScheduleConfig schedule;
    EarlyStoppingConfig earlyStopping;
    double labelSmoothing = 0.0;
    // The training loss weighted by class: none, or balanced (train/class_weights.h).
    std::string classWeights = "none";
    double gradClip = 0.0;
    double backboneLrMultiplier = 1.0;
};

// One experiment: shared by the GUI and `transferlab-cli --config`, written fully resolved into
// every run directory as config.json.
struct ExperimentConfig
{
    static constexpr int kVersion = 1;

    std::string name; // free text; the run folder is named after it
    std::uint64_t seed = 0;
    std::string device = "auto"; // auto | cpu | cuda | cuda:N
    data::DatasetOptions data;
    // numClasses, inChannels and inputSize 0: taken from the data.
    models::ModelSpec model = [] {
        models::ModelSpec m;
        m.numClasses = m.inChannels = m.inputSize = 0;
        return m;
    }();
    data::AugmentOptions augment;
    data::PreprocessOptions preprocess;
    std::vector<StageConfig> stages = std::vector<StageConfig>(1);
    int workers = 1;                 // loader threads
    int prefetch = 4;                // batches built ahead
    int threads = 0;                 // torch intra-op threads; 0: every core
    bool confusionEveryEpoch = true; // evaluate the test set after each epoch (GUI scrubbing)
    // Train the head on cached backbone features when a stage freezes everything but the head
    // and no random augmentation is on (same results, many times faster).
    bool cacheFeatures = true;
    // Besides the run's state.tlstate (always the latest epoch), keep every epoch's state in
    // checkpoints/epoch-NNN.tlstate, to fork from any of them later.
    bool keepCheckpoints = false;
    // CUDA only; no-ops on the CPU.
    struct Gpu
    {
        bool mixedPrecision = false;
        bool channelsLast = false;
        bool pinnedMemory = true;
        bool cudnnBenchmark = true;
    } gpu;

    // JSON text <-> config. fromJson throws tl::Error naming `origin` and the offending key.
    static ExperimentConfig fromJson(const std::string &text, const std::string &origin);
    static ExperimentConfig fromFile(const std::string &path);
    // A run folder's config.json, read with the same keys but leniently: keys a newer
    // TransferLab wrote are skipped, the version is not compared and the values are not checked;
    // the keys every run has (data.dataset, model.name, stages) must be there. tl::Error naming
    // the file and the key when one is missing or a value has the wrong type.
    static ExperimentConfig fromRunFile(const std::string &path);
    std::string toJson() const;
    // Checks values (ranges, names); tl::Error naming the key. The keys, their types and their
    // rules are declared once, in config_schema.h, for reading, writing and checking.
    void validate() const;
};

} // namespace tl::experiment
