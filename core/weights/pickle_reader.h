#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tl::weights {

// A value from a pickle. Only what PyTorch checkpoints hold: scalars, strings, containers,
// and the few allowed globals, tensors and storages; nothing else can be built.
// Values belong to a PickleArena and refer to each other by plain pointers: a pickle may build
// cycles (a list that holds itself) and million-deep nests, and neither leaks nor recurses when
// the arena is destroyed.
struct PyValue;
using PyRef = PyValue *;

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

    // Containers: how deep this one nests (1 + its deepest item when that was added).
    int depth = 0;

    bool isString() const { return kind == Kind::String; }
    bool is(Kind k) const { return kind == k; }
    // Dict lookup by string key, or null.
    PyRef get(const std::string &key) const;
};

// Owns every value of one or more pickles (a legacy checkpoint holds several), and counts them
// against limits::kMaxPickleValues and kMaxPickleItems.
class PickleArena
{
public:
    explicit PickleArena(std::string origin) : m_origin(std::move(origin)) {}
    PickleArena(const PickleArena &) = delete;
    PickleArena &operator=(const PickleArena &) = delete;

    PyRef make(PyValue::Kind kind);
    // Accounts for `n` container items about to be stored (copies included).
    void addItems(std::uint64_t n);
    const std::string &origin() const { return m_origin; }

private:
    std::string m_origin;
    std::deque<PyValue> m_values;
    std::uint64_t m_items = 0;
};

// Resolves a persistent id (PyTorch's storage references) to a value (made in the arena).
using PersistentLoad = std::function<PyRef(PyRef pid)>;

// Unpickles one pickle starting at `offset` (advanced past its STOP). Globals are resolved
// against a fixed allow-list (OrderedDict, tensor and parameter rebuilding, storage types);
// any other global, and the opcodes that instantiate arbitrary classes, are refused with a
// tl::Error naming `origin`: nothing in the file is ever executed.
// Every count and length in the pickle is checked against the data and the limits in
// limits.h (nesting, values, items, memo), so a hostile pickle ends in a tl::Error.
PyRef unpickle(PickleArena &arena, const std::uint8_t *data, std::size_t size, std::size_t &offset,
               const PersistentLoad &persistentLoad);

// Bytes per element of a storage type ("FloatStorage" -> 4); 0 if unknown.
int storageElementSize(const std::string &storageType);

} // namespace tl::weights
