#include "data/autoaugment.h"

#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>

namespace tl::data {

namespace {

using Op = AutoAugmentOp;

struct Step
{
    Op op;
    double probability;
    int bin; // -1: the operation takes no magnitude
};

// torchvision/transforms/autoaugment.py, AutoAugmentPolicy.CIFAR10
const std::array<std::array<Step, 2>, 25> kCifar10Policy = {{
    {{{Op::Invert, 0.1, -1}, {Op::Contrast, 0.2, 6}}},
    {{{Op::Rotate, 0.7, 2}, {Op::TranslateX, 0.3, 9}}},
    {{{Op::Sharpness, 0.8, 1}, {Op::Sharpness, 0.9, 3}}},
    {{{Op::ShearY, 0.5, 8}, {Op::TranslateY, 0.7, 9}}},
    {{{Op::AutoContrast, 0.5, -1}, {Op::Equalize, 0.9, -1}}},
    {{{Op::ShearY, 0.2, 7}, {Op::Posterize, 0.3, 7}}},
    {{{Op::Color, 0.4, 3}, {Op::Brightness, 0.6, 7}}},
    {{{Op::Sharpness, 0.3, 9}, {Op::Brightness, 0.7, 9}}},
    {{{Op::Equalize, 0.6, -1}, {Op::Equalize, 0.5, -1}}},
    {{{Op::Contrast, 0.6, 7}, {Op::Sharpness, 0.6, 5}}},
    {{{Op::Color, 0.7, 7}, {Op::TranslateX, 0.5, 8}}},
    {{{Op::Equalize, 0.3, -1}, {Op::AutoContrast, 0.4, -1}}},
    {{{Op::TranslateY, 0.4, 3}, {Op::Sharpness, 0.2, 6}}},
    {{{Op::Brightness, 0.9, 6}, {Op::Color, 0.2, 8}}},
    {{{Op::Solarize, 0.5, 2}, {Op::Invert, 0.0, -1}}},
    {{{Op::Equalize, 0.2, -1}, {Op::AutoContrast, 0.6, -1}}},
    {{{Op::Equalize, 0.2, -1}, {Op::Equalize, 0.6, -1}}},
    {{{Op::Color, 0.9, 9}, {Op::Equalize, 0.6, -1}}},
    {{{Op::AutoContrast, 0.8, -1}, {Op::Solarize, 0.2, 8}}},
    {{{Op::Brightness, 0.1, 3}, {Op::Color, 0.7, 0}}},
    {{{Op::Solarize, 0.4, 5}, {Op::AutoContrast, 0.9, -1}}},
    {{{Op::TranslateY, 0.9, 9}, {Op::TranslateY, 0.7, 9}}},
    {{{Op::AutoContrast, 0.9, -1}, {Op::Solarize, 0.8, 3}}},
    {{{Op::Equalize, 0.8, -1}, {Op::Invert, 0.1, -1}}},
    {{{Op::TranslateY, 0.7, 9}, {Op::AutoContrast, 0.9, -1}}},
}};

double linspace(double lo, double hi, int bin)
{
    return lo + (hi - lo) * bin / 9.0;
}

// Magnitude of `bin` (0..9) in the operation's unit, and whether it takes a random sign.
std::pair<double, bool> magnitudeOf(Op op, int bin, const cv::Mat &img)
{
    switch (op) {
    case Op::ShearX:
    case Op::ShearY:
        return {linspace(0.0, 0.3, bin), true};
    case Op::TranslateX:
        return {linspace(0.0, 150.0 / 331.0 * img.cols, bin), true};
    case Op::TranslateY:
        return {linspace(0.0, 150.0 / 331.0 * img.rows, bin), true};
    case Op::Rotate:
        return {linspace(0.0, 30.0, bin), true};
    case Op::Brightness:
    case Op::Color:
    case Op::Contrast:
    case Op::Sharpness:
        return {linspace(0.0, 0.9, bin), true};
    case Op::Posterize:
        return {8.0 - std::round(bin / (9.0 / 4.0)), false};
    case Op::Solarize:
        return {linspace(255.0, 0.0, bin), false};
    default:
        return {0.0, false};
    }
}

cv::Mat grayOf(const cv::Mat &img)
{
    if (img.channels() == 1)
        return img;
    cv::Mat g;
    cv::cvtColor(img, g, cv::COLOR_RGB2GRAY);
    return g;
}

// out = a * factor + b * (1 - factor), saturated to uint8 (PIL's ImageEnhance blend).
void blend(cv::Mat &img, const cv::Mat &degenerate, double factor)
{
    cv::Mat out;
    cv::addWeighted(img, factor, degenerate, 1.0 - factor, 0.0, out);
    img = out;
}

void affine(cv::Mat &img, const cv::Mat &m)
{
    cv::Mat out;
    cv::warpAffine(img, out, m, img.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT,
                   cv::Scalar::all(0));
    img = out;
}

} // namespace

namespace {

// PIL's SMOOTH filter; the one-pixel border keeps the original values.
cv::Mat smoothed(const cv::Mat &img)
{
    const cv::Mat k = (cv::Mat_<float>(3, 3) << 1, 1, 1, 1, 5, 1, 1, 1, 1) / 13.0f;
    cv::Mat smooth;
    cv::filter2D(img, smooth, -1, k, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
    if (img.rows > 2 && img.cols > 2) {
        cv::Mat inner = smooth.clone();
        img.row(0).copyTo(inner.row(0));
        img.row(img.rows - 1).copyTo(inner.row(img.rows - 1));
        img.col(0).copyTo(inner.col(0));
        img.col(img.cols - 1).copyTo(inner.col(img.cols - 1));
        smooth = inner;
    }
    return smooth;
}

template <typename F> void perChannel(cv::Mat &img, F f)
{
    std::vector<cv::Mat> ch;
    cv::split(img, ch);
    for (auto &c : ch)
        f(c);
    cv::merge(ch, img);
}

} // namespace

void applyAutoAugmentOp(cv::Mat &img, Op op, double magnitude)
{
    switch (op) {
    case Op::ShearX: // x_out = x_in + m * y_in
        affine(img, (cv::Mat_<double>(2, 3) << 1, magnitude, 0, 0, 1, 0));
        break;
    case Op::ShearY:
        affine(img, (cv::Mat_<double>(2, 3) << 1, 0, 0, magnitude, 1, 0));
        break;
    case Op::TranslateX:
        affine(img, (cv::Mat_<double>(2, 3) << 1, 0, std::trunc(magnitude), 0, 1, 0));
        break;
    case Op::TranslateY:
        affine(img, (cv::Mat_<double>(2, 3) << 1, 0, 0, 0, 1, std::trunc(magnitude)));
        break;
    case Op::Rotate: {
        const cv::Point2f c(img.cols * 0.5f - 0.5f, img.rows * 0.5f - 0.5f);
        affine(img, cv::getRotationMatrix2D(c, magnitude, 1.0));
        break;
    }
    case Op::Brightness:
        blend(img, cv::Mat::zeros(img.size(), img.type()), 1.0 + magnitude);
        break;
    case Op::Color: {
        if (img.channels() == 1)
            break;
        cv::Mat g3;
        cv::cvtColor(grayOf(img), g3, cv::COLOR_GRAY2RGB);
        blend(img, g3, 1.0 + magnitude);
        break;
    }
    case Op::Contrast: {
        const double mean = cv::mean(grayOf(img))[0];
        blend(img, cv::Mat(img.size(), img.type(), cv::Scalar::all(std::floor(mean + 0.5))),
              1.0 + magnitude);
        break;
    }
    case Op::Sharpness:
        blend(img, smoothed(img), 1.0 + magnitude);
        break;
    case Op::Posterize: {
        const int bits = static_cast<int>(magnitude);
        const auto mask = static_cast<std::uint8_t>(~((1 << (8 - bits)) - 1));
        cv::bitwise_and(img, cv::Scalar::all(mask), img);
        break;
    }
    case Op::Solarize: {
        cv::Mat inv = 255 - img;
        cv::Mat mask = img >= magnitude;
        inv.copyTo(img, mask);
        break;
    }
    case Op::AutoContrast:
        perChannel(img, [](cv::Mat &c) {
            double lo, hi;
            cv::minMaxLoc(c, &lo, &hi);
            if (hi > lo)
                c.convertTo(c, -1, 255.0 / (hi - lo), -lo * 255.0 / (hi - lo));
        });
        break;
    case Op::Equalize:
        perChannel(img, [](cv::Mat &c) { cv::equalizeHist(c, c); });
        break;
    case Op::Invert:
        img = 255 - img;
        break;
    }
}

void autoAugmentCifar10(cv::Mat &img, Rng &rng)
{
    const auto &policy = kCifar10Policy[rng.below(kCifar10Policy.size())];
    for (const Step &s : policy) {
        const double p = rng.uniform();
        const bool negative = rng.chance(0.5);
        if (p > s.probability)
            continue;
        double magnitude = 0.0;
        if (s.bin >= 0) {
            bool signed_ = false;
            std::tie(magnitude, signed_) = magnitudeOf(s.op, s.bin, img);
            if (signed_ && negative)
                magnitude = -magnitude;
        }
        applyAutoAugmentOp(img, s.op, magnitude);
    }
}

} // namespace tl::data
