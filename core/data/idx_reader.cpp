#include "data/idx_reader.h"

#include "base/error.h"
#include "io/files.h"

#include <cstring>
#include <filesystem>
#include <numeric>

namespace tl::data {

namespace {

std::uint32_t be32(const Bytes &b, std::size_t off)
{
    return (std::uint32_t(b[off]) << 24) | (std::uint32_t(b[off + 1]) << 16) |
           (std::uint32_t(b[off + 2]) << 8) | std::uint32_t(b[off + 3]);
}

std::string hex(std::uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

// The checks both readers share; returns the store with everything but the pixels.
ImageStore checkedHeader(const Bytes &img, const std::string &imagesPath, const Bytes &lab,
                         const std::string &labelsPath, const std::vector<std::string> &classNames)
{
    if (img.size() < 16)
        throw fileError(imagesPath, "too short for an IDX image header (" +
                                        std::to_string(img.size()) + " bytes, need 16)");
    if (be32(img, 0) != 0x00000803)
        throw fileError(imagesPath, "wrong magic " + hex(be32(img, 0)) +
                                        ", expected 0x00000803 (IDX uint8 images, 3 dimensions)");
    const std::uint32_t n = be32(img, 4), rows = be32(img, 8), cols = be32(img, 12);
    if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096)
        throw fileError(imagesPath, "implausible image size " + std::to_string(rows) + "x" +
                                        std::to_string(cols));
    const std::size_t need = 16 + std::size_t(n) * rows * cols;
    if (img.size() < need)
        throw fileError(imagesPath, "truncated: header promises " + std::to_string(n) +
                                        " images (" + std::to_string(need) +
                                        " bytes) but the data ends at byte " +
                                        std::to_string(img.size()) + ", inside image " +
                                        std::to_string((img.size() - 16) / (rows * cols)));

    if (lab.size() < 8)
        throw fileError(labelsPath, "too short for an IDX label header (" +
                                        std::to_string(lab.size()) + " bytes, need 8)");
    if (be32(lab, 0) != 0x00000801)
        throw fileError(labelsPath, "wrong magic " + hex(be32(lab, 0)) +
                                        ", expected 0x00000801 (IDX uint8 labels)");
    const std::uint32_t nl = be32(lab, 4);
    if (nl != n)
        throw fileError(labelsPath, "holds " + std::to_string(nl) + " labels but " + imagesPath +
                                        " holds " + std::to_string(n) + " images");
    if (lab.size() < 8 + std::size_t(n))
        throw fileError(labelsPath, "truncated: " + std::to_string(n) +
                                        " labels promised, data ends at record " +
                                        std::to_string(lab.size() - 8));

    ImageStore s;
    s.height = static_cast<int>(rows);
    s.width = static_cast<int>(cols);
    s.channels = 1;
    s.classNames = classNames;
    s.labels.assign(lab.begin() + 8, lab.begin() + 8 + std::ptrdiff_t(n));
    s.sourceIndex.resize(n);
    std::iota(s.sourceIndex.begin(), s.sourceIndex.end(), 0);
    s.checkLabels(labelsPath);
    return s;
}

} // namespace

ImageStore readIdx(const std::string &imagesPath, const std::string &labelsPath,
                   const std::vector<std::string> &classNames)
{
    Bytes img = readMaybeGzip(imagesPath);
    const Bytes lab = readMaybeGzip(labelsPath);
    ImageStore s = checkedHeader(img, imagesPath, lab, labelsPath, classNames);
    // The file's bytes become the pixels: no second 47 MB buffer for Fashion-MNIST.
    const std::size_t bytes = s.labels.size() * s.imageBytes();
    img.erase(img.begin(), img.begin() + 16);
    img.resize(bytes);
    s.pixels = std::move(img);
    return s;
}

ImageStore parseIdx(const Bytes &img, const std::string &imagesPath, const Bytes &lab,
                    const std::string &labelsPath, const std::vector<std::string> &classNames)
{
    ImageStore s = checkedHeader(img, imagesPath, lab, labelsPath, classNames);
    s.pixels.assign(img.begin() + 16,
                    img.begin() + 16 + std::ptrdiff_t(s.labels.size() * s.imageBytes()));
    return s;
}

ImageStore readIdxFolder(const std::string &folder, const std::string &prefix,
                         const std::vector<std::string> &classNames)
{
    namespace fs = std::filesystem;
    auto find = [&](const std::string &stem) {
        for (const char *suffix : {"", ".gz"}) {
            for (const std::string &sep : {std::string("-"), std::string(".")}) {
                // Published names use "-idx3-ubyte"; some mirrors use ".idx3-ubyte".
                std::string name = stem;
                if (sep == ".") {
                    const auto p = name.find("-idx");
                    if (p == std::string::npos)
                        continue;
                    name[p] = '.';
                }
                const fs::path p = fs::path(folder) / (name + suffix);
                if (fs::exists(p))
                    return p.string();
            }
        }
        throw fileError(folder, "no " + stem + " or " + stem + ".gz in this folder");
    };
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw fileError(folder, "no such folder");
    return readIdx(find(prefix + "-images-idx3-ubyte"), find(prefix + "-labels-idx1-ubyte"),
                   classNames);
}

const std::vector<std::string> &fashionMnistClassNames()
{
    static const std::vector<std::string> names = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

const std::vector<std::string> &mnistClassNames()
{
    static const std::vector<std::string> names = {"0", "1", "2", "3", "4",
                                                   "5", "6", "7", "8", "9"};
    return names;
}

} // namespace tl::data
