#include "session/run_list.h"

#include "rundir/run_dir.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMetaObject>
#include <QRunnable>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <utility>

namespace tl::ui {

namespace {

// Names and times of the files that change when a run starts, ends or completes an epoch: a
// few stat calls a run, far cheaper than reading every run's summary and config.
QString folderSignature(const QString &folder)
{
    QString sig;
    const QDir dir(folder);
    const QStringList runsHere = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (int i = 0; i < runsHere.size() && i < 5000; ++i) {
        sig += runsHere[i] + '|';
        for (const char *file :
             {runs::RunDir::kMetrics, runs::RunDir::kSummary, runs::RunDir::kLock}) {
            const QFileInfo f(dir.filePath(runsHere[i]) + '/' + QLatin1String(file));
            sig += f.exists() ? QString::number(f.lastModified().toMSecsSinceEpoch()) : "-";
            sig += ',';
        }
    }
    return sig;
}

} // namespace

struct RunList::Answer
{
    QString folder;
    QString signature;
    bool exists = false;
    bool changed = false; // `runs` holds a new listing
    std::vector<runs::RunInfo> runs;
};

RunList::RunList(const QString &folder, QObject *parent)
    : QObject(parent), m_folder(folder), m_watcher(new QFileSystemWatcher(this)),
      m_settle(new QTimer(this))
{
    m_pool.setMaxThreadCount(1);
    m_settle->setSingleShot(true);
    m_settle->setInterval(300);
    connect(m_settle, &QTimer::timeout, this, &RunList::refreshIfChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_settle,
            qOverload<>(&QTimer::start));
    refresh();
}

RunList::~RunList()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void RunList::setFolder(const QString &folder)
{
    if (folder == m_folder)
        return;
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    m_folder = folder;
    m_listed = false;
    m_signature.clear();
    refresh();
}

void RunList::refresh()
{
    request(false);
}

void RunList::refreshIfChanged()
{
    request(true);
}

void RunList::request(bool onlyIfChanged)
{
    if (m_busy) {
        m_pending = std::max(m_pending, onlyIfChanged ? 1 : 2);
        return;
    }
    startJob(onlyIfChanged);
}

void RunList::startJob(bool onlyIfChanged)
{
    m_busy = true;
    const QString folder = m_folder;
    const QString known = onlyIfChanged && m_listed ? m_signature : QString();
    const bool always = !onlyIfChanged || !m_listed;
    m_pool.start(QRunnable::create([this, folder, known, always] {
        auto a = std::make_shared<Answer>();
        a->folder = folder;
        a->exists = QFileInfo(folder).isDir();
        a->signature = folderSignature(folder);
        a->changed = always || a->signature != known;
        if (a->changed) {
            try {
                a->runs = runs::listRuns(folder.toStdString());
            } catch (const std::exception &) {
                a->runs.clear(); // an unreadable folder lists as empty, as a missing one does
            }
        }
        // Delivered in the GUI thread; dropped if the list is gone by then (it waits for this
        // job in its destructor, so `this` is valid here).
        QMetaObject::invokeMethod(
            this, [this, a] { receive(*a); }, Qt::QueuedConnection);
    }));
}

void RunList::receive(const Answer &answer)
{
    m_busy = false;
    const bool current = answer.folder == m_folder;
    if (current) {
        watchFolder(answer.exists);
        m_signature = answer.signature;
        if (answer.changed) {
            m_runs = answer.runs;
            m_listed = true;
        }
    }
    const int pending = std::exchange(m_pending, 0);
    if (!current)
        startJob(false); // the folder changed meanwhile
    else if (pending)
        startJob(pending == 1);
    if (current && answer.changed)
        Q_EMIT listed();
}

void RunList::watchFolder(bool exists)
{
    // A folder that does not exist yet cannot be watched: the first run creates it, and the
    // refresh after that run (or a poll) adds the watch.
    if (exists && !m_watcher->directories().contains(m_folder))
        m_watcher->addPath(m_folder);
}

} // namespace tl::ui
