#pragma once

#include "experiment/experiment_config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::models {
class NetworkImpl;
}

namespace tl::experiment {

// Which layers are frozen while stage `stage` trains. The one rule: the stage's own freeze spec,
// else the latest earlier stage's, else the model's own freezing (its frozen layers and its
// freeze spec, as the Model tab and --freeze set them).
struct StageFreeze
{
    std::string spec;               // none | backbone | before:LAYER | all-but-last:N | PATHS
    std::vector<std::string> paths; // layers frozen by path (the model's frozen_layers)
    // What summary.json calls it: the spec, the paths, or both ("none" when nothing).
    std::string describe() const;
};
StageFreeze freezeForStage(const ExperimentConfig &config, std::size_t stage);

// Makes every parameter trainable, then freezes what `freeze` says (tl::Error naming a layer
// that does not exist). Returns the trainable parameter count.
std::int64_t applyFreeze(models::NetworkImpl &model, const StageFreeze &freeze);

// Checks the freeze spec `spec` against the real layers of `model` (its own frozen layers and
// freeze spec aside): builds the model and applies the spec, so it takes a second for a VGG
// (the window calls it off the GUI thread). tl::Error naming what `spec` gets wrong.
void checkFreezeSpec(const models::ModelSpec &model, const std::string &spec);

// The outermost modules whose parameters are all frozen (what summary.json lists).
std::vector<std::string> frozenModules(models::NetworkImpl &model);

} // namespace tl::experiment
