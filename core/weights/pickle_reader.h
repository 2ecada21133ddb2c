#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tl::weights {

// A value from a pickle. Only what PyTorch checkpoints hold: scalars, strings, containers,
// and the few allowed globals, tensors and storages; nothing else can be built.
struct PyValue;
using PyRef = std::shared_ptr<PyValue>;

struct PyValue
{
    enum class Kind {
        None,
        Bool,
        Int,
        Float,
        String,
        Bytes,
        Tuple,
        List,
        Dict,
        Global,
        Storage,
        Tensor
    };
    Kind kind = Kind::None;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string text;                             // String, Bytes, Global ("module.name")
    std::vector<PyRef> items;                     // Tuple, List
    std::vector<std::pair<PyRef, PyRef>> entries; // Dict (insertion order)
    // Storage
    std::string storageKey;
    std::string storageType; // "FloatStorage", ...
    std::int64_t storageNumel = 0;
    // Tensor
    PyRef storage;
    std::int64_t offset = 0;
    std::vector<std::int64_t> size, stride;

    bool isString() const { return kind == Kind::String; }
    // Dict lookup by string key, or null.
    PyRef get(const std::string &key) const;
};

// Resolves a persistent id (PyTorch's storage references) to a value.
using PersistentLoad = std::function<PyRef(const PyRef &pid)>;

// Unpickles one pickle starting at `offset` (advanced past its STOP). Globals are resolved
// against a fixed allow-list (OrderedDict, tensor and parameter rebuilding, storage types);
// any other global, and the opcodes that instantiate arbitrary classes, are refused with a
// tl::Error naming `origin`: nothing in the file is ever executed.
PyRef unpickle(const std::uint8_t *data, std::size_t size, std::size_t &offset,
               const std::string &origin, const PersistentLoad &persistentLoad);

// Bytes per element of a storage type ("FloatStorage" -> 4); 0 if unknown.
int storageElementSize(const std::string &storageType);

} // namespace tl::weights
