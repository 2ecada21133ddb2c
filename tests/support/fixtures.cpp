#include "support/fixtures.h"

#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace tl::test {

namespace {

void be32(Bytes &b, std::uint32_t v)
{
    b.push_back(std::uint8_t(v >> 24));
    b.push_back(std::uint8_t(v >> 16));
    b.push_back(std::uint8_t(v >> 8));
    b.push_back(std::uint8_t(v));
}

} // namespace

Bytes idxImages(int n, int rows, int cols, std::uint32_t magic)
{
    Bytes b;
    be32(b, magic);
    be32(b, std::uint32_t(n));
    be32(b, std::uint32_t(rows));
    be32(b, std::uint32_t(cols));
    for (int i = 0; i < n; ++i)
        for (int p = 0; p < rows * cols; ++p)
            b.push_back(std::uint8_t((i * 7 + p) & 0xff));
    return b;
}

Bytes idxLabels(const std::vector<std::uint8_t> &labels, std::uint32_t magic)
{
    Bytes b;
    be32(b, magic);
    be32(b, std::uint32_t(labels.size()));
    b.insert(b.end(), labels.begin(), labels.end());
    return b;
}

Bytes gzip(const Bytes &raw)
{
    z_stream zs{};
    deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    Bytes out(deflateBound(&zs, uLong(raw.size())) + 64);
    zs.next_in = const_cast<Bytef *>(raw.data());
    zs.avail_in = uInt(raw.size());
    zs.next_out = out.data();
    zs.avail_out = uInt(out.size());
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
        throw std::runtime_error("gzip failed");
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

Bytes tar(const std::vector<std::pair<std::string, Bytes>> &files)
{
    Bytes out;
    for (const auto &[name, data] : files) {
        std::uint8_t h[512] = {0};
        std::snprintf(reinterpret_cast<char *>(h), 100, "%s", name.c_str());
        std::snprintf(reinterpret_cast<char *>(h + 100), 8, "%07o", 0644);
        std::snprintf(reinterpret_cast<char *>(h + 108), 8, "%07o", 0);
        std::snprintf(reinterpret_cast<char *>(h + 116), 8, "%07o", 0);
        std::snprintf(reinterpret_cast<char *>(h + 124), 12, "%011o", unsigned(data.size()));
        std::snprintf(reinterpret_cast<char *>(h + 136), 12, "%011o", 0);
        h[156] = '0';
        std::memcpy(h + 257, "ustar", 6);
        std::memcpy(h + 263, "00", 2);
        std::memset(h + 148, ' ', 8);
        unsigned sum = 0;
        for (unsigned char c : h)
            sum += c;
        std::snprintf(reinterpret_cast<char *>(h + 148), 8, "%06o", sum);
        h[155] = ' ';
        out.insert(out.end(), h, h + 512);
        out.insert(out.end(), data.begin(), data.end());
        out.resize(out.size() + (512 - data.size() % 512) % 512, 0);
    }
    out.resize(out.size() + 1024, 0);
    return out;
}

std::uint8_t cifarPixel(int record, int channel, int pos)
{
    return std::uint8_t((record * 31 + channel * 85 + pos) & 0xff);
}

Bytes cifar10Records(const std::vector<std::uint8_t> &labels)
{
    Bytes b;
    for (std::size_t r = 0; r < labels.size(); ++r) {
        b.push_back(labels[r]);
        for (int c = 0; c < 3; ++c)
            for (int p = 0; p < 1024; ++p)
                b.push_back(cifarPixel(int(r), c, p));
    }
    return b;
}

Bytes cifar100Records(const std::vector<std::pair<std::uint8_t, std::uint8_t>> &labels)
{
    Bytes b;
    for (std::size_t r = 0; r < labels.size(); ++r) {
        b.push_back(labels[r].first);
        b.push_back(labels[r].second);
        for (int c = 0; c < 3; ++c)
            for (int p = 0; p < 1024; ++p)
                b.push_back(cifarPixel(int(r), c, p));
    }
    return b;
}

void writeBytes(const std::string &path, const Bytes &b)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char *>(b.data()), std::streamsize(b.size()));
}

void writeText(const std::string &path, const std::string &s)
{
    writeBytes(path, Bytes(s.begin(), s.end()));
}

void writeCifar10Folder(const std::string &folder, int perBatch)
{
    std::vector<std::uint8_t> labels;
    for (int i = 0; i < perBatch; ++i)
        labels.push_back(std::uint8_t(i % 10));
    for (int b = 1; b <= 5; ++b)
        writeBytes(folder + "/data_batch_" + std::to_string(b) + ".bin", cifar10Records(labels));
    writeBytes(folder + "/test_batch.bin", cifar10Records(labels));
    writeText(folder + "/batches.meta.txt",
              "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
}

void writeIdxFolder(const std::string &folder, int nTrain, int nTest, bool gz)
{
    auto labels = [](int n) {
        std::vector<std::uint8_t> l;
        for (int i = 0; i < n; ++i)
            l.push_back(std::uint8_t(i % 10));
        return l;
    };
    const std::string ext = gz ? ".gz" : "";
    auto put = [&](const std::string &name, const Bytes &b) {
        writeBytes(folder + "/" + name + ext, gz ? gzip(b) : b);
    };
    put("train-images-idx3-ubyte", idxImages(nTrain, 28, 28));
    put("train-labels-idx1-ubyte", idxLabels(labels(nTrain)));
    put("t10k-images-idx3-ubyte", idxImages(nTest, 28, 28));
    put("t10k-labels-idx1-ubyte", idxLabels(labels(nTest)));
}

} // namespace tl::test
