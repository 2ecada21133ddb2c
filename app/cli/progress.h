#pragma once

#include "train/training_types.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace tl::cli {

// Prints training progress: a redrawn bar with ETA when stderr is a terminal, plain lines
// otherwise. Epoch results go to stdout, one line each; the run's warnings (judged by the run
// itself, train/training_hints.h) as "warning: ..." lines.
class ConsoleProgress : public train::TrainingObserver
{
public:
    ConsoleProgress(bool quiet);
    void onStageStarted(int stage, const std::string &name, int epochs) override;
    void onBatch(const train::BatchProgress &p) override;
    void onEpoch(const train::EpochMetrics &m) override;
    void onMessage(const std::string &s) override;
    void onWarning(const std::string &s) override;
    void clearLine();

private:
    bool m_tty;
    bool m_quiet;
    bool m_lineOpen = false;
    int m_lastPercent = -1;
};

std::string formatDuration(double seconds);

} // namespace tl::cli
