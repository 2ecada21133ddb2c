#include "data/image_decode.h"
#include "data/image_encode.h"

#include "base/checked.h"
#include "base/error.h"
#include "io/file_limits.h"
#include "io/files.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cctype>
#include <cstdlib>
#include <string>

namespace tl::data {

namespace {

// OpenCV reads its decoding limits from the environment when its library is loaded, before
// main() runs; an executable's pre-init functions run earlier still. A value the user set wins.
void setOpenCvLimits()
{
    const std::string pixels = std::to_string(limits::kMaxImagePixels);
    const std::string side = std::to_string(limits::kMaxImageSide);
    ::setenv("OPENCV_IO_MAX_IMAGE_PIXELS", pixels.c_str(), 0);
    ::setenv("OPENCV_IO_MAX_IMAGE_WIDTH", side.c_str(), 0);
    ::setenv("OPENCV_IO_MAX_IMAGE_HEIGHT", side.c_str(), 0);
}
__attribute__((section(".preinit_array"),
               used)) void (*const kSetOpenCvLimits)() = &setOpenCvLimits;

constexpr std::uint64_t kMaxImageFileBytes = 256 * limits::MiB;

bool jpegSize(const ByteView &b, long long &w, long long &h)
{
    std::uint64_t p = 2;
    while (b.contains(p, 4)) {
        if (b.at(p, "JPEG marker") != 0xff)
            return false;
        const auto marker = b.at(p + 1, "JPEG marker");
        if (marker == 0xff) { // fill byte
            ++p;
            continue;
        }
        const auto len = b.be(p + 2, 2, "JPEG segment length");
        // Start-of-frame markers carry the size; DHT, JPG and DAC share the range.
        if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 &&
            marker != 0xcc) {
            if (!b.contains(p + 5, 4))
                return false;
            h = (long long)b.be(p + 5, 2, "JPEG height");
            w = (long long)b.be(p + 7, 2, "JPEG width");
            return true;
        }
        if (len < 2)
            return false;
        p += 2 + len;
    }
    return false;
}

bool pnmSize(const ByteView &b, long long &w, long long &h)
{
    // "P1".."P7", then width and height as decimal text, with comments and white space.
    std::uint64_t p = 2;
    long long values[2] = {0, 0};
    for (long long &v : values) {
        while (b.contains(p, 1)) {
            const auto c = b.at(p, "PNM header");
            if (c == '#') {
                while (b.contains(p, 1) && b.at(p, "PNM header") != '\n')
                    ++p;
            } else if (std::isspace(c)) {
                ++p;
            } else {
                break;
            }
        }
        int digits = 0;
        while (b.contains(p, 1) && std::isdigit(b.at(p, "PNM header")) && digits < 12) {
            v = v * 10 + (b.at(p, "PNM header") - '0');
            ++p;
            ++digits;
        }
        if (digits == 0)
            return false;
    }
    w = values[0];
    h = values[1];
    return true;
}

} // namespace

bool imageHeaderSize(const unsigned char *data, std::size_t size, long long &w, long long &h)
{
    static const std::string origin = "image";
    const ByteView b(data, size, &origin);
    try {
        if (b.startsWith("\x89PNG\r\n\x1a\n", 8) && b.contains(16, 8)) {
            w = (long long)b.be(16, 4, "PNG width");
            h = (long long)b.be(20, 4, "PNG height");
            return true;
        }
        if (b.startsWith("\xff\xd8", 2))
            return jpegSize(b, w, h);
        if (b.startsWith("BM", 2) && b.contains(18, 8)) {
            w = (long long)std::int32_t(b.le(18, 4, "BMP width"));
            h = (long long)std::int32_t(b.le(22, 4, "BMP height"));
            w = w < 0 ? -w : w; // top-down bitmaps store a negative height
            h = h < 0 ? -h : h;
            return true;
        }
        if (b.startsWith("RIFF", 4) && b.contains(8, 4) && b.text(8, 4, "WebP") == "WEBP" &&
            b.contains(12, 18)) {
            const std::string chunk = b.text(12, 4, "WebP chunk");
            if (chunk == "VP8X") {
                w = (long long)b.le(24, 3, "WebP width") + 1;
                h = (long long)b.le(27, 3, "WebP height") + 1;
                return true;
            }
            if (chunk == "VP8L" && b.contains(21, 4)) {
                const auto bits = b.le(21, 4, "WebP size");
                w = (long long)(bits & 0x3fff) + 1;
                h = (long long)((bits >> 14) & 0x3fff) + 1;
                return true;
            }
            if (chunk == "VP8 " && b.contains(26, 4)) {
                w = (long long)(b.le(26, 2, "WebP width") & 0x3fff);
                h = (long long)(b.le(28, 2, "WebP height") & 0x3fff);
                return true;
            }
            return false;
        }
        if (b.size() > 2 && b.data()[0] == 'P' && b.data()[1] >= '1' && b.data()[1] <= '6')
            return pnmSize(b, w, h);
    } catch (const Error &) {
        return false; // a header too short to say: OpenCV decides
    }
    return false;
}

cv::Mat decodeImageFile(const std::string &path, int flags)
{
    const Bytes data = readFile(path, kMaxImageFileBytes);
    long long w = 0, h = 0;
    if (imageHeaderSize(data.data(), data.size(), w, h)) {
        if (w > limits::kMaxImageSide || h > limits::kMaxImageSide)
            throw limitError(
                path, "the image's side (" + std::to_string(w) + " x " + std::to_string(h) + ")",
                std::uint64_t(std::max(w, h)), std::uint64_t(limits::kMaxImageSide));
        if (std::uint64_t(w) * std::uint64_t(h) > limits::kMaxImagePixels)
            throw limitError(path, "the image's pixel count", std::uint64_t(w) * std::uint64_t(h),
                             limits::kMaxImagePixels);
    }
    cv::Mat m;
    try {
        m = cv::imdecode(cv::_InputArray(data.data(), int(data.size())), flags);
    } catch (const cv::Exception &e) {
        throw fileError(path, std::string("cannot decode image: ") + e.err);
    }
    if (m.empty())
        throw fileError(path, "cannot decode image (corrupt or unsupported format)");
    return m;
}

std::vector<unsigned char> encodePng(const std::uint8_t *pixels, int height, int width,
                                     int channels, int scale)
{
    const cv::Mat m(height, width, channels == 3 ? CV_8UC3 : CV_8UC1,
                    const_cast<std::uint8_t *>(pixels));
    cv::Mat out;
    if (channels == 3)
        cv::cvtColor(m, out, cv::COLOR_RGB2BGR);
    else
        out = m.clone();
    if (scale > 1)
        cv::resize(out, out, {}, scale, scale, cv::INTER_NEAREST);
    std::vector<unsigned char> png;
    cv::imencode(".png", out, png);
    return png;
}

cv::Mat decodeRgb(const std::string &path)
{
    cv::Mat img = decodeImageFile(path, cv::IMREAD_COLOR);
    cv::cvtColor(img, img, cv::COLOR_BGR2RGB);
    return img;
}

} // namespace tl::data
