// The window as a user meets it: what it trains on is what it records; Stop stops in every phase;
// hostile files (an experiment, weights, a dataset folder, a run folder) each give one clear
// message naming the file, and the window keeps working.

#include "error.h"
#include "runs/run_experiment.h"
#include "runs/run_reader.h"
#include "session/training_session.h"
#include "support/fixtures.h"
#include "support/hostile.h"
#include "widgets/background.h"
#include "widgets/data_panel.h"
#include "widgets/main_window.h"
#include "widgets/model_panel.h"
#include "widgets/runs_panel.h"
#include "widgets/training_panel.h"

#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace tl;
using namespace tl::ui;

namespace {

// The message the window shows (non-blocking), or null; closed after reading.
QString takeErrorMessage(QWidget *window)
{
    auto *box = window->findChild<QMessageBox *>(QStringLiteral("errorMessage"));
    if (!box)
        return {};
    const QString text = box->text();
    box->close();
    QCoreApplication::processEvents();
    return text;
}

// Gray 28x28 "images" in 4 classes (a bright quadrant each), `test` of them in the test set.
std::shared_ptr<data::DatasetSplits> quadrants(int train, int test)
{
    auto d = std::make_shared<data::DatasetSplits>();
    d->name = "folder";
    d->options.name = "folder";
    for (data::ImageStore *s : {&d->train, &d->val, &d->test}) {
        s->height = s->width = 28;
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
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x)
                    img[y * 28 + x] = (y / 14 == q / 2 && x / 14 == q % 2) ? 200 : 20;
        }
    };
    fill(d->train, train);
    fill(d->test, test);
    return d;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const std::string &name) const
    {
        return m_dir.path().toStdString() + "/" + name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Settings, runs and caches of this test only.
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        qputenv("XDG_CACHE_HOME", QByteArray(path("cache").c_str()));
        test::writeIdxFolder(path("fashion"), 120, 40);
    }

    // Issue 18, bug 1: a recipe whose data is not on this computer. Start is refused with the
    // reason, nothing trains on the previously loaded data, and no run folder appears.
    void unavailableDataRefusesStart()
    {
        MainWindow w;
        experiment::ExperimentConfig c = w.experiment();
        c.data.name = "fashion-mnist";
        c.data.root = path("fashion");
        w.setExperiment(c);
        QSignalSpy loaded(w.dataPanel(), &DataPanel::datasetLoaded);
        w.dataPanel()->reload();
        QVERIFY(loaded.wait(30000));
        QVERIFY(w.dataPanel()->dataset());

        c.data.name = "cifar10"; // not downloaded: the cache is this test's own, empty
        c.data.root.clear();
        w.setExperiment(c);
        QSignalSpy failed(w.dataPanel(), &DataPanel::loadFailed);
        w.dataPanel()->reload();
        QVERIFY(failed.wait(30000));
        QVERIFY2(!w.dataPanel()->dataset(), "the previous dataset must not stay usable");

        QSignalSpy running(w.session(), &TrainingSession::runningChanged);
        w.startTraining();
        QTest::qWait(200);
        QVERIFY(!w.session()->isRunning());
        QVERIFY(running.isEmpty());
        const QString status = w.trainingPanel()->findChild<QLabel *>("status")->text();
        QVERIFY2(status.contains("CIFAR-10"), qPrintable(status));
        QVERIFY(!QDir(MainWindow::runsFolder()).exists() ||
                QDir(MainWindow::runsFolder()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                    .isEmpty());
    }

    // The engine refuses too: data in memory that is not what the experiment asks for.
    void runExperimentRefusesOtherData()
    {
        auto data = quadrants(16, 8);
        experiment::ExperimentConfig c;
        c.data.name = "cifar10";
        c.device = "cpu";
        const QString msg = QString::fromStdString([&] {
            try {
                runs::runExperiment(c, path("never"), nullptr, nullptr, data.get());
            } catch (const Error &e) {
                return std::string(e.what());
            }
            return std::string();
        }());
        QVERIFY2(msg.contains("folder") && msg.contains("cifar10"), qPrintable(msg));
        QVERIFY(!std::filesystem::exists(path("never")));
    }

    // Issue 18, bug 2: Stop during the test pass ends it within a batch; the run is not saved
    // as finished (no summary.json) and stays resumable.
    void stopDuringTheTestPass()
    {
        TrainingSession session;
        QSignalSpy finished(&session, &TrainingSession::finished);
        int testReportsAfterStop = -1;
        std::int64_t doneAtStop = 0;
        connect(&session, &TrainingSession::phaseProgress, this,
                [&](const train::PhaseProgress &p) {
                    if (p.phase != "test")
                        return;
                    if (testReportsAfterStop < 0) {
                        doneAtStop = p.done;
                        session.stop();
                        testReportsAfterStop = 0;
                    } else {
                        ++testReportsAfterStop;
                    }
                });
        experiment::ExperimentConfig c;
        c.data.name = "folder";
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.confusionEveryEpoch = false;
        c.stages.front().epochs = 1;
        c.stages.front().batchSize = 16;
        const std::string dir = path("stopped-in-test");
        session.start(c, quadrants(64, 60000), QString::fromStdString(dir));
        QVERIFY(finished.wait(120000));
        const auto r = finished.first().first().value<std::shared_ptr<const runs::RunResult>>();
        QVERIFY2(testReportsAfterStop >= 0, "the test pass never reported progress");
        QVERIFY(r->interrupted);
        QVERIFY(!r->test.complete);
        // (Within a batch is checked exactly in tst_trainer; here reports are throttled and
        // queued, so only "it ended early" is certain.)
        QVERIFY2(r->test.count < 60000, qPrintable(QString::number(r->test.count)));
        qInfo("test pass: %lld images when Stop was pressed, %lld when it ended",
              static_cast<long long>(doneAtStop), static_cast<long long>(r->test.count));
        QVERIFY(!std::filesystem::exists(dir + "/summary.json"));
        QVERIFY(std::filesystem::exists(dir + "/state.tlstate"));
        QCOMPARE(QString::fromStdString(runs::readRun(dir).status()), QString("interrupted"));
    }

    // Issue 10: hostile files in the window.
    void hostileExperimentFile()
    {
        MainWindow w;
        const auto before = w.experiment().toJson();
        test::writeText(path("deep.json"), "{\"name\": " + std::string(100000, '[') +
                                               std::string(100000, ']') + "}");
        QVERIFY(!w.openExperimentFile(QString::fromStdString(path("deep.json"))));
        const QString msg = takeErrorMessage(&w);
        QVERIFY2(msg.contains("deep.json") && msg.contains("nesting depth"), qPrintable(msg));
        QCOMPARE(w.experiment().toJson(), before); // nothing of it was applied
    }

    void hostileWeightsFile()
    {
        MainWindow w;
        QSignalSpy loaded(w.dataPanel(), &DataPanel::datasetLoaded);
        experiment::ExperimentConfig c = w.experiment();
        c.data.name = "fashion-mnist";
        c.data.root = path("fashion");
        c.stages.front().epochs = 1;
        test::PickleWriter p;
        for (int i = 0; i < 5000; ++i)
            p.op('(');
        test::writeBytes(path("evil.pth"), test::torchZip(p.stop(), {}));
        c.model.name = "resnet18"; // the Model tab offers weights files for backbones
        c.model.inputSize = 32;
        c.model.weights = path("evil.pth");
        w.setExperiment(c);
        w.dataPanel()->reload();
        QVERIFY(loaded.wait(30000));
        QSignalSpy failed(w.session(), &TrainingSession::failed);
        w.startTraining();
        QVERIFY2(failed.wait(60000),
                 qPrintable(w.trainingPanel()->findChild<QLabel *>("status")->text()));
        const QString msg = takeErrorMessage(&w);
        QVERIFY2(msg.contains("evil.pth") && msg.contains("nesting"), qPrintable(msg));
        QVERIFY(!w.session()->isRunning());
        // ... and the window still trains with good settings.
        c.model.name = "simple-cnn";
        c.model.inputSize = 28;
        c.model.weights = "none";
        w.setExperiment(c);
        QSignalSpy finished(w.session(), &TrainingSession::finished);
        w.startTraining();
        QVERIFY(finished.wait(120000));
    }

    void hostileDatasetFolder()
    {
        MainWindow w;
        const std::string dir = path("hostile-folder");
        for (const auto &h : test::hostileCases())
            if (h.name == "png-header-lies")
                h.write(dir);
        experiment::ExperimentConfig c = w.experiment();
        c.data.name = "folder";
        c.data.root = dir + "/png-header-lies";
        w.setExperiment(c);
        QSignalSpy failed(w.dataPanel(), &DataPanel::loadFailed);
        w.dataPanel()->reload();
        QVERIFY(failed.wait(30000));
        const QString msg = failed.first().first().toString();
        QVERIFY2(msg.contains("lie.png") && msg.contains("pixel"), qPrintable(msg));
        QVERIFY(!w.dataPanel()->dataset());
    }

    void hostileRunFolder()
    {
        const std::string runs = path("runs-with-a-bad-one");
        for (const auto &h : test::hostileCases())
            if (h.name == "summary-deep-json")
                h.write(runs);
        RunsPanel panel(QString::fromStdString(runs));
        panel.refresh();
        QSignalSpy failed(&panel, &RunsPanel::failed);
        panel.view()->selectRow(0);
        panel.openSelected();
        if (failed.isEmpty())
            QVERIFY(failed.wait(10000));
        const QString msg = failed.first().first().toString();
        QVERIFY2(msg.contains("summary.json") && msg.contains("nesting"), qPrintable(msg));
    }

    void cleanupTestCase()
    {
        BackgroundJobs::instance().waitForAll();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
