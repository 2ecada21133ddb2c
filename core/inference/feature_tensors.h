#pragma once

// Views of a FeatureSplit's vectors as tensors (no copy), for the files that compute with them.

#include "inference/run_features.h"

#include <torch/torch.h>

namespace tl::runs {

inline torch::Tensor featureTensor(const FeatureSplit &s)
{
    return torch::from_blob(const_cast<float *>(s.features.data()), {s.rows, s.dims},
                            torch::kFloat32);
}

inline torch::Tensor probabilityTensor(const FeatureSplit &s)
{
    return torch::from_blob(const_cast<float *>(s.probabilities.data()), {s.rows, s.classes},
                            torch::kFloat32);
}

} // namespace tl::runs
