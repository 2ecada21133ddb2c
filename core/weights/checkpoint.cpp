#include "weights/checkpoint.h"

#include "base/checked.h"
#include "base/error.h"
#include "io/file_limits.h"
#include "io/files.h"
#include "io/json_file.h"
#include "weights/pickle_reader.h"
#include "weights/zip_reader.h"

#include <caffe2/serialize/inline_container.h>
#include <nlohmann/json.hpp>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/pickler.h>
#include <torch/torch.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace tl::weights {

std::string formatName(CheckpointFormat f)
{
    switch (f) {
    case CheckpointFormat::Zip:
        return "PyTorch zip";
    case CheckpointFormat::Legacy:
        return "PyTorch legacy";
    case CheckpointFormat::Safetensors:
        return "safetensors";
    }
    return "?";
}

namespace {

torch::ScalarType scalarTypeOfStorage(const std::string &t, const std::string &origin)
{
    static const std::map<std::string, torch::ScalarType> types = {
        {"FloatStorage", torch::kFloat32}, {"DoubleStorage", torch::kFloat64},
        {"HalfStorage", torch::kFloat16},  {"BFloat16Storage", torch::kBFloat16},
        {"LongStorage", torch::kInt64},    {"IntStorage", torch::kInt32},
        {"ShortStorage", torch::kInt16},   {"CharStorage", torch::kInt8},
        {"ByteStorage", torch::kUInt8},    {"BoolStorage", torch::kBool}};
    auto it = types.find(t);
    if (it == types.end())
        throw fileError(origin, "unsupported storage type " + t);
    return it->second;
}

// Raw storage bytes by key, filled by the format's reader (views into the file, or into
// inflated members kept alive by the reader).
using StorageBytes = std::map<std::string, ByteView>;

// Materialized tensors may not exceed the bytes their storages hold (by more than weight tying
// could explain): a stride-0 or overlapping view cannot expand a small file into a huge tensor.
struct TensorBudget
{
    std::uint64_t left = 0;
};

// No real tensor has a dimension this long (even with no elements at all).
constexpr std::int64_t kMaxDimension = std::int64_t(1) << 31;

torch::Tensor materialize(const PyValue &t, const StorageBytes &storages, const std::string &origin,
                          const std::string &name, TensorBudget &budget)
{
    const PyValue &s = *t.storage;
    auto it = storages.find(s.storageKey);
    if (it == storages.end())
        throw fileError(origin, "tensor '" + name + "' refers to missing storage " + s.storageKey);
    const ByteView raw = it->second;
    const int elem = storageElementSize(s.storageType);
    if (elem <= 0)
        throw fileError(origin,
                        "tensor '" + name + "' has unsupported storage type " + s.storageType);
    const auto numel = std::int64_t(raw.size() / std::uint64_t(elem));
    const auto bad = [&](const std::string &what) {
        return fileError(origin, "tensor '" + name + "' " + what + ": the file is damaged");
    };
    std::int64_t offset = 0, extent = 0, count = 1;
    if (!checkedAdd(t.offset, s.offset, offset) || offset < 0)
        throw bad("has an invalid storage offset");
    extent = offset;
    bool empty = false;
    for (std::size_t i = 0; i < t.size.size(); ++i) {
        if (t.size[i] < 0 || t.stride[i] < 0)
            throw bad("has a negative size or stride");
        if (t.size[i] > kMaxDimension)
            throw bad("has a dimension of " + std::to_string(t.size[i]) + " elements");
        if (t.size[i] == 0)
            empty = true;
    }
    const torch::ScalarType type = scalarTypeOfStorage(s.storageType, origin);
    if (empty)
        return torch::empty(t.size, torch::TensorOptions().dtype(type));
    for (std::size_t i = 0; i < t.size.size(); ++i) {
        std::int64_t reach = 0;
        if (!checkedMul(t.size[i] - 1, t.stride[i], reach) || !checkedAdd(extent, reach, extent) ||
            !checkedMul(count, t.size[i], count))
            throw bad("has a size or stride too large to address");
    }
    if (extent >= numel)
        throw fileError(origin, "tensor '" + name + "' reaches past its storage (" +
                                    std::to_string(extent + 1) + " elements needed, " +
                                    std::to_string(numel) + " stored): the file is damaged");
    std::uint64_t bytes = 0;
    if (!checkedMul(std::uint64_t(count), std::uint64_t(elem), bytes) || bytes > budget.left)
        throw fileError(origin, "tensor '" + name + "' holds " + std::to_string(count) +
                                    " elements, more than the file's storages can supply "
                                    "(a stride-0 or overlapping view): the file is damaged");
    budget.left -= bytes;
    // One copy: straight from the file's bytes into a contiguous tensor of the tensor's own size.
    const torch::Tensor source = torch::from_blob(const_cast<std::uint8_t *>(raw.data()), {numel},
                                                  torch::TensorOptions().dtype(type));
    return source.as_strided(t.size, t.stride, offset).clone(at::MemoryFormat::Contiguous);
}

// The object holding the tensors: the top level, or under a well-known key, a few levels deep
// at most (a file may make these dictionaries contain themselves).
PyRef findStateDict(PyRef top, std::string &wrapper, const std::string &origin)
{
    constexpr int kMaxWrappers = 4;
    if (!top || top->kind != PyValue::Kind::Dict)
        throw fileError(origin, "holds no state dict (its top-level object is not a dictionary)");
    for (int level = 0; level <= kMaxWrappers; ++level) {
        bool allTensors = !top->entries.empty();
        for (const auto &[k, v] : top->entries)
            allTensors = allTensors && v && v->kind == PyValue::Kind::Tensor;
        if (allTensors)
            return top;
        PyRef inner = nullptr;
        for (const char *key :
             {"state_dict", "model_state_dict", "model", "net", "weights", "params"}) {
            inner = top->get(key);
            if (inner && inner->kind == PyValue::Kind::Dict && inner != top) {
                if (level == 0)
                    wrapper = key;
                break;
            }
            inner = nullptr;
        }
        if (!inner)
            break;
        top = inner;
    }
    throw fileError(
        origin,
        "holds no state dict (no tensors at the top level, nor under 'state_dict' or 'model')");
}

StateDict collect(PyRef dict, const StorageBytes &storages, const std::string &origin)
{
    std::uint64_t stored = 0;
    for (const auto &[key, bytes] : storages)
        stored += bytes.size();
    // Weight tying lets two names share one storage: allow twice the stored bytes, no more.
    TensorBudget budget{2 * stored + 4096};
    StateDict out;
    for (const auto &[k, v] : dict->entries) {
        if (!k || !k->isString())
            throw fileError(origin, "state dict has a key that is not a string");
        if (!v || v->kind != PyValue::Kind::Tensor)
            continue; // e.g. a stray counter next to the tensors
        if (!v->storage || v->storage->kind != PyValue::Kind::Storage)
            throw fileError(origin, "tensor '" + k->text + "' has no storage");
        out.emplace_back(k->text, materialize(*v, storages, origin, k->text, budget));
    }
    return out;
}

PersistentLoad storageLoader(PickleArena &arena, std::map<std::string, PyRef> &seen, bool legacy,
                             const std::string &origin)
{
    return [&arena, &seen, legacy, origin](PyRef pid) -> PyRef {
        // ('storage', storage_type, key, location, numel[, view_metadata])
        if (!pid || pid->kind != PyValue::Kind::Tuple || pid->items.size() < 5 ||
            !pid->items[0]->isString() || pid->items[0]->text != "storage" ||
            pid->items[1]->kind != PyValue::Kind::Global || !pid->items[2]->isString() ||
            pid->items[4]->kind != PyValue::Kind::Int)
            throw fileError(origin, "malformed storage reference");
        const std::string &global = pid->items[1]->text;
        const std::string type = global.substr(global.rfind('.') + 1);
        if (storageElementSize(type) == 0)
            throw fileError(origin, "unsupported storage type " + type);
        // Legacy views name their root storage's key with their own offset: one value each.
        const std::string &key = pid->items[2]->text;
        PyRef s = arena.make(PyValue::Kind::Storage);
        s->storageType = type;
        s->storageKey = key;
        s->storageNumel = pid->items[4]->integer;
        if (legacy && pid->items.size() > 5 && pid->items[5]->kind == PyValue::Kind::Tuple &&
            pid->items[5]->items.size() >= 2 && pid->items[5]->items[1]->kind == PyValue::Kind::Int)
            s->offset = pid->items[5]->items[1]->integer; // a view into the root storage
        seen[key] = s;
        return s;
    };
}

Checkpoint readZip(const Bytes &data, const std::string &path)
{
    ZipReader zip(data, path);
    std::string prefix;
    for (const auto &n : zip.names())
        if (n.size() >= 8 && n.compare(n.size() - 8, 8, "data.pkl") == 0 &&
            (n.size() == 8 || n[n.size() - 9] == '/'))
            prefix = n.substr(0, n.size() - 8);
    if (!zip.has(prefix + "data.pkl"))
        throw fileError(path, "zip archive without data.pkl: not a PyTorch checkpoint");
    const Bytes pkl = zip.read(prefix + "data.pkl");
    PickleArena arena(path);
    std::map<std::string, PyRef> seen;
    std::size_t offset = 0;
    const PyRef top =
        unpickle(arena, pkl.data(), pkl.size(), offset, storageLoader(arena, seen, false, path));
    Checkpoint c;
    c.format = CheckpointFormat::Zip;
    const PyRef dict = findStateDict(top, c.wrapper, path);
    std::map<std::string, Bytes> inflated;
    StorageBytes storages;
    for (const auto &[key, s] : seen) {
        const std::string member = prefix + "data/" + key;
        if (!zip.has(member))
            throw fileError(path, "storage " + key + " is missing from the archive");
        storages[key] = zip.view(member, inflated[key]);
    }
    c.tensors = collect(dict, storages, path);
    return c;
}

bool isLegacy(const Bytes &d)
{
    // The first pickle of the legacy format is the magic number 0x1950a86a20f9469cfc6c.
    static const std::uint8_t magic[] = {0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46,
                                         0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.'};
    return d.size() >= sizeof magic && std::memcmp(d.data(), magic, sizeof magic) == 0;
}

Checkpoint readLegacy(const Bytes &data, const std::string &path)
{
    const ByteView all(data, path);
    std::size_t offset = 15; // past the magic number
    PickleArena arena(path);
    const PyRef protocol = unpickle(arena, data.data(), data.size(), offset, {});
    if (!protocol || protocol->kind != PyValue::Kind::Int || protocol->integer != 1001)
        throw fileError(path, "unsupported legacy checkpoint protocol");
    const PyRef sysInfo = unpickle(arena, data.data(), data.size(), offset, {});
    if (sysInfo && sysInfo->kind == PyValue::Kind::Dict) {
        auto little = sysInfo->get("little_endian");
        if (little && little->kind == PyValue::Kind::Bool && !little->boolean)
            throw fileError(path, "was written on a big-endian machine; not supported");
    }
    std::map<std::string, PyRef> seen;
    const PyRef top =
        unpickle(arena, data.data(), data.size(), offset, storageLoader(arena, seen, true, path));
    const PyRef keys = unpickle(arena, data.data(), data.size(), offset, {});
    if (!keys || keys->kind != PyValue::Kind::List)
        throw fileError(path, "damaged legacy checkpoint (no storage list)");
    StorageBytes storages;
    Cursor cursor(all, offset);
    for (const auto &k : keys->items) {
        if (!k->isString())
            throw fileError(path, "damaged legacy checkpoint (storage key)");
        auto s = seen.find(k->text);
        if (s == seen.end())
            throw fileError(path, "damaged legacy checkpoint (unknown storage " + k->text + ")");
        if (storages.count(k->text))
            throw fileError(path, "damaged legacy checkpoint (storage " + k->text + " twice)");
        const std::uint64_t numel = cursor.le(8, "the element count of storage " + k->text);
        std::uint64_t bytes = 0;
        if (!checkedMul(numel, std::uint64_t(storageElementSize(s->second->storageType)), bytes) ||
            !all.contains(cursor.pos(), bytes))
            throw fileError(path, "the file is truncated (storage " + k->text + " needs " +
                                      std::to_string(numel) + " elements at offset " +
                                      std::to_string(cursor.pos()) + ", the file has " +
                                      std::to_string(data.size()) + " bytes)");
        storages[k->text] = cursor.take(bytes, "storage " + k->text);
    }
    // A view's storage shares its root's bytes (the root is listed under the view's own key).
    Checkpoint c;
    c.format = CheckpointFormat::Legacy;
    c.tensors = collect(findStateDict(top, c.wrapper, path), storages, path);
    return c;
}

const std::map<std::string, std::pair<torch::ScalarType, int>> &safetensorTypes()
{
    static const std::map<std::string, std::pair<torch::ScalarType, int>> t = {
        {"F32", {torch::kFloat32, 4}}, {"F64", {torch::kFloat64, 8}},
        {"F16", {torch::kFloat16, 2}}, {"BF16", {torch::kBFloat16, 2}},
        {"I64", {torch::kInt64, 8}},   {"I32", {torch::kInt32, 4}},
        {"I16", {torch::kInt16, 2}},   {"I8", {torch::kInt8, 1}},
        {"U8", {torch::kUInt8, 1}},    {"BOOL", {torch::kBool, 1}}};
    return t;
}

bool isSafetensors(const Bytes &d)
{
    if (d.size() < 10)
        return false;
    std::uint64_t n = 0;
    std::memcpy(&n, d.data(), 8);
    return n >= 2 && n <= d.size() - 8 && d[8] == '{';
}

// One tensor of a safetensors header: dtype, shape and data offsets checked against the data.
torch::Tensor safetensor(const nlohmann::json &entry, const std::string &key, const ByteView &body,
                         const std::string &path, std::uint64_t &offset)
{
    JsonObject e(entry, key, path, false);
    const auto dtype = e.require<std::string>("dtype");
    const auto shape = e.require<std::vector<std::int64_t>>("shape");
    const auto offsets = e.require<std::vector<std::uint64_t>>("data_offsets");
    auto type = safetensorTypes().find(dtype);
    if (type == safetensorTypes().end())
        throw fileError(path, "tensor '" + key + "' has unsupported dtype " + dtype);
    if (shape.size() > std::size_t(limits::kMaxTensorDims))
        throw limitError(path, "tensor '" + key + "''s number of dimensions", shape.size(),
                         std::uint64_t(limits::kMaxTensorDims));
    std::uint64_t numel = 1, bytes = 0;
    for (auto d : shape) {
        if (d < 0 || d > kMaxDimension)
            throw fileError(path, "tensor '" + key +
                                      "' has a negative or implausible "
                                      "dimension");
        if (!checkedMul(numel, std::uint64_t(d), numel))
            throw fileError(path, "tensor '" + key + "' has a shape too large to address");
    }
    if (offsets.size() != 2 || offsets[1] < offsets[0] ||
        !checkedMul(numel, std::uint64_t(type->second.second), bytes) ||
        offsets[1] - offsets[0] != bytes || !body.contains(offsets[0], bytes))
        throw fileError(path, "tensor '" + key +
                                  "' has data offsets outside the file or of the wrong size");
    torch::Tensor t = torch::empty(shape, torch::TensorOptions().dtype(type->second.first));
    if (bytes > 0)
        std::memcpy(t.data_ptr(), body.sub(offsets[0], bytes, "tensor " + key).data(),
                    std::size_t(bytes));
    offset = offsets[0];
    return t;
}

Checkpoint readSafetensors(const Bytes &data, const std::string &path)
{
    const ByteView all(data, path);
    const std::uint64_t n = all.le(0, 8, "header length");
    if (n > limits::kMaxSafetensorsHeader)
        throw limitError(path, "the safetensors header length", n, limits::kMaxSafetensorsHeader);
    const nlohmann::json header = parseJson(all.text(8, n, "safetensors header"), path);
    if (!header.is_object())
        throw fileError(path, "damaged safetensors header: not a JSON object");
    Checkpoint c;
    c.format = CheckpointFormat::Safetensors;
    const ByteView body = all.from(8 + n, "tensor data");
    std::vector<std::pair<std::uint64_t, std::string>> order;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "__metadata__") {
            if (!it->is_object())
                throw fileError(path, "damaged safetensors header: __metadata__ is not an object");
            for (auto m = it->begin(); m != it->end(); ++m)
                if (m->is_string())
                    c.metadata[m.key()] = m->get<std::string>();
            continue;
        }
        const std::string key = it.key();
        std::uint64_t offset = 0;
        c.tensors.emplace_back(key, safetensor(it.value(), key, body, path, offset));
        order.emplace_back(offset, key);
    }
    // The JSON object is sorted by name; keep the file's data order, which is the writer's.
    std::map<std::string, std::uint64_t> pos;
    for (const auto &[o, k] : order)
        pos[k] = o;
    std::stable_sort(c.tensors.begin(), c.tensors.end(),
                     [&](const auto &a, const auto &b) { return pos[a.first] < pos[b.first]; });
    return c;
}

std::string shapeOf(const torch::Tensor &t)
{
    std::ostringstream s;
    s << "[";
    for (std::int64_t i = 0; i < t.dim(); ++i)
        s << (i ? ", " : "") << t.size(i);
    s << "]";
    return s.str();
}

} // namespace

Checkpoint readCheckpoint(const std::string &path)
{
    return readCheckpointBytes(readFile(path), path);
}

Checkpoint readCheckpointBytes(const Bytes &data, const std::string &path)
{
    if (data.empty())
        throw fileError(path, "is empty");
    Checkpoint c;
    try {
        if (ZipReader::looksLikeZip(data))
            c = readZip(data, path);
        else if (isLegacy(data))
            c = readLegacy(data, path);
        else if (isSafetensors(data))
            c = readSafetensors(data, path);
        else if (data.size() > 262 && std::memcmp(data.data() + 257, "ustar", 5) == 0)
            throw fileError(path, "is a PyTorch checkpoint in the pre-2018 tar format; re-save it "
                                  "with a newer PyTorch");
        else
            throw fileError(path, "is not a PyTorch checkpoint (.pth/.pt) or a safetensors file");
    } catch (const Error &) {
        throw;
    } catch (const c10::Error &e) {
        throw fileError(path, std::string("cannot read the tensors: ") + e.msg());
    } catch (const std::bad_alloc &) {
        throw fileError(path, "not enough memory to read it");
    } catch (const std::exception &e) {
        // A library's error about the file's content is still about the file.
        throw fileError(path, std::string("cannot read it: ") + e.what());
    }
    // DataParallel saves every key under "module.".
    bool allModule = !c.tensors.empty();
    for (const auto &t : c.tensors)
        allModule = allModule && t.first.rfind("module.", 0) == 0;
    if (allModule)
        for (auto &t : c.tensors)
            t.first = t.first.substr(7);
    if (c.tensors.empty())
        throw fileError(path, "holds no tensors");
    return c;
}

std::string LoadReport::summary() const
{
    std::ostringstream s;
    s << loaded << " tensors loaded";
    auto list = [&](const char *what, const std::vector<std::string> &v) {
        if (v.empty())
            return;
        s << "; " << v.size() << " " << what << ": ";
        for (std::size_t i = 0; i < v.size() && i < 4; ++i)
            s << (i ? ", " : "") << v[i];
        if (v.size() > 4)
            s << ", ...";
    };
    list("missing", missing);
    list("unexpected", unexpected);
    list("with another shape", mismatched);
    return s.str();
}

StateDict stateDictOf(models::NetworkImpl &model)
{
    // torchvision's order: each module's parameters, then its buffers, depth first.
    StateDict out;
    std::function<void(const std::string &, torch::nn::Module &)> walk =
        [&](const std::string &prefix, torch::nn::Module &m) {
            for (const auto &p : m.named_parameters(false))
                out.emplace_back(prefix + p.key(), p.value());
            for (const auto &b : m.named_buffers(false))
                out.emplace_back(prefix + b.key(), b.value());
            for (const auto &c : m.named_children())
                walk(prefix + c.key() + ".", *c.value());
        };
    walk("", model);
    return out;
}

int headClassesOf(const StateDict &tensors, const std::string &origin)
{
    for (auto it = tensors.rbegin(); it != tensors.rend(); ++it) {
        const std::string &name = it->first;
        if (it->second.dim() == 2 && name.size() > 7 &&
            name.compare(name.size() - 7, 7, ".weight") == 0) {
            const std::int64_t n = it->second.size(0);
            if (n < 2 || n > limits::kMaxClasses)
                throw fileError(origin, "its classifier '" + name + "' has " + std::to_string(n) +
                                            " outputs, not a class count TransferLab takes (2.." +
                                            std::to_string(limits::kMaxClasses) + ")");
            return int(n);
        }
    }
    return 1000;
}

LoadReport loadStateDict(models::NetworkImpl &model, const StateDict &tensors, bool strict,
                         const std::string &origin)
{
    LoadReport r;
    std::map<std::string, const torch::Tensor *> file;
    for (const auto &[k, v] : tensors)
        file[k] = &v;
    std::set<std::string> used;
    std::vector<std::pair<torch::Tensor, const torch::Tensor *>> copies;
    for (auto &[name, target] : stateDictOf(model)) {
        auto it = file.find(name);
        if (it == file.end()) {
            r.missing.push_back(name);
            continue;
        }
        used.insert(name);
        if (it->second->sizes() != target.sizes()) {
            r.mismatched.push_back(name + ": file " + shapeOf(*it->second) + " vs model " +
                                   shapeOf(target));
            continue;
        }
        copies.emplace_back(target, it->second);
    }
    for (const auto &[k, v] : tensors)
        if (!used.count(k))
            r.unexpected.push_back(k);
    if (strict && !r.complete())
        throw fileError(origin, "does not fit " + model.name() + ": " + r.summary());
    torch::NoGradGuard noGrad;
    for (auto &[target, source] : copies) {
        target.copy_(source->to(target.device(), target.scalar_type()));
        ++r.loaded;
    }
    return r;
}

void writeSafetensors(const StateDict &tensors, const std::string &path,
                      const std::map<std::string, std::string> &metadata)
{
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    std::vector<torch::Tensor> data;
    for (const auto &[name, t] : tensors) {
        torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
        std::string dtype;
        for (const auto &[k, v] : safetensorTypes())
            if (v.first == c.scalar_type())
                dtype = k;
        if (dtype.empty())
            throw Error("cannot write tensor '" + name + "' of this type to safetensors");
        const std::uint64_t bytes = std::uint64_t(c.numel()) * c.element_size();
        header[name] = {{"dtype", dtype},
                        {"shape", c.sizes().vec()},
                        {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        data.push_back(c);
    }
    std::string h = header.dump();
    h.append((8 - h.size() % 8) % 8,
             ' '); // keep the data 8-byte aligned, as the reference writer does
    writeAtomicWith(path, [&](const std::string &tmp) {
        std::ofstream out(tmp, std::ios::binary);
        const std::uint64_t n = h.size();
        out.write(reinterpret_cast<const char *>(&n), 8);
        out.write(h.data(), std::streamsize(h.size()));
        for (const auto &c : data)
            out.write(static_cast<const char *>(c.data_ptr()),
                      std::streamsize(std::uint64_t(c.numel()) * c.element_size()));
        if (!out.flush())
            throw fileError(path, "write failed");
    });
}

void exportStateDict(models::NetworkImpl &model, const std::string &path,
                     const std::map<std::string, std::string> &metadata)
{
    writeStateDict(stateDictOf(model), path, metadata);
}

void writeStateDict(const StateDict &sd, const std::string &path,
                    const std::map<std::string, std::string> &metadata)
{
    if (path.size() > 12 && path.compare(path.size() - 12, 12, ".safetensors") == 0) {
        writeSafetensors(sd, path, metadata);
        return;
    }
    c10::Dict<std::string, torch::Tensor> dict;
    for (const auto &[name, t] : sd)
        dict.insert(name, t.detach().to(torch::kCPU).contiguous());
    // What torch::pickle_save writes (torch.save's zip format), streamed to the file: pickle_save
    // builds the whole archive in a growing vector first, and for a 45 MB ResNet-18 the copies
    // and fresh pages cost more than the write (about 0.1 s per epoch, when model.pth is
    // rewritten after each one).
    std::vector<char> pickled;
    torch::jit::Pickler pickler(
        [&](const char *buf, std::size_t n) { pickled.insert(pickled.end(), buf, buf + n); });
    pickler.protocol();
    pickler.pushIValue(dict);
    pickler.stop();
    writeAtomicWith(path, [&](const std::string &tmp) {
        std::ofstream out(tmp, std::ios::binary);
        caffe2::serialize::PyTorchStreamWriter writer([&](const void *bytes, std::size_t n) {
            out.write(static_cast<const char *>(bytes), std::streamsize(n));
            return out ? n : std::size_t(0);
        });
        try {
            torch::jit::writeArchiveAndTensors("data", pickled.data(), pickled.size(),
                                               pickler.tensorData(), writer);
            writer.writeEndOfFile();
        } catch (const c10::Error &) {
            throw fileError(path, "write failed (disk full?)");
        }
        if (!out.flush())
            throw fileError(path, "write failed");
    });
}

} // namespace tl::weights
