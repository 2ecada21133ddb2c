#include "data/pil_resize.h"

#include "base/error.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace tl::data {

namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

struct Coefficients
{
    int ksize = 0;
    std::vector<int> bounds;      // per output pixel: first source pixel, count
    std::vector<std::int32_t> kk; // per output pixel: ksize fixed-point weights
};

// Pillow's precompute_coeffs with the bilinear filter (support 1), then normalize_coeffs_8bpc.
Coefficients coefficients(int inSize, int outSize)
{
    const double scale = double(inSize) / outSize;
    const double filterscale = std::max(scale, 1.0);
    const double support = 1.0 * filterscale;
    Coefficients c;
    c.ksize = int(std::ceil(support)) * 2 + 1;
    c.bounds.resize(std::size_t(outSize) * 2);
    c.kk.assign(std::size_t(outSize) * std::size_t(c.ksize), 0);
    std::vector<double> k(std::size_t(c.ksize));
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = (xx + 0.5) * scale;
        const double ss = 1.0 / filterscale;
        int xmin = int(center - support + 0.5);
        xmin = std::max(xmin, 0);
        int xmax = int(center + support + 0.5);
        xmax = std::min(xmax, inSize) - xmin;
        double ww = 0.0;
        std::fill(k.begin(), k.end(), 0.0);
        for (int x = 0; x < xmax; ++x) {
            double t = std::abs((x + xmin - center + 0.5) * ss);
            const double w = t < 1.0 ? 1.0 - t : 0.0;
            k[std::size_t(x)] = w;
            ww += w;
        }
        for (int x = 0; x < xmax; ++x) {
            const double v = ww != 0.0 ? k[std::size_t(x)] / ww : k[std::size_t(x)];
            c.kk[std::size_t(xx) * std::size_t(c.ksize) + std::size_t(x)] =
                v < 0 ? int(-0.5 + v * (1 << kPrecisionBits))
                      : int(0.5 + v * (1 << kPrecisionBits));
        }
        c.bounds[std::size_t(xx) * 2] = xmin;
        c.bounds[std::size_t(xx) * 2 + 1] = xmax;
    }
    return c;
}

inline std::uint8_t clip8(std::int64_t v)
{
    if (v >= (std::int64_t(1) << kPrecisionBits << 8))
        return 255;
    if (v <= 0)
        return 0;
    return std::uint8_t(v >> kPrecisionBits);
}

} // namespace

cv::Mat pilResizeBilinear(const cv::Mat &src, int width, int height)
{
    if (src.depth() != CV_8U || (src.channels() != 1 && src.channels() != 3))
        throw Error("internal: pilResizeBilinear takes 8-bit gray or RGB images");
    if (width <= 0 || height <= 0)
        throw Error("internal: pilResizeBilinear to an empty size");
    const int C = src.channels();
    if (src.cols == width && src.rows == height)
        return src.clone();
    const Coefficients h = coefficients(src.cols, width);
    const Coefficients v = coefficients(src.rows, height);
    // The rows the vertical pass reads: only those are resampled horizontally.
    const int yFirst = v.bounds[0];
    const int yLast = v.bounds[std::size_t(height) * 2 - 2] + v.bounds[std::size_t(height) * 2 - 1];
    cv::Mat tmp;
    const cv::Mat *in = &src;
    int yOffset = 0;
    if (src.cols != width) {
        tmp.create(yLast - yFirst, width, src.type());
        for (int y = 0; y < tmp.rows; ++y) {
            const std::uint8_t *row = src.ptr<std::uint8_t>(y + yFirst);
            std::uint8_t *out = tmp.ptr<std::uint8_t>(y);
            for (int xx = 0; xx < width; ++xx) {
                const int xmin = h.bounds[std::size_t(xx) * 2],
                          n = h.bounds[std::size_t(xx) * 2 + 1];
                const std::int32_t *k = &h.kk[std::size_t(xx) * std::size_t(h.ksize)];
                for (int ch = 0; ch < C; ++ch) {
                    std::int64_t ss = std::int64_t(1) << (kPrecisionBits - 1);
                    for (int x = 0; x < n; ++x)
                        ss += std::int64_t(row[(x + xmin) * C + ch]) * k[x];
                    out[xx * C + ch] = clip8(ss);
                }
            }
        }
        in = &tmp;
        yOffset = yFirst;
    }
    if (src.rows == height)
        return in == &tmp ? tmp : src.clone();
    cv::Mat out(height, width, src.type());
    std::vector<std::int64_t> acc(std::size_t(width) * std::size_t(C));
    for (int yy = 0; yy < height; ++yy) {
        const int ymin = v.bounds[std::size_t(yy) * 2] - yOffset;
        const int n = v.bounds[std::size_t(yy) * 2 + 1];
        const std::int32_t *k = &v.kk[std::size_t(yy) * std::size_t(v.ksize)];
        std::fill(acc.begin(), acc.end(), std::int64_t(1) << (kPrecisionBits - 1));
        for (int y = 0; y < n; ++y) {
            const std::uint8_t *row = in->ptr<std::uint8_t>(y + ymin);
            const std::int64_t w = k[y];
            for (std::size_t x = 0; x < acc.size(); ++x)
                acc[x] += std::int64_t(row[x]) * w;
        }
        std::uint8_t *o = out.ptr<std::uint8_t>(yy);
        for (std::size_t x = 0; x < acc.size(); ++x)
            o[x] = clip8(acc[x]);
    }
    return out;
}

} // namespace tl::data
