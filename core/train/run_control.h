#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace tl::train {

// Stop and pause requests from another thread, checked by the training loop at every batch.
class RunControl
{
public:
    void requestStop()
    {
        ++m_stops;
        m_stop = true;
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
        m_cv.notify_all();
    }
    void pause()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = true;
    }
    void resume()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
        m_cv.notify_all();
    }
    // Stop, and skip what would follow the training (test evaluation, final files): the window
    // is closing and the user is not waiting for results.
    void requestAbort()
    {
        m_abort = true;
        requestStop();
    }
    bool abortRequested() const { return m_abort; }
    bool stopRequested() const { return m_stop; }
    // How many stops were requested so far: a pass that starts after a stop (the test
    // evaluation after training was stopped) ends only at a later one.
    int stopCount() const { return m_stops; }
    bool paused() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_paused;
    }
    // Blocks while paused. Returns false when a stop was requested.
    bool checkpoint()
    {
        if (m_stop)
            return false;
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_paused && !m_stop) {
            const auto start = std::chrono::steady_clock::now();
            m_cv.wait(lock, [&] { return !m_paused || m_stop; });
            m_pausedNanos += std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::steady_clock::now() - start)
                                 .count();
        }
        return !m_stop;
    }
    // Seconds the training loop spent waiting in checkpoint() while paused, since the start:
    // times and speeds subtract it (a 4 s pause is not 4 s of training).
    double pausedSeconds() const { return double(m_pausedNanos.load()) * 1e-9; }

    // The window's live view of the network (its first convolution's filters and feature maps
    // of one image) after each epoch: may be switched on and off during a run.
    void setLiveView(bool on) { m_liveView = on; }
    bool liveView() const { return m_liveView; }

private:
    std::atomic<bool> m_liveView{false};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_abort{false};
    std::atomic<int> m_stops{0};
    std::atomic<long long> m_pausedNanos{0};
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_paused = false;
};

} // namespace tl::train
