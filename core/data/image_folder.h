#pragma once

#include "data/image_files.h"
#include "data/image_store.h"
#include "io/files.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl::data {

struct ImageFolderOptions
{
    // The side the images are shown at (ImageStore::height/width; the loader prepares them at
    // the model's size). 0: kDefaultStreamedSize.
    int imageSize = 0;
    // Used when the data names no test split: this stratified fraction of each class is held
    // out as the test set.
    double testFraction = 0.2;
    std::uint64_t seed = 0;
    std::uint64_t cacheBytes = std::uint64_t(kDefaultImageCacheMiB) << 20;
};

// A dataset of image files, listed (not decoded): streamed stores sharing one decoder.
struct FileDataset
{
    ImageStore train;
    ImageStore test;
    ImageStore val; // a CSV's "val" rows when it also has "test" rows; else empty
    bool hasVal = false;
    std::vector<SkippedFile> skipped; // left out while listing
    std::size_t files = 0;            // files with image names (folders) or rows (CSV) seen
    std::shared_ptr<ImageFiles> images;
};

// One subfolder per class (names sorted, as torchvision's ImageFolder does). Either
// ROOT/train/<class>/* and ROOT/test/<class>/* (or ROOT/val/<class>/*), or ROOT/<class>/*.
// Files with an image extension are listed, nested folders included; hidden files and folders
// are ignored, folder symlinks are not followed (no loops). A file that cannot be an image
// (checkImageFile) is left out and listed in `skipped`; a class or dataset left without any
// image is refused, naming it. Nothing is decoded here.
FileDataset readImageFolder(const std::string &root, const ImageFolderOptions &options);

// A dataset described by a CSV file: `path,label[,split]` per line (an optional header line
// naming the columns), paths relative to the CSV's folder, split train (or empty), val or test.
// The files are checked as in a folder; a malformed row is refused naming its line.
FileDataset readImageCsv(const std::string &csvPath, const ImageFolderOptions &options);

struct ImageCsvRow
{
    std::string path, label, split; // split: "train", "val" or "test"
    std::size_t line = 0;
};
// The rows of a dataset CSV, checked (columns, empty cells, split names, a path listed twice);
// no file is touched. tl::Error naming `origin` and the line.
std::vector<ImageCsvRow> parseImageCsv(const Bytes &data, const std::string &origin);

bool hasImageExtension(const std::string &path);

} // namespace tl::data
