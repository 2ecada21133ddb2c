#pragma once

#include "models/model_spec.h"
#include "models/network.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace tl::models {

// Builds the model `spec.name` with freshly initialised weights: from `seed` when given (the same
// weights every time, whatever other threads do), else from torch's generator as it stands.
// tl::Error for an unknown name or arguments the architecture cannot take.
// The layers in `spec.frozen` come back frozen (requires_grad off).
std::shared_ptr<NetworkImpl> createModel(const ModelSpec &spec,
                                         std::optional<std::uint64_t> seed = std::nullopt);

// Freezes the parameters under each path (a module path or a parameter name); tl::Error for a
// path that names nothing in the model.
void freezeLayers(NetworkImpl &model, const std::vector<std::string> &paths);

} // namespace tl::models
