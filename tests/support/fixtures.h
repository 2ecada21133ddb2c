#pragma once

// Writers for small, generated dataset files (and broken variants of them).

#include <cstdint>
#include <string>
#include <vector>

namespace tl::test {

using Bytes = std::vector<std::uint8_t>;

Bytes idxImages(int n, int rows, int cols, std::uint32_t magic = 0x00000803);
Bytes idxLabels(const std::vector<std::uint8_t> &labels, std::uint32_t magic = 0x00000801);
Bytes gzip(const Bytes &raw);
Bytes tar(const std::vector<std::pair<std::string, Bytes>> &files);

// One CIFAR-10 record per label; pixel values derived from (record, channel, position).
Bytes cifar10Records(const std::vector<std::uint8_t> &labels);
Bytes cifar100Records(const std::vector<std::pair<std::uint8_t, std::uint8_t>> &coarseFine);
std::uint8_t cifarPixel(int record, int channel, int pos);

void writeBytes(const std::string &path, const Bytes &b);
void writeText(const std::string &path, const std::string &s);

// Writes a CIFAR-10 binary folder with `perBatch` records in each of the 5 train batches and
// the test batch, plus batches.meta.txt. Labels cycle 0..9.
void writeCifar10Folder(const std::string &folder, int perBatch);

// A small Fashion-MNIST-shaped IDX folder (gz) with n train / m test images.
void writeIdxFolder(const std::string &folder, int nTrain, int nTest, bool gz = true);

} // namespace tl::test
