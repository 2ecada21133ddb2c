#include "data/image_store.h"

#include "data/image_files.h"

#include "base/error.h"
#include "io/hash.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <numeric>

namespace tl::data {

void ImageStore::resize(std::size_t n)
{
    pixels.assign(n * imageBytes(), 0);
    labels.assign(n, 0);
    sourceIndex.resize(n);
    std::iota(sourceIndex.begin(), sourceIndex.end(), 0);
}

ImageStore ImageStore::subset(const std::vector<std::size_t> &indices) const
{
    ImageStore out;
    out.height = height;
    out.width = width;
    out.channels = channels;
    out.classNames = classNames;
    out.files = files;
    const std::size_t bytes = streamed() ? 0 : imageBytes();
    out.pixels.resize(indices.size() * bytes);
    out.labels.reserve(indices.size());
    out.sourceIndex.reserve(indices.size());
    for (std::size_t k = 0; k < indices.size(); ++k) {
        const std::size_t i = indices[k];
        if (i >= size())
            throw Error("internal: subset index " + std::to_string(i) + " out of range");
        if (bytes)
            std::memcpy(out.pixels.data() + k * bytes, image(i), bytes);
        out.labels.push_back(labels[i]);
        out.sourceIndex.push_back(sourceIndex.empty() ? static_cast<std::int64_t>(i)
                                                      : sourceIndex[i]);
        if (i < sourcePaths.size())
            out.sourcePaths.push_back(sourcePaths[i]);
    }
    return out;
}

std::vector<std::uint8_t> ImageStore::pixelsOf(std::size_t i) const
{
    if (i >= size())
        throw Error("internal: image " + std::to_string(i) + " out of range");
    if (!streamed())
        return std::vector<std::uint8_t>(image(i), image(i) + imageBytes());
    std::vector<std::uint8_t> out(imageBytes(), 128);
    if (channels != 3 || height != width || i >= sourcePaths.size() ||
        !files->evaluationImage(sourcePaths[i], height, out.data()))
        std::fill(out.begin(), out.end(), std::uint8_t(128));
    return out;
}

std::vector<std::size_t> ImageStore::classCounts() const
{
    std::vector<std::size_t> counts(classNames.size(), 0);
    for (auto l : labels)
        if (l >= 0 && static_cast<std::size_t>(l) < counts.size())
            ++counts[static_cast<std::size_t>(l)];
    return counts;
}

void ImageStore::checkLabels(const std::string &origin) const
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || labels[i] >= numClasses())
            throw fileError(origin, "record " + std::to_string(i) + " has label " +
                                        std::to_string(labels[i]) + ", expected 0.." +
                                        std::to_string(numClasses() - 1));
    }
}

std::string ImageStore::identity() const
{
    std::vector<std::string> entries(size());
    for (std::size_t i = 0; i < size(); ++i) {
        const std::int64_t label = labels[i];
        const std::string name = label >= 0 && std::size_t(label) < classNames.size()
                                     ? classNames[std::size_t(label)]
                                     : std::to_string(label);
        // A file by its absolute path: a run that read the folder by a relative path and one
        // that read it from config.json (absolute) tested the same files.
        std::error_code ec;
        const std::string image =
            i < sourcePaths.size()
                ? std::filesystem::absolute(sourcePaths[i], ec).lexically_normal().string()
            : i < sourceIndex.size() ? std::to_string(sourceIndex[i])
                                     : std::to_string(i);
        entries[i] = image + '\n' + name + '\n';
    }
    std::sort(entries.begin(), entries.end());
    Hasher h(HashKind::Sha256);
    for (const auto &e : entries)
        h.update(e.data(), e.size());
    return h.hexDigest().substr(0, 16);
}

} // namespace tl::data
