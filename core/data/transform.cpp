#include "data/transform.h"

#include "data/autoaugment.h"
#include "data/image_files.h"
#include "base/error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace tl::data {

void channelStatistics(const ImageStore &store, std::array<float, 3> &mean,
                       std::array<float, 3> &std)
{
    const int c = store.channels;
    std::array<double, 3> sum{}, sq{};
    const std::vector<std::uint8_t> *pixels = &store.pixels;
    std::vector<std::uint8_t> sample;
    if (store.streamed()) {
        const std::size_t n = std::min(store.size(), kStatisticsSample);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t row = i * store.size() / n;
            if (store.files->broken(store.sourcePaths[row]))
                continue;
            const auto px = store.pixelsOf(row);
            if (!store.files->broken(store.sourcePaths[row]))
                sample.insert(sample.end(), px.begin(), px.end());
        }
        pixels = &sample;
    }
    const std::size_t n = pixels->size();
    for (std::size_t i = 0; i < n; i += static_cast<std::size_t>(c)) {
        for (int k = 0; k < c; ++k) {
            const double v = (*pixels)[i + static_cast<std::size_t>(k)] / 255.0;
            sum[k] += v;
            sq[k] += v * v;
        }
    }
    const double count = c > 0 ? double(n / static_cast<std::size_t>(c)) : 0.0;
    for (int k = 0; k < 3; ++k) {
        const int src = std::min(k, c - 1);
        const double m = count > 0 ? sum[src] / count : 0.0;
        const double var = count > 0 ? std::max(sq[src] / count - m * m, 0.0) : 1.0;
        mean[k] = static_cast<float>(m);
        std[k] = static_cast<float>(var > 1e-12 ? std::sqrt(var) : 1.0);
    }
}

PreprocessOptions resolvePreprocess(PreprocessOptions o, const ImageStore &train)
{
    switch (o.normalization) {
    case Normalization::Auto:
        o.normalization = Normalization::Dataset;
        [[fallthrough]];
    case Normalization::Dataset:
        channelStatistics(train, o.mean, o.std);
        break;
    case Normalization::ImageNet: // torchvision's ImageNet weights
        o.mean = {0.485f, 0.456f, 0.406f};
        o.std = {0.229f, 0.224f, 0.225f};
        break;
    case Normalization::None:
        o.mean = {0.f, 0.f, 0.f};
        o.std = {1.f, 1.f, 1.f};
        break;
    case Normalization::Custom:
        for (float s : o.std)
            if (!(s > 0))
                throw Error("normalization std must be positive");
        break;
    }
    return o;
}

SampleTransform::SampleTransform(int height, int width, int channels, const AugmentOptions &augment,
                                 const PreprocessOptions &preprocess)
    : m_inH(height), m_inW(width), m_inC(channels), m_aug(augment), m_pre(preprocess)
{
    if (height <= 0 || width <= 0 || (channels != 1 && channels != 3))
        throw Error("images must have 1 or 3 channels and a positive size");
    m_outH = preprocess.imageSize > 0 ? preprocess.imageSize : height;
    m_outW = preprocess.imageSize > 0 ? preprocess.imageSize : width;
    m_outC = preprocess.channels > 0 ? preprocess.channels : channels;
    if (m_outC != 1 && m_outC != 3)
        throw Error("the model needs 1 or 3 input channels, not " + std::to_string(m_outC));
    if (m_outC == 1 && channels == 3)
        throw Error("colour images cannot feed a 1-channel model");
    m_geometric = augment.rotation > 0 || augment.zoom > 0 || augment.translate > 0;
}

SampleTransform SampleTransform::forPreparedImages() const
{
    PreprocessOptions pre = m_pre;
    pre.imageSize = m_outH;
    pre.channels = m_outC;
    return SampleTransform(m_outH, m_outW, m_outC, m_aug, pre);
}

bool SampleTransform::applyTo(const ImageStore &store, std::size_t i, float *out, Rng &rng,
                              bool augment) const
{
    if (!store.streamed()) {
        apply(store.image(i), out, rng, augment);
        return true;
    }
    if (m_outH != m_outW || i >= store.sourcePaths.size())
        throw Error("internal: a streamed image is prepared square, from its file");
    thread_local std::vector<std::uint8_t> prepared;
    prepared.resize(std::size_t(m_outH) * std::size_t(m_outW) * 3);
    const std::string &path = store.sourcePaths[i];
    const bool ok = augment && m_aug.any()
                        ? store.files->trainingImage(path, m_outH, rng, prepared.data())
                        : store.files->evaluationImage(path, m_outH, prepared.data());
    if (!ok)
        return false;
    if (m_inH == m_outH && m_inW == m_outW && m_inC == 3)
        apply(prepared.data(), out, rng, augment);
    else
        forPreparedImages().apply(prepared.data(), out, rng, augment);
    return true;
}

void SampleTransform::apply(const std::uint8_t *src, float *out, Rng &rng, bool augment) const
{
    const int type = m_inC == 3 ? CV_8UC3 : CV_8UC1;
    cv::Mat img(m_inH, m_inW, type, const_cast<std::uint8_t *>(src));
    const bool doAug = augment && m_aug.any();
    if (doAug && m_aug.autoAugment) {
        img = img.clone();
        autoAugmentCifar10(img, rng);
    }
    bool flipH = false, flipV = false;
    if (doAug) {
        flipH = m_aug.hflip && rng.chance(0.5);
        flipV = m_aug.vflip && rng.chance(0.5);
    }
    const cv::Mat sized = resizeAndWarp(img, rng, doAug);
    writeNormalized(sized, out, rng, doAug, flipH, flipV);
    if (doAug && m_aug.cutout > 0)
        cutout(out, rng);
}

cv::Mat SampleTransform::resizeAndWarp(const cv::Mat &img, Rng &rng, bool doAug) const
{
    cv::Mat sized;
    if (!doAug || !m_geometric) {
        if (m_outH != m_inH || m_outW != m_inW)
            cv::resize(img, sized, cv::Size(m_outW, m_outH), 0, 0, cv::INTER_LINEAR);
        else
            sized = img;
        return sized;
    }
    const double angle = m_aug.rotation > 0 ? rng.uniform(-m_aug.rotation, m_aug.rotation) : 0.0;
    const double scale = m_aug.zoom > 0 ? rng.uniform(1.0 - m_aug.zoom, 1.0 + m_aug.zoom) : 1.0;
    const double tx = m_aug.translate > 0 ? rng.uniform(-m_aug.translate, m_aug.translate) : 0.0;
    const double ty = m_aug.translate > 0 ? rng.uniform(-m_aug.translate, m_aug.translate) : 0.0;
    const double sx = double(m_outW) / m_inW, sy = double(m_outH) / m_inH;
    cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(m_inW * 0.5f - 0.5f, m_inH * 0.5f - 0.5f),
                                        angle, scale);
    m.at<double>(0, 2) += tx * m_inW;
    m.at<double>(1, 2) += ty * m_inH;
    // then scale input pixel centres to output pixel centres
    for (int c = 0; c < 3; ++c) {
        m.at<double>(0, c) *= sx;
        m.at<double>(1, c) *= sy;
    }
    m.at<double>(0, 2) += 0.5 * sx - 0.5;
    m.at<double>(1, 2) += 0.5 * sy - 0.5;
    // Keras' RandomRotation / RandomZoom fill with a reflection by default.
    cv::warpAffine(img, sized, m, cv::Size(m_outW, m_outH), cv::INTER_LINEAR, cv::BORDER_REFLECT);
    return sized;
}

void SampleTransform::writeNormalized(const cv::Mat &sized, float *out, Rng &rng, bool doAug,
                                      bool flipH, bool flipV) const
{
    double alpha = 1.0, beta = 0.0;
    if (doAug && (m_aug.brightness > 0 || m_aug.contrast > 0)) {
        const double b =
            m_aug.brightness > 0 ? rng.uniform(1 - m_aug.brightness, 1 + m_aug.brightness) : 1.0;
        const double c =
            m_aug.contrast > 0 ? rng.uniform(1 - m_aug.contrast, 1 + m_aug.contrast) : 1.0;
        const double mean = c != 1.0 ? cv::mean(sized)[0] * b : 0.0;
        // ((x * b) - mean) * c + mean, folded into one linear map, saturated to [0, 255]
        alpha = b * c;
        beta = mean * (1.0 - c);
    }
    const int H = m_outH, W = m_outW, C = sized.channels();
    const std::size_t plane = std::size_t(H) * W;
    float scale[3], shift[3], lo[3], hi[3];
    for (int k = 0; k < 3; ++k) {
        // ((x * alpha + beta) / 255 - mean) / std
        scale[k] = static_cast<float>(alpha / 255.0 / m_pre.std[k]);
        shift[k] = static_cast<float>((beta / 255.0 - m_pre.mean[k]) / m_pre.std[k]);
        lo[k] = -m_pre.mean[k] / m_pre.std[k];
        hi[k] = (1 - m_pre.mean[k]) / m_pre.std[k];
    }
    const bool clampNeeded = alpha != 1.0 || beta != 0.0;
    for (int y = 0; y < H; ++y) {
        const std::uint8_t *row = sized.ptr<std::uint8_t>(y);
        for (int x = 0; x < W; ++x) {
            const int sxp = flipH ? W - 1 - x : x;
            const std::uint8_t *px =
                flipV ? sized.ptr<std::uint8_t>(H - 1 - y) + sxp * C : row + sxp * C;
            for (int k = 0; k < m_outC; ++k) {
                float v = px[C == 1 ? 0 : k] * scale[k] + shift[k];
                if (clampNeeded)
                    v = std::min(std::max(v, lo[k]), hi[k]);
                out[std::size_t(k) * plane + std::size_t(y) * W + x] = v;
            }
        }
    }
}

void SampleTransform::cutout(float *out, Rng &rng) const
{
    const int H = m_outH, W = m_outW;
    const std::size_t plane = std::size_t(H) * W;
    const int side = std::min(m_aug.cutout, std::min(H, W));
    const int cy = static_cast<int>(rng.below(static_cast<std::uint64_t>(H)));
    const int cx = static_cast<int>(rng.below(static_cast<std::uint64_t>(W)));
    const int y0 = std::max(0, cy - side / 2), y1 = std::min(H, cy - side / 2 + side);
    const int x0 = std::max(0, cx - side / 2), x1 = std::min(W, cx - side / 2 + side);
    for (int k = 0; k < m_outC; ++k)
        for (int y = y0; y < y1; ++y)
            std::fill(out + std::size_t(k) * plane + std::size_t(y) * W + x0,
                      out + std::size_t(k) * plane + std::size_t(y) * W + x1, 0.0f);
}

void SampleTransform::denormalize(const float *chw, std::uint8_t *hwc) const
{
    const std::size_t plane = std::size_t(m_outH) * m_outW;
    for (std::size_t p = 0; p < plane; ++p) {
        for (int k = 0; k < m_outC; ++k) {
            const float v =
                (chw[std::size_t(k) * plane + p] * m_pre.std[k] + m_pre.mean[k]) * 255.0f;
            hwc[p * m_outC + k] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
        }
    }
}

} // namespace tl::data
