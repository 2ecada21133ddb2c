// Search that is not a grid and early stopping (issue 30): ASHA's promotions against a
// hand-worked example (asynchronous and synchronous), the median rule, the early_stop block
// checked (a validation split required), random draws inside their ranges, TPE's proposals
// concentrating near a synthetic objective's optimum, and pruned points in sweep.json.

#include "analysis/sweep_explain.h"
#include "analysis/sweep_report.h"
#include "base/error.h"
#include "io/files.h"
#include "orchestration/early_stop.h"
#include "orchestration/search_space.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_results.h"
#include "orchestration/tpe.h"
#include "support/expect_error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

using namespace tl;

namespace {

runs::EarlyStopSpec asha(int eta = 3, const std::string &metric = "val_accuracy")
{
    runs::EarlyStopSpec s;
    s.method = runs::EarlyStopSpec::Method::Asha;
    s.minEpochs = 1;
    s.reductionFactor = eta;
    s.metric = metric;
    return s;
}

// Nine points' validation accuracy after epochs 1, 2 and 3 (9 epochs each, rungs at 1 and 3).
const std::vector<std::vector<double>> kCurves = {
    {0.50, 0.58, 0.62}, {0.40, 0.45, 0.48}, {0.60, 0.63, 0.65},
    {0.55, 0.57, 0.59}, {0.30, 0.31, 0.33}, {0.58, 0.60, 0.61},
    {0.20, 0.21, 0.22}, {0.70, 0.76, 0.80}, {0.52, 0.53, 0.54}};

double distanceToOptimum(const nlohmann::json &lr)
{
    return std::fabs(std::log10(lr.get<double>()) + 2.5);
}

const char *kRandom = R"({"data": {"val_split": 0.2}, "stages": [{"epochs": 9}],
    "sweep": {"mode": "random", "samples": 6, "seed": 7,
              "parameters": {"stages.0.optimizer.lr": {"log_uniform": [1e-4, 0.1]},
                             "stages.0.batch_size": {"int": [16, 128]},
                             "model.freeze": {"choice": ["none", "backbone"]}},
              "early_stop": {"method": "asha", "min_epochs": 1, "reduction_factor": 3}}})";

} // namespace

class TestSweepSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ashaRungs()
    {
        QCOMPARE(asha().rungs(9), (std::vector<int>{1, 3}));
        QCOMPARE(asha().rungs(10), (std::vector<int>{1, 3, 9}));
        QCOMPARE(asha(2).rungs(9), (std::vector<int>{1, 2, 4, 8}));
        QCOMPARE(runs::ashaKeep(1, 3), 1);
        QCOMPARE(runs::ashaKeep(5, 3), 1);
        QCOMPARE(runs::ashaKeep(6, 3), 2);
        QCOMPARE(runs::ashaKeep(9, 3), 3);
    }

    // Worked by hand: at rung 1 the k-th point goes on when it is within the top
    // max(1, floor(n / 3)) of the n points that reached the rung so far, this one included.
    //   p0 0.50 n1 keep1 -> on    p1 0.40 n2 keep1 (0.50) -> pruned   p2 0.60 n3 keep1 -> on
    //   p3 0.55 n4 keep1 (0.60) -> pruned   p4 0.30 -> pruned   p5 0.58 n6 keep2 (0.60 0.58) -> on
    //   p6 0.20 -> pruned   p7 0.70 n8 keep2 -> on   p8 0.52 n9 keep3 (0.70 0.60 0.58) -> pruned
    // Rung 3 (epoch 3): p0 0.62 n1 -> on, p2 0.65 n2 keep1 -> on, p5 0.61 n3 keep1 (0.65) ->
    // pruned, p7 0.80 n4 keep1 -> on. Epochs: 9+1+9+1+1+3+1+9+1 = 35 of 81.
    void ashaAsynchronousByHand()
    {
        runs::EarlyStopper stopper(asha(), 9);
        std::vector<int> epochs(kCurves.size(), 9);
        for (std::size_t p = 0; p < kCurves.size(); ++p) {
            const runs::PruneDecision d = stopper.report(p, 1, kCurves[p][0]);
            QCOMPARE(d.rung, 1);
            if (d.prune)
                epochs[p] = 1;
        }
        QCOMPARE(epochs, (std::vector<int>{9, 1, 9, 1, 1, 9, 1, 9, 1}));
        QCOMPARE(stopper.at(1).size(), std::size_t(9));
        for (const std::size_t p : {0, 2, 5, 7}) {
            QVERIFY(!stopper.report(p, 2, kCurves[p][1]).prune); // not a rung: no decision
            const runs::PruneDecision d = stopper.report(p, 3, kCurves[p][2]);
            QCOMPARE(d.rung, 3);
            if (d.prune) {
                epochs[p] = 3;
                QCOMPARE(d.competitors, 3);
                QCOMPARE(d.cut, 0.65);
                QCOMPARE(d.value, 0.61);
                QVERIFY(d.reason.find("epoch 3") != std::string::npos);
                QVERIFY(d.reason.find("top 1/3") != std::string::npos);
            }
        }
        QCOMPARE(epochs, (std::vector<int>{9, 1, 9, 1, 1, 3, 1, 9, 1}));
        int total = 0;
        for (const int e : epochs)
            total += e;
        QCOMPARE(total, 35);
    }

    // Synchronous: rung 1 waits for all nine and keeps the top 3 (p7 0.70, p2 0.60, p5 0.58);
    // rung 3 keeps the top 1 of those three (p7 0.80).
    void ashaSynchronousByHand()
    {
        const auto kept = runs::successiveHalving(kCurves, asha(), 9);
        QCOMPARE(kept.size(), std::size_t(2));
        QCOMPARE(kept[0], (std::vector<std::size_t>{2, 5, 7}));
        QCOMPARE(kept[1], (std::vector<std::size_t>{7}));
    }

    void ashaOnALossKeepsTheLowest()
    {
        runs::EarlyStopper stopper(asha(2, "val_loss"), 4);
        QVERIFY(!stopper.report(0, 1, 1.0).prune);
        QVERIFY(stopper.report(1, 1, 2.0).prune); // n2 keep1: 1.0 wins
        QVERIFY(!stopper.report(2, 1, 0.5).prune);
        const runs::PruneDecision d = stopper.report(3, 1, 1.5); // n4 keep2: 0.5, 1.0
        QVERIFY(d.prune);
        QCOMPARE(d.cut, 1.0);
    }

    void resumedRungsCount()
    {
        runs::EarlyStopper stopper(asha(), 9);
        stopper.record(0, 1, 0.9); // from a run folder: recorded, not judged
        stopper.record(1, 1, 0.8);
        QCOMPARE(stopper.at(1).size(), std::size_t(2));
        QVERIFY(stopper.report(2, 1, 0.85).prune); // n3 keep1: 0.9
    }

    void medianRule()
    {
        runs::EarlyStopSpec spec;
        spec.method = runs::EarlyStopSpec::Method::Median;
        spec.minEpochs = 2;
        spec.minPoints = 2;
        runs::EarlyStopper stopper(spec, 5);
        QCOMPARE(stopper.rungs(), (std::vector<int>{2, 3, 4}));
        QVERIFY(!stopper.report(0, 1, 0.5).prune); // before min_epochs
        QVERIFY(!stopper.report(0, 2, 0.6).prune); // no others yet
        QVERIFY(!stopper.report(1, 2, 0.4).prune); // one other: below min_points
        // Others at epoch 2: 0.6 and 0.4, median 0.5.
        QVERIFY(!stopper.report(2, 2, 0.55).prune);
        const runs::PruneDecision d = stopper.report(3, 2, 0.45); // others 0.6 0.4 0.55
        QVERIFY(d.prune);
        QCOMPARE(d.cut, 0.55);
        QVERIFY(d.reason.find("median") != std::string::npos);
        // The best so far counts: point 1 had 0.4 at epoch 2, 0.7 at epoch 3.
        QVERIFY(!stopper.report(0, 3, 0.6).prune);
        QVERIFY(!stopper.report(2, 3, 0.5).prune);
        QVERIFY(!stopper.report(1, 3, 0.7).prune);
    }

    void earlyStopBlockIsChecked_data()
    {
        QTest::addColumn<QString>("block");
        QTest::addColumn<double>("valSplit");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("no validation") << R"({"method": "asha"})" << 0.0 << "val_split";
        QTest::newRow("unknown method") << R"({"method": "hyperband"})" << 0.2 << "hyperband";
        QTest::newRow("no method") << R"({"min_epochs": 1})" << 0.2 << "method";
        QTest::newRow("min_epochs too late")
            << R"({"method": "asha", "min_epochs": 9})" << 0.2 << "min_epochs";
        QTest::newRow("eta 1") << R"({"method": "asha", "reduction_factor": 1})" << 0.2
                               << "reduction_factor";
        QTest::newRow("metric") << R"({"method": "median", "metric": "test_accuracy"})" << 0.2
                                << "test_accuracy";
        QTest::newRow("typo") << R"({"method": "asha", "min_epoch": 1})" << 0.2 << "min_epoch";
    }
    void earlyStopBlockIsChecked()
    {
        QFETCH(QString, block);
        QFETCH(double, valSplit);
        QFETCH(QString, mustSay);
        const auto j = nlohmann::json::parse(block.toStdString());
        TL_EXPECT_ERROR(runs::parseEarlyStop(j, "x.json", 9, valSplit),
                        QStringList({"x.json", "early_stop", mustSay}));
    }

    void earlyStopNeedsValidationInTheFile()
    {
        const std::string text = R"({"stages": [{"epochs": 9}],
            "sweep": {"parameters": {"stages.0.optimizer.lr": [0.1, 0.01]},
                      "early_stop": {"method": "asha"}}})";
        TL_EXPECT_ERROR(runs::planSweep(text, "g.json"),
                        QStringList({"g.json", "validation images", "val_split"}));
        std::string withVal = text;
        withVal.replace(withVal.find("\"stages\""), 0, "\"data\": {\"val_split\": 0.2}, ");
        const runs::SweepPlan plan = runs::planSweep(withVal, "g.json");
        QCOMPARE(plan.earlyStop.methodName(), std::string("asha"));
        QCOMPARE(plan.earlyStop.reductionFactor, 3);
        QCOMPARE(plan.totalEpochs, 9);
        QCOMPARE(plan.points.size(), std::size_t(2)); // the grid as before
        QCOMPARE(plan.points[0].name, std::string("lr-0.1"));
    }

    void randomDrawsInsideTheRanges()
    {
        const runs::SweepPlan plan = runs::planSweep(kRandom, "r.json");
        QCOMPARE(plan.mode, std::string("random"));
        QCOMPARE(plan.points.size(), std::size_t(6));
        std::set<double> lrs;
        std::set<std::string> names;
        for (const auto &p : plan.points) {
            const double lr = p.config.stages[0].optimizer.lr;
            QVERIFY2(lr >= 1e-4 && lr <= 0.1, qPrintable(QString::number(lr)));
            lrs.insert(lr);
            names.insert(p.name);
            QVERIFY(p.config.stages[0].batchSize >= 16 && p.config.stages[0].batchSize <= 128);
            QVERIFY(p.config.model.freeze == "none" || p.config.model.freeze == "backbone");
            QVERIFY(p.name.rfind("s0", 0) == 0);
        }
        QCOMPARE(lrs.size(), std::size_t(6));
        QCOMPARE(names.size(), std::size_t(6));
        // The same file draws the same points; more samples keep the first six.
        const runs::SweepPlan again = runs::planSweep(kRandom, "r.json");
        std::string more = kRandom;
        more.replace(more.find("\"samples\": 6"), 12, "\"samples\": 9");
        const runs::SweepPlan extended = runs::planSweep(more, "r.json");
        QCOMPARE(extended.points.size(), std::size_t(9));
        for (std::size_t i = 0; i < 6; ++i) {
            QCOMPARE(again.points[i].name, plan.points[i].name);
            QCOMPARE(extended.points[i].settings, plan.points[i].settings);
        }
        // Spread over the log range: not all in the top decade (as a linear draw would be).
        QVERIFY(*lrs.begin() < 0.01);
    }

    void rangesAreChecked_data()
    {
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("reversed") << R"({"uniform": [0.5, 0.1]})"
                                  << "below high";
        QTest::newRow("log of 0") << R"({"log_uniform": [0, 0.1]})"
                                  << "above 0";
        QTest::newRow("int of reals") << R"({"int": [1.5, 4]})"
                                      << "integers";
        QTest::newRow("empty choice") << R"({"choice": []})"
                                      << "non-empty";
        QTest::newRow("unknown") << R"({"normal": [0, 1]})"
                                 << "normal";
        QTest::newRow("a list") << R"([0.1, 0.2])"
                                << "one range";
    }
    void rangesAreChecked()
    {
        QFETCH(QString, param);
        QFETCH(QString, mustSay);
        const std::string text =
            R"({"sweep": {"mode": "random", "samples": 3, "parameters": {"stages.0.optimizer.lr": )" +
            param.toStdString() + "}}}";
        TL_EXPECT_ERROR(runs::planSweep(text, "r.json"),
                        QStringList({"r.json", "sweep.parameters.stages.0.optimizer.lr", mustSay}));
    }

    void samplesAreRequiredAndUnknownPathsRefused()
    {
        TL_EXPECT_ERROR(runs::planSweep(R"({"sweep": {"mode": "random", "parameters":
                            {"stages.0.optimizer.lr": {"uniform": [0, 1]}}}})",
                                        "r.json"),
                        QStringList({"r.json", "samples"}));
        TL_EXPECT_ERROR(runs::planSweep(R"({"sweep": {"mode": "random", "samples": 2,
                            "parameters": {"stages.0.optimizer.lrr": {"uniform": [0, 1]}}}})",
                                        "r.json"),
                        QStringList({"r.json", "lrr"}));
        TL_EXPECT_ERROR(runs::planSweep(R"({"sweep": {"mode": "anneal"}})", "r.json"),
                        QStringList({"r.json", "anneal", "tpe"}));
    }

    // A TPE sweep starts empty; its points come from proposeTpe and makeSweepPoint.
    void tpePlanProposesLater()
    {
        std::string text = kRandom;
        text.replace(text.find("\"random\""), 8, "\"tpe\"");
        const runs::SweepPlan plan = runs::planSweep(text, "t.json");
        QCOMPARE(plan.mode, std::string("tpe"));
        QVERIFY(plan.points.empty());
        QCOMPARE(plan.samples, 6);
        const runs::SettingValues v = runs::proposeTpe(plan.space, {}, plan.seed, 0);
        const runs::SweepPoint p = runs::makeSweepPoint(plan, runs::sampleName(plan, 0, v), v);
        QCOMPARE(p.config.stages[0].optimizer.lr, v[2].second.get<double>());
        QVERIFY(p.name.rfind("s01_", 0) == 0);
    }

    // The objective: -(log10(lr) + 2.5)^2, best at lr = 10^-2.5, plus 0.5 for "adam". After a
    // random start of 5, TPE's last 20 of 40 proposals sit much nearer the optimum than 20
    // random draws, and mostly choose adam.
    void tpeConcentratesNearTheOptimum()
    {
        runs::SearchSpace space =
            runs::parseSearchSpace(nlohmann::json::parse(R"({"lr": {"log_uniform": [1e-5, 1]},
                                      "opt": {"choice": ["sgd", "adam"]}})"),
                                   "t.json");
        std::vector<runs::TpeTrial> trials;
        std::vector<double> tpeDistance;
        int adam = 0;
        for (int i = 0; i < 40; ++i) {
            runs::TpeTrial t;
            t.values = runs::proposeTpe(space, trials, 11, std::uint64_t(i));
            const double d = distanceToOptimum(t.values[0].second);
            const bool isAdam = t.values[1].second == "adam";
            t.score = -d * d + (isAdam ? 0.5 : 0);
            // Early points below the median are "pruned", as a sweep with ASHA reports them.
            t.pruned = i % 3 == 2 && d > 1.0;
            t.epochs = 1;
            if (i >= 20) {
                tpeDistance.push_back(d);
                adam += isAdam;
            }
            trials.push_back(t);
        }
        std::vector<double> randomDistance;
        for (int i = 0; i < 20; ++i)
            randomDistance.push_back(
                distanceToOptimum(runs::randomSample(space, 11, std::uint64_t(100 + i))[0].second));
        auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
        };
        const double tpe = median(tpeDistance), random = median(randomDistance);
        qInfo("median decades from the optimum: TPE %.3f, random %.3f; adam %d of 20", tpe, random,
              adam);
        QVERIFY2(tpe < 0.5, qPrintable(QString::number(tpe)));
        QVERIFY2(tpe < random / 2, qPrintable(QString("%1 vs %2").arg(tpe).arg(random)));
        QVERIFY(adam >= 14);
    }

    void rankingPutsPrunedLast()
    {
        std::vector<runs::TpeTrial> t(4);
        t[0].score = 0.5;
        t[1].score = 0.9, t[1].pruned = true, t[1].epochs = 1;
        t[2].score = 0.3;
        t[3].score = 0.2, t[3].pruned = true, t[3].epochs = 3;
        const auto r = runs::rankTrials(t);
        QCOMPARE(r[0], &t[0]);
        QCOMPARE(r[1], &t[2]);
        QCOMPARE(r[2], &t[3]); // pruned later: ranked above one pruned at the first rung
        QCOMPARE(r[3], &t[1]);
    }

    void prunedPointsInSweepJson()
    {
        QTemporaryDir dir;
        const runs::SweepPlan plan = runs::planSweep(kRandom, "r.json");
        std::vector<runs::SweepPointStatus> status(plan.points.size());
        status[0].status = "finished", status[0].testAccuracy = 0.8, status[0].epochs = 9;
        status[1].status = "pruned", status[1].rung = 3, status[1].metricValue = 0.41;
        status[1].epochs = 3;
        runs::writeSweepJson(dir.path().toStdString(), plan, status);
        const runs::SweepResults r = runs::readSweep(dir.path().toStdString());
        QCOMPARE(r.mode, std::string("random"));
        QCOMPARE(r.earlyStop, std::string("asha"));
        QCOMPARE(r.rungs, (std::vector<int>{1, 3}));
        QCOMPARE(r.totalEpochs, 9);
        QCOMPARE(r.runs[1].status, std::string("pruned"));
        QCOMPARE(r.runs[1].prunedRung, 3);
        QCOMPARE(r.runs[1].prunedValue, 0.41);
        QCOMPARE(r.runs[1].epochs, 3);
        QCOMPARE(r.runs[0].epochs, 9);
    }

    // y depends on the first feature only (and a little on the third): the forest says so.
    void forestFindsTheSettingThatMatters()
    {
        runs::SweepRng rng(5);
        std::vector<std::vector<double>> x;
        std::vector<double> y;
        for (int i = 0; i < 40; ++i) {
            x.push_back({rng.uniform(), rng.uniform(), rng.uniform()});
            y.push_back(std::sin(3 * x.back()[0]) + 0.1 * x.back()[2]);
        }
        const std::vector<double> shares = runs::forestImportance(x, y, 64, 1);
        qInfo("shares %.3f %.3f %.3f", shares[0], shares[1], shares[2]);
        QVERIFY(shares[0] > 0.7);
        QVERIFY(shares[1] < 0.15);
        QVERIFY(std::fabs(shares[0] + shares[1] + shares[2] - 1) < 1e-9);
        // Nothing to explain: no split helps.
        const auto flat = runs::forestImportance(x, std::vector<double>(40, 0.5), 8, 1);
        QCOMPARE(flat[0] + flat[1] + flat[2], 0.0);
    }

    // A sweep folder with pruned points: the report draws the successive-halving chart (each
    // pruned curve ends in a cross at its rung) and the importance chart.
    void reportExplainsPruning()
    {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        runs::SweepPlan plan = runs::planSweep(kRandom, "r.json");
        std::vector<runs::SweepPointStatus> status(plan.points.size());
        for (std::size_t i = 0; i < plan.points.size(); ++i) {
            const std::string run = dir + "/" + plan.points[i].name;
            std::filesystem::create_directories(run);
            const bool pruned = i % 2 == 1;
            const int epochs = pruned ? 1 : 9;
            std::string csv = "stage,stage_name,epoch,global_epoch,train_loss,train_accuracy,"
                              "val_loss,val_accuracy,learning_rate,seconds,images_per_second,"
                              "trainable_params\n";
            const double lr = plan.points[i].config.stages[0].optimizer.lr;
            for (int e = 1; e <= epochs; ++e)
                csv += "0,train," + std::to_string(e) + "," + std::to_string(e) +
                       ",1,0.5,1," + std::to_string(0.5 - 0.05 * std::log10(lr) + 0.01 * e) +
                       ",0.01,1,100,1000\n";
            writeFileAtomic(run + "/metrics.csv", csv);
            status[i].status = pruned ? "pruned" : "finished";
            status[i].rung = 1;
            status[i].testAccuracy = pruned ? -1 : 0.8;
        }
        runs::writeSweepJson(dir, plan, status);
        const runs::SweepResults r = runs::readSweep(dir);
        const runs::HalvingChart chart = runs::halvingChart(r);
        QCOMPARE(chart.epochsTrained, 3 * 9 + 3 * 1);
        QCOMPARE(chart.rungs, (std::vector<int>{1, 3}));
        const std::string html = runs::sweepReportHtml(dir);
        QVERIFY(html.find("Successive halving") != std::string::npos);
        QVERIFY(html.find("pruned at epoch 1") != std::string::npos);
        QVERIFY(html.find("Which setting mattered") != std::string::npos);
        const runs::ImportanceResult imp = runs::parameterImportance(r);
        QCOMPARE(imp.points, 6);
        QVERIFY2(imp.why.empty(), imp.why.c_str());
        // The curves differ by learning rate alone.
        QCOMPARE(imp.parameters.front().parameter, std::string("stages.0.optimizer.lr"));
    }
};

QTEST_GUILESS_MAIN(TestSweepSearch)
#include "tst_sweep_search.moc"
