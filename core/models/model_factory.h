#pragma once

#include "models/model_spec.h"
#include "models/network.h"

#include <memory>

namespace tl::models {

// Builds the model `spec.name` with freshly initialised weights (torch's global seed decides).
// tl::Error for an unknown name or arguments the architecture cannot take.
std::shared_ptr<NetworkImpl> createModel(const ModelSpec &spec);

} // namespace tl::models
