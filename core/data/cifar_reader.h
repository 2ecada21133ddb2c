#pragma once

#include "data/image_store.h"
#include "io/files.h"

#include <string>

namespace tl::data {

struct TrainTest
{
    ImageStore train;
    ImageStore test;
};

enum class CifarVariant { Cifar10, Cifar100Fine, Cifar100Coarse };

// The binary versions as published: a `cifar-10-batches-bin` / `cifar-100-binary` folder (or the
// folder holding it), or the `cifar-10-binary.tar.gz` / `cifar-100-binary.tar.gz` archive.
// CIFAR-10 records are <1 x label><3072 x pixel>, CIFAR-100 records <1 x coarse><1 x fine><3072>;
// pixels are stored as three 32x32 planes (R, G, B), converted here to HWC.
TrainTest readCifar(const std::string &source, CifarVariant variant);

// Appends the records of one batch file (`labelBytes` 1 or 2, the label at `labelIndex`) to
// `store`, whose classNames are set; tl::Error naming `origin` for a truncated record or a label
// out of range.
void parseCifarBatch(ImageStore &store, const Bytes &data, const std::string &origin,
                     std::size_t labelBytes, std::size_t labelIndex);

} // namespace tl::data
