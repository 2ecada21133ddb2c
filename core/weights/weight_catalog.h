#pragma once

#include "io/download.h"

#include <string>
#include <vector>

namespace tl::weights {

// torchvision's ImageNet checkpoint for a backbone: file name, address and the SHA-256 prefix
// that torchvision puts in the file name (torch.hub checks the same).
struct WeightInfo
{
    std::string model;
    std::string fileName;
    std::string url;
    std::string sha256Prefix;
};

const std::vector<WeightInfo> &weightCatalog();
const WeightInfo &weightInfo(const std::string &model); // tl::Error for models without weights

// Where PyTorch keeps downloaded checkpoints: $TORCH_HOME/hub/checkpoints, TORCH_HOME defaulting
// to $XDG_CACHE_HOME/torch (~/.cache/torch), so files a user already has from PyTorch are found.
std::string torchHubCheckpointDir();

// The checkpoint's path if it is in the cache, else "".
std::string findWeights(const std::string &model);
// Downloads (with resume) into the cache and verifies the hash; returns the path.
std::string downloadWeights(const std::string &model, const tl::DownloadProgressFn &progress = {},
                            const std::string &mirror = {});
// True when the file's SHA-256 starts with the catalog's prefix.
bool verifyWeights(const std::string &path, const WeightInfo &info);

// The 1000 ImageNet class names, in torchvision's order.
const std::vector<std::string> &imagenetClassNames();

} // namespace tl::weights
