#include "data/onnx_net.h"

#include "base/error.h"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

namespace tl::data {

struct OnnxNet::Impl
{
    cv::dnn::Net net;
};

OnnxNet::OnnxNet(const std::string &path) : m_impl(std::make_unique<Impl>()), m_path(path)
{
    try {
        m_impl->net = cv::dnn::readNetFromONNX(path);
    } catch (const cv::Exception &e) {
        throw fileError(path, "OpenCV's DNN module cannot read it: " + e.err);
    }
    if (m_impl->net.empty())
        throw fileError(path, "OpenCV's DNN module read no layers from it");
    m_impl->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    m_impl->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
}

OnnxNet::~OnnxNet() = default;

void OnnxNet::setThreads(int threads)
{
    if (threads > 0)
        cv::setNumThreads(threads);
}

std::vector<float> OnnxNet::forward(const float *input, int n, int channels, int size)
{
    if (n < 1 || channels < 1 || size < 1)
        throw fileError(m_path, "nothing to classify");
    const int dims[4] = {n, channels, size, size};
    // A view of the caller's floats: setInput copies them into the network's blob.
    const cv::Mat blob(4, dims, CV_32F, const_cast<float *>(input));
    cv::Mat out;
    try {
        m_impl->net.setInput(blob);
        out = m_impl->net.forward();
    } catch (const cv::Exception &e) {
        throw fileError(m_path, "OpenCV's DNN module cannot run it on " + std::to_string(n) +
                                    " x " + std::to_string(channels) + " x " +
                                    std::to_string(size) + " x " + std::to_string(size) +
                                    " input: " + e.err);
    }
    if (out.empty() || out.type() != CV_32F || out.dims < 2 || out.size[0] != n)
        throw fileError(m_path, "OpenCV's DNN module gave an output that is not one row of "
                                "floats per image");
    const std::size_t total = out.total();
    m_outputs = int(total / std::size_t(n));
    const cv::Mat flat = out.isContinuous() ? out : out.clone();
    const float *p = flat.ptr<float>();
    return std::vector<float>(p, p + total);
}

} // namespace tl::data
