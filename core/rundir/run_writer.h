#pragma once

#include "train/training_types.h"

#include <string>
#include <vector>

namespace tl::runs {

// The files of a run directory, each written whole (temporary name, then rename):
//   config.json       the fully resolved experiment
//   metrics.csv       one row per epoch, all stages
//   confusion.csv     test confusion matrix, rows = true class, columns = predicted
//   predictions.csv   index,true,predicted,confidence,loss (one row per test image)
//   confusion_epochs.csv  the test confusion matrix after every epoch, long format
//   summary.json      headline numbers
//   model.pth         the trained weights as a state dict (torch.load reads it)
class RunWriter
{
public:
    // Creates `dir`; tl::Error if it already holds a run. `continueRun`: writes into the run
    // already there (resuming it).
    explicit RunWriter(std::string dir, bool continueRun = false);

    const std::string &dir() const { return m_dir; }
    // The folder did not exist before this writer made it (so all in it is this run's).
    bool createdFolder() const { return m_created; }
    std::string path(const std::string &file) const;

    void writeConfig(const std::string &json) const;
    void writeMetrics(const std::vector<train::EpochMetrics> &epochs) const;
    void writeConfusion(const train::Evaluation &e,
                        const std::vector<std::string> &classNames) const;
    void writePredictions(const train::Evaluation &e) const;
    // confusion_epochs.csv: global_epoch,true,predicted,count (non-zero cells only).
    void writeEpochConfusions(const std::vector<train::EpochMetrics> &epochs) const;
    void writeSummary(const std::string &json) const;

private:
    std::string m_dir;
    bool m_created = false;
};

std::string metricsCsv(const std::vector<train::EpochMetrics> &epochs);
std::string confusionCsv(const train::Evaluation &e, const std::vector<std::string> &classNames);
std::string predictionsCsv(const train::Evaluation &e);
// RFC 4180 quoting when needed.
std::string csvField(const std::string &s);

} // namespace tl::runs
