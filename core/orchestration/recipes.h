#pragma once

#include "experiment/experiment_config.h"

#include <string>
#include <vector>

namespace tl::runs {

// The seed notebooks' experiments as ready experiment files (resources/recipes/*.json, built
// into the program).
struct Recipe
{
    std::string name;  // "seed000-vgg19"
    std::string title; // the file's "name"
    std::string json;
    bool sweep = false; // a group of runs (a "sweep" block): transferlab-cli sweep --recipe
};

const std::vector<Recipe> &recipes();
// The recipe called `name`; tl::Error listing the known names.
const Recipe &recipe(const std::string &name);
// A single-run recipe's experiment; tl::Error listing the known names, or saying that a sweep
// recipe is run with `sweep --recipe`.
experiment::ExperimentConfig recipeConfig(const std::string &name);

// Shrinks an experiment to a CPU-sized run for a classroom laptop: 2 % of the training set,
// 10 % of the test set, at most 64 px images, one epoch per stage.
void makeQuick(experiment::ExperimentConfig &config);

} // namespace tl::runs
