// The Queue tab: runs queued from the window train one after another through transferlab-cli
// (finished, failed with the message, cancelled and retried, reordered), a sweep queued from
// the table editor keeps its sweep.json, and the results view opens the run behind a chart
// point, a heat-map cell or a row.

#include "experiment/experiment_config.h"
#include "io/files.h"
#include "rundir/run_reader.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_results.h"
#include "session/run_queue.h"
#include "support/require.h"
#include "widgets/lesson_dialog.h"
#include "widgets/queue_panel.h"
#include "widgets/sweep_dialog.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QElapsedTimer>
#include <QGraphicsTextItem>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <filesystem>

using namespace tl;
using State = ui::RunQueue::State;

namespace {

const char *kFashion = "/usr/share/datasets/fashion-mnist";

// A run of a few seconds on 1 % of Fashion-MNIST.
experiment::ExperimentConfig tiny(int epochs = 1)
{
    experiment::ExperimentConfig c;
    c.data.trainFraction = 0.01;
    c.data.testFraction = 0.03;
    c.threads = 1;
    c.confusionEveryEpoch = false;
    c.stages.resize(1);
    c.stages[0].epochs = epochs;
    return c;
}

bool settled(const ui::RunQueue &q)
{
    if (q.isRunning())
        return false;
    for (int r = 0; r < q.count(); ++r)
        if (q.item(r).state == State::Queued)
            return false;
    return true;
}

} // namespace

class TestQueue : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.path() + "/" + name; }

private Q_SLOTS:
    void runsOneAfterAnother()
    {
        TL_REQUIRE(QFileInfo::exists(kFashion), "Debian's dataset-fashion-mnist");
        ui::RunQueue q;
        q.setCliPath(TL_CLI_PATH);
        auto broken = tiny();
        broken.model.weights = "/nonexistent/weights.pth";
        q.add(tiny(), path("first"));
        q.add(broken, path("broken"));
        q.add(tiny(2), path("second"));
        QCOMPARE(q.count(), 3);
        QCOMPARE(q.item(0).state, State::Queued);
        // The window stays responsive while they train: the longest gap between two ticks of a
        // 10 ms timer on the event loop.
        QElapsedTimer tick;
        tick.start();
        qint64 last = 0, longestGap = 0;
        QTimer heartbeat;
        QObject::connect(&heartbeat, &QTimer::timeout, [&] {
            const qint64 now = tick.elapsed();
            longestGap = std::max(longestGap, now - last);
            last = now;
        });
        heartbeat.start(10);
        // One at a time: never two running.
        int mostRunning = 0;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     int running = 0;
                                     for (int r = 0; r < q.count(); ++r)
                                         running += q.item(r).state == State::Running;
                                     mostRunning = std::max(mostRunning, running);
                                     return settled(q);
                                 }()),
                                 240000);
        QCOMPARE(mostRunning, 1);
        heartbeat.stop();
        qInfo("longest event-loop gap while three runs trained: %lld ms", longestGap);
        QVERIFY2(longestGap < 500, qPrintable(QString::number(longestGap)));
        QCOMPARE(q.item(0).state, State::Finished);
        QVERIFY(q.item(0).testAccuracy > 0.3);
        QCOMPARE(q.item(0).progress, 1.0);
        QVERIFY(QFileInfo::exists(path("first/summary.json")));
        QCOMPARE(q.item(1).state, State::Failed);
        QVERIFY2(q.item(1).message.contains("/nonexistent/weights.pth"),
                 qPrintable(q.item(1).message));
        QCOMPARE(q.item(2).state, State::Finished);
        // The table shows what the rows hold.
        QCOMPARE(q.index(0, ui::RunQueue::Status).data().toString(), QStringLiteral("finished"));
        QCOMPARE(q.index(0, ui::RunQueue::Test).data().toString(),
                 QString::number(q.item(0).testAccuracy, 'f', 4));
        QVERIFY(q.index(1, ui::RunQueue::Status).data().toString().startsWith("failed: "));
    }

    // The window's queue runs points in parallel as the CLI's sweep --parallel does (the Queue
    // tab's "At a time"): two train at the same time, both advancing, and all finish.
    void runsTwoAtATime()
    {
        TL_REQUIRE(QFileInfo::exists(kFashion), "Debian's dataset-fashion-mnist");
        ui::RunQueue q;
        q.setCliPath(TL_CLI_PATH);
        ui::QueuePanel panel(&q, m_dir.path());
        auto *atATime = panel.findChild<QSpinBox *>(QStringLiteral("queueParallel"));
        QVERIFY(atATime);
        QCOMPARE(atATime->value(), 1);
        q.setPaused(true);
        auto longer = tiny(3);
        longer.data.trainFraction = 0.03;
        q.add(longer, path("two-a"));
        q.add(longer, path("two-b"));
        q.add(tiny(), path("two-c"));
        atATime->setValue(2);
        QCOMPARE(q.parallel(), 2);
        q.setPaused(false);
        int mostRunning = 0;
        bool bothAdvanced = false;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     int running = 0;
                                     for (int r = 0; r < q.count(); ++r)
                                         running += q.item(r).state == State::Running;
                                     mostRunning = std::max(mostRunning, running);
                                     bothAdvanced = bothAdvanced ||
                                                    (q.item(0).state == State::Running &&
                                                     q.item(1).state == State::Running &&
                                                     q.item(0).progress > 0 &&
                                                     q.item(1).progress > 0);
                                     return settled(q);
                                 }()),
                                 240000);
        QCOMPARE(mostRunning, 2);
        QVERIFY(bothAdvanced); // progress from each run's progress.csv, at the same time
        for (int r = 0; r < 3; ++r) {
            QCOMPARE(q.item(r).state, State::Finished);
            QVERIFY(q.item(r).testAccuracy > 0.3);
        }
    }

    // The lesson runs its steps as transferlab-cli processes through the scheduler: closing the
    // window mid-step stops the running one (Ctrl-C, at its next batch) and leaves no process
    // behind, within seconds (it was a job on the shared pool that quitting could not stop).
    void lessonStopsWhenTheWindowCloses()
    {
        TL_REQUIRE(QFileInfo::exists(kFashion), "Debian's dataset-fashion-mnist");
        const QString runs = path("lesson-runs");
        auto *d = new ui::LessonDialog(runs);
        d->setCliPath(TL_CLI_PATH);
        d->start(true);
        QVERIFY(d->isRunning());
        // The pretraining's process trains: its progress comes from its progress.csv.
        const QString progress = d->lessonFolder() + "/pretrain/progress.csv";
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(progress).size() > 200, 120000);
        auto children = [&] {
            int n = 0;
            for (const QString &pid : QDir("/proc").entryList(QDir::Dirs))
                if (QFile f("/proc/" + pid + "/cmdline"); f.open(QIODevice::ReadOnly))
                    n += f.readAll().contains(d->lessonFolder().toUtf8() + "/pretrain");
            return n;
        };
        QCOMPARE(children(), 1);
        const QString folder = d->lessonFolder();
        QElapsedTimer clock;
        clock.start();
        delete d; // the window closing
        qInfo("the lesson's step stopped and was waited for in %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 10000);
        int left = 0;
        for (const QString &pid : QDir("/proc").entryList(QDir::Dirs))
            if (QFile f("/proc/" + pid + "/cmdline"); f.open(QIODevice::ReadOnly))
                left += f.readAll().contains(folder.toUtf8() + "/pretrain");
        QCOMPARE(left, 0);
        QVERIFY(!QFileInfo::exists(folder + "/pretrain/run.lock"));
    }

    void cancelRetryAndReorder()
    {
        TL_REQUIRE(QFileInfo::exists(kFashion), "Debian's dataset-fashion-mnist");
        ui::RunQueue q;
        q.setCliPath(TL_CLI_PATH);
        q.setPaused(true);
        auto longer = tiny(30);
        longer.data.trainFraction = 0.05;
        q.add(longer, path("long"));
        q.add(tiny(), path("a"));
        q.add(tiny(), path("b"));
        // Reordering while paused: b before a.
        QVERIFY(q.move(2, -1));
        QCOMPARE(QFileInfo(q.item(1).runDir).fileName(), QStringLiteral("b"));
        QVERIFY(!q.move(0, -1));
        // Cancelling a queued run: it never starts; removing it.
        q.cancel(2);
        QCOMPARE(q.item(2).state, State::Cancelled);
        QVERIFY(q.remove(2));
        QCOMPARE(q.count(), 2);
        q.setPaused(false);
        // The long run trains, shows progress and a time left, and stops on Cancel keeping its
        // finished epochs.
        QTRY_VERIFY_WITH_TIMEOUT(q.item(0).state == State::Running && q.item(0).progress > 0.04,
                                 120000);
        QVERIFY(q.item(0).etaSeconds > 0);
        QVERIFY(!q.remove(0)); // not while it runs
        q.cancel(0);
        QTRY_VERIFY_WITH_TIMEOUT(q.item(0).state == State::Cancelled, 60000);
        QVERIFY2(q.item(0).message.contains("Retry continues"), qPrintable(q.item(0).message));
        QVERIFY(QFileInfo::exists(path("long/state.tlstate")));
        QVERIFY(!QFileInfo::exists(path("long/summary.json")));
        // The next one went on meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(settled(q), 120000);
        QCOMPARE(q.item(1).state, State::Finished);
        // Retry continues the cancelled run from its state (train --resume).
        QVERIFY(q.retry(0));
        QTRY_VERIFY_WITH_TIMEOUT(q.item(0).state == State::Running, 30000);
        q.cancel(0);
        QTRY_VERIFY_WITH_TIMEOUT(q.item(0).state == State::Cancelled, 60000);
    }

    void sweepDialogPlansAndEstimates()
    {
        auto base = tiny();
        int asked = 0;
        ui::SweepDialog d(base, [&](const experiment::ExperimentConfig &c) {
            ++asked;
            return c.model.freeze == "backbone" ? 10.0 : 20.0;
        });
        d.setRow(0, "stages.0.optimizer.lr", "0.001, 0.01");
        d.setRow(1, "model.freeze", "none, backbone");
        d.setRepeats(2);
        QVERIFY(d.isValid());
        QCOMPARE(d.plan().points.size(), std::size_t(8));
        QVERIFY2(d.summaryText().contains("8 runs"), qPrintable(d.summaryText()));
        QVERIFY2(d.summaryText().contains("2 min"), qPrintable(d.summaryText())); // 4x10 + 4x20 s
        QVERIFY(asked >= 8);
        // A path that names no setting: not valid, and it says which.
        d.setRow(1, "model.nmae", "a, b");
        QVERIFY(!d.isValid());
        QVERIFY2(d.summaryText().contains("model.nmae"), qPrintable(d.summaryText()));
        QCOMPARE(ui::sweepValueJson(" 0.01 "), QStringLiteral("0.01"));
        QCOMPARE(ui::sweepValueJson("true"), QStringLiteral("true"));
        QCOMPARE(ui::sweepValueJson("before:layer3"), QStringLiteral("\"before:layer3\""));
    }

    void queuedSweepKeepsItsSweepJson()
    {
        TL_REQUIRE(QFileInfo::exists(kFashion), "Debian's dataset-fashion-mnist");
        ui::RunQueue q;
        q.setCliPath(TL_CLI_PATH);
        ui::QueuePanel panel(&q, m_dir.path());
        ui::SweepDialog d(tiny(), {});
        d.setRow(0, "stages.0.optimizer.lr", "0.001, 0.003");
        QVERIFY(d.isValid());
        const QString dir = path("sweep-lr");
        q.addSweep(d.plan(), dir);
        QCOMPARE(q.count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(settled(q), 240000);
        const runs::SweepResults r = runs::readSweep(dir.toStdString());
        QCOMPARE(r.runs.size(), std::size_t(2));
        for (const auto &run : r.runs) {
            QCOMPARE(run.status, std::string("finished"));
            QVERIFY(run.testAccuracy > 0.3);
            QVERIFY(QFileInfo::exists(QString::fromStdString(run.runDir) + "/summary.json"));
        }
        // The panel followed the sweep as it ran: its table has both points, and the chart's
        // points are the runs' own test accuracies (summary.json).
        QVERIFY(panel.sweep());
        QCOMPARE(panel.resultsTable()->rowCount(), 2);
        panel.showChart(0);
        QList<QPointF> points;
        for (auto *series : panel.chartView()->chart()->series())
            if (auto *dots = qobject_cast<QScatterSeries *>(series))
                points += dots->points();
        QCOMPARE(points.size(), 2);
        std::vector<double> fromSummaries, fromChart;
        for (const auto &run : r.runs)
            fromSummaries.push_back(runs::readRun(run.runDir).testAccuracy);
        for (const QPointF &p : points)
            fromChart.push_back(p.y());
        std::sort(fromSummaries.begin(), fromSummaries.end());
        std::sort(fromChart.begin(), fromChart.end());
        for (std::size_t i = 0; i < 2; ++i)
            QVERIFY(std::abs(fromSummaries[i] - fromChart[i]) < 1e-9);
        // Queued again, the finished points are not trained again.
        q.addSweep(d.plan(), dir);
        QCOMPARE(q.item(2).state, State::Finished);
        QCOMPARE(q.item(3).state, State::Finished);
    }

    // The window's queue stops hopeless points early, as the CLI's sweep does (issue 30): a
    // learning-rate sweep with ASHA trains fewer epochs than the grid and marks points pruned.
    void queueStopsHopelessPointsEarly()
    {
        TL_REQUIRE(QFileInfo::exists(kFashion), "Debian's dataset-fashion-mnist");
        ui::RunQueue q;
        q.setCliPath(TL_CLI_PATH);
        q.setParallel(2);
        experiment::ExperimentConfig base = tiny(3);
        base.data.valSplit = 0.2;
        nlohmann::json file = nlohmann::json::parse(base.toJson());
        file["sweep"] = {{"mode", "grid"},
                         {"parameters", {{"stages.0.optimizer.lr", {1e-7, 1e-6, 1e-3, 3e-3}}}},
                         {"early_stop",
                          {{"method", "asha"}, {"min_epochs", 1}, {"reduction_factor", 2}}}};
        const runs::SweepPlan plan = runs::planSweep(file.dump(), "asha.json");
        const QString dir = path("sweep-asha");
        q.addSweep(plan, dir);
        QCOMPARE(q.count(), 4);
        QTRY_VERIFY_WITH_TIMEOUT(settled(q), 300000);
        const runs::SweepResults r = runs::readSweep(dir.toStdString());
        QCOMPARE(r.runs.size(), std::size_t(4));
        int pruned = 0, epochs = 0;
        for (const auto &run : r.runs) {
            pruned += int(run.status == "pruned");
            epochs += run.epochs;
        }
        QVERIFY2(pruned >= 1, qPrintable(QString::number(pruned)));
        QVERIFY2(epochs < 12, qPrintable(QString::number(epochs)));
    }

    // The results view on a 2x2 sweep written by hand (no training).
    void resultsOpenTheRunsBehindThem()
    {
        const runs::SweepPlan plan = runs::planSweep(R"({"stages": [{"epochs": 1}], "sweep": {
            "parameters": {"stages.0.optimizer.lr": [0.001, 0.1], "model.freeze": ["none", "backbone"]}}})",
                                                     "grid");
        std::vector<runs::SweepPointStatus> status;
        for (std::size_t i = 0; i < plan.points.size(); ++i)
            status.push_back({"finished", "", 0.5 + 0.1 * double(i), 10.0 * double(i + 1)});
        const QString dir = path("sweep-by-hand");
        std::filesystem::create_directories(dir.toStdString());
        runs::writeSweepJson(dir.toStdString(), plan, status);
        ui::RunQueue q;
        ui::QueuePanel panel(&q, m_dir.path());
        panel.showSweep(dir);
        QSignalSpy opened(&panel, &ui::QueuePanel::openRunRequested);
        QCOMPARE(panel.resultsTable()->rowCount(), 4);
        // Best first.
        QCOMPARE(panel.resultsTable()->item(0, 0)->text(),
                 QString::fromStdString(plan.points[3].name));
        // Charts: against each setting, the heat map, the Pareto front.
        QCOMPARE(panel.chartChoice()->count(), 4);
        // A point of the chart against the learning rate opens its run.
        panel.showChart(1);
        QScatterSeries *dots = nullptr;
        for (auto *s : panel.chartView()->chart()->series())
            if (auto *sc = qobject_cast<QScatterSeries *>(s); sc && sc->count() > 0 && !dots)
                dots = sc;
        QVERIFY(dots);
        Q_EMIT dots->clicked(dots->at(0));
        QCOMPARE(opened.count(), 1);
        QVERIFY(opened.takeFirst().at(0).toString().startsWith(dir + "/"));
        // A heat-map cell opens its run.
        panel.showChart(2);
        QCOMPARE(panel.heatMap()->rowCount() * panel.heatMap()->columnCount(), 4);
        Q_EMIT panel.heatMap()->cellClicked(1, 1);
        QCOMPARE(opened.count(), 1);
        const QString cellRun = opened.takeFirst().at(0).toString();
        QVERIFY(cellRun.endsWith("freeze-backbone_lr-0.1"));
        // A row opens its run; two rows are compared.
        panel.resultsTable()->selectRow(0);
        panel.openSelectedResult();
        QCOMPARE(opened.takeFirst().at(0).toString(),
                 dir + "/" + QString::fromStdString(plan.points[3].name));
        QSignalSpy compared(&panel, &ui::QueuePanel::compareRequested);
        panel.resultsTable()->setSelectionMode(QAbstractItemView::MultiSelection);
        panel.resultsTable()->selectRow(1);
        panel.compareSelectedResults();
        QCOMPARE(compared.count(), 1);
        QCOMPARE(compared.takeFirst().at(0).toStringList().size(), 2);
        // The Pareto chart marks the front: here every run is slower and better than the last.
        panel.showChart(3);
        int frontPoints = 0;
        for (auto *s : panel.chartView()->chart()->series())
            if (auto *sc = qobject_cast<QScatterSeries *>(s); sc && sc->name().contains("Pareto"))
                frontPoints = sc->count();
        QCOMPARE(frontPoints, 4);
    }

    // Issue 34: presentation mode scales the sweep charts and the heat map, and no axis number
    // is elided to "…" (fewer ticks instead), even in a small chart.
    void presentationScalesTheSweepCharts()
    {
        const runs::SweepPlan plan = runs::planSweep(R"({"stages": [{"epochs": 1}], "sweep": {
            "parameters": {"stages.0.optimizer.lr": [0.0003, 0.001, 0.003, 0.01],
                           "stages.0.batch_size": [32, 128]}}})",
                                                     "grid");
        std::vector<runs::SweepPointStatus> status;
        for (std::size_t i = 0; i < plan.points.size(); ++i)
            status.push_back({"finished", "", 0.61 + 0.013 * double(i), 7.3 * double(i + 1)});
        const QString dir = path("sweep-presentation");
        std::filesystem::create_directories(dir.toStdString());
        runs::writeSweepJson(dir.toStdString(), plan, status);
        // The window's presentation mode: the application's text 1.4 times larger.
        const QFont base = QApplication::font();
        QFont large = base;
        large.setPointSizeF(base.pointSizeF() * 1.4);
        QApplication::setFont(large);
        const auto restore = qScopeGuard([&] { QApplication::setFont(base); });
        ui::RunQueue q;
        ui::QueuePanel panel(&q, m_dir.path());
        panel.resize(1264, 600); // the Queue tab at 1280x720
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.showSweep(dir);
        panel.setPresentation(true);
        auto elided = [&] {
            for (int k = 0; k < 5; ++k) { // the queued tick updates after the layout
                QCoreApplication::processEvents();
                QTest::qWait(20);
            }
            QStringList out;
            for (QGraphicsItem *item : panel.chartView()->scene()->items())
                if (auto *text = dynamic_cast<QGraphicsTextItem *>(item);
                    text && text->isVisible() &&
                    (text->toPlainText().contains(QChar(0x2026)) ||
                     text->toPlainText().endsWith(QStringLiteral("..."))))
                    out << text->toPlainText();
            return out.join(", ");
        };
        for (int chart : {0, 1, 3}) { // against the learning rate, the batch size; Pareto
            panel.showChart(chart);
            QChart *c = panel.chartView()->chart();
            for (QAbstractAxis *a : c->axes()) {
                QCOMPARE(a->labelsFont().pixelSize(), 15);
                QCOMPARE(a->titleFont().pixelSize(), 16);
            }
            QVERIFY2(elided().isEmpty(), qPrintable(elided()));
        }
        // A smaller one: fewer ticks, still no dots.
        panel.resize(900, 520);
        QVERIFY2(elided().isEmpty(), qPrintable(elided()));
        panel.showChart(2);
        QCOMPARE(panel.heatMap()->font().pixelSize(), 20);
        panel.setPresentation(false);
        panel.showChart(3);
        for (QAbstractAxis *a : panel.chartView()->chart()->axes())
            QCOMPARE(a->labelsFont().pixelSize(), 11);
    }
};

QTEST_MAIN(TestQueue)
#include "tst_queue.moc"
