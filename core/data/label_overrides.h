#pragma once

// A label-override file (`data.label_overrides`; issue 28): "index,label" per line, the index of
// an image in the dataset's training split (as `inspect` lists it) and its new class name, or
// "exclude" to leave it out. Applied when the data is loaded, so the dataset's own files stay
// as they are (the built-in datasets, or a user's folder on request). Every line is checked:
// the file may come from anywhere.

#include "io/files.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {

struct LabelOverride
{
    std::int64_t index = -1;
    std::string label; // a class name; "" with exclude
    bool exclude = false;
};

// tl::Error naming `origin` and the line for a bad index, a repeated index or an empty label.
std::vector<LabelOverride> parseLabelOverrides(const Bytes &csv, const std::string &origin);
std::vector<LabelOverride> readLabelOverrides(const std::string &path);

} // namespace tl::data
