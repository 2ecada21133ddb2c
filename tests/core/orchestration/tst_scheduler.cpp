// The Scheduler (orchestration/scheduler.h) driven by a fake launcher: no process starts; the test
// plays each run's part (writes its folder as transferlab-cli train would, then "exits"). Covers
// finished/failed/stopped outcomes from exit status plus folder, resume-or-start, parallel slots
// and device assignment, retries, naming collisions, sweep.json, dependencies and pruning.

#include "experiment/experiment_config.h"
#include "orchestration/launcher.h"
#include "orchestration/scheduler.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_results.h"
#include "rundir/run_dir.h"
#include "rundir/run_summary.h"
#include "support/fixtures.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <algorithm>
#include <map>
#include <thread>

using namespace tl;
using runs::PointState;
using test::writeText;
namespace fs = std::filesystem;

namespace {

class FakeLauncher : public runs::Launcher
{
public:
    struct Started
    {
        runs::LaunchRequest request;
        bool interrupted = false;
        bool ended = false;
    };
    Handle start(const runs::LaunchRequest &request) override
    {
        const Handle h = m_next++;
        started[h] = {request, false, false};
        order.push_back(h);
        return h;
    }
    void interrupt(Handle h) override { started[h].interrupted = true; }
    void kill(Handle h) override { exit(h, 0, SIGKILL); }
    void exit(Handle h, int code, int signal = 0)
    {
        started[h].ended = true;
        runs::LaunchExit e;
        e.code = signal ? 128 + signal : code;
        e.signal = signal;
        reportExit(h, e);
    }
    void failToStart(Handle h, const std::string &why)
    {
        started[h].ended = true;
        runs::LaunchExit e;
        e.startError = why;
        reportExit(h, e);
    }
    int running() const
    {
        int n = 0;
        for (const auto &[h, s] : started)
            n += !s.ended;
        return n;
    }
    // The value after `flag` in a request's arguments ("" when absent).
    static std::string arg(const runs::LaunchRequest &r, const std::string &flag)
    {
        for (std::size_t i = 0; i + 1 < r.args.size(); ++i)
            if (r.args[i] == flag)
                return r.args[i + 1];
        return {};
    }
    static std::string env(const runs::LaunchRequest &r, const std::string &name)
    {
        for (const auto &[k, v] : r.env)
            if (k == name)
                return v;
        return {};
    }
    std::map<Handle, Started> started;
    std::vector<Handle> order;

private:
    Handle m_next = 1;
};

experiment::ExperimentConfig config(int epochs = 2)
{
    experiment::ExperimentConfig c;
    c.stages.resize(1);
    c.stages[0].epochs = epochs;
    return c;
}

// What transferlab-cli train leaves: config.json always; state.tlstate after an epoch;
// summary.json at the end.
void writeRun(const std::string &dir, bool epochDone, bool finished, double accuracy = 0.8)
{
    fs::create_directories(dir);
    writeText(dir + "/config.json", config().toJson());
    if (epochDone)
        writeText(dir + "/state.tlstate", "state");
    if (finished) {
        runs::RunSummary s;
        s.testAccuracy = accuracy;
        s.totalSeconds = 12;
        s.epochs = 2;
        writeText(dir + "/summary.json", s.toJson());
    }
}

runs::PointSpec spec(const QTemporaryDir &tmp, const std::string &name)
{
    runs::PointSpec s;
    s.name = name;
    s.runDir = tmp.path().toStdString() + "/" + name;
    s.config = config();
    s.configFile = tmp.path().toStdString() + "/configs/" + name + ".json";
    s.logFile = tmp.path().toStdString() + "/logs/" + name + ".log";
    return s;
}

} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finishedFailedAndStopped()
    {
        QTemporaryDir tmp;
        FakeLauncher fake;
        runs::Scheduler s(fake);
        int ended = 0, idle = 0;
        s.onEnded = [&](const runs::Point &) { ++ended; };
        s.onIdle = [&] { ++idle; };
        const int a = s.add(spec(tmp, "a")), b = s.add(spec(tmp, "b")), c = s.add(spec(tmp, "c"));
        s.schedule();
        // One at a time: a fresh start from its config file.
        QCOMPARE(fake.running(), 1);
        const auto &first = fake.started[1].request;
        QCOMPARE(first.args.front(), std::string("train"));
        QCOMPARE(FakeLauncher::arg(first, "--out"), s.find(a)->spec.runDir);
        QVERIFY(fs::exists(FakeLauncher::arg(first, "--config")));
        QCOMPARE(s.find(a)->state, PointState::Running);
        QCOMPARE(s.find(b)->state, PointState::Pending);
        // Exit 0 with summary.json: finished, its accuracy read from the folder.
        writeRun(s.find(a)->spec.runDir, true, true, 0.75);
        fake.exit(1, 0);
        QCOMPARE(s.find(a)->state, PointState::Finished);
        QCOMPARE(s.find(a)->testAccuracy, 0.75);
        QCOMPARE(s.find(a)->seconds, 12.0);
        // The next one started by itself; it fails: the log's last line, without the prefix.
        QCOMPARE(fake.running(), 1);
        writeText(s.find(b)->spec.logFile,
                  "stage 1\ntransferlab-cli train: weights.pth: no such file\n\n");
        fake.exit(2, 2);
        QCOMPARE(s.find(b)->state, PointState::Failed);
        QCOMPARE(s.find(b)->message, std::string("weights.pth: no such file"));
        // Exit 0 without summary.json is not a finished run.
        writeRun(s.find(c)->spec.runDir, false, false);
        fake.exit(3, 0);
        QCOMPARE(s.find(c)->state, PointState::Failed);
        QVERIFY(s.find(c)->message.find("summary.json") != std::string::npos);
        QCOMPARE(ended, 3);
        QCOMPARE(idle, 1);
        QVERIFY(s.idle());

        // 130 is a stop; with a state it is resumable, and a retry resumes it.
        const int d = s.add(spec(tmp, "d"));
        s.schedule();
        writeRun(s.find(d)->spec.runDir, true, false);
        fake.exit(4, 130);
        QCOMPARE(s.find(d)->state, PointState::Stopped);
        QVERIFY(s.find(d)->resumable);
        QVERIFY(s.retry(d));
        s.schedule();
        QCOMPARE(FakeLauncher::arg(fake.started[5].request, "--resume"), s.find(d)->spec.runDir);
        // A crash (signal) is a failure naming the signal.
        fake.exit(5, 0, SIGSEGV);
        QCOMPARE(s.find(d)->state, PointState::Failed);
        QVERIFY(s.find(d)->message.find("signal 11") != std::string::npos);
        // A process that could not start.
        QVERIFY(s.retry(d));
        s.schedule();
        fake.failToStart(6, "cannot start /nowhere: No such file");
        QCOMPARE(s.find(d)->state, PointState::Failed);
        QCOMPARE(s.find(d)->message, std::string("cannot start /nowhere: No such file"));
    }

    void cancelAndStopAll()
    {
        QTemporaryDir tmp;
        FakeLauncher fake;
        runs::Scheduler s(fake, {2, {}, 0, {}});
        const int a = s.add(spec(tmp, "a")), b = s.add(spec(tmp, "b")), c = s.add(spec(tmp, "c"));
        s.cancel(c); // queued: never starts
        QCOMPARE(s.find(c)->state, PointState::Stopped);
        s.schedule();
        QCOMPARE(fake.running(), 2);
        // A running one: Ctrl-C, then whatever its exit code, a stop.
        s.cancel(a);
        QCOMPARE(s.find(a)->state, PointState::Stopping);
        QVERIFY(fake.started[1].interrupted);
        QVERIFY(!s.remove(a)); // not while it runs
        fake.exit(1, 2);
        QCOMPARE(s.find(a)->state, PointState::Stopped);
        QVERIFY(!s.find(a)->resumable);
        // stopAll: every running point interrupted, nothing more starts.
        const int d = s.add(spec(tmp, "d"));
        s.stopAll();
        QVERIFY(fake.started[2].interrupted);
        fake.exit(2, 130);
        QCOMPARE(s.find(b)->state, PointState::Stopped);
        QCOMPARE(s.find(d)->state, PointState::Pending);
        QCOMPARE(fake.running(), 0);
        QVERIFY(s.idle());
        QVERIFY(s.remove(c));
        QCOMPARE(s.points().size(), std::size_t(3));
    }

    void resumeOrStart()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        writeRun(dir + "/done", true, true);
        writeRun(dir + "/half", true, false);
        writeRun(dir + "/nothing", false, false);
        writeText(dir + "/nothing/metrics.csv", "epoch\n");
        QCOMPARE(runs::startModeOf(dir + "/done"), runs::StartMode::Finished);
        QCOMPARE(runs::startModeOf(dir + "/half"), runs::StartMode::Resume);
        QCOMPARE(runs::startModeOf(dir + "/nothing"), runs::StartMode::Fresh);
        QCOMPARE(runs::startModeOf(dir + "/absent"), runs::StartMode::Fresh);
        // A damaged summary.json is not finished: what can be continued is.
        writeRun(dir + "/damaged", true, false);
        writeText(dir + "/damaged/summary.json", "{\"test_accuracy\": ");
        QCOMPARE(runs::startModeOf(dir + "/damaged"), runs::StartMode::Resume);

        FakeLauncher fake;
        runs::Scheduler s(fake, {3, {}, 0, {"--quiet"}});
        const int done = s.add(spec(tmp, "done")), half = s.add(spec(tmp, "half")),
                  nothing = s.add(spec(tmp, "nothing"));
        QCOMPARE(s.find(done)->state, PointState::Finished); // skipped
        s.schedule();
        QCOMPARE(fake.running(), 2);
        const auto &r1 = fake.started[1].request, &r2 = fake.started[2].request;
        QCOMPARE(FakeLauncher::arg(r1, "--resume"), s.find(half)->spec.runDir);
        QCOMPARE(r1.args.back(), std::string("--quiet"));
        QCOMPARE(FakeLauncher::arg(r2, "--out"), s.find(nothing)->spec.runDir);
        // A fresh start removed the earlier folder that had nothing to continue.
        QVERIFY(!fs::exists(dir + "/nothing/metrics.csv"));
    }

    void parallelSlotsAndDevices()
    {
        QCOMPARE(runs::pointDevices(1, "0,1", 2), std::vector<std::string>{});
        QCOMPARE(runs::pointDevices(2, "3,5", 8), (std::vector<std::string>{"3", "5"}));
        QCOMPARE(runs::pointDevices(2, nullptr, 2), (std::vector<std::string>{"0", "1"}));
        QCOMPARE(runs::pointDevices(4, "", 0), std::vector<std::string>{});

        QTemporaryDir tmp;
        FakeLauncher fake;
        runs::SchedulerOptions o;
        o.parallel = 2;
        o.devices = {"3", "5"};
        runs::Scheduler s(fake, o);
        for (const char *n : {"a", "b", "c", "d"})
            s.add(spec(tmp, n));
        int most = 0;
        s.onStarted = [&](const runs::Point &) { most = std::max(most, s.runningCount()); };
        s.schedule();
        QCOMPARE(fake.running(), 2);
        // One device each, by slot.
        QCOMPARE(FakeLauncher::env(fake.started[1].request, "CUDA_VISIBLE_DEVICES"),
                 std::string("3"));
        QCOMPARE(FakeLauncher::env(fake.started[2].request, "CUDA_VISIBLE_DEVICES"),
                 std::string("5"));
        // The first slot frees: the next point takes its device, not the busy one.
        writeRun(s.points()[0].spec.runDir, true, true);
        fake.exit(1, 0);
        QCOMPARE(fake.running(), 2);
        QCOMPARE(FakeLauncher::env(fake.started[3].request, "CUDA_VISIBLE_DEVICES"),
                 std::string("3"));
        QCOMPARE(s.points()[2].slot, 0);
        QCOMPARE(s.points()[1].slot, 1);
        fake.exit(2, 1);
        fake.exit(3, 1);
        fake.exit(4, 1);
        QCOMPARE(most, 2);
        // More slots: more at once.
        s.setParallel(3);
        for (const char *n : {"e", "f", "g", "h"})
            s.add(spec(tmp, n));
        s.schedule();
        QCOMPARE(fake.running(), 3);
    }

    void retriesTransientFailures()
    {
        QTemporaryDir tmp;
        FakeLauncher fake;
        runs::SchedulerOptions o;
        o.retries = 1;
        runs::Scheduler s(fake, o);
        const int a = s.add(spec(tmp, "a"));
        s.schedule();
        writeRun(s.find(a)->spec.runDir, true, false);
        fake.exit(1, 0, SIGKILL); // the machine killed it
        // Started again at once, resuming its epoch.
        QCOMPARE(s.find(a)->state, PointState::Running);
        QCOMPARE(s.find(a)->attempts, 2);
        QCOMPARE(FakeLauncher::arg(fake.started[2].request, "--resume"), s.find(a)->spec.runDir);
        fake.exit(2, 0, SIGKILL);
        QCOMPARE(s.find(a)->state, PointState::Failed); // one retry only
        // Bad input (2) is not retried: it would fail the same way.
        const int b = s.add(spec(tmp, "b"));
        s.schedule();
        fake.exit(3, 2);
        QCOMPARE(s.find(b)->state, PointState::Failed);
        QCOMPARE(s.find(b)->attempts, 1);
    }

    void namingCollisions()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        // The folder is claimed (made) at once: asked again, the next name.
        QCOMPARE(runs::freeFolder(dir, "run"), dir + "/run");
        QVERIFY(fs::is_directory(dir + "/run"));
        QCOMPARE(runs::freeFolder(dir, "run"), dir + "/run-2");
        QCOMPARE(runs::freeFolder(dir, "run"), dir + "/run-3");
        QCOMPARE(runs::freeFolder(dir, "a b/../c"), dir + "/a-b-..-c");
        QCOMPARE(runs::freeFolder(dir, ".."), dir + "/run-4"); // never ".." or hidden
        QCOMPARE(runs::freeFolder(dir + "/new/parent", "x"), dir + "/new/parent/x");
        QCOMPARE(runs::sweepFolderStem("/x/grid.json"), std::string("sweep-grid"));
        QCOMPARE(runs::sweepFolderStem("lr.tlexp"), std::string("sweep-lr"));
        QCOMPARE(runs::sweepFolderStem("seed002-regularisation"),
                 std::string("sweep-seed002-regularisation"));
        const std::string stem = runs::runFolderStem(config(), "my exp");
        QVERIFY2(stem.find("-simple-cnn-fashion-mnist-my-exp") == 15, stem.c_str());
        // Two processes choosing at once (two CLI runs started in the same second) get two
        // folders: 8 threads racing for one stem.
        std::vector<std::string> got(8);
        std::vector<std::thread> racers;
        for (std::size_t i = 0; i < got.size(); ++i)
            racers.emplace_back([&, i] { got[i] = runs::freeFolder(dir, "race"); });
        for (auto &t : racers)
            t.join();
        std::sort(got.begin(), got.end());
        QCOMPARE(std::size_t(std::unique(got.begin(), got.end()) - got.begin()), got.size());
        // A fresh point claims its folder; the next one alike gets the next name.
        FakeLauncher fake;
        runs::Scheduler s(fake);
        auto sp = spec(tmp, "run");
        const int a = s.add(sp, true);
        QCOMPARE(s.find(a)->spec.runDir, dir + "/run-5");
        const int b = s.add(sp, true);
        QCOMPARE(s.find(b)->spec.runDir, dir + "/run-6");
        // Started, the claimed (empty) folder is a fresh start.
        s.schedule();
        QCOMPARE(FakeLauncher::arg(fake.started[1].request, "--out"), dir + "/run-5");
    }

    void sweepJsonFollowsThePoints()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/sweep-lr";
        const runs::SweepPlan plan = runs::planSweep(R"({"stages": [{"epochs": 2}], "sweep": {
            "parameters": {"stages.0.optimizer.lr": [0.001, 0.01, 0.1]}}})",
                                                     "lr.json");
        writeRun(dir + "/" + plan.points[0].name, true, true, 0.6); // finished before
        FakeLauncher fake;
        runs::Scheduler s(fake);
        int written = 0;
        s.onSweepWritten = [&](const std::string &d) {
            QCOMPARE(d, dir);
            ++written;
        };
        const int g = s.addSweep(plan, dir);
        QCOMPARE(s.sweepDir(g), dir);
        QCOMPARE(s.points()[0].state, PointState::Finished);
        auto read = [&] { return runs::readSweep(dir); };
        QCOMPARE(read().runs[0].status, std::string("finished"));
        QCOMPARE(read().runs[1].status, std::string("pending"));
        s.schedule();
        QCOMPARE(read().runs[1].status, std::string("running"));
        QCOMPARE(FakeLauncher::arg(fake.started[1].request, "--config"),
                 dir + "/configs/" + plan.points[1].name + ".json");
        QCOMPARE(fake.started[1].request.logFile, dir + "/logs/" + plan.points[1].name + ".log");
        // Progress from progress.csv (never the process's text): epoch 2 of 2, half done.
        writeText(s.points()[1].spec.runDir + "/progress.csv",
                  "time,stage,global_epoch,epoch,epochs,batch,batches,loss,accuracy,"
                  "recent_loss,recent_accuracy,lr,images_per_second\n"
                  "1.0,0,2,2,2,5,10,0.5,0.8,0.5,0.8,0.001,900.0\n");
        s.pollProgress();
        QCOMPARE(s.points()[1].progress, 0.75);
        QCOMPARE(s.points()[1].latest.imagesPerSecond, 900.0);
        // Pruned at an epoch's end by a search: its own state in sweep.json.
        // The run is asked to stop through its folder (a stop request), ends its batch, writes
        // summary.json with the reason and exits 0.
        s.prune(s.points()[1].id, "below the rung's top third");
        QCOMPARE(s.points()[1].state, PointState::Stopping);
        const std::string request = runs::RunDir(s.points()[1].spec.runDir).stopRequest();
        QVERIFY(fs::exists(request));
        {
            writeRun(s.points()[1].spec.runDir, true, false);
            runs::RunSummary summary;
            summary.testAccuracy = 0.3;
            summary.stopped = true;
            summary.stopReason = s.points()[1].message;
            writeText(s.points()[1].spec.runDir + "/summary.json", summary.toJson());
        }
        fake.exit(1, 0);
        QCOMPARE(s.points()[1].state, PointState::Pruned);
        const auto r = read();
        QCOMPARE(r.runs[1].status, std::string("pruned"));
        QVERIFY(r.runs[1].message.find("rung") != std::string::npos);
        // A point proposed later (a search, one at a time) joins the sweep and its file.
        runs::SweepPoint extra = plan.points[2];
        extra.name = "lr-0.03";
        int asked = 0;
        s.wantMore = [&] {
            if (asked++ > 0)
                return false;
            s.addToSweep(g, extra);
            return true;
        };
        writeRun(s.points()[2].spec.runDir, true, true);
        fake.exit(2, 0);
        QCOMPARE(s.points().size(), std::size_t(4));
        QCOMPARE(s.points()[3].state, PointState::Running);
        QCOMPARE(read().runs.size(), std::size_t(4));
        QCOMPARE(read().runs[3].name, std::string("lr-0.03"));
        QVERIFY(written >= 6);
    }

    void pointsWaitForTheOneTheyNeed()
    {
        QTemporaryDir tmp;
        FakeLauncher fake;
        runs::Scheduler s(fake, {3, {}, 0, {}});
        const int pre = s.add(spec(tmp, "pretrain"));
        auto a = spec(tmp, "a"), b = spec(tmp, "b");
        a.after = b.after = pre;
        const int ia = s.add(a), ib = s.add(b);
        s.schedule();
        QCOMPARE(fake.running(), 1); // three slots, but they wait for the pretraining
        writeRun(s.find(pre)->spec.runDir, true, true);
        fake.exit(1, 0);
        QCOMPARE(fake.running(), 2);
        fake.exit(2, 1);
        fake.exit(3, 1);
        // When it fails, those waiting for it fail too, naming it.
        const int pre2 = s.add(spec(tmp, "pretrain2"));
        auto c = spec(tmp, "c");
        c.after = pre2;
        const int ic = s.add(c);
        s.schedule();
        fake.exit(4, 3);
        QCOMPARE(s.find(ic)->state, PointState::Failed);
        QVERIFY(s.find(ic)->message.find("pretrain2") != std::string::npos);
        QVERIFY(s.idle());
        Q_UNUSED(ia);
        Q_UNUSED(ib);
    }

    void launchesWithPosixSpawn()
    {
        // The real launcher on /bin/sh: its output in the log, the environment it was given, the
        // exit status; a program that does not exist is a start error.
        QTemporaryDir tmp;
        runs::PosixLauncher launcher("/bin/sh");
        std::vector<std::pair<int, runs::LaunchExit>> exits;
        launcher.setExitHandler([&](int h, const runs::LaunchExit &e) { exits.push_back({h, e}); });
        runs::LaunchRequest r;
        r.args = {"-c", "echo \"dev=$CUDA_VISIBLE_DEVICES\"; echo 'transferlab-cli train: bad' >&2; "
                        "exit 3"};
        r.env = {{"CUDA_VISIBLE_DEVICES", "7"}};
        r.logFile = tmp.path().toStdString() + "/a.log";
        // argv[0] is "transferlab-cli": sh -c takes it as $0, the script as given.
        const int h = launcher.start(r);
        QElapsedTimer t;
        t.start();
        while (exits.empty() && t.elapsed() < 10000)
            launcher.waitForExits(200);
        QCOMPARE(exits.size(), std::size_t(1));
        QCOMPARE(exits[0].first, h);
        QCOMPARE(exits[0].second.code, 3);
        QCOMPARE(runs::lastLogLine(r.logFile), std::string("bad"));
        QFile log(QString::fromStdString(r.logFile));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(log.readAll().startsWith("dev=7\n"));
        // Interrupted: SIGINT ends sh's sleep.
        runs::LaunchRequest sleeper;
        sleeper.args = {"-c", "exec sleep 20"};
        const int h2 = launcher.start(sleeper);
        launcher.interrupt(h2);
        t.restart();
        while (exits.size() < 2 && t.elapsed() < 10000)
            launcher.waitForExits(200);
        QCOMPARE(exits.size(), std::size_t(2));
        QVERIFY(exits[1].second.signal == SIGINT || exits[1].second.code == 130);
        QVERIFY(t.elapsed() < 5000);
        runs::PosixLauncher missing("/nonexistent/transferlab-cli");
        missing.setExitHandler([&](int h, const runs::LaunchExit &e) { exits.push_back({h, e}); });
        missing.start(sleeper);
        missing.waitForExits(1000);
        QCOMPARE(exits.size(), std::size_t(3));
        QVERIFY2(exits[2].second.startError.find("/nonexistent/transferlab-cli") !=
                     std::string::npos,
                 exits[2].second.startError.c_str());
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
