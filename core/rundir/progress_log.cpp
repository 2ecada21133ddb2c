#include "rundir/progress_log.h"

#include "io/csv.h"
#include "base/error.h"
#include "rundir/run_dir.h"

#include <ctime>
#include <fstream>
#include <limits>

namespace tl::runs {

namespace {

constexpr const char *kHeader = "time,stage,global_epoch,epoch,epochs,batch,batches,loss,accuracy,"
                                "recent_loss,recent_accuracy,learning_rate,images_per_second\n";
constexpr std::uint64_t kMaxRead = std::uint64_t(4) << 20;
constexpr std::size_t kMaxLine = 512;

} // namespace

ProgressLog::~ProgressLog()
{
    if (m_file)
        std::fclose(m_file);
}

void ProgressLog::add(const train::BatchProgress &p)
{
    const auto now = std::chrono::steady_clock::now();
    const bool last = p.batch >= p.batches;
    if (!last && now - m_last < std::chrono::seconds(1))
        return;
    m_last = now;
    if (!m_file) {
        m_file = std::fopen(m_path.c_str(), "a");
        if (!m_file)
            return; // progress is a courtesy to watchers: never a reason to stop training
        if (std::ftell(m_file) == 0)
            std::fputs(kHeader, m_file);
    }
    std::fprintf(m_file, "%.3f,%d,%d,%d,%d,%lld,%lld,%.6g,%.6g,%.6g,%.6g,%.6g,%.1f\n",
                 double(std::time(nullptr)), p.stage, p.globalEpoch, p.epoch, p.epochs,
                 static_cast<long long>(p.batch), static_cast<long long>(p.batches), p.loss,
                 p.accuracy, p.recentLoss, p.recentAccuracy, p.learningRate, p.imagesPerSecond);
    std::fflush(m_file);
}

bool parseProgressLine(const std::string &line, ProgressRow &r)
{
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (cells.size() < 14) {
        const std::size_t comma = line.find(',', start);
        cells.push_back(line.substr(start, comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (cells.size() != 13)
        return false;
    const std::int64_t kMaxEpochs = 100000000, kMaxBatches = std::int64_t(1) << 40;
    // The run folder's checked number readers; a line they refuse is skipped, not an error.
    try {
        auto number = [&](std::size_t i) {
            return csvNumber(cells[i], RunDir::kProgress, 0, false);
        };
        auto integer = [&](std::size_t i, std::int64_t lo, std::int64_t hi) {
            return csvInteger(cells[i], RunDir::kProgress, 0, lo, hi);
        };
        r.time = number(0);
        r.stage = int(integer(1, 0, 100000));
        r.globalEpoch = int(integer(2, 1, kMaxEpochs));
        r.epoch = int(integer(3, 1, kMaxEpochs));
        r.epochs = int(integer(4, 1, kMaxEpochs));
        r.batch = integer(5, 0, kMaxBatches);
        r.batches = integer(6, 1, kMaxBatches);
        r.loss = number(7);
        r.accuracy = number(8);
        r.recentLoss = number(9);
        r.recentAccuracy = number(10);
        r.learningRate = number(11);
        r.imagesPerSecond = number(12);
    } catch (const Error &) {
        return false;
    }
    return r.batch <= r.batches && r.accuracy >= 0 && r.accuracy <= 1 && r.recentAccuracy >= 0 &&
           r.recentAccuracy <= 1;
}

std::vector<ProgressRow> ProgressTail::readNew()
{
    std::vector<ProgressRow> rows;
    std::ifstream in(m_path, std::ios::binary);
    if (!in)
        return rows;
    in.seekg(0, std::ios::end);
    const auto end = std::uint64_t(std::max<std::streamoff>(0, in.tellg()));
    if (end < m_offset)
        m_offset = 0; // rewritten: read it again
    const std::uint64_t want = std::min(end - m_offset, kMaxRead);
    if (want == 0)
        return rows;
    std::string chunk(std::size_t(want), '\0');
    in.seekg(std::streamoff(m_offset));
    in.read(chunk.data(), std::streamsize(want));
    chunk.resize(std::size_t(std::max<std::streamsize>(0, in.gcount())));
    std::size_t pos = 0;
    while (true) {
        const std::size_t nl = chunk.find('\n', pos);
        if (nl == std::string::npos)
            break; // a line still being written: next time
        const std::string line = chunk.substr(pos, nl - pos);
        ProgressRow r;
        if (line.size() <= kMaxLine && parseProgressLine(line, r))
            rows.push_back(r);
        else if (line.rfind("time,", 0) != 0)
            ++m_skipped;
        pos = nl + 1;
    }
    // A full chunk without any line break: a damaged file, not a line in progress.
    if (pos == 0 && chunk.size() == kMaxRead) {
        ++m_skipped;
        pos = chunk.size();
    }
    m_offset += pos;
    return rows;
}

} // namespace tl::runs
