#include "data/camera.h"

#include "base/error.h"

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <filesystem>

namespace tl::data {

struct Camera::Impl
{
    cv::VideoCapture capture;
};

namespace {

// No camera is an ordinary answer here, and the caller names the source that failed; keep
// OpenCV's backend messages (its ERROR lines for a file no backend reads too) off the console.
template <typename Open> bool quietly(Open open)
{
    const auto level = cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    bool ok = false;
    try {
        ok = open();
    } catch (const cv::Exception &) {
        ok = false;
    }
    cv::utils::logging::setLogLevel(level);
    return ok;
}

} // namespace

Camera::Camera() : m_impl(std::make_unique<Impl>()) {}
Camera::~Camera() = default;

bool Camera::open(int index)
{
    m_source = std::to_string(index);
    m_file = false;
    return quietly([&] { return m_impl->capture.open(index) && m_impl->capture.isOpened(); });
}

bool Camera::isDeviceIndex(const std::string &source)
{
    if (source.empty() || source.size() > 2)
        return false;
    for (const char c : source)
        if (c < '0' || c > '9')
            return false;
    return true;
}

void Camera::open(const std::string &source)
{
    close();
    if (source.empty())
        throw Error("camera source: empty (a device index such as 0, or a video file)");
    if (isDeviceIndex(source)) {
        if (!open(std::stoi(source)))
            throw Error("camera " + source +
                        ": no such camera (or no video backend); a video file can stand in for "
                        "one (--camera FILE.avi)");
        return;
    }
    std::error_code ec;
    if (!std::filesystem::exists(source, ec))
        throw fileError(source, "no such video file (a camera source is a device index such as "
                                "0, or a video file)");
    if (std::filesystem::is_directory(source, ec))
        throw fileError(source, "is a folder, not a video file");
    m_source = source;
    m_file = true;
    if (!quietly([&] {
            return m_impl->capture.open(source, cv::CAP_ANY) && m_impl->capture.isOpened();
        }))
        throw fileError(source, "OpenCV cannot open it as a video (not a video, or a codec this "
                                "OpenCV lacks; MJPG in .avi always works)");
    // A file that opens but has no frame is refused here, not after a silent empty capture.
    std::vector<std::uint8_t> rgb;
    int h = 0, w = 0;
    if (!read(rgb, h, w) || !rewind()) {
        close();
        throw fileError(source, "has no frame OpenCV can decode");
    }
}

bool Camera::isOpen() const
{
    return m_impl->capture.isOpened();
}

void Camera::close()
{
    m_impl->capture.release();
}

bool Camera::rewind()
{
    if (!m_file)
        return false;
    // Seeking is not exact in every backend: opening the file again is.
    m_impl->capture.release();
    return quietly(
        [&] { return m_impl->capture.open(m_source, cv::CAP_ANY) && m_impl->capture.isOpened(); });
}

bool Camera::read(std::vector<std::uint8_t> &rgb, int &height, int &width)
{
    cv::Mat frame;
    try {
        if (!m_impl->capture.read(frame) || frame.empty())
            return false;
    } catch (const cv::Exception &) {
        return false;
    }
    cv::Mat out;
    if (frame.channels() == 1)
        cv::cvtColor(frame, out, cv::COLOR_GRAY2RGB);
    else if (frame.channels() == 4)
        cv::cvtColor(frame, out, cv::COLOR_BGRA2RGB);
    else
        cv::cvtColor(frame, out, cv::COLOR_BGR2RGB);
    if (!out.isContinuous())
        out = out.clone();
    height = out.rows;
    width = out.cols;
    rgb.assign(out.data, out.data + out.total() * 3);
    return true;
}

} // namespace tl::data
