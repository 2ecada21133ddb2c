// Sweep folders read back (sweep.json: summaries over repeats, hostile files refused), the
// Pareto front against a brute-force reference, time estimates, settings' captions, and the
// sweep report (well-formed, with every chart).

#include "base/error.h"
#include "io/files.h"
#include "analysis/report.h"
#include "analysis/sweep_report.h"
#include "rundir/run_reader.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_results.h"
#include "support/expect_error.h"

#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <random>

using namespace tl;

namespace {

const char *kGrid = R"({"stages": [{"epochs": 1}],
    "sweep": {"mode": "grid", "repeats": 2,
              "parameters": {"stages.0.optimizer.lr": [0.001, 0.01, 0.1],
                             "model.freeze": ["none", "backbone"]}}})";

// A finished sweep of kGrid with made-up accuracies: lr 0.01 best, frozen a little worse,
// repeats 0.01 apart; time grows with the learning rate's index, frozen runs twice as fast.
runs::SweepPlan writeGrid(const std::string &dir, bool failOne)
{
    const runs::SweepPlan plan = runs::planSweep(kGrid, "grid.json");
    std::vector<runs::SweepPointStatus> status;
    for (const auto &p : plan.points) {
        const double lr = p.config.stages[0].optimizer.lr;
        const bool frozen = p.config.model.freeze == "backbone";
        runs::SweepPointStatus s;
        s.status = "finished";
        s.testAccuracy = (lr == 0.01    ? 0.85
                          : lr == 0.001 ? 0.80
                                        : 0.60) -
                         (frozen ? 0.05 : 0) + 0.01 * p.repeat;
        s.seconds = (lr == 0.001 ? 10 : lr == 0.01 ? 20 : 30) / (frozen ? 2.0 : 1.0);
        status.push_back(s);
    }
    if (failOne) {
        status[1].status = "failed";
        status[1].message = "diverged";
        status[1].testAccuracy = -1;
    }
    runs::writeSweepJson(dir, plan, status);
    return plan;
}

std::string sweepJson(const std::string &points)
{
    return R"({"sweep": "x", "mode": "grid", "repeats": 1, "parameters": ["model.name"],
               "points": )" +
           points + "}";
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return m_dir.path().toStdString() + "/" + name; }

private Q_SLOTS:
    void readsBackTheSummaries()
    {
        const std::string dir = path("grid");
        std::filesystem::create_directories(dir);
        writeGrid(dir, false);
        QVERIFY(runs::isSweepFolder(dir));
        const runs::SweepResults r = runs::readSweep(dir);
        QCOMPARE(r.runs.size(), std::size_t(12));
        QCOMPARE(r.groups.size(), std::size_t(6));
        QCOMPARE(r.repeats, 2);
        QCOMPARE(r.parameters.size(), std::size_t(2));
        // The settings in the file's (JSON object's, sorted) order.
        QCOMPARE(r.parameters[0], std::string("model.freeze"));
        QVERIFY(!r.numeric(0)); // the freeze spec
        QVERIFY(r.numeric(1));  // the learning rate
        QCOMPARE(r.distinctValues(0), (std::vector<std::string>{"none", "backbone"}));
        for (const auto &g : r.groups) {
            QCOMPARE(g.finished, 2);
            QCOMPARE(g.runs.size(), std::size_t(2));
            // Two repeats 0.01 apart: mean in the middle, sample sd 0.01/sqrt(2).
            const auto &a = r.runs[g.runs[0]], &b = r.runs[g.runs[1]];
            QCOMPARE(a.variant, b.variant);
            QVERIFY(std::fabs(g.meanAccuracy - (a.testAccuracy + b.testAccuracy) / 2) < 1e-12);
            QVERIFY(std::fabs(g.sdAccuracy - 0.01 / std::sqrt(2.0)) < 1e-9);
        }
        QCOMPARE(r.runs[0].runDir, dir + "/" + r.runs[0].name);
        QCOMPARE(r.groups[0].variant.find("-r"), std::string::npos);
    }

    void failedPointsStayOutOfTheMeans()
    {
        const std::string dir = path("failed");
        std::filesystem::create_directories(dir);
        writeGrid(dir, true);
        const runs::SweepResults r = runs::readSweep(dir);
        const auto &g = r.groups[0]; // the failed run is the first point's second repeat
        QCOMPARE(g.finished, 1);
        QCOMPARE(g.sdAccuracy, 0.0);
        QCOMPARE(r.runs[1].status, std::string("failed"));
        QCOMPARE(r.runs[1].message, std::string("diverged"));
        QCOMPARE(r.runs[1].testAccuracy, -1.0);
    }

    void hostileFilesAreRefused_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("not json") << "{\"points\": ["
                                  << "not valid JSON";
        QTest::newRow("not an object") << "[1, 2]"
                                       << "expected a JSON object";
        QTest::newRow("points not a list") << QString::fromStdString(sweepJson("{}")) << "'points'";
        QTest::newRow("run leaves the folder")
            << QString::fromStdString(sweepJson(R"([{"name": "../../etc"}])")) << "points.0.name";
        QTest::newRow("run names a path")
            << QString::fromStdString(sweepJson(R"([{"name": "a", "run": "/tmp/x"}])"))
            << "points.0.run";
        QTest::newRow("accuracy above one")
            << QString::fromStdString(sweepJson(R"([{"name": "a", "test_accuracy": 7}])"))
            << "points.0.test_accuracy";
        QTest::newRow("negative time")
            << QString::fromStdString(sweepJson(R"([{"name": "a", "seconds": -1}])"))
            << "points.0.seconds";
        QTest::newRow("repeat out of range")
            << QString::fromStdString(sweepJson(R"([{"name": "a", "repeat": 5}])"))
            << "points.0.repeat";
        QTest::newRow("unknown status")
            << QString::fromStdString(sweepJson(R"([{"name": "a", "status": "won"}])"))
            << "unknown status";
        QTest::newRow("repeats absurd") << R"({"repeats": 1000000, "points": []})"
                                        << "'repeats'";
    }

    void hostileFilesAreRefused()
    {
        QFETCH(QString, json);
        QFETCH(QString, mustSay);
        const std::string dir = path("hostile");
        std::filesystem::create_directories(dir);
        writeFileAtomic(dir + "/sweep.json", json.toStdString());
        TL_EXPECT_ERROR(runs::readSweep(dir),
                        (QStringList{QString::fromStdString(dir + "/sweep.json"), mustSay}));
    }

    void paretoFrontMatchesBruteForce()
    {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(0, 1);
        for (int trial = 0; trial < 200; ++trial) {
            const int n = 1 + int(rng() % 30);
            std::vector<double> secs, acc;
            for (int i = 0; i < n; ++i) {
                // Coarse values: ties in time and in accuracy happen.
                secs.push_back(std::round(u(rng) * 10));
                acc.push_back(std::round(u(rng) * 10) / 10);
            }
            std::vector<std::size_t> expected;
            for (int i = 0; i < n; ++i) {
                bool dominated = false;
                for (int j = 0; j < n && !dominated; ++j)
                    dominated = secs[j] <= secs[i] && acc[j] >= acc[i] &&
                                (secs[j] < secs[i] || acc[j] > acc[i]);
                if (!dominated)
                    expected.push_back(std::size_t(i));
            }
            auto front = runs::paretoFront(secs, acc);
            // Of identical runs (same time and accuracy) the front keeps one.
            std::vector<std::pair<double, double>> got, want;
            for (auto i : front)
                got.push_back({secs[i], acc[i]});
            for (auto i : expected)
                want.push_back({secs[i], acc[i]});
            std::sort(want.begin(), want.end());
            want.erase(std::unique(want.begin(), want.end()), want.end());
            QCOMPARE(got, want); // fastest first, each more accurate than the one before
        }
    }

    void estimatesFromTheMedianSpeed()
    {
        std::vector<runs::RunInfo> measured(4);
        const double speeds[] = {100, 300, 200, 1000};
        for (int i = 0; i < 4; ++i) {
            measured[i].finished = true;
            measured[i].model = i < 3 ? "simple-cnn" : "resnet18";
            measured[i].imagesPerSecond = speeds[i];
        }
        measured[1].finished = false; // an unfinished run does not count: median of 100, 200
        QCOMPARE(runs::estimateRunSeconds(measured, "simple-cnn", 1500, 2), 20.0);
        QCOMPARE(runs::estimateRunSeconds(measured, "resnet18", 1000, 1), 1.0);
        QCOMPARE(runs::estimateRunSeconds(measured, "vgg16", 1000, 1), -1.0);
    }

    void captions()
    {
        QCOMPARE(runs::settingCaption("stages.1.freeze"), std::string("stage 2 freeze"));
        QCOMPARE(runs::settingCaption("stages.0.optimizer.lr"), std::string("stage 1 lr"));
        QCOMPARE(runs::settingCaption("model.name"), std::string("model"));
        QCOMPARE(runs::settingCaption("model.batch_norm"), std::string("model batch_norm"));
        QCOMPARE(runs::settingCaption("seed"), std::string("seed"));
    }

    void reportHasEveryChart()
    {
        const std::string dir = path("report");
        std::filesystem::create_directories(dir);
        writeGrid(dir, true);
        const std::string html = runs::sweepReportHtml(dir);
        QXmlStreamReader xml(QString::fromStdString(html));
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        const QString h = QString::fromStdString(html);
        // Against lr, against freeze, the heat map, Pareto, which setting mattered (issue 30).
        QCOMPARE(h.count("<svg"), 5);
        QVERIFY(h.contains("Which setting mattered"));
        // The learning rate moves accuracy by 0.25, the freeze spec by 0.05: lr's bar first.
        QVERIFY(h.indexOf(">stage 1 lr</text><rect") < h.indexOf(">model freeze</text><rect"));
        QVERIFY(h.contains("Test accuracy against stage 1 lr"));
        QVERIFY(h.contains("(log scale)")); // 0.001..0.1 spans two decades
        QVERIFY(h.contains("model freeze × stage 1 lr"));
        QVERIFY(h.contains("diverged")); // the failed run's message
        QVERIFY(h.contains("± 0.0071")); // sd of two repeats 0.01 apart
        // The x axis ticks at the swept values, as written (not 0.00026, 0.00095...).
        for (const char *lr : {">0.001</text>", ">0.01</text>", ">0.1</text>"})
            QVERIFY2(h.contains(lr), lr);
        // Printed: the results table repeats its header row on every page, rows stay whole.
        QVERIFY(h.contains("<table><thead><tr><th>point</th>"));
        QVERIFY(h.contains("@media print"));
        QVERIFY(h.contains("thead { display: table-header-group; }"));
        // Best first: lr 0.01 unfrozen (0.855 mean) is the first row after the header.
        const int firstRow = h.indexOf("<tr><td");
        QVERIFY(h.mid(firstRow, 200).contains("freeze-none_lr-0.01<"));
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
