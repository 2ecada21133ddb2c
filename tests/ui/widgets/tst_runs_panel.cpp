#include "itemmodels/runs_model.h"
#include "rundir/run_reader.h"
#include "support/fixtures.h"
#include "widgets/runs_panel.h"

#include "charts/metric_chart.h"
#include "itemmodels/compare_models.h"
#include "widgets/compare_view.h"
#include "widgets/results_panel.h"
#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>

#include <QTabBar>
#include <QTabWidget>
#include <QtTest>

#include <algorithm>
#include <iterator>
#include <set>

using namespace tl;
using namespace tl::ui;

class TestRunsPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    runs::RunResult m_first;

    experiment::ExperimentConfig config(const std::string &model)
    {
        experiment::ExperimentConfig c;
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
        experiment::ExperimentConfig c = config("vgg-style-cnn");
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
        // Listed off the GUI thread: the table fills when the list arrives.
        QTRY_COMPARE(panel.model()->rowCount(), 2);
        panel.view()->selectAll();
        QSignalSpy compared(&panel, &RunsPanel::comparisonLoaded);
        panel.compareSelected();
        const QString html = panel.comparisonHtml();
        QVERIFY(html.contains("simple-cnn") && html.contains("vgg-style-cnn"));

        // Two backbones on the same data: both are shown, and the flipped-images gallery holds
        // exactly the test images whose correctness differs between them.
        QVERIFY(compared.wait(60000));
        CompareView *view = panel.compareView();
        QCOMPARE(view->runCount(), 2);
        // The A/B row shows on the pages about a pair, inside them: the tab bar stays put.
        {
            auto *tabs = view->findChild<QTabWidget *>();
            QVERIFY(tabs);
            panel.resize(1200, 700);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            auto barY = [&] { return tabs->tabBar()->mapTo(&panel, QPoint()).y(); };
            tabs->setCurrentIndex(0);
            const int y = barY();
            for (int t = 1; t < tabs->count(); ++t) {
                tabs->setCurrentIndex(t);
                QApplication::processEvents();
                QCOMPARE(barY(), y);
            }
            tabs->setCurrentIndex(0);
        }
        // Compare clicked three times: the legend still has one entry per run and kind, and two
        // runs are told apart by their letter and name, not by model alone.
        for (int click = 0; click < 2; ++click) {
            panel.compareSelected();
            QVERIFY(compared.wait(60000));
        }
        for (MetricChart *chart : {view->lossChart(), view->accuracyChart()}) {
            const QStringList legend = chart->legendEntries();
            QCOMPARE(legend.size(), 4); // 2 runs x (train, validation)
            QCOMPARE(QSet<QString>(legend.begin(), legend.end()).size(), 4);
            QVERIFY2(legend.at(0) == "A train" && legend.at(1) == "A validation" &&
                         legend.at(2) == "B train",
                     qPrintable(legend.join(", ")));
            // The caption says which run each letter is, by model and time (two runs of one
            // model never read the same).
            const QString key = view->curvesKey();
            QVERIFY2(key.contains("A: vgg-style-cnn") && key.contains("B: simple-cnn") &&
                         key.contains("Dashed: training"),
                     qPrintable(key));
        }
        QAbstractItemModelTester deltaTester(
            view->deltaModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester flipTester(view->flippedModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Newest first: A is the vgg run, B the simple one.
        const runs::RunResult a =
            runs::loadRunResult(m_dir.path().toStdString() + "/runs/20260102-b-vgg");
        const runs::RunResult b = runs::loadRunResult(m_first.runDir);
        std::set<std::int64_t> rightA, rightB;
        for (const auto &p : a.test.predictions)
            if (p.predicted == p.trueLabel)
                rightA.insert(p.index);
        for (const auto &p : b.test.predictions)
            if (p.predicted == p.trueLabel)
                rightB.insert(p.index);
        std::set<std::int64_t> onlyB, onlyA, shown;
        std::set_difference(rightB.begin(), rightB.end(), rightA.begin(), rightA.end(),
                            std::inserter(onlyB, onlyB.end()));
        std::set_difference(rightA.begin(), rightA.end(), rightB.begin(), rightB.end(),
                            std::inserter(onlyA, onlyA.end()));
        QVERIFY(!onlyA.empty() && !onlyB.empty()); // the check below is not vacuous
        FlippedModel *flipped = view->flippedModel();
        flipped->showFixedByB(true);
        for (int r = 0; r < flipped->rowCount(); ++r)
            shown.insert(flipped->index(r).data(FlippedModel::IndexRole).toLongLong());
        QCOMPARE(shown, onlyB);
        shown.clear();
        flipped->showFixedByB(false);
        for (int r = 0; r < flipped->rowCount(); ++r) {
            shown.insert(flipped->index(r).data(FlippedModel::IndexRole).toLongLong());
            QVERIFY(!flipped->index(r).data(Qt::DecorationRole).isNull()); // thumbnails
        }
        QCOMPARE(shown, onlyA);
        // The difference of the matrices, cell by cell.
        ConfusionDeltaModel *delta = view->deltaModel();
        QCOMPARE(delta->rowCount(), 10);
        for (int t = 0; t < 10; ++t)
            for (int p = 0; p < 10; ++p)
                QCOMPARE(delta->index(t, p).data(ConfusionDeltaModel::DeltaRole).toLongLong(),
                         qint64(b.test.at(t, p) - a.test.at(t, p)));
        QVERIFY(view->pairSummary().contains(QString::number(onlyB.size())));

        // The report of both, written in the background.
        QSignalSpy written(&panel, &RunsPanel::reportWritten);
        panel.exportReport(m_dir.path() + "/report.html");
        QVERIFY(written.wait(60000));
        QFile report(m_dir.path() + "/report.html");
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(report.readAll());
        QVERIFY(page.contains("simple-cnn") && page.contains("vgg-style-cnn"));
        QVERIFY(page.contains(QString::number(b.test.accuracy, 'f', 4)));
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

        // The opened run's own report, from the Results panel.
        ResultsPanel results;
        results.setResult(result, data);
        QSignalSpy reported(&results, &ResultsPanel::reportWritten);
        results.exportReport(m_dir.path() + "/single.html");
        QVERIFY(reported.wait(60000));
        QFile single(m_dir.path() + "/single.html");
        QVERIFY(single.open(QIODevice::ReadOnly));
        const QString singlePage = QString::fromUtf8(single.readAll());
        QVERIFY(singlePage.contains(QString::number(m_first.test.accuracy, 'f', 4)));
        QVERIFY(singlePage.contains("data:image/png;base64,")); // its worst mistakes
    }
};

QTEST_MAIN(TestRunsPanel)
#include "tst_runs_panel.moc"
