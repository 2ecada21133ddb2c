#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tl::data {

// An ONNX classifier run by OpenCV's DNN module (cv::dnn::readNetFromONNX): a runtime
// TransferLab did not write, on the CPU. Not thread-safe: one caller at a time.
class OnnxNet
{
public:
    // tl::Error naming the file when OpenCV cannot read it.
    explicit OnnxNet(const std::string &path);
    ~OnnxNet();
    OnnxNet(const OnnxNet &) = delete;
    OnnxNet &operator=(const OnnxNet &) = delete;

    // `input`: n images of channels x size x size floats, one after another. Returns the n x
    // outputs() values of the graph's output, row by row. tl::Error naming the file when OpenCV
    // fails (a shape the model does not take).
    std::vector<float> forward(const float *input, int n, int channels, int size);
    // The number of values per image of the last forward() (0 before).
    int outputs() const { return m_outputs; }
    // OpenCV's compute threads (cv::setNumThreads); <= 0 leaves OpenCV's default.
    static void setThreads(int threads);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_path;
    int m_outputs = 0;
};

} // namespace tl::data
