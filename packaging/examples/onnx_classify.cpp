// Classify an image with a model from `transferlab-cli export RUN --format onnx --out model.onnx`,
// using only OpenCV (its DNN module reads the model, cv::FileStorage the JSON beside it).
//
//   g++ -std=c++17 -O2 onnx_classify.cpp -o onnx_classify $(pkg-config --cflags --libs opencv4)
//   ./onnx_classify model.onnx image.png
//
// Debian: libopencv-dev. The preprocessing and the class names come from model.json, written
// beside model.onnx (the same values are in the ONNX file's metadata_props).

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s model.onnx image\n", argv[0]);
        return 2;
    }
    const std::string model = argv[1];
    const std::string side = model.substr(0, model.rfind('.')) + ".json";
    cv::FileStorage fs(side, cv::FileStorage::READ | cv::FileStorage::FORMAT_JSON);
    if (!fs.isOpened()) {
        std::fprintf(stderr, "%s: cannot read it\n", side.c_str());
        return 2;
    }
    const int size = int(fs["image_size"]), channels = int(fs["channels"]);
    std::vector<float> mean, std;
    std::vector<std::string> names;
    fs["mean"] >> mean;
    fs["std"] >> std;
    fs["class_names"] >> names;

    // Decode as the model saw its training images: RGB (or gray), size x size, then
    // (pixel / 255 - mean) / std per channel.
    cv::Mat img = cv::imread(argv[2], channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    if (img.empty()) {
        std::fprintf(stderr, "%s: cannot read the image\n", argv[2]);
        return 2;
    }
    if (channels == 3)
        cv::cvtColor(img, img, cv::COLOR_BGR2RGB);
    if (img.rows != size || img.cols != size) {
        const bool shrink = img.rows > size || img.cols > size;
        cv::resize(img, img, cv::Size(size, size), 0, 0,
                   shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    img.convertTo(img, CV_32F, 1.0 / 255.0);
    std::vector<cv::Mat> planes;
    cv::split(img, planes);
    for (int k = 0; k < channels; ++k)
        planes[k] = (planes[k] - mean[k]) / std[k];
    cv::merge(planes, img);
    const cv::Mat blob = cv::dnn::blobFromImage(img); // 1 x channels x size x size

    cv::dnn::Net net = cv::dnn::readNetFromONNX(model);
    net.setInput(blob);
    cv::Mat logits = net.forward(); // 1 x classes
    std::vector<float> p(logits.ptr<float>(), logits.ptr<float>() + logits.total());
    const float top = *std::max_element(p.begin(), p.end());
    float sum = 0;
    for (float &v : p)
        sum += v = std::exp(v - top);
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return p[a] > p[b]; });
    for (std::size_t i = 0; i < std::min<std::size_t>(5, order.size()); ++i)
        std::printf("%6.2f%%  %s\n", 100.0 * p[order[i]] / sum, names[order[i]].c_str());
    return 0;
}
