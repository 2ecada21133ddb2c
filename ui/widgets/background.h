#pragma once

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <exception>
#include <functional>

namespace tl::ui {

// The threads that run the window's background jobs (loading a dataset, building a layer tree,
// a download, reading runs): a pool owned by the application object and joined before it goes
// away, never detached threads that could outlive it. Long jobs poll cancelled() (a download's
// progress callback does) so that quitting does not wait for them.
class BackgroundJobs : public QObject
{
    Q_OBJECT

public:
    static BackgroundJobs &instance();
    void start(std::function<void()> job);
    // Asks running jobs to end (cancelled() turns true) and waits for all of them.
    void shutdown();
    // Waits for the jobs started so far (tests).
    bool waitForAll(int msecs = -1);
    static bool cancelled();
    ~BackgroundJobs() override;

private:
    explicit BackgroundJobs(QObject *parent);
    QThreadPool m_pool;
    static std::atomic<bool> s_cancelled;
};

// Calls f(target) in the GUI thread, unless `target` is gone by then (a closed panel) or the
// application is shutting down.
template <typename T, typename F> void postTo(const QPointer<T> &target, F f)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app || BackgroundJobs::cancelled())
        return;
    QMetaObject::invokeMethod(
        app,
        [target, f = std::move(f)]() mutable {
            if (target)
                f(target.data());
        },
        Qt::QueuedConnection);
}

// Message of an exception that ended a background job (no C++ backtrace).
QString backgroundError(const std::exception &e);

// Runs `job` on a BackgroundJobs thread, then `done(target, error)` in the GUI thread; `error`
// is empty on success, else the exception's message.
template <typename T>
void runInBackground(T *target, std::function<void()> job,
                     std::function<void(T *, const QString &)> done)
{
    const QPointer<T> guard(target);
    BackgroundJobs::instance().start([guard, job = std::move(job), done = std::move(done)] {
        QString error;
        try {
            job();
        } catch (const std::exception &e) {
            error = backgroundError(e);
        }
        postTo(guard, [done, error](T *t) { done(t, error); });
    });
}

} // namespace tl::ui
