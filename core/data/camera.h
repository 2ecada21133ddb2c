#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace tl::data {

// A webcam through OpenCV's video I/O. Plain C++ header; frames come out as RGB rows.
class Camera
{
public:
    Camera();
    ~Camera();
    // false when there is no such camera (or no video backend).
    bool open(int index = 0);
    bool isOpen() const;
    void close();
    // The next frame as RGB (height x width x 3); false when none could be read.
    bool read(std::vector<std::uint8_t> &rgb, int &height, int &width);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tl::data
