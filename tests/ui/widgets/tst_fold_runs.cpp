// The label check of a fine-tuned run in the window (issue 28): Results → Feature space →
// Suspicious labels says the heads' scores are partly in sample and queues K short runs of the
// experiment in the Queue tab (with a time estimate); when they finish, the list comes from
// them, is cached for `inspect --suspicious`, and queued again (after a restart) finished folds
// are skipped.

#include "analysis/label_fold_runs.h"
#include "analysis/label_folds.h"
#include "experiment/experiment_config.h"
#include "inference/run_features.h"
#include "run/run_experiment.h"
#include "rundir/run_dir.h"
#include "session/run_queue.h"
#include "support/fixtures.h"
#include "widgets/fold_runs_bar.h"
#include "widgets/inspect_panel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <filesystem>

using namespace tl;
using namespace tl::ui;
using State = RunQueue::State;

class TestFoldRuns : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_run;
    std::shared_ptr<const data::DatasetSplits> m_data;

    std::unique_ptr<InspectPanel> openPanel(RunQueue &queue)
    {
        auto panel = std::make_unique<InspectPanel>();
        panel->resize(1280, 720);
        panel->setQueue(&queue);
        connect(panel.get(), &InspectPanel::failed, this,
                [](const QString &e) { qWarning("panel: %s", qPrintable(e)); });
        panel->show();
        QSignalSpy ready(panel.get(), &InspectPanel::featuresReady);
        panel->setRun(m_run, m_data);
        panel->compute();
        if (!ready.wait(120000))
            qWarning("the panel found no features");
        return panel;
    }

    // Presses "Score with 5 short runs…" and accepts the confirmation; what it said.
    QString queueFromThePanel(InspectPanel &panel)
    {
        FoldRunsBar *bar = panel.foldRuns();
        QString said;
        QTimer::singleShot(0, bar, [&] {
            auto *dialog = bar->findChild<QDialog *>();
            if (!dialog)
                return;
            said = dialog->findChild<QLabel *>(QStringLiteral("foldRunEstimate"))->text();
            dialog->findChild<QSpinBox *>(QStringLiteral("foldRunEpochs"))->setValue(1);
            dialog->accept();
        });
        QTest::mouseClick(bar->button(), Qt::LeftButton);
        return said;
    }

    std::vector<QDateTime> finishTimes() const
    {
        std::vector<QDateTime> t;
        for (int k = 0; k < 5; ++k)
            t.push_back(
                QFileInfo(QString::fromStdString(
                              runs::RunDir(runs::foldRunDir(m_run.toStdString(), k)).summary()))
                    .lastModified());
        return t;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::writeIdxFolder((m_dir.path() + "/data").toStdString(), 300, 60);
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = (m_dir.path() + "/data").toStdString();
        c.data.valSplit = 0.2;
        c.model.name = "simple-cnn"; // every layer trains: the features saw the labels
        c.device = "cpu";
        c.threads = 1;
        c.stages.front().epochs = 2;
        m_run = m_dir.path() + "/runs/20260101-simple";
        runs::runExperiment(c, m_run.toStdString());
        m_data =
            std::make_shared<const data::DatasetSplits>(runs::loadRunData(m_run.toStdString()));
    }

    void queuesTheFoldRunsAndScoresFromThem()
    {
        RunQueue queue;
        queue.setCliPath(TL_CLI_PATH);
        auto panel = openPanel(queue);
        FoldRunsBar *bar = panel->foldRuns();
        QVERIFY(!panel->scoresFromRuns());
        QVERIFY(!bar->isHidden());
        QVERIFY2(bar->text().startsWith("Partly in sample"), qPrintable(bar->text()));
        QVERIFY(bar->findChild<QLabel *>()->toolTip().contains("the backbone trained on these"));
        QCOMPARE(bar->button()->text(), QStringLiteral("Score with 5 short runs…"));
        // The estimate: the run's own seconds per epoch on 4/5 of its images, 2 epochs a run.
        const double each = bar->estimateSeconds(0);
        QVERIFY2(each > 0, qPrintable(QString::number(each)));
        QVERIFY(bar->estimateSeconds(1) < each);

        const runs::SuspicionReport heads = panel->report();
        const QString said = queueFromThePanel(*panel);

        QVERIFY2(said.contains("5 runs of 2 epochs each: about"), qPrintable(said));
        QCOMPARE(queue.count(), 5);
        for (int r = 0; r < 5; ++r)
            QVERIFY(
                queue.item(r).runDir.endsWith(QStringLiteral("label-folds/fold-%1").arg(r + 1)));
        // Shown in the queue with their estimate before they start.
        const QString eta = queue.index(4, RunQueue::Eta).data().toString();
        QVERIFY2(eta.startsWith("about "), qPrintable(eta));
        QVERIFY2(bar->text().contains("Queue tab"), qPrintable(bar->text()));
        QVERIFY(!bar->button()->isEnabled());

        QTRY_VERIFY_WITH_TIMEOUT(panel->scoresFromRuns(), 300000);
        for (int r = 0; r < 5; ++r)
            QCOMPARE(queue.item(r).state, State::Finished);
        QVERIFY(bar->isHidden());
        QVERIFY(panel->outOfSample());
        auto *scores = panel->findChild<QComboBox *>(QStringLiteral("suspectScores"));
        QVERIFY(scores);
        QCOMPARE(scores->itemText(0), QStringLiteral("Out of sample (5 runs)"));

        // Each fold run left its fold out and trained one epoch (the confirmation's choice).
        const runs::RunFeatures f = runs::runFeatures(m_run.toStdString(), *m_data);
        const runs::FoldRunPlan plan = runs::planFoldRuns(f, runs::LabelFoldOptions{});
        std::vector<std::string> dirs;
        for (int k = 0; k < 5; ++k) {
            dirs.push_back(runs::foldRunDir(m_run.toStdString(), k));
            const auto c =
                experiment::ExperimentConfig::fromRunFile(runs::RunDir(dirs.back()).config());
            QCOMPARE(c.stages.front().epochs, 1);
            for (const std::int64_t i : plan.exclude[std::size_t(k)])
                QVERIFY(std::binary_search(c.data.exclude.begin(), c.data.exclude.end(), i));
        }
        // The list is the fold runs' own scores, ranked; the cache holds them for the CLI.
        const runs::OutOfSampleProbabilities direct =
            runs::probabilitiesFromFoldRuns(f, *m_data, plan, dirs);
        const runs::SuspicionReport expected =
            runs::suspiciousLabelsOutOfSample(f, direct, *m_data, 300);
        QCOMPARE(panel->report().images.size(), expected.images.size());
        for (std::size_t k = 0; k < expected.images.size(); ++k) {
            QCOMPARE(panel->report().images[k].image.index, expected.images[k].image.index);
            QCOMPARE(panel->report().images[k].suggested, expected.images[k].suggested);
        }
        bool sameAsHeads = heads.images.size() == expected.images.size();
        for (std::size_t k = 0; sameAsHeads && k < expected.images.size(); ++k)
            sameAsHeads = heads.images[k].image.index == expected.images[k].image.index;
        QVERIFY(!sameAsHeads); // the heads' list is gone
        runs::OutOfSampleProbabilities cached;
        QVERIFY(runs::readOutOfSampleCache(f, runs::LabelFoldOptions{}, cached));
        QVERIFY(cached.fromRuns);
        QCOMPARE(cached.train, direct.train);
        QCOMPARE(cached.val, direct.val);

        // Opened again, the cached scores say where they came from; nothing is offered.
        RunQueue again;
        auto reopened = openPanel(again);
        QVERIFY(reopened->scoresFromRuns());
        QVERIFY(reopened->foldRuns()->isHidden());
        QCOMPARE(again.count(), 0);
    }

    // After a restart (a new queue) with one fold run lost and the cache gone: queued again,
    // the four finished folds are skipped and only the fifth trains.
    void queuedAgainSkipsFinishedFolds()
    {
        const std::vector<QDateTime> before = finishTimes();
        std::filesystem::remove_all(runs::foldRunDir(m_run.toStdString(), 4));
        std::filesystem::remove(runs::RunDir(m_run.toStdString()).labelFolds());
        RunQueue queue;
        queue.setCliPath(TL_CLI_PATH);
        auto panel = openPanel(queue);
        FoldRunsBar *bar = panel->foldRuns();
        QVERIFY(!panel->scoresFromRuns());
        QCOMPARE(bar->finishedFolds(), 4);
        QVERIFY2(bar->text().contains("4 of the 5 fold runs finished earlier"),
                 qPrintable(bar->text()));
        QCOMPARE(bar->button()->text(), QStringLiteral("Continue the 5 short runs…"));
        const QString said = queueFromThePanel(*panel);
        QVERIFY2(said.contains(" left of 2 epochs each: about"), qPrintable(said));
        QCOMPARE(queue.count(), 5);
        for (int r = 0; r < 4; ++r) {
            QCOMPARE(queue.item(r).state, State::Finished);
            QCOMPARE(queue.item(r).message, QStringLiteral("finished earlier"));
        }
        QCOMPARE(queue.item(4).state, State::Queued);
        QTRY_VERIFY_WITH_TIMEOUT(panel->scoresFromRuns(), 120000);
        const std::vector<QDateTime> after = finishTimes();
        for (int k = 0; k < 4; ++k)
            QCOMPARE(after[std::size_t(k)], before[std::size_t(k)]);
        QVERIFY(after[4].isValid());
        // Queued once more: nothing left to run, nothing starts.
        const runs::RunFeatures f = runs::runFeatures(m_run.toStdString(), *m_data);
        const auto base =
            experiment::ExperimentConfig::fromFile(runs::RunDir(m_run.toStdString()).config());
        QCOMPARE(
            queue.addResumable(runs::foldRunPoints(
                m_run.toStdString(), base, runs::planFoldRuns(f, runs::LabelFoldOptions{}), 1)),
            0);
        QTest::qWait(1000);
        QVERIFY(!queue.isRunning());
        QCOMPARE(finishTimes()[4], after[4]);
    }

    // A frozen backbone's features never saw the labels: the heads' scores are out of sample
    // and nothing is offered.
    void aFrozenBackboneNeedsNoRuns()
    {
        auto c = experiment::ExperimentConfig::fromFile(runs::RunDir(m_run.toStdString()).config());
        c.model.freeze = "backbone";
        c.stages.front().epochs = 1;
        const QString frozen = m_dir.path() + "/runs/20260101-frozen";
        runs::runExperiment(c, frozen.toStdString());
        RunQueue queue;
        auto panel = std::make_unique<InspectPanel>();
        panel->setQueue(&queue);
        QSignalSpy ready(panel.get(), &InspectPanel::featuresReady);
        panel->setRun(frozen, m_data);
        panel->compute();
        QVERIFY(ready.wait(120000));
        QVERIFY(panel->outOfSample());
        QVERIFY(!panel->scoresFromRuns());
        QVERIFY(panel->foldRuns()->isHidden());
        QCOMPARE(queue.count(), 0);
    }
};

QTEST_MAIN(TestFoldRuns)
#include "tst_fold_runs.moc"
