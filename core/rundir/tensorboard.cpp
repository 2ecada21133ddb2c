#include "rundir/tensorboard.h"

#include "base/error.h"

#include <array>
#include <chrono>
#include <cstring>
#include <filesystem>

namespace tl::runs {

std::uint32_t crc32c(const void *data, std::size_t size)
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    const auto *p = static_cast<const std::uint8_t *>(data);
    for (std::size_t i = 0; i < size; ++i)
        crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

namespace {

std::uint32_t masked(std::uint32_t crc)
{
    return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

void varint(std::string &out, std::uint64_t v)
{
    while (v >= 0x80) {
        out += char((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += char(v);
}

void key(std::string &out, int field, int wire)
{
    varint(out, std::uint64_t(field << 3 | wire));
}

void lengthDelimited(std::string &out, int field, const std::string &bytes)
{
    key(out, field, 2);
    varint(out, bytes.size());
    out += bytes;
}

template <typename T> void fixed(std::string &out, T v)
{
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T)); // little-endian hosts only, as TensorBoard's files are
    out.append(b, sizeof(T));
}

std::string event(double wallTime, std::int64_t step, const std::string &payloadField, int field)
{
    std::string e;
    key(e, 1, 1); // wall_time: double
    fixed(e, wallTime);
    key(e, 2, 0); // step: int64
    varint(e, std::uint64_t(step));
    lengthDelimited(e, field, payloadField);
    return e;
}

double now()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

TensorBoardWriter::TensorBoardWriter(const std::string &dir)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    m_path = dir + "/events.out.tfevents." + std::to_string(std::int64_t(now())) + ".transferlab";
    m_file = std::fopen(m_path.c_str(), "wb");
    if (!m_file)
        throw fileError(m_path, "cannot create the TensorBoard event file");
    writeRecord(event(now(), 0, "brain.Event:2", 3)); // file_version
    flush();
}

TensorBoardWriter::~TensorBoardWriter()
{
    if (!m_file)
        return;
    std::fclose(m_file);
    // A file with nothing but its header (a refused resume, a run that failed before its first
    // batch) shows TensorBoard an empty run: none is left.
    if (!m_wroteScalar) {
        std::error_code ec;
        std::filesystem::remove(m_path, ec);
    }
}

void TensorBoardWriter::writeRecord(const std::string &data)
{
    const std::uint64_t len = data.size();
    const std::uint32_t lenCrc = masked(crc32c(&len, 8)),
                        dataCrc = masked(crc32c(data.data(), data.size()));
    std::fwrite(&len, 8, 1, m_file);
    std::fwrite(&lenCrc, 4, 1, m_file);
    std::fwrite(data.data(), 1, data.size(), m_file);
    std::fwrite(&dataCrc, 4, 1, m_file);
}

void TensorBoardWriter::scalar(const std::string &tag, double value, std::int64_t step)
{
    std::string v;
    lengthDelimited(v, 1, tag); // Summary.Value.tag
    key(v, 2, 5);               // Summary.Value.simple_value: float
    fixed(v, float(value));
    std::string summary;
    lengthDelimited(summary, 1, v); // Summary.value
    writeRecord(event(now(), step, summary, 5));
    m_wroteScalar = true;
}

void TensorBoardWriter::flush()
{
    if (m_file)
        std::fflush(m_file);
}

} // namespace tl::runs
