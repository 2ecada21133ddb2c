#include "session/run_queue.h"

#include "format/clock_text.h"

#include "base/error.h"
#include "experiment/experiment_config.h"
#include "io/files.h"
#include "rundir/run_reader.h"
#include "orchestration/sweep.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <numeric>

#include <signal.h>

namespace tl::ui {

struct RunQueue::Sweep
{
    QString dir;
    runs::SweepPlan plan;
};

RunQueue::RunQueue(QObject *parent)
    : QAbstractTableModel(parent), m_cli(cliPath()), m_configs(std::make_unique<QTemporaryDir>())
{
}

RunQueue::~RunQueue()
{
    if (m_process) {
        m_process->disconnect(this);
        ::kill(pid_t(m_process->processId()), SIGINT);
        if (!m_process->waitForFinished(10000))
            m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QString RunQueue::cliPath()
{
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString &candidate : {here + "/transferlab-cli", here + "/cli/transferlab-cli",
                                     here + "/../app/cli/transferlab-cli"})
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("transferlab-cli"));
    return onPath.isEmpty() ? QStringLiteral("transferlab-cli") : onPath;
}

RunQueue::Item RunQueue::newItem(const experiment::ExperimentConfig &config, const QString &name,
                                 const QString &runDir, const QString &configFile)
{
    Item it;
    it.id = m_nextId++;
    it.name = name;
    it.runDir = runDir;
    it.configFile = configFile;
    writeFileAtomic(configFile.toStdString(), config.toJson());
    it.model = QString::fromStdString(config.model.name);
    for (const auto &s : config.stages)
        it.stageEpochs.push_back(s.epochs);
    it.totalEpochs = std::max(1, std::accumulate(it.stageEpochs.begin(), it.stageEpochs.end(), 0));
    return it;
}

int RunQueue::add(const experiment::ExperimentConfig &config, const QString &runDir,
                  const QString &name)
{
    const QString folder = QFileInfo(runDir).fileName();
    const Item it =
        newItem(config, name.isEmpty() ? folder : name, runDir,
                m_configs->path() + "/" + QString::number(m_nextId) + "-" + folder + ".json");
    const int row = count();
    beginInsertRows({}, row, row);
    m_items.push_back(it);
    endInsertRows();
    QTimer::singleShot(0, this, &RunQueue::startNext);
    return row;
}

void RunQueue::addSweep(const runs::SweepPlan &plan, const QString &sweepDir)
{
    QDir().mkpath(sweepDir + "/configs");
    auto sweep = std::make_unique<Sweep>();
    sweep->dir = QDir::cleanPath(sweepDir);
    sweep->plan = plan;
    const QString sweepName = QFileInfo(sweepDir).fileName();
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
        const runs::SweepPoint &p = plan.points[i];
        const QString runDir = sweep->dir + "/" + QString::fromStdString(p.name);
        Item it = newItem(p.config, sweepName + "/" + QString::fromStdString(p.name), runDir,
                          sweep->dir + "/configs/" + QString::fromStdString(p.name) + ".json");
        it.sweepDir = sweep->dir;
        it.sweepPoint = int(i);
        if (QFileInfo::exists(runDir + "/summary.json")) {
            try {
                const runs::RunInfo info = runs::readRun(runDir.toStdString());
                it.state = State::Finished;
                it.progress = 1;
                it.testAccuracy = info.testAccuracy;
                it.valAccuracy = info.bestValAccuracy;
                it.seconds = info.totalSeconds;
                it.message = tr("finished earlier");
            } catch (const Error &) {
            }
        }
        const int row = count();
        beginInsertRows({}, row, row);
        m_items.push_back(it);
        endInsertRows();
    }
    m_sweeps.push_back(std::move(sweep));
    writeSweep(QDir::cleanPath(sweepDir));
    QTimer::singleShot(0, this, &RunQueue::startNext);
}

int RunQueue::rowOf(int id) const
{
    for (int r = 0; r < count(); ++r)
        if (m_items[std::size_t(r)].id == id)
            return r;
    return -1;
}

int RunQueue::runningRow() const
{
    return m_runningId < 0 ? -1 : rowOf(m_runningId);
}

void RunQueue::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        QTimer::singleShot(0, this, &RunQueue::startNext);
}

void RunQueue::startNext()
{
    if (m_process || m_paused)
        return;
    int row = -1;
    for (int r = 0; r < count(); ++r)
        if (m_items[std::size_t(r)].state == State::Queued) {
            row = r;
            break;
        }
    if (row < 0) {
        Q_EMIT idle();
        return;
    }
    Item &it = m_items[std::size_t(row)];
    QStringList args{QStringLiteral("train")};
    if (QFileInfo::exists(it.runDir + "/state.tlstate")) {
        args << QStringLiteral("--resume") << it.runDir;
    } else {
        if (QFileInfo::exists(it.runDir)) // an earlier try that left nothing to continue
            QDir(it.runDir).removeRecursively();
        QDir().mkpath(QFileInfo(it.runDir).path());
        args << QStringLiteral("--config") << it.configFile << QStringLiteral("--out") << it.runDir;
    }
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process, &QProcess::readyRead, this, &RunQueue::onOutput);
    connect(m_process, &QProcess::finished, this, &RunQueue::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            onFinished(-1, QProcess::CrashExit);
    });
    m_runningId = it.id;
    m_currentStage = 0;
    m_output.clear();
    m_lastLine.clear();
    it.state = State::Running;
    it.progress = 0;
    it.etaSeconds = -1;
    it.message.clear();
    m_clock.start();
    changed(row);
    if (!it.sweepDir.isEmpty())
        writeSweep(it.sweepDir);
    m_process->start(m_cli, args);
}

void RunQueue::onOutput()
{
    if (!m_process)
        return;
    m_output += QString::fromLocal8Bit(m_process->readAll());
    const int row = runningRow();
    int nl;
    while ((nl = int(m_output.indexOf('\n'))) >= 0) {
        const QString line = m_output.left(nl).trimmed();
        m_output.remove(0, nl + 1);
        if (line.isEmpty())
            continue;
        m_lastLine = line;
        if (row >= 0)
            parseLine(m_items[std::size_t(row)], line);
    }
    if (row >= 0)
        changed(row);
}

// transferlab-cli train's plain progress (app/cli/progress.cpp):
//   stage 2 (fine-tuning): 3 epochs
//   epoch 1/3  40% loss 0.5123 acc 0.8120 1234 img/s ETA 0:12      (stderr, every 10 %)
//   epoch 4 (stage 2, fine-tuning): loss ... | val loss 0.41 acc 0.8530 | lr ... (stdout)
void RunQueue::parseLine(Item &it, const QString &line)
{
    static const QRegularExpression stage(QStringLiteral("^stage (\\d+) \\("));
    static const QRegularExpression partial(
        QStringLiteral("^epoch (\\d+)/(\\d+)\\s+(\\d+)% .* ([0-9.]+) img/s"));
    static const QRegularExpression done(QStringLiteral("^epoch (\\d+) \\(stage (\\d+),"));
    static const QRegularExpression val(QStringLiteral("val loss [0-9.naif]+ acc ([0-9.]+)"));
    double epochsDone = -1;
    if (const auto m = stage.match(line); m.hasMatch()) {
        m_currentStage = std::max(0, m.captured(1).toInt() - 1);
    } else if (const auto m = partial.match(line); m.hasMatch()) {
        double before = 0;
        for (int s = 0; s < m_currentStage && s < int(it.stageEpochs.size()); ++s)
            before += it.stageEpochs[std::size_t(s)];
        epochsDone = before + m.captured(1).toInt() - 1 + m.captured(3).toInt() / 100.0;
        it.imagesPerSecond = m.captured(4).toDouble();
    } else if (const auto m = done.match(line); m.hasMatch()) {
        epochsDone = m.captured(1).toInt();
        if (const auto v = val.match(line); v.hasMatch())
            it.valAccuracy = std::max(it.valAccuracy, v.captured(1).toDouble());
    }
    if (epochsDone >= 0) {
        it.progress = std::clamp(epochsDone / it.totalEpochs, 0.0, 1.0);
        const double elapsed = double(m_clock.elapsed()) / 1000.0;
        if (it.progress > 0.02)
            it.etaSeconds = elapsed * (1 - it.progress) / it.progress;
    }
}

void RunQueue::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    onOutput();
    const int row = runningRow();
    QProcess *process = m_process;
    m_process = nullptr;
    m_runningId = -1;
    process->deleteLater();
    if (row < 0) {
        QTimer::singleShot(0, this, &RunQueue::startNext);
        return;
    }
    Item &it = m_items[std::size_t(row)];
    const bool stopping = it.state == State::Stopping;
    it.seconds = double(m_clock.elapsed()) / 1000.0;
    it.etaSeconds = -1;
    if (status == QProcess::NormalExit && exitCode == 0) {
        try {
            const runs::RunInfo info = runs::readRun(it.runDir.toStdString());
            it.state = State::Finished;
            it.progress = 1;
            it.testAccuracy = info.testAccuracy;
            it.valAccuracy = info.bestValAccuracy;
            it.seconds = info.totalSeconds > 0 ? info.totalSeconds : it.seconds;
        } catch (const Error &e) {
            it.state = State::Failed;
            it.message = QString::fromStdString(e.what());
        }
    } else if (stopping || (status == QProcess::NormalExit && exitCode == 130)) {
        it.state = State::Cancelled;
        it.message = QFileInfo::exists(it.runDir + "/state.tlstate")
                         ? tr("stopped after its last full epoch; Retry continues it")
                         : tr("stopped before its first epoch ended");
    } else {
        it.state = State::Failed;
        if (exitCode == -1 && process->error() == QProcess::FailedToStart)
            it.message = tr("cannot start %1: %2").arg(m_cli, process->errorString());
        else if (status == QProcess::CrashExit)
            it.message = tr("the training process crashed: %1").arg(m_lastLine);
        else
            it.message = QString(m_lastLine).remove(QRegularExpression("^transferlab-cli train: "));
        if (it.message.isEmpty())
            it.message = tr("exit code %1").arg(exitCode);
    }
    changed(row);
    if (!it.sweepDir.isEmpty())
        writeSweep(it.sweepDir);
    Q_EMIT runEnded(it.runDir, it.state == State::Finished);
    QTimer::singleShot(0, this, &RunQueue::startNext);
}

void RunQueue::cancel(int row)
{
    if (row < 0 || row >= count())
        return;
    Item &it = m_items[std::size_t(row)];
    if (it.state == State::Queued) {
        it.state = State::Cancelled;
        it.message = tr("cancelled before it started");
        changed(row);
        if (!it.sweepDir.isEmpty())
            writeSweep(it.sweepDir);
    } else if (it.state == State::Running && m_process && it.id == m_runningId) {
        it.state = State::Stopping;
        changed(row);
        // Ctrl-C: the run stops at its next batch and keeps its last complete epoch.
        ::kill(pid_t(m_process->processId()), SIGINT);
    }
}

bool RunQueue::remove(int row)
{
    if (row < 0 || row >= count())
        return false;
    const State s = m_items[std::size_t(row)].state;
    if (s == State::Running || s == State::Stopping)
        return false;
    beginRemoveRows({}, row, row);
    m_items.erase(m_items.begin() + row);
    endRemoveRows();
    return true;
}

bool RunQueue::move(int row, int delta)
{
    const int to = row + delta;
    if (row < 0 || row >= count() || to < 0 || to >= count() || delta == 0)
        return false;
    beginMoveRows({}, row, row, {}, delta > 0 ? to + 1 : to);
    std::swap(m_items[std::size_t(row)], m_items[std::size_t(to)]);
    endMoveRows();
    return true;
}

bool RunQueue::retry(int row)
{
    if (row < 0 || row >= count())
        return false;
    Item &it = m_items[std::size_t(row)];
    if (it.state != State::Failed && it.state != State::Cancelled)
        return false;
    it.state = State::Queued;
    it.message.clear();
    it.progress = 0;
    changed(row);
    if (!it.sweepDir.isEmpty())
        writeSweep(it.sweepDir);
    QTimer::singleShot(0, this, &RunQueue::startNext);
    return true;
}

void RunQueue::stopAll(int msecs)
{
    m_paused = true;
    if (!m_process)
        return;
    const int row = runningRow();
    if (row >= 0)
        cancel(row);
    if (m_process && !m_process->waitForFinished(msecs) && m_process)
        m_process->kill();
}

void RunQueue::changed(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunQueue::writeSweep(const QString &sweepDir)
{
    for (const auto &s : m_sweeps) {
        if (s->dir != sweepDir)
            continue;
        std::vector<runs::SweepPointStatus> status(s->plan.points.size());
        for (const auto &it : m_items) {
            if (it.sweepDir != sweepDir || it.sweepPoint < 0 ||
                std::size_t(it.sweepPoint) >= status.size())
                continue;
            auto &st = status[std::size_t(it.sweepPoint)];
            switch (it.state) {
            case State::Queued:
                st.status = "pending";
                break;
            case State::Running:
            case State::Stopping:
                st.status = "running";
                break;
            case State::Finished:
                st.status = "finished";
                st.testAccuracy = it.testAccuracy;
                break;
            case State::Failed:
                st.status = "failed";
                break;
            case State::Cancelled:
                st.status = "stopped";
                break;
            }
            st.message = it.message.toStdString();
            st.seconds = it.seconds;
        }
        try {
            runs::writeSweepJson(sweepDir.toStdString(), s->plan, status);
        } catch (const Error &) {
            // The sweep folder went away: the runs themselves are what matters.
        }
        Q_EMIT sweepChanged(sweepDir);
    }
}

int RunQueue::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

int RunQueue::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunQueue::stateText(State s)
{
    switch (s) {
    case State::Queued:
        return tr("queued");
    case State::Running:
        return tr("running");
    case State::Stopping:
        return tr("stopping…");
    case State::Finished:
        return tr("finished");
    case State::Failed:
        return tr("failed");
    case State::Cancelled:
        return tr("cancelled");
    }
    return {};
}

QVariant RunQueue::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const Item &it = m_items[std::size_t(index.row())];
    if (role == Qt::ToolTipRole)
        return it.message.isEmpty() ? it.runDir : it.runDir + "\n" + it.message;
    if (role == Qt::UserRole && index.column() == Progress)
        return it.progress;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return it.name;
    case Status:
        return it.message.isEmpty() || it.state == State::Finished
                   ? stateText(it.state)
                   : stateText(it.state) + ": " + it.message;
    case Progress:
        return QStringLiteral("%1 %").arg(int(it.progress * 100 + 0.5));
    case Eta:
        if (it.state == State::Running && it.etaSeconds >= 0)
            return clockText(it.etaSeconds);
        if (it.state == State::Finished)
            return tr("took %1").arg(clockText(it.seconds));
        return QString();
    case Validation:
        return it.valAccuracy >= 0 ? QString::number(it.valAccuracy, 'f', 4) : QString();
    case Test:
        return it.testAccuracy >= 0 ? QString::number(it.testAccuracy, 'f', 4) : QString();
    }
    return {};
}

QVariant RunQueue::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Run");
    case Status:
        return tr("Status");
    case Progress:
        return tr("Progress");
    case Eta:
        return tr("Time left");
    case Validation:
        return tr("Best val acc");
    case Test:
        return tr("Test acc");
    }
    return {};
}

} // namespace tl::ui
