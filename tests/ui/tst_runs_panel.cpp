#include "models/runs_model.h"
#include "runs/run_reader.h"
#include "support/fixtures.h"
#include "widgets/runs_panel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

class TestRunsPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    runs::RunResult m_first;

    train::ExperimentConfig config(const std::string &model)
    {
        train::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = (m_dir.path() + "/data").toStdString();
        c.data.valSplit = 0.2;
        c.model.name = model;
        c.stages.front().epochs = 2;
        c.stages.front().batchSize = 16;
        c.device = "cpu";
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::writeIdxFolder((m_dir.path() + "/data").toStdString(), 200, 50);
        const QString runsDir = m_dir.path() + "/runs";
        m_first = runs::runExperiment(config("simple-cnn"),
                                      (runsDir + "/20260101-a-simple").toStdString());
        train::ExperimentConfig c = config("vgg-style-cnn");
        c.model.poolSize = 2;
        runs::runExperiment(c, (runsDir + "/20260102-b-vgg").toStdString());
    }

    void readsARunBackAsItWasWritten()
    {
        const runs::RunResult back = runs::loadRunResult(m_first.runDir);
        QCOMPARE(back.classNames, m_first.classNames);
        QCOMPARE(back.test.confusion, m_first.test.confusion);
        QCOMPARE(back.test.predictions.size(), m_first.test.predictions.size());
        QCOMPARE(back.test.predictions[7].index, m_first.test.predictions[7].index);
        QCOMPARE(back.test.predictions[7].predicted, m_first.test.predictions[7].predicted);
        QVERIFY(std::abs(back.test.accuracy - m_first.test.accuracy) < 1e-9);
        QCOMPARE(back.epochs.size(), std::size_t(2));
        QVERIFY(std::abs(back.epochs[1].valAccuracy - m_first.epochs[1].valAccuracy) < 1e-5);
        QCOMPARE(back.epochs[0].testConfusion, m_first.epochs[0].testConfusion);
    }

    void listsComparesAndOpens()
    {
        RunsPanel panel(m_dir.path() + "/runs");
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel.model()->rowCount(), 2);
        panel.view()->selectAll();
        panel.compareSelected();
        const QString html = panel.comparisonHtml();
        QVERIFY(html.contains("simple-cnn") && html.contains("vgg-style-cnn"));
        QSignalSpy opened(&panel, &RunsPanel::runOpened);
        panel.view()->clearSelection();
        panel.view()->selectRow(1); // sorted newest first: row 1 is the simple-cnn run
        panel.openSelected();
        QVERIFY(opened.wait(30000));
        auto result = opened.first().at(0).value<std::shared_ptr<const runs::RunResult>>();
        auto data = opened.first().at(1).value<std::shared_ptr<const data::DatasetSplits>>();
        QVERIFY(result && data);
        QCOMPARE(result->runDir, m_first.runDir);
        QCOMPARE(int(data->test.size()), 50);
    }
};

QTEST_MAIN(TestRunsPanel)
#include "tst_runs_panel.moc"
