#include "data/image_preprocess.h"

#include "data/image_decode.h"
#include "data/image_files.h"
#include "base/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace tl::data {

std::vector<float> loadForClassification(const std::string &path, int resize, int crop,
                                         const std::array<float, 3> &mean,
                                         const std::array<float, 3> &std)
{
    cv::Mat img = decodeRgb(path);
    // torchvision's Resize(int): the shorter side becomes `resize`, the other keeps the ratio.
    const bool portrait = img.rows > img.cols;
    int shortSide = portrait ? img.cols : img.rows, longSide = portrait ? img.rows : img.cols;
    // Only the middle `crop` of the long side survives the center crop: for a very elongated
    // image, cut the source to that part (and a margin for the filter) before resizing, rather
    // than enlarge all of it (a 1 x 1,000,000 image would need 196 GB).
    const double scale = double(resize) / double(shortSide);
    if (double(longSide) * scale > 4.0 * std::max(resize, crop)) {
        const int keep = std::min(longSide, int(std::ceil(std::max(resize, crop) / scale)) +
                                                2 * int(std::ceil(1 / scale)) + 4);
        const int from = (longSide - keep) / 2;
        img = (portrait ? img(cv::Rect(0, from, img.cols, keep))
                        : img(cv::Rect(from, 0, keep, img.rows)))
                  .clone();
        longSide = keep;
    }
    const int newLong = int(double(resize) * double(longSide) / double(shortSide));
    const cv::Size size = portrait ? cv::Size(resize, newLong) : cv::Size(newLong, resize);
    if (size != img.size())
        cv::resize(img, img, size, 0, 0, size.width < img.cols ? cv::INTER_AREA : cv::INTER_LINEAR);
    if (img.cols < crop || img.rows < crop)
        cv::resize(img, img, cv::Size(std::max(crop, img.cols), std::max(crop, img.rows)), 0, 0,
                   cv::INTER_LINEAR);
    // CenterCrop: torchvision rounds the offsets.
    const int top = int(std::lround((img.rows - crop) / 2.0)),
              left = int(std::lround((img.cols - crop) / 2.0));
    const cv::Mat c = img(cv::Rect(left, top, crop, crop));
    std::vector<float> out(std::size_t(3) * crop * crop);
    const std::size_t plane = std::size_t(crop) * crop;
    for (int y = 0; y < crop; ++y) {
        const auto *row = c.ptr<std::uint8_t>(y);
        for (int x = 0; x < crop; ++x)
            for (int k = 0; k < 3; ++k)
                out[std::size_t(k) * plane + std::size_t(y) * crop + x] =
                    (row[3 * x + k] / 255.f - mean[k]) / std[k];
    }
    return out;
}

std::string describeTrainingResize(bool fromFiles, int storedSize, int imageSize)
{
    const std::string wanted = std::to_string(imageSize) + " x " + std::to_string(imageSize);
    if (fromFiles) {
        const int side = resizeSideFor(imageSize);
        return "each image file decoded by OpenCV 4 (libjpeg-turbo for JPEG, EXIF orientation "
               "applied), converted to RGB 8-bit (gray replicated, alpha dropped, CMYK converted, "
               "16-bit scaled to 8 bits); the shorter side resized to " +
               std::to_string(side) + " and the longer to int(" + std::to_string(side) +
               " * long / short) with Pillow's BILINEAR filter (torchvision's Resize(" +
               std::to_string(side) +
               ") on a PIL image: a triangle filter whose support grows with the reduction, "
               "so antialiased; 22-bit fixed-point weights, horizontal pass first, each pass "
               "rounded to 8 bits; skipped when the shorter side is already " +
               std::to_string(side) +
               "). Evaluation, and training without augmentation: the centre " + wanted +
               " (torchvision's CenterCrop(" + std::to_string(imageSize) +
               "): offsets round((side - " + std::to_string(imageSize) +
               ") / 2), halves to even). Training with augmentation: torchvision's "
               "RandomResizedCrop(" +
               std::to_string(imageSize) +
               ", scale=(0.08, 1), ratio=(3/4, 4/3)) drawn on that resized image (not on the "
               "file's full resolution), the box resized to " +
               wanted +
               " with the same Pillow BILINEAR, then the augmentations in config.json. Then "
               "pixel / 255, minus mean, over std.";
    }
    const std::string stored = std::to_string(storedSize) + " x " + std::to_string(storedSize);
    if (storedSize == imageSize)
        return "none: the images are used at their stored " + stored;
    // INTER_LINEAR is bilinear with pixel centres aligned (align_corners=False) and without
    // antialiasing.
    return "OpenCV 4 cv::resize on 8-bit pixels, the result rounded to 8 bits (INTER_LINEAR: "
           "bilinear, align_corners=False, no antialiasing): " +
           stored + " to " + wanted + " with INTER_LINEAR";
}

std::vector<float> loadLikeTraining(const std::string &path, int size, int channels,
                                    const std::array<float, 3> &mean,
                                    const std::array<float, 3> &std)
{
    // Always as colour: the conversion to the model's channels happens in one place, the same
    // for files, webcam frames and images the window decoded.
    const cv::Mat img = decodeRgb(path);
    return preprocessLikeTraining(img.data, img.rows, img.cols, 3, int(img.step), size, channels,
                                  mean, std);
}

std::vector<float> preprocessLikeTraining(const std::uint8_t *pixels, int height, int width,
                                          int pixelChannels, int rowBytes, int size, int channels,
                                          const std::array<float, 3> &mean,
                                          const std::array<float, 3> &std)
{
    if (!pixels || height <= 0 || width <= 0 || (pixelChannels != 1 && pixelChannels != 3))
        throw Error("an image needs 1 or 3 channels and a positive size");
    cv::Mat img(height, width, pixelChannels == 1 ? CV_8UC1 : CV_8UC3,
                const_cast<std::uint8_t *>(pixels), std::size_t(rowBytes));
    if (pixelChannels == 3 && channels == 1)
        cv::cvtColor(img, img, cv::COLOR_RGB2GRAY);
    else if (pixelChannels == 1 && channels == 3)
        cv::cvtColor(img, img, cv::COLOR_GRAY2RGB);
    if (img.rows != size || img.cols != size)
        cv::resize(img, img, cv::Size(size, size), 0, 0,
                   img.rows > size || img.cols > size ? cv::INTER_AREA : cv::INTER_LINEAR);
    std::vector<float> out(std::size_t(channels) * size * size);
    const std::size_t plane = std::size_t(size) * size;
    for (int y = 0; y < size; ++y) {
        const auto *row = img.ptr<std::uint8_t>(y);
        for (int x = 0; x < size; ++x)
            for (int k = 0; k < channels; ++k)
                out[std::size_t(k) * plane + std::size_t(y) * size + x] =
                    (row[channels * x + k] / 255.f - mean[std::size_t(k)]) / std[std::size_t(k)];
    }
    return out;
}

} // namespace tl::data
