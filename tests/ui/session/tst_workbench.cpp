// The window's work without a window: a run started through the Workbench trains into a folder
// of its own and is then listed by the run list, which reads the folder off the GUI thread;
// what refuses a start, the folder names, the freeze check and the queue's validation.

#include "base/error.h"
#include "data/dataset.h"
#include "orchestration/sweep.h"
#include "run/run_experiment.h"
#include "session/run_list.h"
#include "session/run_queue.h"
#include "session/training_session.h"
#include "session/workbench.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

namespace {

// Four classes of 8x8 gray images (a bright quadrant each): a run of a few seconds.
std::shared_ptr<data::DatasetSplits> tinyData(int n)
{
    auto d = std::make_shared<data::DatasetSplits>();
    d->name = "folder";
    d->options.name = "folder"; // what tinyConfig asks for
    for (data::ImageStore *s : {&d->train, &d->val, &d->test}) {
        s->height = s->width = 8;
        s->channels = 1;
        s->classNames = {"a", "b", "c", "d"};
    }
    auto fill = [](data::ImageStore &s, int count) {
        s.resize(std::size_t(count));
        for (int i = 0; i < count; ++i) {
            const int q = i % 4;
            s.labels[std::size_t(i)] = q;
            s.sourceIndex[std::size_t(i)] = i;
            std::uint8_t *img = s.image(std::size_t(i));
            for (int y = 0; y < 8; ++y)
                for (int x = 0; x < 8; ++x)
                    img[y * 8 + x] = (y / 4 == q / 2 && x / 4 == q % 2) ? 220 : 20;
        }
    };
    fill(d->train, n);
    fill(d->test, n / 4);
    return d;
}

experiment::ExperimentConfig tinyConfig()
{
    experiment::ExperimentConfig c;
    c.data.name = "folder";
    c.data.valSplit = 0;
    c.model.name = "simple-cnn";
    c.model.inputSize = 8;
    c.preprocess.imageSize = 8;
    c.stages.front().epochs = 2;
    c.stages.front().batchSize = 16;
    c.device = "cpu";
    c.threads = 1;
    c.name = "tiny run";
    return c;
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The heart of it: Start through the workbench, a run folder named after the experiment,
    // the run trained on the worker, then listed by the run list (asynchronously).
    void startsATinyTrainingAndListsIt()
    {
        const QString runs = m_dir.path() + "/runs";
        Workbench bench(runs);
        // Nothing is listed yet: the folder does not exist, and listing is never done in the
        // constructor's thread.
        QVERIFY(!bench.runList()->isListed());
        QSignalSpy listed(bench.runList(), &RunList::listed);
        QVERIFY(listed.wait(10000));
        QVERIFY(bench.runList()->runs().empty());

        QSignalSpy starting(&bench, &Workbench::starting);
        QSignalSpy refused(&bench, &Workbench::refused);
        QSignalSpy finished(bench.session(), &TrainingSession::finished);
        QSignalSpy failed(bench.session(), &TrainingSession::failed);
        QVERIFY(bench.start(tinyConfig(), {tinyData(128), false, {}}));
        QVERIFY2(refused.isEmpty(),
                 refused.isEmpty() ? "" : qPrintable(refused.first().first().toString()));
        QCOMPARE(starting.size(), 1);
        const QString dir = starting.first().first().toString();
        QVERIFY2(dir.startsWith(runs + "/") && dir.endsWith("-simple-cnn-folder-tiny-run"),
                 qPrintable(dir));
        QVERIFY(bench.session()->isRunning());
        // A second Start while it trains does nothing.
        QVERIFY(!bench.start(tinyConfig(), {tinyData(128), false, {}}));
        QCOMPARE(starting.size(), 1);

        listed.clear();
        QVERIFY(finished.wait(120000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        // The run list notices the new run by itself, on its worker thread.
        QVERIFY(listed.wait(10000));
        const auto &list = bench.runList()->runs();
        QCOMPARE(int(list.size()), 1);
        QCOMPARE(QString::fromStdString(list.front().dir), dir);
        QVERIFY(list.front().finished);
        QCOMPARE(list.front().epochs, 2);

        // The next runs get folders of their own, claimed as they are named (two in the same
        // second too); a queued run's is only named (the scheduler claims it).
        const QString next = bench.newRunDir(tinyConfig(), true);
        QVERIFY(QFileInfo(next).isDir());
        QVERIFY(bench.newRunDir(tinyConfig(), true) != next);
        // A folder of the user's own (a retrain beside the run it fixes) by the same rule.
        QTemporaryDir elsewhere;
        const QString beside = bench.newRunDir(tinyConfig(), true, elsewhere.path());
        QCOMPARE(QFileInfo(beside).absolutePath(), QFileInfo(elsewhere.path()).absoluteFilePath());
        QVERIFY2(
            QFileInfo(beside).fileName().endsWith(QStringLiteral("-simple-cnn-folder-tiny-run")),
            qPrintable(beside));

        // Its speed is now known here: a run of the same model on this data has an estimate.
        QVERIFY(bench.estimateRunSeconds(tinyConfig(), tinyData(128).get()) > 0);
        experiment::ExperimentConfig other = tinyConfig();
        other.data.name = "cifar10";
        QCOMPARE(bench.estimateRunSeconds(other, tinyData(128).get()), -1.0);
    }

    // What refuses a start, each with its reason; a start while the data loads waits for it.
    void refusesWithTheReason()
    {
        Workbench bench(m_dir.path() + "/refusals");
        QSignalSpy refused(&bench, &Workbench::refused);
        QSignalSpy waiting(&bench, &Workbench::waitingForData);
        QSignalSpy starting(&bench, &Workbench::starting);

        experiment::ExperimentConfig bad = tinyConfig();
        bad.stages.front().epochs = 0;
        QVERIFY(!bench.start(bad, {tinyData(64), false, {}}));
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.last().first().toString().startsWith("Check the settings"),
                 qPrintable(refused.last().first().toString()));

        // Nothing loaded, or the load failed: named.
        QVERIFY(!bench.start(tinyConfig(), {nullptr, false, "no such folder"}));
        QVERIFY2(refused.last().first().toString().contains("no such folder"),
                 qPrintable(refused.last().first().toString()));

        // Other data than the experiment asks for is never trained on.
        experiment::ExperimentConfig fashion = tinyConfig();
        fashion.data.name = "fashion-mnist";
        QVERIFY(!bench.start(fashion, {tinyData(64), false, {}}));
        QCOMPARE(refused.size(), 3);
        QVERIFY(!bench.startProblem(fashion, {tinyData(64), false, {}}).isEmpty());
        QVERIFY(bench.startProblem(tinyConfig(), {tinyData(64), false, {}}).isEmpty());

        // Start while loading: it waits, and the data arriving says so once.
        QVERIFY(!bench.start(tinyConfig(), {nullptr, true, {}}));
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting.first().first().toString(), QString("Image folder"));
        QVERIFY(bench.dataLoaded());
        QVERIFY(!bench.dataLoaded());
        // ... or its failure refuses it.
        QVERIFY(!bench.start(tinyConfig(), {nullptr, true, {}}));
        bench.dataFailed("disk full");
        QVERIFY(refused.last().first().toString().contains("disk full"));
        QVERIFY(!bench.dataLoaded());
        QCOMPARE(starting.size(), 0);
        QVERIFY(!QFileInfo::exists(m_dir.path() + "/refusals"));

        // The queue takes valid experiments only.
        QVERIFY_THROWS_EXCEPTION(std::exception, bench.queueRun(bad));
        QCOMPARE(bench.queue()->count(), 0);
        // A folder without a run cannot be resumed, an unknown recipe not queued: errors that
        // name what is missing, and nothing starts.
        try {
            bench.resume(m_dir.path() + "/no-run-here");
            QFAIL("resume of an empty folder did not throw");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("config.json"), e.what());
        }
        QVERIFY(!bench.session()->isRunning());
        QVERIFY_THROWS_EXCEPTION(Error, Workbench::recipeSweep("no-such-recipe"));
    }

    // A freeze spec is checked against the model's real layers off the GUI thread; only the
    // latest check answers.
    void checksAFreezeSpec()
    {
        Workbench bench(m_dir.path() + "/freeze");
        QSignalSpy checked(&bench, &Workbench::freezeChecked);
        models::ModelSpec model = tinyConfig().model;
        model.numClasses = 4; // as the Model tab has it once the data is loaded
        model.inChannels = 1;
        bench.checkFreeze(model, "no_such_layer");
        QCOMPARE(checked.size(), 0); // answered later, not in this call
        QVERIFY(checked.wait(30000));
        const QString problem = checked.first().first().toString();
        QVERIFY2(problem.contains("no_such_layer") && problem.front().isUpper(),
                 qPrintable(problem));

        checked.clear();
        bench.checkFreeze(model, "no_such_layer");
        bench.checkFreeze(model, "features");
        QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 30000);
        QTest::qWait(300);
        QCOMPARE(checked.size(), 1);
        QCOMPARE(checked.first().first().toString(), QString());

        checked.clear();
        bench.checkFreeze(model, {});
        QCOMPARE(checked.size(), 1); // nothing to check: at once
    }

    // The run list of a folder another program writes into: a new run folder is listed by
    // itself (the folder is watched), and refreshIfChanged lists again only after a change.
    void runListFollowsTheFolder()
    {
        const QString folder = m_dir.path() + "/watched";
        QDir().mkpath(folder);
        RunList list(folder);
        QSignalSpy listed(&list, &RunList::listed);
        QVERIFY(listed.wait(10000));
        QVERIFY(list.runs().empty());
        QVERIFY(list.thread() == QThread::currentThread());

        listed.clear();
        list.refreshIfChanged();
        QTest::qWait(500);
        QCOMPARE(listed.size(), 0); // nothing changed: not listed again

        experiment::ExperimentConfig c = tinyConfig();
        c.stages.front().epochs = 1;
        runs::runExperiment(c, (folder + "/cli-run").toStdString(), nullptr, nullptr,
                            tinyData(64).get());
        QTRY_VERIFY_WITH_TIMEOUT(!list.runs().empty(), 10000);
        QCOMPARE(QString::fromStdString(list.runs().front().name), QString("cli-run"));

        // Another folder: its own runs.
        list.setFolder(m_dir.path() + "/refusals-none");
        QVERIFY(!list.isListed());
        QTRY_VERIFY_WITH_TIMEOUT(list.isListed(), 10000);
        QVERIFY(list.runs().empty());
    }
};

QTEST_GUILESS_MAIN(TestWorkbench)
#include "tst_workbench.moc"
