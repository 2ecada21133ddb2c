#include "session/process_launcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>

#include <signal.h>

namespace tl::ui {

QProcessLauncher::QProcessLauncher(QString program, QObject *parent)
    : QObject(parent), m_program(std::move(program))
{
}

QProcessLauncher::~QProcessLauncher()
{
    for (const auto &[handle, process] : m_processes) {
        process->disconnect(this);
        if (process->processId() > 0)
            ::kill(pid_t(process->processId()), SIGINT);
    }
    waitForAll(10000);
}

QString QProcessLauncher::cliPath()
{
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString &candidate : {here + "/transferlab-cli", here + "/cli/transferlab-cli",
                                     here + "/../app/cli/transferlab-cli"})
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("transferlab-cli"));
    return onPath.isEmpty() ? QStringLiteral("transferlab-cli") : onPath;
}

runs::Launcher::Handle QProcessLauncher::start(const runs::LaunchRequest &request)
{
    const Handle handle = m_next++;
    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : request.env)
        env.insert(QString::fromStdString(name), QString::fromStdString(value));
    process->setProcessEnvironment(env);
    process->setProcessChannelMode(QProcess::MergedChannels);
    if (request.logFile.empty())
        process->setStandardOutputFile(QProcess::nullDevice());
    else
        process->setStandardOutputFile(QString::fromStdString(request.logFile),
                                       QIODevice::Truncate);
    QStringList args;
    for (const auto &a : request.args)
        args << QString::fromStdString(a);
    connect(process, &QProcess::finished, this,
            [this, handle](int code, QProcess::ExitStatus status) {
                runs::LaunchExit e;
                e.code = code;
                if (status == QProcess::CrashExit) {
                    e.signal = SIGKILL; // QProcess does not say which: a crash
                    const auto it = m_processes.find(handle);
                    if (it != m_processes.end())
                        e.signal = it->second->property("tlInterrupted").toBool() ? SIGINT
                                                                                   : SIGKILL;
                    e.code = 128 + e.signal;
                }
                ended(handle, e);
            });
    connect(process, &QProcess::errorOccurred, this, [this, handle](QProcess::ProcessError error) {
        const auto it = m_processes.find(handle);
        if (error != QProcess::FailedToStart || it == m_processes.end())
            return;
        runs::LaunchExit e;
        e.startError = QStringLiteral("cannot start %1: %2")
                           .arg(m_program, it->second->errorString())
                           .toStdString();
        // Reported on the event loop: the scheduler is still inside start() now.
        QTimer::singleShot(0, this, [this, handle, e] { ended(handle, e); });
    });
    // Ctrl-C and SIGTERM as the child's defaults, even when this program was started with them
    // ignored: interrupt() must reach the run. Only async-signal-safe calls after fork.
    process->setChildProcessModifier([] {
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
    });
    m_processes[handle] = process;
    process->start(m_program, args);
    return handle;
}

void QProcessLauncher::ended(Handle handle, const runs::LaunchExit &exit)
{
    const auto it = m_processes.find(handle);
    if (it == m_processes.end())
        return; // reported already (a failed start also emits finished)
    it->second->disconnect(this);
    it->second->deleteLater();
    m_processes.erase(it);
    reportExit(handle, exit);
}

void QProcessLauncher::interrupt(Handle handle)
{
    const auto it = m_processes.find(handle);
    if (it == m_processes.end() || it->second->processId() <= 0)
        return;
    it->second->setProperty("tlInterrupted", true);
    ::kill(pid_t(it->second->processId()), SIGINT);
}

void QProcessLauncher::kill(Handle handle)
{
    if (const auto it = m_processes.find(handle); it != m_processes.end())
        it->second->kill();
}

void QProcessLauncher::waitForAll(int msecs)
{
    QElapsedTimer clock;
    clock.start();
    std::map<Handle, QProcess *> left = m_processes;
    for (const auto &[handle, process] : left) {
        const qint64 rest = std::max<qint64>(0, msecs - clock.elapsed());
        if (process->state() != QProcess::NotRunning && !process->waitForFinished(int(rest))) {
            process->kill();
            process->waitForFinished(2000);
        }
    }
}

} // namespace tl::ui
