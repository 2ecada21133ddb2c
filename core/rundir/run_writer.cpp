#include "rundir/run_writer.h"

#include "base/error.h"
#include "io/files.h"
#include "rundir/run_dir.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace tl::runs {

namespace {

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

std::string csvField(const std::string &s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

RunWriter::RunWriter(std::string dir, bool continueRun) : m_dir(std::move(dir))
{
    std::error_code ec;
    if (continueRun) {
        if (!RunDir(m_dir).isRun())
            throw fileError(m_dir, std::string("holds no run to continue (no ") +
                                       RunDir::kConfig + ")");
        return;
    }
    if (RunDir(m_dir).isFinished() || RunDir(m_dir).hasMetrics())
        throw fileError(m_dir, "already holds a run; choose another --out folder");
    if (fs::exists(m_dir, ec) && !fs::is_directory(m_dir, ec))
        throw fileError(m_dir, "exists and is not a folder");
    m_created = !fs::exists(m_dir, ec);
    fs::create_directories(m_dir, ec);
    if (ec)
        throw fileError(m_dir, "cannot create the run folder: " + ec.message());
}

std::string RunWriter::path(const std::string &file) const
{
    return (fs::path(m_dir) / file).string();
}

void RunWriter::writeConfig(const std::string &json) const
{
    writeFileAtomic(path(RunDir::kConfig), json);
}

void RunWriter::writeSummary(const std::string &json) const
{
    writeFileAtomic(path(RunDir::kSummary), json);
}

std::string metricsCsv(const std::vector<train::EpochMetrics> &epochs)
{
    std::ostringstream s;
    s << "stage,stage_name,epoch,global_epoch,train_loss,train_accuracy,val_loss,val_accuracy,"
         "learning_rate,seconds,images_per_second,trainable_params\n";
    for (const auto &e : epochs) {
        s << e.stage << ',' << csvField(e.stageName) << ',' << e.epoch << ',' << e.globalEpoch
          << ',' << num(e.trainLoss) << ',' << num(e.trainAccuracy) << ','
          << (e.hasValidation ? num(e.valLoss) : "") << ','
          << (e.hasValidation ? num(e.valAccuracy) : "") << ',' << num(e.learningRate) << ','
          << num(e.seconds) << ',' << num(e.imagesPerSecond) << ',' << e.trainableParams << '\n';
    }
    return s.str();
}

std::string confusionCsv(const train::Evaluation &e, const std::vector<std::string> &classNames)
{
    std::ostringstream s;
    s << "true\\predicted";
    for (int c = 0; c < e.numClasses; ++c)
        s << ','
          << csvField(c < int(classNames.size()) ? classNames[std::size_t(c)] : std::to_string(c));
    s << '\n';
    for (int r = 0; r < e.numClasses; ++r) {
        s << csvField(r < int(classNames.size()) ? classNames[std::size_t(r)] : std::to_string(r));
        for (int c = 0; c < e.numClasses; ++c)
            s << ',' << e.at(r, c);
        s << '\n';
    }
    return s.str();
}

std::string predictionsCsv(const train::Evaluation &e)
{
    std::ostringstream s;
    s << "index,true,predicted,confidence,loss\n";
    for (const auto &p : e.predictions)
        s << p.index << ',' << p.trueLabel << ',' << p.predicted << ',' << num(p.confidence) << ','
          << num(p.loss) << '\n';
    return s.str();
}

void RunWriter::writeMetrics(const std::vector<train::EpochMetrics> &epochs) const
{
    writeFileAtomic(path(RunDir::kMetrics), metricsCsv(epochs));
}

void RunWriter::writeConfusion(const train::Evaluation &e,
                               const std::vector<std::string> &names) const
{
    writeFileAtomic(path(RunDir::kConfusion), confusionCsv(e, names));
}

void RunWriter::writeEpochConfusions(const std::vector<train::EpochMetrics> &epochs) const
{
    std::ostringstream s;
    s << "global_epoch,true,predicted,count\n";
    for (const auto &e : epochs) {
        const auto n =
            static_cast<std::size_t>(std::llround(std::sqrt(double(e.testConfusion.size()))));
        for (std::size_t i = 0; i < e.testConfusion.size(); ++i)
            if (e.testConfusion[i] != 0)
                s << e.globalEpoch << ',' << i / n << ',' << i % n << ',' << e.testConfusion[i]
                  << '\n';
    }
    writeFileAtomic(path(RunDir::kEpochConfusions), s.str());
}

void RunWriter::writePredictions(const train::Evaluation &e) const
{
    writeFileAtomic(path(RunDir::kPredictions), predictionsCsv(e));
}

} // namespace tl::runs
