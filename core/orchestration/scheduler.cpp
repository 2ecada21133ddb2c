#include "orchestration/scheduler.h"

#include "base/error.h"
#include "io/files.h"
#include "rundir/run_dir.h"
#include "rundir/run_reader.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <numeric>

namespace fs = std::filesystem;

namespace tl::runs {

struct Scheduler::Group
{
    std::string dir;
    SweepPlan plan;
    std::vector<int> ids; // by plan index
};

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string safeStem(const std::string &s)
{
    std::string out;
    for (const char c : s)
        out += std::isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-' ? c : '-';
    while (!out.empty() && out.front() == '.')
        out.erase(out.begin()); // no hidden folders, no ".."
    return out.empty() ? "run" : out;
}

bool exists(const std::string &path)
{
    std::error_code ec;
    return fs::exists(path, ec);
}

// A transient failure, worth another try: a crash, an internal error, a lost rank. Bad input
// (2) and a divergence (3) would fail again the same way.
bool transient(const LaunchExit &e)
{
    return e.startError.empty() && (e.signal != 0 || e.code == 1 || e.code == 4);
}

// A run a search stopped early (Scheduler::prune): its summary.json says so.
bool prunedRun(const RunInfo &info)
{
    return info.finished && info.stopReason.rfind("pruned", 0) == 0;
}

std::string stoppedMessage(bool resumable)
{
    return resumable ? "stopped after its last full epoch; it continues from there when started "
                       "again"
                     : "stopped before its first epoch ended";
}

} // namespace

const char *pointStateName(PointState s)
{
    switch (s) {
    case PointState::Pending:
        return "pending";
    case PointState::Running:
    case PointState::Stopping:
        return "running";
    case PointState::Finished:
        return "finished";
    case PointState::Failed:
        return "failed";
    case PointState::Stopped:
        return "stopped";
    case PointState::Pruned:
        return "pruned";
    }
    return "pending";
}

StartMode startModeOf(const std::string &runDir)
{
    const RunDir dir(runDir);
    if (dir.isFinished()) {
        try {
            readRun(runDir);
            return StartMode::Finished;
        } catch (const Error &) {
            // damaged: what can be continued is
        }
    }
    return dir.hasState() ? StartMode::Resume : StartMode::Fresh;
}

std::string freeFolder(const std::string &parent, const std::string &stem)
{
    const std::string safe = safeStem(stem);
    std::error_code ec;
    fs::create_directories(parent.empty() ? "." : parent, ec);
    for (int n = 1;; ++n) {
        const std::string dir =
            (fs::path(parent) / (n == 1 ? safe : safe + "-" + std::to_string(n))).string();
        // Claimed by creating it: two processes choosing at once get different folders.
        if (fs::create_directory(dir, ec))
            return dir;
        if (ec && !exists(dir))
            throw fileError(dir, "cannot create the run folder: " + ec.message());
    }
}

std::string runFolderStem(const experiment::ExperimentConfig &c, const std::string &label)
{
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char when[32];
    std::strftime(when, sizeof when, "%Y%m%d-%H%M%S", &local);
    return safeStem(std::string(when) + "-" + c.model.name + "-" + c.data.name +
                    (label.empty() ? std::string() : "-" + label.substr(0, 40)));
}

std::string sweepFolderStem(const std::string &origin)
{
    std::string stem = fs::path(origin).filename().string();
    for (const std::string ext : {".json", ".tlexp"})
        if (stem.size() > ext.size() &&
            stem.compare(stem.size() - ext.size(), ext.size(), ext) == 0)
            stem.resize(stem.size() - ext.size());
    return "sweep-" + safeStem(stem);
}

std::vector<std::string> pointDevices(int parallel, const char *visible, int cudaCount)
{
    std::vector<std::string> devices;
    if (parallel <= 1)
        return devices;
    if (visible && *visible) {
        const std::string list = visible;
        for (std::size_t start = 0; start <= list.size();) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            if (comma > start)
                devices.push_back(list.substr(start, comma - start));
            start = comma + 1;
        }
    } else {
        for (int d = 0; d < cudaCount; ++d)
            devices.push_back(std::to_string(d));
    }
    return devices;
}

Scheduler::Scheduler(Launcher &launcher, SchedulerOptions options)
    : m_launcher(launcher), m_options(std::move(options))
{
    m_options.parallel = std::max(1, m_options.parallel);
    m_launcher.setExitHandler(
        [this](Launcher::Handle h, const LaunchExit &e) { onExit(h, e); });
}

Scheduler::~Scheduler()
{
    m_launcher.setExitHandler({});
}

void Scheduler::setParallel(int parallel)
{
    m_options.parallel = std::clamp(parallel, 1, 64);
}

Point *Scheduler::get(int id)
{
    for (auto &p : m_points)
        if (p.id == id)
            return &p;
    return nullptr;
}

const Point *Scheduler::find(int id) const
{
    for (const auto &p : m_points)
        if (p.id == id)
            return &p;
    return nullptr;
}

int Scheduler::indexOf(int id) const
{
    for (std::size_t i = 0; i < m_points.size(); ++i)
        if (m_points[i].id == id)
            return int(i);
    return -1;
}

int Scheduler::runningCount() const
{
    return int(m_running.size());
}

bool Scheduler::idle() const
{
    if (!m_running.empty())
        return false;
    if (m_paused)
        return true;
    return std::none_of(m_points.begin(), m_points.end(),
                        [](const Point &p) { return p.state == PointState::Pending; });
}

int Scheduler::add(PointSpec spec, bool fresh)
{
    if (fresh) { // claimed now: a name taken meanwhile goes to the next point
        const fs::path dir(spec.runDir);
        spec.runDir = freeFolder(dir.parent_path().string(), dir.filename().string());
    }
    Point p;
    p.id = m_nextId++;
    const std::vector<experiment::StageConfig> &stages = spec.config.stages;
    p.totalEpochs = std::max(1, std::accumulate(stages.begin(), stages.end(), 0,
                                                [](int n, const auto &s) { return n + s.epochs; }));
    p.spec = std::move(spec);
    if (!fresh && startModeOf(p.spec.runDir) == StartMode::Finished) {
        const RunInfo info = readRun(p.spec.runDir);
        p.state = prunedRun(info) ? PointState::Pruned : PointState::Finished;
        p.progress = 1;
        p.testAccuracy = info.testAccuracy;
        p.valAccuracy = info.bestValAccuracy;
        p.seconds = info.totalSeconds;
        p.message = prunedRun(info) ? info.stopReason : "finished earlier";
    }
    m_points.push_back(std::move(p));
    return m_points.back().id;
}

int Scheduler::addSweep(const SweepPlan &plan, const std::string &dir)
{
    std::error_code ec;
    fs::create_directories(fs::path(dir) / "configs", ec);
    fs::create_directories(fs::path(dir) / "logs", ec);
    if (ec)
        throw fileError(dir, "cannot create the sweep folder: " + ec.message());
    auto g = std::make_unique<Group>();
    g->dir = fs::path(dir).lexically_normal().string();
    if (g->dir.size() > 1 && g->dir.back() == '/')
        g->dir.pop_back();
    g->plan = plan;
    g->plan.points.clear();
    m_groups.push_back(std::move(g));
    const int group = int(m_groups.size()) - 1;
    for (const SweepPoint &point : plan.points)
        addToSweep(group, point);
    writeSweep(group);
    return group;
}

int Scheduler::addToSweep(int group, const SweepPoint &point)
{
    Group &g = *m_groups.at(std::size_t(group));
    PointSpec spec;
    spec.name = point.name;
    spec.runDir = (fs::path(g.dir) / point.name).string();
    spec.config = point.config;
    spec.configFile = (fs::path(g.dir) / "configs" / (point.name + ".json")).string();
    spec.logFile = (fs::path(g.dir) / "logs" / (point.name + ".log")).string();
    const int id = add(std::move(spec));
    Point &p = m_points.back();
    p.group = group;
    p.groupIndex = int(g.plan.points.size());
    g.plan.points.push_back(point);
    g.ids.push_back(id);
    return id;
}

PointSpec &Scheduler::specOf(int id)
{
    Point *p = get(id);
    if (!p)
        throw Error("no point " + std::to_string(id) + " in the scheduler");
    return p->spec;
}

const std::string &Scheduler::sweepDir(int group) const
{
    return m_groups.at(std::size_t(group))->dir;
}

void Scheduler::schedule()
{
    if (m_scheduling)
        return; // an exit reported while starting: the loop below goes on
    m_scheduling = true;
    bool asked = false;
    while (!m_paused && int(m_running.size()) < m_options.parallel) {
        Point *next = nullptr;
        for (auto &p : m_points) {
            if (p.state != PointState::Pending)
                continue;
            const Point *before = p.spec.after >= 0 ? find(p.spec.after) : nullptr;
            if (before && before->state != PointState::Finished)
                continue; // waits for it (blockDependents ends the wait when it cannot finish)
            next = &p;
            break;
        }
        if (!next) {
            if (asked || !wantMore || !wantMore())
                break;
            asked = true;
            continue;
        }
        launch(*next);
    }
    m_scheduling = false;
    const bool nowIdle = idle();
    if (nowIdle && !m_wasIdle && onIdle) {
        m_wasIdle = true;
        onIdle();
    }
    m_wasIdle = nowIdle;
}

void Scheduler::launch(Point &p)
{
    const StartMode mode = startModeOf(p.spec.runDir);
    p.message.clear();
    p.resumable = false;
    if (mode == StartMode::Finished) { // finished meanwhile (another sweep, another window)
        judge(p, LaunchExit{});
        changed(p);
        if (p.group >= 0)
            writeSweep(p.group);
        if (onEnded)
            onEnded(p);
        return;
    }
    LaunchRequest request;
    request.args = {"train"};
    std::error_code ec;
    try {
        if (mode == StartMode::Resume) {
            request.args.insert(request.args.end(), {"--resume", p.spec.runDir});
        } else {
            fs::remove_all(p.spec.runDir, ec); // an earlier try that left nothing to continue
            fs::create_directories(fs::path(p.spec.runDir).parent_path(), ec);
            fs::create_directories(fs::path(p.spec.configFile).parent_path(), ec);
            writeFileAtomic(p.spec.configFile, p.spec.config.toJson());
            request.args.insert(request.args.end(),
                                {"--config", p.spec.configFile, "--out", p.spec.runDir});
        }
    } catch (const Error &e) {
        p.state = PointState::Failed;
        p.message = e.what();
        changed(p);
        if (onEnded)
            onEnded(p);
        return;
    }
    request.args.insert(request.args.end(), m_options.trainArgs.begin(), m_options.trainArgs.end());
    fs::remove(RunDir(p.spec.runDir).stopRequest(), ec); // one an earlier try did not see
    int slot = 0;
    while (std::any_of(m_points.begin(), m_points.end(),
                       [&](const Point &q) { return q.active() && q.slot == slot; }))
        ++slot;
    p.slot = slot;
    p.device = m_options.devices.empty()
                   ? std::string()
                   : m_options.devices[std::size_t(slot) % m_options.devices.size()];
    if (!p.device.empty())
        request.env.push_back({"CUDA_VISIBLE_DEVICES", p.device});
    if (!p.spec.logFile.empty())
        fs::create_directories(fs::path(p.spec.logFile).parent_path(), ec);
    request.logFile = p.spec.logFile;
    p.state = PointState::Running;
    p.progress = 0;
    p.progressAtStart = -1;
    p.etaSeconds = -1;
    p.latest = ProgressRow{};
    p.startedAt = now();
    ++p.attempts;
    m_tails.push_back({p.id, std::make_unique<ProgressTail>(RunDir(p.spec.runDir).progress())});
    m_metricsSize.push_back({p.id, 0});
    const int id = p.id;
    const Launcher::Handle handle = m_launcher.start(request);
    m_running.push_back({handle, id});
    Point &started = *get(id);
    if (onStarted)
        onStarted(started);
    changed(started);
    if (started.group >= 0)
        writeSweep(started.group);
}

void Scheduler::onExit(Launcher::Handle handle, const LaunchExit &exit)
{
    const auto it = std::find_if(m_running.begin(), m_running.end(),
                                 [handle](const auto &r) { return r.first == handle; });
    if (it == m_running.end())
        return;
    const int id = it->second;
    m_running.erase(it);
    Point *p = get(id);
    if (!p) // removed meanwhile (not while running: remove() refuses)
        return;
    pollProgress();
    m_tails.erase(std::remove_if(m_tails.begin(), m_tails.end(),
                                 [id](const auto &t) { return t.first == id; }),
                  m_tails.end());
    m_metricsSize.erase(std::remove_if(m_metricsSize.begin(), m_metricsSize.end(),
                                       [id](const auto &t) { return t.first == id; }),
                        m_metricsSize.end());
    p->seconds = now() - p->startedAt;
    p->slot = -1;
    judge(*p, exit);
    changed(*p);
    if (p->group >= 0)
        writeSweep(p->group);
    if (p->state != PointState::Pending) {
        blockDependents(*p);
        if (onEnded)
            onEnded(*get(id));
    }
    schedule();
}

// The outcome, from the exit status and the run folder.
void Scheduler::judge(Point &p, const LaunchExit &exit)
{
    p.etaSeconds = -1;
    const bool stopping = p.state == PointState::Stopping;
    const bool pruning = stopping && p.message.rfind("pruned", 0) == 0;
    p.resumable = RunDir(p.spec.runDir).hasState();
    if (exit.startError.empty() && exit.code == 0 && exit.signal == 0) {
        try {
            const RunInfo info = readRun(p.spec.runDir);
            if (!info.finished)
                throw Error(std::string("the run ended without its ") + RunDir::kSummary);
            p.state = prunedRun(info) ? PointState::Pruned : PointState::Finished;
            p.progress = 1;
            p.testAccuracy = info.testAccuracy;
            p.valAccuracy = info.bestValAccuracy;
            if (info.totalSeconds > 0)
                p.seconds = info.totalSeconds;
            p.message = prunedRun(info) ? info.stopReason : std::string();
        } catch (const Error &e) {
            p.state = PointState::Failed;
            p.message = e.what();
        }
        return;
    }
    if (pruning) {
        p.state = PointState::Pruned;
        return; // its message says why
    }
    if (exit.startError.empty() && (stopping || exit.code == 130 || exit.signal == SIGINT)) {
        p.state = PointState::Stopped;
        if (p.message.empty() || !stopping) // a reason given to cancel() stays
            p.message = stoppedMessage(p.resumable);
        return;
    }
    p.state = PointState::Failed;
    if (!exit.startError.empty()) {
        p.message = exit.startError;
    } else {
        const std::string last = lastLogLine(p.spec.logFile);
        if (exit.signal != 0)
            p.message = "the training process crashed (signal " + std::to_string(exit.signal) +
                        ")" + (last.empty() ? "" : ": " + last);
        else
            p.message = last.empty() ? "exit code " + std::to_string(exit.code) : last;
    }
    if (transient(exit) && p.attempts <= m_options.retries) {
        p.message = "attempt " + std::to_string(p.attempts) + " failed (" + p.message +
                    "); trying again";
        p.state = PointState::Pending;
    }
}

// The points that wait for `p` cannot run when it did not finish.
void Scheduler::blockDependents(const Point &p)
{
    if (p.state == PointState::Finished)
        return;
    const int id = p.id;
    const PointState state = p.state;
    const std::string name = p.spec.name;
    for (auto &q : m_points)
        if (q.spec.after == id && q.state == PointState::Pending) {
            q.state = state == PointState::Failed ? PointState::Failed : PointState::Stopped;
            q.message = state == PointState::Failed ? name + " failed: it cannot start"
                                                    : name + " did not finish: not started";
            changed(q);
            if (q.group >= 0)
                writeSweep(q.group);
            blockDependents(q);
        }
}

void Scheduler::cancel(int id, const std::string &why)
{
    Point *p = get(id);
    if (!p)
        return;
    if (p->state == PointState::Pending) {
        p->state = PointState::Stopped;
        p->message = why.empty() ? "cancelled before it started" : why;
        changed(*p);
        if (p->group >= 0)
            writeSweep(p->group);
        blockDependents(*p);
        schedule(); // the idle event, when it was the last
    } else if (p->state == PointState::Running) {
        p->state = PointState::Stopping;
        if (!why.empty())
            p->message = why; // judge() keeps it
        changed(*p);
        for (const auto &[handle, pid] : m_running)
            if (pid == id)
                m_launcher.interrupt(handle);
    }
}

void Scheduler::prune(int id, const std::string &reason)
{
    Point *p = get(id);
    if (!p || p->state != PointState::Running)
        return;
    p->message = reason.rfind("pruned", 0) == 0 ? reason : "pruned: " + reason;
    // The run stops itself after its current batch, like the window's Stop: its finished
    // epochs kept, the test set evaluated, summary.json written with this reason (train's stop
    // request, RunDir::kStopRequest), so a sweep started again does not resume it.
    try {
        writeFileAtomic(RunDir(p->spec.runDir).stopRequest(), p->message);
    } catch (const Error &) {
        cancel(id); // the folder cannot take it: stopped as by Ctrl-C, still judged pruned
        return;
    }
    p->state = PointState::Stopping;
    changed(*p);
}

bool Scheduler::retry(int id)
{
    Point *p = get(id);
    if (!p || (p->state != PointState::Failed && p->state != PointState::Stopped &&
               p->state != PointState::Pruned))
        return false;
    p->state = PointState::Pending;
    p->message.clear();
    p->progress = 0;
    changed(*p);
    if (p->group >= 0)
        writeSweep(p->group);
    return true;
}

bool Scheduler::remove(int id)
{
    const int i = indexOf(id);
    if (i < 0 || m_points[std::size_t(i)].active())
        return false;
    m_points.erase(m_points.begin() + i);
    return true;
}

bool Scheduler::move(int id, int delta)
{
    const int i = indexOf(id), to = i + delta;
    if (i < 0 || delta == 0 || to < 0 || to >= int(m_points.size()))
        return false;
    std::swap(m_points[std::size_t(i)], m_points[std::size_t(to)]);
    return true;
}

void Scheduler::setPaused(bool paused)
{
    m_paused = paused;
}

void Scheduler::stopAll()
{
    m_paused = true;
    std::vector<int> ids;
    for (const auto &[handle, id] : m_running)
        ids.push_back(id);
    for (const int id : ids)
        cancel(id);
}

void Scheduler::pollProgress()
{
    for (auto &[id, tail] : m_tails) {
        Point *p = get(id);
        if (!p)
            continue;
        bool moved = false;
        for (const ProgressRow &row : tail->readNew()) {
            p->latest = row;
            moved = true;
        }
        for (auto &[mid, size] : m_metricsSize) {
            std::error_code ec;
            const auto bytes = fs::file_size(RunDir(p->spec.runDir).metrics(), ec);
            if (mid != id || ec || bytes == size)
                continue;
            size = bytes;
            try { // an epoch ended: its validation accuracy
                p->valAccuracy = std::max(p->valAccuracy, readRun(p->spec.runDir).bestValAccuracy);
                moved = true;
            } catch (const Error &) {
            }
        }
        if (!moved)
            continue;
        p->progress = std::clamp(p->latest.x() / double(p->totalEpochs), 0.0, 1.0);
        if (p->progressAtStart < 0)
            p->progressAtStart = p->progress; // a resumed run starts part of the way
        const double gained = p->progress - p->progressAtStart;
        if (gained > 0.02)
            p->etaSeconds = (now() - p->startedAt) * (1 - p->progress) / gained;
        changed(*p);
    }
}

void Scheduler::changed(Point &p)
{
    if (onChanged)
        onChanged(p);
}

void Scheduler::writeSweep(int group)
{
    const Group &g = *m_groups.at(std::size_t(group));
    std::vector<SweepPointStatus> status(g.plan.points.size());
    for (std::size_t i = 0; i < g.ids.size(); ++i) {
        const Point *p = find(g.ids[i]);
        if (!p)
            continue; // removed from the queue: pending in the file
        SweepPointStatus &st = status[i];
        st.status = pointStateName(p->state);
        st.message = p->message;
        st.testAccuracy = p->state == PointState::Finished ? p->testAccuracy : -1;
        st.seconds = p->seconds;
        if (p->state == PointState::Finished)
            st.epochs = p->totalEpochs;
        else if (p->latest.batches > 0 && p->latest.batch >= p->latest.batches)
            st.epochs = p->latest.globalEpoch;
        else
            st.epochs = std::max(0, p->latest.globalEpoch - 1);
        if (describeSweepPoint)
            describeSweepPoint(*p, st);
    }
    try {
        writeSweepJson(g.dir, g.plan, status);
    } catch (const Error &) {
        return; // the sweep folder went away: the runs themselves are what matters
    }
    if (onSweepWritten)
        onSweepWritten(g.dir);
}

} // namespace tl::runs
