#include "data/cifar_reader.h"

#include "base/error.h"
#include "io/files.h"

#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace tl::data {

namespace {

constexpr int kSide = 32;
constexpr std::size_t kPixels = 3 * kSide * kSide;

// Files of a CIFAR distribution, from a folder or from a .tar.gz held in memory.
class CifarFiles
{
public:
    explicit CifarFiles(const std::string &source, const std::string &innerFolder)
        : m_source(source)
    {
        std::error_code ec;
        if (fs::is_directory(source, ec)) {
            const fs::path inner = fs::path(source) / innerFolder;
            m_folder = fs::is_directory(inner, ec) ? inner.string() : source;
            return;
        }
        if (!fs::exists(source, ec))
            throw fileError(source, "no such file or folder");
        for (auto &e : parseTar(gunzip(readFile(source), source), source)) {
            const fs::path p(e.name);
            m_members[p.filename().string()] = std::move(e.data);
        }
        if (m_members.empty())
            throw fileError(source, "archive holds no files");
    }

    bool has(const std::string &name) const
    {
        if (!m_folder.empty())
            return fs::exists(fs::path(m_folder) / name);
        return m_members.count(name) != 0;
    }

    std::string origin(const std::string &name) const
    {
        return m_folder.empty() ? m_source + ":" + name : (fs::path(m_folder) / name).string();
    }

    Bytes read(const std::string &name) const
    {
        if (!m_folder.empty()) {
            const fs::path p = fs::path(m_folder) / name;
            if (!fs::exists(p))
                throw fileError(m_folder, "missing " + name +
                                              " (expected the CIFAR binary files in this folder)");
            return readFile(p.string());
        }
        auto it = m_members.find(name);
        if (it == m_members.end())
            throw fileError(m_source, "archive has no member " + name);
        return it->second;
    }

private:
    std::string m_source;
    std::string m_folder;
    std::map<std::string, Bytes> m_members;
};

std::vector<std::string> readNames(const CifarFiles &files, const std::string &name,
                                   std::size_t expected)
{
    std::vector<std::string> names;
    if (files.has(name)) {
        const Bytes b = files.read(name);
        std::istringstream in(std::string(b.begin(), b.end()));
        std::string line;
        while (std::getline(in, line)) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                line.pop_back();
            if (!line.empty())
                names.push_back(line);
        }
        if (names.size() != expected)
            throw fileError(files.origin(name), "lists " + std::to_string(names.size()) +
                                                    " class names, expected " +
                                                    std::to_string(expected));
    } else {
        for (std::size_t i = 0; i < expected; ++i)
            names.push_back("class " + std::to_string(i));
    }
    return names;
}

} // namespace

void parseCifarBatch(ImageStore &store, const Bytes &data, const std::string &origin,
                     std::size_t labelBytes, std::size_t labelIndex)
{
    const std::size_t record = labelBytes + kPixels;
    if (data.empty())
        throw fileError(origin, "is empty");
    if (data.size() % record != 0)
        throw fileError(origin, "truncated record " + std::to_string(data.size() / record) +
                                    " at byte offset " +
                                    std::to_string((data.size() / record) * record) + ": size " +
                                    std::to_string(data.size()) + " is not a multiple of the " +
                                    std::to_string(record) + "-byte record");
    const std::size_t n = data.size() / record;
    const std::size_t first = store.size();
    store.pixels.resize((first + n) * kPixels);
    store.labels.resize(first + n);
    store.sourceIndex.resize(first + n);
    const auto numClasses = static_cast<std::int64_t>(store.classNames.size());
    for (std::size_t r = 0; r < n; ++r) {
        const std::uint8_t *rec = data.data() + r * record;
        const std::int64_t label = rec[labelIndex];
        if (label >= numClasses)
            throw fileError(origin, "record " + std::to_string(r) + " (byte offset " +
                                        std::to_string(r * record) + ") has label " +
                                        std::to_string(label) + ", expected 0.." +
                                        std::to_string(numClasses - 1));
        store.labels[first + r] = label;
        store.sourceIndex[first + r] = static_cast<std::int64_t>(first + r);
        const std::uint8_t *planes = rec + labelBytes;
        std::uint8_t *dst = store.pixels.data() + (first + r) * kPixels;
        for (int p = 0; p < kSide * kSide; ++p) {
            dst[3 * p + 0] = planes[p];
            dst[3 * p + 1] = planes[kSide * kSide + p];
            dst[3 * p + 2] = planes[2 * kSide * kSide + p];
        }
    }
}

namespace {

ImageStore emptyStore(const std::vector<std::string> &names)
{
    ImageStore s;
    s.height = s.width = kSide;
    s.channels = 3;
    s.classNames = names;
    return s;
}

} // namespace

TrainTest readCifar(const std::string &source, CifarVariant variant)
{
    TrainTest out;
    if (variant == CifarVariant::Cifar10) {
        const CifarFiles files(source, "cifar-10-batches-bin");
        const auto names = readNames(files, "batches.meta.txt", 10);
        out.train = emptyStore(names);
        out.test = emptyStore(names);
        for (int b = 1; b <= 5; ++b) {
            const std::string name = "data_batch_" + std::to_string(b) + ".bin";
            parseCifarBatch(out.train, files.read(name), files.origin(name), 1, 0);
        }
        parseCifarBatch(out.test, files.read("test_batch.bin"), files.origin("test_batch.bin"), 1,
                        0);
    } else {
        const CifarFiles files(source, "cifar-100-binary");
        const bool fine = variant == CifarVariant::Cifar100Fine;
        const auto names = fine ? readNames(files, "fine_label_names.txt", 100)
                                : readNames(files, "coarse_label_names.txt", 20);
        out.train = emptyStore(names);
        out.test = emptyStore(names);
        parseCifarBatch(out.train, files.read("train.bin"), files.origin("train.bin"), 2,
                        fine ? 1 : 0);
        parseCifarBatch(out.test, files.read("test.bin"), files.origin("test.bin"), 2,
                        fine ? 1 : 0);
    }
    return out;
}

} // namespace tl::data
