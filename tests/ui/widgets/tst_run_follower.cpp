// The window follows a run it did not start: a transferlab-cli process trains into a folder,
// the Runs panel notices it, and a RunFollower draws its curves while it advances.

#include "charts/metric_chart.h"
#include "itemmodels/runs_model.h"
#include "rundir/progress_log.h"
#include "rundir/run_reader.h"
#include "support/require.h"
#include "widgets/run_follower.h"
#include "widgets/runs_panel.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const char *kFashion = "/usr/share/datasets/fashion-mnist";

void append(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write(bytes);
}
} // namespace

class TestRunFollower : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Only whole lines are read; a broken or lying line is skipped and counted; a file that
    // was rewritten is read from its start again.
    void progressTailReadsWholeLinesOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/progress.csv";
        tl::runs::ProgressTail tail(path.toStdString());
        QVERIFY(tail.readNew().empty()); // no file yet
        append(path, "time,stage,global_epoch,epoch,epochs,batch,batches,loss,accuracy,"
                     "recent_loss,recent_accuracy,learning_rate,images_per_second\n"
                     "1.5,0,1,1,2,10,100,2.1,0.3,2.0,0.31,0.001,900\n"
                     "1.6,0,1,1,2,20,10");
        auto rows = tail.readNew();
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].batch, std::int64_t(10));
        QCOMPARE(rows[0].x(), 0.1);
        append(path, "0,2.0,0.4,1.9,0.42,0.001,950\n"             // completes the line
                     "1.7,0,1,1,2,30,20,2,0.4,2,0.4,0.001,9\n"    // batch beyond batches
                     "1.8,0,1,1,2,30,100,nan,0.4,2,0.4,0.001,9\n" // not a number
                     "1.9,0,1,1,2,30,100,2,1.5,2,0.4,0.001,9\n"   // accuracy above 1
                     "2.0,0,1,1,2,30,100,2,0.4,2,0.4,0.001\n"     // a column short
                     "2.1,0,2,2,2,100,100,1.5,0.5,1.4,0.52,0.001,990\n");
        rows = tail.readNew();
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0].batch, std::int64_t(20));
        QCOMPARE(rows[1].x(), 2.0);
        QCOMPARE(tail.skipped(), 4);
        QFile::remove(path);
        append(path, "3.0,0,1,1,1,5,10,1,0.5,1,0.5,0.1,5\n");
        QCOMPARE(tail.readNew().size(), std::size_t(1));
    }

    // A run whose run.lock names another machine (a cluster node writing into a shared folder)
    // is running while its files change, and no longer once they have been quiet for long.
    void runOnAnotherMachine()
    {
        QTemporaryDir dir;
        const QString run = dir.path() + "/remote";
        QVERIFY(QDir().mkpath(run));
        append(run + "/config.json",
               R"({"model": {"name": "simple-cnn"}, "data": {"dataset": "fashion-mnist"},
                   "stages": [{"epochs": 3}]})");
        append(run + "/run.lock", "4242\nnode-that-is-not-this-one\n");
        append(run + "/progress.csv", "1.0,0,1,1,3,5,10,1,0.5,1,0.5,0.1,5\n");
        tl::runs::RunInfo info = tl::runs::readRun(run.toStdString());
        QVERIFY(info.running);
        QCOMPARE(QString::fromStdString(info.host), QString("node-that-is-not-this-one"));
        tl::ui::RunsModel model;
        model.setRuns({info});
        QCOMPARE(model.index(0, tl::ui::RunsModel::Test).data().toString(),
                 QString("running on node-that-is-not-this-one"));
        const QDateTime old = QDateTime::currentDateTime().addSecs(-3600);
        for (const char *name : {"progress.csv", "run.lock", "config.json"}) {
            QFile f(run + "/" + name);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(old, QFileDevice::FileModificationTime));
        }
        info = tl::runs::readRun(run.toStdString());
        QVERIFY(!info.running);
        QCOMPARE(QString::fromStdString(info.status()), QString("incomplete"));
    }

    void followsACliRun()
    {
        TL_REQUIRE(QFile::exists(QString(kFashion) + "/train-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
        QTemporaryDir folder;
        tl::ui::RunsPanel panel(folder.path());
        QCOMPARE(panel.model()->rowCount(), 0);
        const QString run = folder.path() + "/cli-run";
        QProcess cli;
        cli.start(TL_CLI_PATH,
                  {"train", "--train-fraction", "0.15", "--test-fraction", "0.05", "--val-split",
                   "0.1", "--epochs", "3", "--threads", "1", "--quiet", "--out", run});
        QVERIFY(cli.waitForStarted());
        QElapsedTimer t;
        t.start();
        while (!QFile::exists(run + "/progress.csv") && t.elapsed() < 60000)
            QTest::qWait(100);
        // The panel notices the new run by itself, as running (read in the background).
        panel.refreshIfChanged();
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        QVERIFY(panel.model()->run(0).running);
        tl::ui::RunFollower *follower = panel.follow(run);
        QSignalSpy finished(follower, &tl::ui::RunFollower::finished);
        // Batch points arrive while the run trains, before it ends.
        int pointsWhileRunning = 0;
        while (cli.state() == QProcess::Running && t.elapsed() < 120000) {
            QTest::qWait(200);
            follower->poll();
            if (cli.state() == QProcess::Running && follower->status() == "running")
                pointsWhileRunning = follower->lossChart()->pointCount(0);
        }
        if (cli.state() != QProcess::NotRunning)
            QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(pointsWhileRunning >= 2, qPrintable(QString::number(pointsWhileRunning)));
        follower->poll();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(follower->status(), QString("finished"));
        QCOMPARE(follower->lossChart()->pointCount(1), 3);     // train loss per epoch
        QCOMPARE(follower->accuracyChart()->pointCount(2), 3); // validation accuracy
        // Each epoch's last batch is in progress.csv: the batch curve reaches the last epoch.
        const auto batches = follower->accuracyChart()->points(0);
        QVERIFY(!batches.isEmpty());
        QCOMPARE(batches.back().x(), 3.0);
        panel.refreshIfChanged();
        QTRY_VERIFY(panel.model()->run(0).finished);
        follower->close();
    }
};

QTEST_MAIN(TestRunFollower)
#include "tst_run_follower.moc"
