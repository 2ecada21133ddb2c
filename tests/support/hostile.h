#pragma once

// Builders for checkpoint-shaped bytes (pickles, zip archives, PyTorch's zip and legacy formats,
// safetensors) and the catalogue of hostile inputs that the regression tests, the CLI test and
// the fuzzers' seed corpora share. Every input is generated at test time and small on disk.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tl::test {

using Bytes = std::vector<std::uint8_t>;

// Protocol-2 pickle opcodes, appended one call at a time.
class PickleWriter
{
public:
    PickleWriter();
    PickleWriter &op(char c);
    PickleWriter &raw(const Bytes &b);
    PickleWriter &str(const std::string &s);          // BINUNICODE
    PickleWriter &integer(std::int64_t v);            // BININT or LONG1
    PickleWriter &global(const std::string &module, const std::string &name);
    PickleWriter &put(std::uint32_t memo);            // LONG_BINPUT
    PickleWriter &get(std::uint32_t memo);            // LONG_BINGET
    PickleWriter &intTuple(const std::vector<std::int64_t> &v);
    // _rebuild_tensor_v2(storage(key, numel), offset, size, stride, False, OrderedDict())
    PickleWriter &tensor(const std::string &key, std::int64_t storageNumel, std::int64_t offset,
                         const std::vector<std::int64_t> &size,
                         const std::vector<std::int64_t> &stride,
                         const std::string &storageType = "FloatStorage");
    Bytes stop(); // appends STOP and returns the bytes

private:
    Bytes m_b;
};

struct ZipMember
{
    std::string name;
    Bytes data;
    bool deflate = false;
};
// Knobs for damaged archives: values written into the central directory instead of the truth.
struct ZipLies
{
    bool zip64 = false;                  // write a ZIP64 end record and locator
    std::uint64_t zip64RecordOffset = 0; // lie about where the ZIP64 record is (0: truth)
    std::uint64_t dirOffset = 0;         // (0: truth)
    std::uint64_t dirSize = 0;           // (0: truth)
    std::int64_t entryCount = -1;        // (-1: truth)
    std::uint64_t declaredSize = 0;      // of the first member (0: truth)
    std::uint64_t compressedSize = 0;    // of the first member (0: truth)
    std::uint64_t headerOffset = 0;      // of the first member (0: truth)
    Bytes firstExtra;                    // extra field of the first member's directory entry
};
Bytes zipArchive(const std::vector<ZipMember> &members, const ZipLies &lies = {});

// A PyTorch zip checkpoint (archive/data.pkl + archive/data/KEY) from a pickle and storages.
Bytes torchZip(const Bytes &pickle, const std::vector<std::pair<std::string, Bytes>> &storages,
               const ZipLies &lies = {});
// A valid state dict {"w": float32 tensor of `values`} in the zip format.
Bytes validTorchZip(const std::vector<float> &values);
// The legacy (pre-1.6) format: magic, protocol, sys info, the pickle, storage keys, storages.
Bytes legacyCheckpoint(const Bytes &pickle, const std::vector<std::string> &keys,
                       const std::vector<std::pair<std::int64_t, Bytes>> &storages);
Bytes validLegacy(const std::vector<float> &values);
// safetensors: 8-byte header length, the JSON header, the data.
Bytes safetensors(const std::string &headerJson, const Bytes &data);
Bytes validSafetensors(const std::vector<float> &values);

Bytes gzipBytes(const Bytes &raw);
// A POSIX tar with one member and a raw 12-byte size field (to write lies into it).
Bytes tarWithSizeField(const std::string &name, const Bytes &data, const Bytes &sizeField);

// One hostile input: the files it needs (written under a folder), how the CLI is pointed at
// it, and what the refusal must name.
struct HostileCase
{
    std::string name;  // also the file's base name
    int category = 0;  // the class of bug in issue 10 (1: wrapping arithmetic ... 7: non-seekable)
    std::vector<std::string> cliArgs; // {FILE} replaced by the file's path, {DIR} by the folder
    std::string mustMention;          // a fragment of the one-line error (besides the file name)
    std::function<void(const std::string &dir)> write; // writes its files into dir
    std::string file;                                   // relative to dir: what the error names
};
std::vector<HostileCase> hostileCases();

} // namespace tl::test
