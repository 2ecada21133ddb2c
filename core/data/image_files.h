#pragma once

// A dataset of image files that is not decoded up front (image folders, CSV-described datasets):
// the listing holds paths and labels, and the images are decoded, prepared as torchvision
// prepares them and augmented on the loader's threads while the model trains. Decoded images
// are kept only within a memory budget. No OpenCV here: the window includes this header.

#include "data/rng.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tl::data {

// A file left out of a dataset, and why. `reason` is one of the words below (the counts in the
// messages group by it); `detail` says more.
struct SkippedFile
{
    std::string path;
    std::string reason;
    std::string detail;
};

namespace skip {
inline constexpr const char *kEmpty = "empty";
inline constexpr const char *kNotImage = "not an image";
inline constexpr const char *kTruncated = "truncated";
inline constexpr const char *kUnsupported = "unsupported format";
inline constexpr const char *kTooLarge = "too large";
inline constexpr const char *kUnreadable = "unreadable";
inline constexpr const char *kMissing = "missing";
inline constexpr const char *kUndecodable = "cannot decode";
} // namespace skip

// The cheap checks made while listing (the file's size, its first and last bytes: a known image
// signature, a JPEG's end-of-image marker, a PNG's IEND): why the file cannot be a usable image,
// or nothing when it may be one (decoding decides the rest).
std::optional<SkippedFile> checkImageFile(const std::string &path);

// The side evaluation resizes the shorter side to before the centre crop: torchvision's
// Resize(256) + CenterCrop(224), i.e. crop / 0.875, rounded.
int resizeSideFor(int crop);

// The side a streamed dataset's images are shown and stored at when nothing asks for another
// (the ImageNet backbones' input).
inline constexpr int kDefaultStreamedSize = 224;
// The default memory budget of the decoded-image cache (data.cache_mib).
inline constexpr int kDefaultImageCacheMiB = 1024;

// "Skipped 9 of 186 files: 3 empty, 3 not images, 3 truncated - see SEE_ALSO" (the run folder's
// list of them; "": no pointer); empty when nothing was skipped.
std::string skippedSummary(const std::vector<SkippedFile> &skipped, std::size_t files,
                           const std::string &seeAlso);
// path,reason,detail (written to a temporary name and renamed).
void writeSkippedCsv(const std::string &file, const std::vector<SkippedFile> &skipped);

// The decoder and cache shared by a streamed dataset's splits. Thread-safe. A file that fails to
// decode is recorded once (skipped()) and refused from then on, so every pass leaves out the same
// files.
class ImageFiles
{
public:
    explicit ImageFiles(std::uint64_t cacheBytes);
    ~ImageFiles();
    ImageFiles(const ImageFiles &) = delete;
    ImageFiles &operator=(const ImageFiles &) = delete;

    // Evaluation: decoded (EXIF orientation applied), RGB 8-bit, the shorter side resized to
    // resizeSideFor(size) with Pillow's bilinear filter, the centre size x size: size*size*3
    // bytes into `out`. False when the file cannot be used (then recorded).
    bool evaluationImage(const std::string &path, int size, std::uint8_t *out) const;
    // Training with augmentation: torchvision's RandomResizedCrop(size) (scale 0.08-1, ratio
    // 3/4-4/3) drawn from `rng` on the image resized as for evaluation, the box resized to
    // size x size with the same filter.
    bool trainingImage(const std::string &path, int size, Rng &rng, std::uint8_t *out) const;

    bool broken(const std::string &path) const;
    std::vector<SkippedFile> skipped() const; // found while decoding, in the order found
    std::uint64_t cacheBudget() const;
    // Changes the budget for what is decoded from now on (what is cached stays): a pass that
    // reads every image once (a frozen backbone's features) sets 0 and puts it back after.
    void setCacheBudget(std::uint64_t bytes);
    std::uint64_t cachedBytes() const;
    std::size_t cachedImages() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tl::data
