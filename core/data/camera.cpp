#include "data/camera.h"

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace tl::data {

struct Camera::Impl
{
    cv::VideoCapture capture;
};

Camera::Camera() : m_impl(std::make_unique<Impl>()) {}
Camera::~Camera() = default;

bool Camera::open(int index)
{
    // No camera is an ordinary answer here; keep OpenCV's backend warnings off the console.
    const auto level = cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    bool ok = false;
    try {
        ok = m_impl->capture.open(index) && m_impl->capture.isOpened();
    } catch (const cv::Exception &) {
        ok = false;
    }
    cv::utils::logging::setLogLevel(level);
    return ok;
}

bool Camera::isOpen() const
{
    return m_impl->capture.isOpened();
}

void Camera::close()
{
    m_impl->capture.release();
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
    else
        cv::cvtColor(frame, out, cv::COLOR_BGR2RGB);
    height = out.rows;
    width = out.cols;
    rgb.assign(out.data, out.data + out.total() * 3);
    return true;
}

} // namespace tl::data
