#include "widgets/background.h"

#include "base/error.h"

#include <QRunnable>

namespace tl::ui {

std::atomic<bool> BackgroundJobs::s_cancelled{false};

BackgroundJobs &BackgroundJobs::instance()
{
    // A child of the application object: created with the first job, joined when the
    // application quits (aboutToQuit) or is destroyed.
    static QPointer<BackgroundJobs> jobs;
    if (!jobs) {
        s_cancelled = false;
        jobs = new BackgroundJobs(QCoreApplication::instance());
    }
    return *jobs;
}

BackgroundJobs::BackgroundJobs(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(4);
    m_pool.setExpiryTimeout(30000);
    if (auto *app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &BackgroundJobs::shutdown);
}

BackgroundJobs::~BackgroundJobs()
{
    shutdown();
}

void BackgroundJobs::start(std::function<void()> job)
{
    m_pool.start(QRunnable::create(std::move(job)));
}

void BackgroundJobs::shutdown()
{
    s_cancelled = true;
    m_pool.clear(); // jobs not started yet never run
    m_pool.waitForDone();
}

bool BackgroundJobs::waitForAll(int msecs)
{
    return m_pool.waitForDone(msecs);
}

bool BackgroundJobs::cancelled()
{
    return s_cancelled;
}

QString backgroundError(const std::exception &e)
{
    return QString::fromStdString(userMessage(e));
}

} // namespace tl::ui
