#pragma once

#include "orchestration/launcher.h"

#include <QObject>
#include <QString>

#include <map>

QT_BEGIN_NAMESPACE
class QProcess;
QT_END_NAMESPACE

namespace tl::ui {

// The window's Launcher (orchestration/launcher.h): each run a transferlab-cli process started
// with QProcess, its output in the run's log file, its end reported on the event loop (the
// window stays free; a crash stays in the child). Interrupt is Ctrl-C (SIGINT): the run stops
// at its next batch and keeps its last complete epoch.
class QProcessLauncher : public QObject, public runs::Launcher
{
    Q_OBJECT

public:
    explicit QProcessLauncher(QString program, QObject *parent = nullptr);
    // Ctrl-C to every process still running, up to 10 s to end, then killed: nothing outlives
    // the window.
    ~QProcessLauncher() override;

    void setProgram(const QString &program) { m_program = program; }
    const QString &program() const { return m_program; }
    Handle start(const runs::LaunchRequest &request) override;
    void interrupt(Handle handle) override;
    void kill(Handle handle) override;
    // Waits up to `msecs` for every process to end; kills those left (the window closing).
    void waitForAll(int msecs);
    int running() const { return int(m_processes.size()); }

    // transferlab-cli next to this program (installed), in the build tree (app/cli/), or on
    // PATH.
    static QString cliPath();

private:
    void ended(Handle handle, const runs::LaunchExit &exit);

    QString m_program;
    std::map<Handle, QProcess *> m_processes;
    Handle m_next = 1;
};

} // namespace tl::ui
