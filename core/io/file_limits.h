#pragma once

// What TransferLab accepts from a file, in one place. Every number read from a checkpoint, an
// archive, a dataset or a run folder is checked against the real buffer and against these
// ceilings before anything is allocated from it. A file that exceeds one gets a tl::Error naming
// the limit (see limitError), never a crash or an allocation the machine cannot afford.
//
// The values are "generous for any real file, small enough that a hostile one cannot exhaust a
// laptop": together they keep the peak memory of reading any single file under about 2 GB.

#include "base/error.h"

#include <cstdint>
#include <string>

namespace tl::limits {

constexpr std::uint64_t KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

// Nesting of containers in a pickle and of arrays/objects in a JSON file (run folders, configs,
// safetensors headers, state files). Real files nest fewer than 10 levels.
constexpr int kMaxNesting = 1000;

// A whole file read into memory (checkpoints, archives, dataset files). torchvision's largest
// checkpoint (vgg19) is 548 MiB.
constexpr std::uint64_t kMaxFileBytes = 1 * GiB;
// A zip member after inflating (allocated once, at its checked declared size).
constexpr std::uint64_t kMaxInflatedBytes = 1 * GiB;
// A gzip stream after inflating (CIFAR-10's tar is 178 MiB); its output grows by doubling, so
// the peak while inflating is 1.5 times this.
constexpr std::uint64_t kMaxGunzipBytes = 512 * MiB;
// Deflate cannot compress better than about 1032:1; a member that claims more is damaged.
constexpr std::uint64_t kMaxDeflateRatio = 1032;

// Pickles: values created, container items held in total (copies included), memo entries.
// A densenet201 state dict creates about 12,000 values.
constexpr std::uint64_t kMaxPickleValues = 2'000'000;
constexpr std::uint64_t kMaxPickleItems = 16'000'000;
constexpr std::uint64_t kMaxPickleMemo = 2'000'000;
// Dimensions of one tensor.
constexpr int kMaxTensorDims = 16;
// A safetensors header (the JSON before the data).
constexpr std::uint64_t kMaxSafetensorsHeader = 100 * MiB;

// Images: a side, and the pixels of one decoded image (8k x 8k).
constexpr int kMaxImageSide = 16384;
constexpr std::uint64_t kMaxImagePixels = 64ull * 1024 * 1024;
// Decoded images a folder dataset may keep in memory.
constexpr std::uint64_t kMaxImageStoreBytes = 1536 * MiB;
// Classes of a dataset or a model (a confusion matrix has classes^2 cells).
constexpr int kMaxClasses = 10000;
// The side of a model's input image, and of a dataset's resize target.
constexpr int kMaxInputSize = 2048;
// Lines of one CSV file in a run folder (predictions.csv: one per test image), and its size.
constexpr std::uint64_t kMaxCsvRows = 10'000'000;
constexpr std::uint64_t kMaxCsvBytes = 64 * MiB;

// Downloads: a file whose size the catalog does not know may not exceed this.
constexpr std::uint64_t kMaxDownloadBytes = 4 * GiB;

} // namespace tl::limits

namespace tl {

// "ORIGIN: WHAT is N, over TransferLab's limit of LIMIT (limits.h: NAME)"
Error limitError(const std::string &origin, const std::string &what, std::uint64_t value,
                 std::uint64_t limit);

} // namespace tl
