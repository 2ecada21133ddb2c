#pragma once

#include "data/image_store.h"
#include "io/files.h"

#include <string>

namespace tl::data {

// IDX files as published for MNIST and Fashion-MNIST (raw or gzip-compressed).
// Images: magic 0x00000803, N x rows x cols uint8. Labels: magic 0x00000801, N uint8.
ImageStore readIdx(const std::string &imagesPath, const std::string &labelsPath,
                   const std::vector<std::string> &classNames);
// The same from bytes already in memory (inflated); the paths name them in errors.
ImageStore parseIdx(const Bytes &images, const std::string &imagesOrigin, const Bytes &labels,
                    const std::string &labelsOrigin, const std::vector<std::string> &classNames);

// Finds "<prefix>-images-idx3-ubyte[.gz]" and "<prefix>-labels-idx1-ubyte[.gz]" in `folder`
// (prefix "train" or "t10k"). tl::Error listing what was looked for when absent.
ImageStore readIdxFolder(const std::string &folder, const std::string &prefix,
                         const std::vector<std::string> &classNames);

const std::vector<std::string> &fashionMnistClassNames();
const std::vector<std::string> &mnistClassNames();

} // namespace tl::data
