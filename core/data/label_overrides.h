#pragma once

// A label-override file (`data.label_overrides`; issue 28): one image per line, its new class
// name or "exclude" to leave it out. Applied when the data is loaded, so the dataset's own files
// stay as they are (the built-in datasets, or a user's folder on request). A line is either
//   index,label          an image of the dataset's training split (the first form; unchanged), or
//   split,index,label    split `train`, `val` or `test`, and the image's index in it as
//                        `inspect` and predictions.csv give it (its source index):
//                        - train: the training split (validation images held out of it keep
//                          their index there, so `val` means the same, unless
//                        - val: a CSV dataset lists validation rows of its own: their index);
//                        - test: the test split (predictions.csv's index). A test image left
//                          out is gone from the test set, a relabelled one is scored against
//                          its new class.
// An optional first line names the columns ("index,label" or "split,index,label"); the window
// and `labels apply --overrides` write "split,index,label". The two cell counts cannot be
// confused: a split is a word, an index a number. Every line is checked (the file may come
// from anywhere): a number that is not one, an unknown split, an empty label and a repeated
// (split, index) are refused naming the file and the line.

#include "io/files.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {

struct LabelOverride
{
    std::string split = "train"; // train, val or test
    std::int64_t index = -1;
    std::string label; // a class name; "" with exclude
    bool exclude = false;
    std::size_t line = 0; // of the file, for messages
};

// tl::Error naming `origin` and the line for a bad split or index, a repeated (split, index)
// or an empty label.
std::vector<LabelOverride> parseLabelOverrides(const Bytes &csv, const std::string &origin);
std::vector<LabelOverride> readLabelOverrides(const std::string &path);

} // namespace tl::data
