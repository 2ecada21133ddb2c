#include "progress.h"

#include <cmath>
#include <unistd.h>

namespace tl::cli {

std::string formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        seconds = 0;
    const long s = std::lround(seconds);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

ConsoleProgress::ConsoleProgress(bool quiet) : m_tty(::isatty(STDERR_FILENO) == 1), m_quiet(quiet)
{
}

void ConsoleProgress::clearLine()
{
    if (m_lineOpen) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        m_lineOpen = false;
    }
}

void ConsoleProgress::onMessage(const std::string &s)
{
    if (m_quiet)
        return;
    clearLine();
    // Information goes to stdout: stderr is for the progress bar and for errors (one line).
    std::printf("%s\n", s.c_str());
    std::fflush(stdout);
}

void ConsoleProgress::onWarning(const std::string &s)
{
    clearLine();
    std::printf("warning: %s\n", s.c_str());
    std::fflush(stdout);
}

void ConsoleProgress::onStageStarted(int stage, const std::string &name, int epochs)
{
    if (m_quiet)
        return;
    clearLine();
    std::printf("stage %d (%s): %d epoch%s\n", stage + 1, name.c_str(), epochs,
                epochs == 1 ? "" : "s");
    std::fflush(stdout);
    m_lastPercent = -1;
}

void ConsoleProgress::onBatch(const train::BatchProgress &p)
{
    if (m_quiet)
        return;
    const double frac = p.batches ? double(p.batch) / double(p.batches) : 0.0;
    if (m_tty) {
        const int width = 30;
        const int filled = static_cast<int>(frac * width);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, '-');
        std::fprintf(stderr,
                     "\r\033[Kepoch %d/%d [%s] %lld/%lld loss %.4f acc %.4f %.0f img/s ETA %s",
                     p.epoch, p.epochs, bar.c_str(), static_cast<long long>(p.batch),
                     static_cast<long long>(p.batches), p.loss, p.accuracy, p.imagesPerSecond,
                     formatDuration(p.etaSeconds).c_str());
        std::fflush(stderr);
        m_lineOpen = true;
    } else {
        // Plain lines for logs: one every 10 %.
        const int percent = static_cast<int>(frac * 10) * 10;
        if (percent != m_lastPercent && percent < 100) {
            m_lastPercent = percent;
            std::fprintf(stderr, "epoch %d/%d %3d%% loss %.4f acc %.4f %.0f img/s ETA %s\n",
                         p.epoch, p.epochs, percent, p.loss, p.accuracy, p.imagesPerSecond,
                         formatDuration(p.etaSeconds).c_str());
        }
    }
}

void ConsoleProgress::onEpoch(const train::EpochMetrics &m)
{
    clearLine();
    m_lastPercent = -1;
    std::printf("epoch %d (stage %d, %s): loss %.4f acc %.4f", m.globalEpoch, m.stage + 1,
                m.stageName.c_str(), m.trainLoss, m.trainAccuracy);
    if (m.hasValidation)
        std::printf(" | val loss %.4f acc %.4f", m.valLoss, m.valAccuracy);
    std::printf(" | lr %.3g | %.1f s, %.0f img/s\n", m.learningRate, m.seconds, m.imagesPerSecond);
    std::fflush(stdout);
}

} // namespace tl::cli
