// A run from the window equals the same experiment run by transferlab-cli with the same seed,
// even while the Model tab builds other models on background threads during the run: training
// draws from its own generator, and weights are initialised under one lock (models/random.h).

#include "data/dataset.h"
#include "session/training_session.h"
#include "support/fixtures.h"
#include "widgets/background.h"
#include "widgets/model_panel.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

namespace {

// metrics.csv without its timing columns (seconds, images_per_second).
QStringList metricsWithoutTimes(const QString &dir)
{
    QFile f(dir + "/metrics.csv");
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList out;
    for (const QString &line : QString::fromUtf8(f.readAll()).trimmed().split('\n')) {
        QStringList cells = line.split(',');
        if (cells.size() > 10) {
            cells.removeAt(10);
            cells.removeAt(9);
        }
        out << cells.join(',');
    }
    return out;
}

} // namespace

class TestReproducible : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void windowRunEqualsCliRunWhileTheModelTabWorks()
    {
        const QString root = m_dir.path();
        test::writeIdxFolder((root + "/data").toStdString(), 240, 60);
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = (root + "/data").toStdString();
        c.data.valSplit = 0.2;
        c.data.trainFraction = 0.9;
        c.model.name = "simple-cnn"; // has dropout: the random stream matters
        c.seed = 7;
        c.device = "cpu";
        c.threads = 1;
        c.stages.front().epochs = 3;
        c.stages.front().batchSize = 16;
        test::writeText((root + "/exp.json").toStdString(), c.toJson());

        QProcess cli;
        cli.start(TL_CLI_PATH, {"train", "--config", root + "/exp.json", "--out", root + "/cli",
                                "--quiet"});
        QVERIFY(cli.waitForFinished(300000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

        // The window: the same experiment on the worker, while the Model tab rebuilds trees.
        data::DatasetOptions o = c.data;
        o.seed = c.seed;
        auto data = std::make_shared<const data::DatasetSplits>(data::loadDataset(o));
        ModelPanel panel;
        int builds = 0;
        QTimer churn;
        churn.setInterval(30);
        connect(&churn, &QTimer::timeout, [&] {
            models::ModelSpec s;
            s.name = builds % 2 ? "resnet18" : "vgg-style-cnn";
            s.inputSize = 32;
            s.inChannels = 3;
            s.numClasses = 10;
            panel.setSpec(s);
            ++builds;
        });
        TrainingSession session;
        QSignalSpy finished(&session, &TrainingSession::finished);
        churn.start();
        session.start(c, data, root + "/gui");
        QVERIFY(finished.wait(300000));
        churn.stop();
        BackgroundJobs::instance().waitForAll();
        qInfo("the Model tab built %d models during the run", builds);
        QVERIFY(builds >= 2);

        const QStringList a = metricsWithoutTimes(root + "/cli"), b = metricsWithoutTimes(root + "/gui");
        QCOMPARE(a.size(), 4);
        QCOMPARE(b, a);
    }
};

QTEST_MAIN(TestReproducible)
#include "tst_reproducible.moc"
