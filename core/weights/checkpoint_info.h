#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tl::weights {

// One tensor of a checkpoint, described.
struct TensorInfo
{
    std::string name;
    std::vector<std::int64_t> shape;
    std::string type; // torch's name of its element type ("Float", "Half", ...)
};

// What a checkpoint file holds, without tensors in this header (`transferlab-cli weights
// inspect`).
struct CheckpointInfo
{
    std::string format;  // formatName(): "PyTorch zip", "safetensors", ...
    std::string wrapper; // the key its tensors sat under ("state_dict", "model"), or empty
    std::vector<TensorInfo> tensors;
    std::int64_t values = 0; // elements in all tensors
    // The first backbone of the catalog that every tensor fills exactly (at 64 px, with the
    // head's class count), or empty.
    std::string fitsModel;
    int fitsClasses = 0;
};

// Reads and describes `path` (readCheckpoint: tl::Error naming the file when it is not a
// checkpoint, or its classifier has a class count TransferLab does not take).
CheckpointInfo inspectCheckpoint(const std::string &path);

} // namespace tl::weights
