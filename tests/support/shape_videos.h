#pragma once

// Videos that stand in for a webcam in the Teach tests: one coloured shape moving over a dark,
// slightly noisy background, written with OpenCV's VideoWriter as MJPG in .avi (the codec every
// OpenCV build can write and read without FFmpeg).

#include <string>

namespace tl::test {

enum class Shape
{
    RedDisc,
    GreenSquare,
    BlueTriangle
};

// `seed` picks the path, speed, size and noise: two seeds give two different videos of the same shape.
// Throws std::runtime_error when OpenCV cannot write the file.
void writeShapeVideo(const std::string &path, Shape shape, int frames, int seed, int width = 320,
                     int height = 240);

} // namespace tl::test
