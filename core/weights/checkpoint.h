#pragma once

#include "io/files.h"
#include "models/network.h"

#include <torch/types.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tl::weights {

using StateDict = std::vector<std::pair<std::string, torch::Tensor>>;

enum class CheckpointFormat { Zip, Legacy, Safetensors };
std::string formatName(CheckpointFormat f);

struct Checkpoint
{
    CheckpointFormat format = CheckpointFormat::Zip;
    std::string wrapper; // "state_dict", "model", ... when the tensors sat under such a key
    StateDict tensors;
    std::map<std::string, std::string> metadata; // safetensors' __metadata__
};

// Reads PyTorch checkpoints (.pth/.pt: zip and legacy formats) and safetensors files, without
// executing anything from them (see pickle_reader.h). Unwraps {"state_dict": ...},
// {"model": ...} and DataParallel's "module." prefix. tl::Error naming the file otherwise.
Checkpoint readCheckpoint(const std::string &path);
// The same from the file's bytes already in memory (`origin` names them in errors).
Checkpoint readCheckpointBytes(const Bytes &data, const std::string &origin);

struct LoadReport
{
    std::size_t loaded = 0;
    std::vector<std::string> missing;    // in the model, not in the file
    std::vector<std::string> unexpected; // in the file, not in the model
    std::vector<std::string> mismatched; // "name: file [a, b] vs model [c, d]"
    bool complete() const { return missing.empty() && unexpected.empty() && mismatched.empty(); }
    std::string summary() const;
};

// Copies the file's tensors into the model's parameters and buffers by name. `strict`: any
// missing, unexpected or mismatched key is a tl::Error (naming `origin`); otherwise whatever
// matches is loaded and the report says what did not (a new head is expected to be missing).
LoadReport loadStateDict(models::NetworkImpl &model, const StateDict &tensors, bool strict,
                         const std::string &origin);

// The class count of the checkpoint's own head: the output size of its last 2-D ".weight"
// (torchvision's state dicts end with the classifier); 1000 when it has none. tl::Error naming
// `origin` when that count is not one TransferLab takes (2..limits::kMaxClasses).
int headClassesOf(const StateDict &tensors, const std::string &origin);

// The model's parameters and buffers, as torchvision's state_dict() lists them.
StateDict stateDictOf(models::NetworkImpl &model);

// Writes the state dict for Python: `.safetensors` by extension, otherwise a PyTorch zip
// archive that `torch.load` + `load_state_dict` take. Written whole (temporary name, rename).
// As exportStateDict, for a state dict already taken (torchvision's names, as stateDictOf).
void writeStateDict(const StateDict &tensors, const std::string &path,
                    const std::map<std::string, std::string> &metadata = {});
void exportStateDict(models::NetworkImpl &model, const std::string &path,
                     const std::map<std::string, std::string> &metadata = {});
void writeSafetensors(const StateDict &tensors, const std::string &path,
                      const std::map<std::string, std::string> &metadata = {});

} // namespace tl::weights
