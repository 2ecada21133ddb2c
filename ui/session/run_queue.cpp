#include "session/run_queue.h"

#include "format/clock_text.h"
#include "session/process_launcher.h"

#include "base/error.h"
#include "experiment/experiment_config.h"
#include "orchestration/scheduler.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_search.h"
#include "platform/cpu_cores.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdlib>

namespace tl::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

RunQueue::RunQueue(QObject *parent)
    : QAbstractTableModel(parent), m_configs(std::make_unique<QTemporaryDir>()),
      m_launcher(std::make_unique<QProcessLauncher>(QProcessLauncher::cliPath())),
      m_scheduler(std::make_unique<runs::Scheduler>(*m_launcher))
{
    connectScheduler();
    m_progressTimer.setInterval(500);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] {
        m_scheduler->pollProgress();
        if (m_scheduler->runningCount() == 0)
            m_progressTimer.stop();
    });
}

RunQueue::~RunQueue()
{
    // The scheduler first (it lets go of the launcher), then the launcher: it stops (Ctrl-C)
    // and waits for what still runs, reporting to no one.
    m_progressTimer.stop();
    m_scheduler.reset();
    m_launcher.reset();
}

void RunQueue::connectScheduler()
{
    runs::Scheduler &s = *m_scheduler;
    s.onStarted = [this](const runs::Point &) { m_progressTimer.start(); };
    s.onChanged = [this](const runs::Point &p) { rowChanged(p); };
    s.onEnded = [this](const runs::Point &p) {
        Q_EMIT runEnded(qs(p.spec.runDir), p.state == runs::PointState::Finished);
    };
    s.onSweepWritten = [this](const std::string &dir) { Q_EMIT sweepChanged(qs(dir)); };
    s.onIdle = [this] { Q_EMIT idle(); };
}

QString RunQueue::cliPath()
{
    return QProcessLauncher::cliPath();
}

void RunQueue::setCliPath(const QString &path)
{
    m_launcher->setProgram(path);
}

QString RunQueue::cli() const
{
    return m_launcher->program();
}

void RunQueue::scheduleSoon()
{
    QTimer::singleShot(0, this, [this] { m_scheduler->schedule(); });
}

void RunQueue::rowChanged(const runs::Point &p)
{
    const int row = m_scheduler->indexOf(p.id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int RunQueue::add(const experiment::ExperimentConfig &config, const QString &runDir,
                  const QString &name)
{
    // The one naming rule (the scheduler claims the folder: a taken name gets -2, -3, ...).
    const int row = count();
    runs::PointSpec spec;
    spec.runDir = QDir::cleanPath(runDir).toStdString();
    spec.config = config;
    beginInsertRows({}, row, row);
    const int id = m_scheduler->add(std::move(spec), true);
    // Named after its folder; its config and log beside the queue (a sweep keeps them in its
    // folder).
    runs::PointSpec &p = m_scheduler->specOf(id);
    const QString folder = QFileInfo(qs(p.runDir)).fileName();
    const QString stem = m_configs->path() + "/" + QString::number(++m_added) + "-" + folder;
    p.name = (name.isEmpty() ? folder : name).toStdString();
    p.configFile = (stem + ".json").toStdString();
    p.logFile = (stem + ".log").toStdString();
    endInsertRows();
    scheduleSoon();
    return row;
}

void RunQueue::addSweep(const runs::SweepPlan &plan, const QString &sweepDir)
{
    // A search may reorder the sweep's points (early stopping starts a grid in a seeded random
    // order) and add points later (TPE): the rows are read again each time.
    beginResetModel();
    try {
        const std::string dir = QDir::cleanPath(sweepDir).toStdString();
        runs::SweepPlan withProposals = runs::withEarlierProposals(plan, dir);
        const int group = m_scheduler->addSweep(withProposals, dir);
        if (withProposals.earlyStop.enabled() || withProposals.mode == "tpe") {
            auto search =
                std::make_unique<runs::SweepSearch>(*m_scheduler, group, std::move(withProposals));
            search->restore();
            search->attach();
            m_searches.push_back(std::move(search));
            wrapProposals();
        }
    } catch (...) {
        endResetModel();
        throw;
    }
    endResetModel();
    scheduleSoon();
}

int RunQueue::addResumable(const std::vector<runs::PointSpec> &specs, double estimateSeconds)
{
    int willRun = 0;
    for (const runs::PointSpec &spec : specs) {
        const QString dir = QDir::cleanPath(qs(spec.runDir));
        int row = -1;
        for (int r = 0; r < count() && row < 0; ++r)
            if (QDir::cleanPath(qs(m_scheduler->points()[std::size_t(r)].spec.runDir)) == dir)
                row = r;
        if (row >= 0) {
            const runs::Point &p = m_scheduler->points()[std::size_t(row)];
            if (p.active() || p.state == runs::PointState::Pending) {
                ++willRun;
                continue;
            }
            remove(row); // ended: replaced by the row below, which looks at its folder again
        }
        QDir().mkpath(QFileInfo(dir).absolutePath());
        const int at = count();
        beginInsertRows({}, at, at);
        const int id = m_scheduler->add(spec);
        endInsertRows();
        const runs::Point *p = m_scheduler->find(id);
        if (p && p->state == runs::PointState::Pending) {
            ++willRun;
            m_estimates[id] = estimateSeconds;
        }
    }
    scheduleSoon();
    return willRun;
}

void RunQueue::wrapProposals()
{
    // TPE adds a point when a slot is free: the table learns of it as a reset.
    auto propose = m_scheduler->wantMore;
    if (!propose)
        return;
    m_scheduler->wantMore = [this, propose] {
        if (m_resetDepth++ == 0)
            beginResetModel();
        const bool added = propose();
        if (--m_resetDepth == 0)
            endResetModel();
        return added;
    };
}

void RunQueue::cancel(int row)
{
    if (row >= 0 && row < count())
        m_scheduler->cancel(m_scheduler->points()[std::size_t(row)].id);
}

bool RunQueue::remove(int row)
{
    if (row < 0 || row >= count() || m_scheduler->points()[std::size_t(row)].active())
        return false;
    beginRemoveRows({}, row, row);
    m_scheduler->remove(m_scheduler->points()[std::size_t(row)].id);
    endRemoveRows();
    return true;
}

bool RunQueue::move(int row, int delta)
{
    const int to = row + delta;
    if (row < 0 || row >= count() || to < 0 || to >= count() || delta == 0)
        return false;
    beginMoveRows({}, row, row, {}, delta > 0 ? to + 1 : to);
    m_scheduler->move(m_scheduler->points()[std::size_t(row)].id, delta);
    endMoveRows();
    return true;
}

bool RunQueue::retry(int row)
{
    if (row < 0 || row >= count() ||
        !m_scheduler->retry(m_scheduler->points()[std::size_t(row)].id))
        return false;
    scheduleSoon();
    return true;
}

void RunQueue::stopAll(int msecs)
{
    m_scheduler->stopAll();
    m_launcher->waitForAll(msecs);
}

void RunQueue::setPaused(bool paused)
{
    m_scheduler->setPaused(paused);
    if (!paused)
        scheduleSoon();
}

bool RunQueue::paused() const
{
    return m_scheduler->paused();
}

void RunQueue::setParallel(int parallel)
{
    parallel = std::clamp(parallel, 1, 8);
    m_scheduler->setParallel(parallel);
    // As the CLI's sweep: the cores shared out, and with CUDA devices one each.
    m_scheduler->setDevices(runs::pointDevices(parallel, std::getenv("CUDA_VISIBLE_DEVICES"),
                                               parallel > 1 ? cudaDeviceCount() : 0));
    std::vector<std::string> args;
    if (parallel > 1)
        args = {"--threads", std::to_string(std::max(1, usableCores() / parallel))};
    m_scheduler->setTrainArgs(std::move(args));
    scheduleSoon();
}

int RunQueue::parallel() const
{
    return m_scheduler->options().parallel;
}

int RunQueue::count() const
{
    return int(m_scheduler->points().size());
}

bool RunQueue::isRunning() const
{
    return m_scheduler->runningCount() > 0;
}

int RunQueue::runningCount() const
{
    return m_scheduler->runningCount();
}

int RunQueue::runningRow() const
{
    const auto &points = m_scheduler->points();
    for (std::size_t r = 0; r < points.size(); ++r)
        if (points[r].active())
            return int(r);
    return -1;
}

RunQueue::State RunQueue::stateOf(const runs::Point &p)
{
    switch (p.state) {
    case runs::PointState::Pending:
        return State::Queued;
    case runs::PointState::Running:
        return State::Running;
    case runs::PointState::Stopping:
        return State::Stopping;
    case runs::PointState::Finished:
        return State::Finished;
    case runs::PointState::Failed:
        return State::Failed;
    case runs::PointState::Stopped:
    case runs::PointState::Pruned:
        return State::Cancelled;
    }
    return State::Queued;
}

RunQueue::Item RunQueue::item(int row) const
{
    const runs::Point &p = m_scheduler->points().at(std::size_t(row));
    Item it;
    it.id = p.id;
    it.runDir = qs(p.spec.runDir);
    it.name = p.group >= 0
                  ? QFileInfo(qs(m_scheduler->sweepDir(p.group))).fileName() + "/" + qs(p.spec.name)
                  : qs(p.spec.name);
    it.model = qs(p.spec.config.model.name);
    it.totalEpochs = p.totalEpochs;
    it.sweepDir = p.group >= 0 ? qs(m_scheduler->sweepDir(p.group)) : QString();
    it.sweepPoint = p.groupIndex;
    it.state = stateOf(p);
    it.progress = p.progress;
    it.etaSeconds = p.etaSeconds;
    it.imagesPerSecond = p.latest.imagesPerSecond;
    it.valAccuracy = p.valAccuracy;
    it.testAccuracy = p.testAccuracy;
    it.seconds = p.seconds;
    if (const auto e = m_estimates.find(p.id); e != m_estimates.end())
        it.estimateSeconds = e->second;
    it.message = qs(p.message);
    if (p.state == runs::PointState::Finished && p.message == "finished earlier")
        it.message = tr("finished earlier");
    else if (p.state == runs::PointState::Stopped && p.attempts == 0)
        it.message = tr("cancelled before it started");
    else if (p.state == runs::PointState::Stopped)
        it.message = p.resumable ? tr("stopped after its last full epoch; Retry continues it")
                                 : tr("stopped before its first epoch ended");
    return it;
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
    const Item it = item(index.row());
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
        if (it.state == State::Queued && it.estimateSeconds >= 0)
            return tr("about %1").arg(clockText(it.estimateSeconds));
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
