#pragma once

#include "rundir/run_reader.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <vector>

QT_BEGIN_NAMESPACE
class QFileSystemWatcher;
class QTimer;
QT_END_NAMESPACE

namespace tl::ui {

// The runs in a folder (runs::listRuns), listed off the GUI thread: refresh() lists them on the
// list's own worker thread and `listed` follows in the GUI thread. refreshIfChanged() first
// reads, on the worker too, the times of the files that change when a run starts, completes an
// epoch or ends, and lists again only when they changed. A watcher on the folder does that when
// a run folder appears or goes. Requests made while the worker is busy are folded into one.
// Several views share one list (the Runs, Predict and Queue tabs), so the folder is read once.
class RunList : public QObject
{
    Q_OBJECT

public:
    explicit RunList(const QString &folder, QObject *parent = nullptr);
    ~RunList() override; // waits for its worker

    QString folder() const { return m_folder; }
    // Lists another folder (`listed` follows).
    void setFolder(const QString &folder);
    // The latest listing, newest first (empty before the first arrives).
    const std::vector<runs::RunInfo> &runs() const { return m_runs; }
    // A listing of the current folder has arrived.
    bool isListed() const { return m_listed; }

public Q_SLOTS:
    void refresh();
    void refreshIfChanged();

Q_SIGNALS:
    // runs() holds a new listing.
    void listed();

private:
    struct Answer;
    void request(bool onlyIfChanged);
    void startJob(bool onlyIfChanged);
    void receive(const Answer &answer);
    void watchFolder(bool exists);

    QString m_folder;
    std::vector<runs::RunInfo> m_runs;
    QString m_signature; // of the listing in m_runs
    bool m_listed = false;
    bool m_busy = false;
    int m_pending = 0; // 0: none, 1: refreshIfChanged, 2: refresh (while busy)
    QFileSystemWatcher *m_watcher;
    QTimer *m_settle; // a burst of folder changes lists once
    QThreadPool m_pool;
};

} // namespace tl::ui
