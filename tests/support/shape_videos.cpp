#include "support/shape_videos.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <cmath>
#include <random>
#include <stdexcept>

namespace tl::test {

void writeShapeVideo(const std::string &path, Shape shape, int frames, int seed, int width,
                     int height)
{
    cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25.0,
                           cv::Size(width, height), true);
    if (!writer.isOpened())
        throw std::runtime_error("OpenCV cannot write the MJPG video " + path);
    std::mt19937 rng(std::uint32_t(seed) * 2654435761u + 17u);
    std::uniform_real_distribution<double> phase(0, 6.283), speed(0.08, 0.16);
    std::uniform_int_distribution<int> size(height / 8, height / 5);
    const double px = phase(rng), py = phase(rng), sx = speed(rng), sy = speed(rng);
    const int r = size(rng);
    // One dark background for every video: a shade of its own would tell the classes apart.
    const cv::Scalar background(28, 22, 20);
    // Keep the shape inside the centre square that a folder dataset's centre crop keeps.
    const double ax = std::max(0.0, height / 2.0 - r - 8), ay = std::max(0.0, height / 2.0 - r - 8);
    cv::Mat frame(height, width, CV_8UC3), grain(height, width, CV_8UC3);
    for (int i = 0; i < frames; ++i) {
        frame.setTo(background);
        cv::randn(grain, cv::Scalar::all(0), cv::Scalar::all(6));
        frame += grain;
        const cv::Point c(int(width / 2.0 + ax * std::sin(px + sx * i)),
                          int(height / 2.0 + ay * std::sin(py + sy * i)));
        switch (shape) { // colours in BGR
        case Shape::RedDisc:
            cv::circle(frame, c, r, cv::Scalar(30, 30, 220), cv::FILLED, cv::LINE_AA);
            break;
        case Shape::GreenSquare:
            cv::rectangle(frame, c - cv::Point(r, r), c + cv::Point(r, r), cv::Scalar(40, 200, 40),
                          cv::FILLED, cv::LINE_AA);
            break;
        case Shape::BlueTriangle: {
            const std::vector<cv::Point> tri{c + cv::Point(0, -r), c + cv::Point(r, r),
                                             c + cv::Point(-r, r)};
            cv::fillConvexPoly(frame, tri, cv::Scalar(220, 60, 30), cv::LINE_AA);
            break;
        }
        }
        writer.write(frame);
    }
    writer.release();
}

} // namespace tl::test
