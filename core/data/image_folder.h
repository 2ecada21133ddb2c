#pragma once

#include "data/cifar_reader.h"

#include <cstdint>
#include <string>

namespace tl::data {

struct ImageFolderOptions
{
    // Every image is stored at this size (square). 0: the size of the first image found; images
    // of another size are resized to it.
    int imageSize = 0;
    // Used when the folder has no test/ (or val/) subfolder: this stratified fraction of each
    // class is held out as the test set.
    double testFraction = 0.2;
    std::uint64_t seed = 0;
};

// One subfolder per class (names sorted, as torchvision's ImageFolder does). Either
// ROOT/train/<class>/* and ROOT/test/<class>/* (or ROOT/val/<class>/*), or ROOT/<class>/*.
// Every file with an image extension must decode; other files are ignored.
TrainTest readImageFolder(const std::string &root, const ImageFolderOptions &options);

bool hasImageExtension(const std::string &path);

} // namespace tl::data
