#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl::data {

// A camera through OpenCV's video I/O: a webcam by its device index, or a video file standing in
// for one (classrooms without a webcam, tests). Plain C++ header; frames come out as RGB rows.
class Camera
{
public:
    Camera();
    ~Camera();
    // false when there is no such camera (or no video backend).
    bool open(int index = 0);
    // A source as a person names it: digits are a device index ("0"), anything else a video file.
    // tl::Error naming the source and what is wrong (no such file, no such camera, a file OpenCV
    // cannot decode).
    void open(const std::string &source);
    bool isOpen() const;
    void close();
    // The source is a video file: it ends (read() returns false) and can start again (rewind()).
    bool isFile() const { return m_file; }
    const std::string &source() const { return m_source; }
    // The next frame as RGB (height x width x 3); false when none could be read (a file's end).
    bool read(std::vector<std::uint8_t> &rgb, int &height, int &width);
    // A video file from its first frame again (the Teach tab's live view loops it); false for a
    // device or when the file cannot be reopened.
    bool rewind();

    // Whether `source` names a device ("0".."99") rather than a file.
    static bool isDeviceIndex(const std::string &source);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_source;
    bool m_file = false;
};

} // namespace tl::data
