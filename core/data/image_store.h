#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl::data {

class ImageFiles;

// Images kept as they came: uint8, N x H x W x C, channel order RGB (or one gray channel).
// Never float at rest; the loader converts a batch at a time.
// A streamed store (image folders, CSV datasets) holds no pixels: `files` decodes each image
// from `sourcePaths` when it is needed (image_files.h), and height x width x channels is the
// size it is shown at (pixelsOf); the loader prepares it at the model's size.
struct ImageStore
{
    int height = 0;
    int width = 0;
    int channels = 0;
    std::vector<std::uint8_t> pixels;
    std::vector<std::int64_t> labels;
    std::vector<std::string> classNames;
    // Position of each image in the split it was read from (the test set's index is what
    // predictions.csv reports, so rows can be traced back to the original file).
    std::vector<std::int64_t> sourceIndex;
    // The file each image was read from (image folders; empty for the built-in datasets).
    std::vector<std::string> sourcePaths;
    std::shared_ptr<ImageFiles> files; // set: streamed

    bool streamed() const { return files != nullptr; }
    std::size_t size() const { return labels.size(); }
    bool empty() const { return labels.empty(); }
    int numClasses() const { return static_cast<int>(classNames.size()); }
    std::size_t imageBytes() const
    {
        return static_cast<std::size_t>(height) * static_cast<std::size_t>(width) *
               static_cast<std::size_t>(channels);
    }
    // In-memory stores only (a streamed store has no pixels: use pixelsOf).
    const std::uint8_t *image(std::size_t i) const { return pixels.data() + i * imageBytes(); }
    std::uint8_t *image(std::size_t i) { return pixels.data() + i * imageBytes(); }
    // Image i, height x width x channels: a copy, or for a streamed store the file prepared for
    // evaluation (mid-grey when the file cannot be decoded; it is then recorded as skipped).
    std::vector<std::uint8_t> pixelsOf(std::size_t i) const;

    // Allocates room for n images of the store's shape (labels zeroed, sourceIndex 0..n-1).
    void resize(std::size_t n);
    // A new store with the images at `indices`, in that order.
    ImageStore subset(const std::vector<std::size_t> &indices) const;
    std::vector<std::size_t> classCounts() const;
    // Throws tl::Error naming `origin` if a label is outside [0, numClasses).
    void checkLabels(const std::string &origin) const;
    // Which images with which labels, in any order: 16 hex digits of the SHA-256 of the sorted
    // (file or source index, class name) pairs. Two runs tested on stores with the same
    // identity were tested on the same images with the same labels (summary.json's test_set).
    std::string identity() const;
};

} // namespace tl::data
