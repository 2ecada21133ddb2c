#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace tl::runs {

// Writes TensorBoard scalar event files (TFRecord framing, hand-encoded Event protos), so that
// `tensorboard --logdir RUN_DIR` plots a run without TensorFlow or protobuf here.
class TensorBoardWriter
{
public:
    // Creates DIR/events.out.tfevents.<time>.transferlab; tl::Error if it cannot. The file is
    // removed again when the writer ends without a scalar written.
    explicit TensorBoardWriter(const std::string &dir);
    ~TensorBoardWriter();
    TensorBoardWriter(const TensorBoardWriter &) = delete;
    TensorBoardWriter &operator=(const TensorBoardWriter &) = delete;

    void scalar(const std::string &tag, double value, std::int64_t step);
    void flush();
    const std::string &path() const { return m_path; }

private:
    void writeRecord(const std::string &data);
    std::string m_path;
    std::FILE *m_file = nullptr;
    bool m_wroteScalar = false;
};

// CRC-32C (Castagnoli), as TFRecord uses it; exposed for tests.
std::uint32_t crc32c(const void *data, std::size_t size);

} // namespace tl::runs
