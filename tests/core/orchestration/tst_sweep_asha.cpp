// A sweep's early stopping and TPE search on the Scheduler (issue 30), driven by a fake launcher
// whose "runs" write their run folders' files by hand: ASHA judges a point from its metrics.csv
// at a rung while another runs (asynchronous: the freed slot starts the next point at once), a
// point that is not promoted waits (stopped with its state) and is promoted or, at the end,
// pruned: it stops itself through its stop request and its summary.json says why, sweep.json
// marks it pruned with the rung and the value; after a Ctrl-C the sweep resumes with its rungs;
// a TPE sweep proposes its points one at a time and, started again, keeps them; a grid extended
// with a value trains only the new point.

#include "io/files.h"
#include "orchestration/launcher.h"
#include "orchestration/scheduler.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_results.h"
#include "orchestration/sweep_search.h"
#include "rundir/run_dir.h"
#include "rundir/run_summary.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>

using namespace tl;
namespace fs = std::filesystem;

namespace {

// config.json as a run writes it at its start (the fields readRun needs).
const char *kRunConfig = R"({"model": {"name": "simple-cnn"}, "data": {"dataset": "fashion-mnist"},
    "stages": [{"epochs": 9}]})";

class FakeLauncher : public runs::Launcher
{
public:
    struct Child
    {
        runs::LaunchRequest request;
        std::string runDir;
        int epochs = 0;
        bool interrupted = false;
        bool ended = false;
    };
    Handle start(const runs::LaunchRequest &r) override
    {
        Child c;
        c.request = r;
        for (std::size_t i = 0; i + 1 < r.args.size(); ++i)
            if (r.args[i] == "--out" || r.args[i] == "--resume")
                c.runDir = r.args[i + 1];
        if (r.args[1] == "--resume") // continues from its metrics.csv
            c.epochs = int(runs::epochMetric(c.runDir, "val_accuracy").size());
        children[m_next] = c;
        return m_next++;
    }
    void interrupt(Handle h) override { children[h].interrupted = true; }
    void kill(Handle h) override { children[h].interrupted = true; }

    // A child still going (the first started).
    Handle running() const
    {
        for (const auto &[h, c] : children)
            if (!c.ended)
                return h;
        return 0;
    }
    std::string nameOf(Handle h) const
    {
        return fs::path(children.at(h).runDir).filename().string();
    }
    // The child of a run folder that is still going.
    Handle of(const std::string &name)
    {
        for (auto &[h, c] : children)
            if (!c.ended && fs::path(c.runDir).filename() == name)
                return h;
        return 0;
    }
    // One more epoch with this validation accuracy (metrics.csv as the run writes it).
    void epoch(Handle h, double val)
    {
        Child &c = children.at(h);
        fs::create_directories(c.runDir);
        const std::string metrics = runs::RunDir(c.runDir).metrics();
        std::string text;
        if (!fs::exists(metrics))
            text = "stage,stage_name,epoch,global_epoch,train_loss,train_accuracy,val_loss,"
                   "val_accuracy,learning_rate,seconds,images_per_second,trainable_params\n";
        ++c.epochs;
        text += "0,train," + std::to_string(c.epochs) + "," + std::to_string(c.epochs) +
                ",1.0,0.5,1.0," + std::to_string(val) + ",0.01,1,100,1000\n";
        std::ofstream(metrics, std::ios::app) << text;
        writeFileAtomic(runs::RunDir(c.runDir).state(), "state"); // resumable from here
        writeFileAtomic(runs::RunDir(c.runDir).config(), kRunConfig);
    }
    // The run ends as the CLI ends it: a stop request (early stopping) or the last epoch writes
    // summary.json (exit 0); a Ctrl-C keeps the state (exit 130).
    void end(Handle h)
    {
        Child &c = children.at(h);
        c.ended = true;
        const runs::RunDir dir(c.runDir);
        if (c.interrupted) {
            reportExit(h, runs::LaunchExit{130, 0, {}});
            return;
        }
        runs::RunSummary s;
        s.model = "simple-cnn";
        s.dataset = "fashion-mnist";
        s.epochs = c.epochs;
        s.testAccuracy = 0.5 + 0.01 * c.epochs;
        if (fs::exists(dir.stopRequest())) {
            const Bytes b = readFile(dir.stopRequest());
            s.stopped = true;
            s.stopReason = std::string(b.begin(), b.end());
            fs::remove(dir.stopRequest());
        }
        writeFileAtomic(dir.summary(), s.toJson());
        reportExit(h, runs::LaunchExit{0, 0, {}});
    }
    bool stopRequested(Handle h) const
    {
        return fs::exists(runs::RunDir(children.at(h).runDir).stopRequest());
    }
    // Epochs in the run folders (a resumed run's child starts where the first one stopped).
    int epochsTrained() const
    {
        std::map<std::string, int> runs;
        for (const auto &[h, c] : children)
            runs[c.runDir] = std::max(runs[c.runDir], c.epochs);
        int n = 0;
        for (const auto &[dir, epochs] : runs)
            n += epochs;
        return n;
    }
    std::map<Handle, Child> children;

private:
    Handle m_next = 1;
};

const char *kGrid = R"({"data": {"val_split": 0.2}, "stages": [{"epochs": 9}],
    "sweep": {"parameters": {"stages.0.optimizer.lr": [0.1, 0.01, 0.001, 0.0001]},
              "early_stop": {"method": "asha", "min_epochs": 1, "reduction_factor": 3}}})";

const runs::Point &pointNamed(const runs::Scheduler &s, const std::string &name)
{
    for (const auto &p : s.points())
        if (fs::path(p.spec.runDir).filename() == name)
            return p;
    throw std::runtime_error("no point " + name);
}

const runs::SweepRunEntry &entry(const runs::SweepResults &r, const std::string &name)
{
    for (const auto &run : r.runs)
        if (run.name == name)
            return run;
    throw std::runtime_error("no run " + name);
}

} // namespace

class TestSweepAsha : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ASHA on four points, two slots, rungs at epochs 1 and 3 of 9, eta 3. The points start in a
    // seeded random order: A, B, C, D.
    //   A 0.50 at rung 1: 1 there, top floor(1/3) = none: waits (stopped, state kept); C starts.
    //   B 0.40: 2 there: waits; D starts.   C 0.60: 3 there, top 1 = C: goes on to epoch 3,
    //   0.65 at rung 3: 1 there: waits.    Ctrl-C: D stops before its first epoch.
    // Started again: A, B wait at rung 1 and C at rung 3 (from their folders), D starts fresh:
    //   D 0.45: 4 there, top 1 = C (promoted): waits. Nothing runs and nothing is left: rung 3
    //   promoted none, so its best, C, goes on to the end; then A, B, D are resumed only to be
    //   pruned (tested, summary.json says why). Epochs: 1 + 1 + 9 + 1 = 12 of 36.
    void waitsAtRungsPromotesAndResumesWithItsRungs()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/sweep";
        const runs::SweepPlan plan = runs::planSweep(kGrid, "grid.json");
        FakeLauncher launcher;
        std::string nA, nB, nC, nD;
        {
            runs::Scheduler s(launcher, {2, {}, 0, {}});
            const int group = s.addSweep(plan, dir);
            runs::SweepSearch search(s, group, plan);
            search.restore();
            search.attach();
            s.schedule();
            QCOMPARE(s.runningCount(), 2);
            const auto a = launcher.children.begin()->first, b = a + 1;
            nA = launcher.nameOf(a), nB = launcher.nameOf(b);
            launcher.epoch(a, 0.50);
            s.pollProgress();
            QVERIFY(launcher.children[a].interrupted); // waits: stopped as by Ctrl-C
            QCOMPARE(pointNamed(s, nA).state, runs::PointState::Stopping);
            launcher.end(a);
            QCOMPARE(pointNamed(s, nA).state, runs::PointState::Stopped);
            QCOMPARE(search.waitingAt(plan.points.size()), 0);
            const auto c = launcher.children.rbegin()->first; // the freed slot: a new point
            nC = launcher.nameOf(c);
            launcher.epoch(b, 0.40);
            s.pollProgress();
            QVERIFY(launcher.children[b].interrupted);
            launcher.end(b);
            const auto d = launcher.children.rbegin()->first;
            nD = launcher.nameOf(d);
            QVERIFY(nD != nA && nD != nB && nD != nC);
            launcher.epoch(c, 0.60); // 3 at rung 1: the top 1 goes on
            s.pollProgress();
            QVERIFY(!launcher.children[c].interrupted);
            launcher.epoch(c, 0.62);
            launcher.epoch(c, 0.65); // rung 3, alone there: waits
            s.pollProgress();
            QVERIFY(launcher.children[c].interrupted);
            launcher.end(c);
            const runs::SweepResults r = runs::readSweep(dir);
            QVERIFY(entry(r, nA).message.find("waits at rung 1") != std::string::npos);
            s.stopAll(); // Ctrl-C
            launcher.end(d);
            QVERIFY(s.idle());
            for (std::size_t i = 0; i < plan.points.size(); ++i) // the file's order
                QCOMPARE(runs::readSweep(dir).runs[i].name, plan.points[i].name);
        }
        {
            runs::Scheduler s(launcher, {2, {}, 0, {}});
            const int group = s.addSweep(plan, dir);
            runs::SweepSearch search(s, group, plan);
            search.restore();
            search.attach();
            QCOMPARE(search.stopper().at(1).size(), std::size_t(3)); // 0.50, 0.40, 0.60
            QCOMPARE(search.stopper().at(3).size(), std::size_t(1)); // 0.65
            s.schedule();
            QCOMPARE(s.runningCount(), 1); // D; A, B and C wait
            const auto d = launcher.of(nD);
            QVERIFY(d);
            launcher.epoch(d, 0.45);
            s.pollProgress();
            QVERIFY(launcher.children[d].interrupted);
            launcher.end(d); // nothing runs: C, the best at rung 3, goes on
            const auto c = launcher.of(nC);
            QVERIFY(c);
            QCOMPARE(launcher.children[c].request.args[1], std::string("--resume"));
            for (int e = 4; e <= 9; ++e)
                launcher.epoch(c, 0.66);
            s.pollProgress();
            QVERIFY(!launcher.children[c].interrupted);
            launcher.end(c);
            // A, B and D are resumed only to be pruned: each asked to stop as it starts.
            for (int k = 0; k < 3; ++k) {
                QVERIFY(s.runningCount() > 0);
                const auto h = launcher.running();
                QVERIFY(launcher.stopRequested(h));
                launcher.end(h);
            }
            QVERIFY(s.idle());
            const runs::SweepResults r = runs::readSweep(dir);
            QCOMPARE(entry(r, nC).status, std::string("finished"));
            for (const std::string &n : {nA, nB, nD}) {
                QCOMPARE(entry(r, n).status, std::string("pruned"));
                QCOMPARE(entry(r, n).prunedRung, 1);
                const runs::RunSummary summary =
                    runs::RunSummary::fromFile(runs::RunDir(dir + "/" + n).summary());
                QVERIFY(summary.stopped);
                QVERIFY2(summary.stopReason.find("pruned by ASHA at epoch 1") == 0,
                         summary.stopReason.c_str());
            }
            QCOMPARE(entry(r, nB).prunedValue, 0.40);
            QVERIFY(entry(r, nB).message.find("ranks 4 of the 4") != std::string::npos);
            QCOMPARE(launcher.epochsTrained(), 1 + 1 + 9 + 1);
        }
    }

    void extendingAGridTrainsOnlyTheNewPoint()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/sweep";
        std::string text = R"({"stages": [{"epochs": 2}],
            "sweep": {"parameters": {"stages.0.optimizer.lr": [0.1, 0.01]}}})";
        FakeLauncher launcher;
        auto runAll = [&](const runs::SweepPlan &plan) {
            runs::Scheduler s(launcher, {1, {}, 0, {}});
            s.addSweep(plan, dir);
            s.schedule();
            int started = 0;
            while (!s.idle()) {
                const auto h = launcher.children.rbegin()->first;
                launcher.epoch(h, 0.5);
                launcher.epoch(h, 0.6);
                launcher.end(h);
                ++started;
            }
            return started;
        };
        QCOMPARE(runAll(runs::planSweep(text, "g.json")), 2);
        text.replace(text.find("0.01]"), 5, "0.01, 0.001]");
        QCOMPARE(runAll(runs::planSweep(text, "g.json")), 1);
        QCOMPARE(runs::readSweep(dir).runs.size(), std::size_t(3));
    }

    void tpeProposesAsSlotsFreeAndKeepsItsPointsWhenStartedAgain()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/sweep";
        const std::string text = R"({"data": {"val_split": 0.2}, "stages": [{"epochs": 2}],
            "sweep": {"mode": "tpe", "samples": 5, "startup": 2, "seed": 3,
                      "parameters": {"stages.0.optimizer.lr": {"log_uniform": [1e-4, 1]}}}})";
        FakeLauncher launcher;
        std::vector<std::string> names;
        {
            const runs::SweepPlan plan = runs::planSweep(text, "t.json");
            runs::Scheduler s(launcher, {1, {}, 0, {}});
            const int group = s.addSweep(plan, dir);
            runs::SweepSearch search(s, group, plan);
            search.attach();
            s.schedule();
            for (int i = 0; i < 3; ++i) {
                QCOMPARE(s.runningCount(), 1);
                const auto h = launcher.children.rbegin()->first;
                launcher.epoch(h, 0.5 + 0.1 * i);
                launcher.epoch(h, 0.6 + 0.1 * i);
                launcher.end(h);
            }
            QCOMPARE(search.proposed(), 4); // the fourth runs
            s.stopAll();
            launcher.end(launcher.children.rbegin()->first);
            for (const auto &p : s.points())
                names.push_back(fs::path(p.spec.runDir).filename().string());
        }
        QCOMPARE(names.size(), std::size_t(4));
        QVERIFY(names[0].rfind("s01_lr-", 0) == 0);
        // Started again: the four points come back (three finished, one to resume), then one
        // more is proposed.
        const runs::SweepPlan plan =
            runs::withEarlierProposals(runs::planSweep(text, "t.json"), dir);
        QCOMPARE(plan.points.size(), std::size_t(4));
        runs::Scheduler s(launcher, {1, {}, 0, {}});
        const int group = s.addSweep(plan, dir);
        runs::SweepSearch search(s, group, plan);
        search.attach();
        for (std::size_t i = 0; i < 4; ++i)
            QCOMPARE(fs::path(s.points()[i].spec.runDir).filename().string(), names[i]);
        QCOMPARE(s.points()[0].state, runs::PointState::Finished);
        s.schedule();
        for (int i = 0; i < 2; ++i) {
            const auto h = launcher.children.rbegin()->first;
            launcher.epoch(h, 0.7);
            launcher.end(h);
        }
        QVERIFY(s.idle());
        QCOMPARE(search.proposed(), 5);
        QCOMPARE(runs::readSweep(dir).runs.size(), std::size_t(5));
    }
};

QTEST_GUILESS_MAIN(TestSweepAsha)
#include "tst_sweep_asha.moc"
