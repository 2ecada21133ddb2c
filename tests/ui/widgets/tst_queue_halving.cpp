// The Queue tab explains a sweep that stopped points early (issue 30): its successive-halving
// chart draws each pruned point's validation curve cut at its rung (a mark where it stopped)
// beside the survivors' whole curves, with the rungs marked, and "Which setting mattered" ranks
// the swept settings with a random forest's shares.

#include "io/files.h"
#include "orchestration/sweep.h"
#include "session/run_queue.h"
#include "widgets/queue_panel.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace tl;

namespace {

// Six random points over a learning rate and a batch size, 9 epochs, ASHA: every second one
// pruned at epoch 1; the curves depend on the learning rate alone.
std::string writeSweep(const std::string &dir)
{
    const runs::SweepPlan plan = runs::planSweep(R"({"data": {"val_split": 0.2},
        "stages": [{"epochs": 9}],
        "sweep": {"mode": "random", "samples": 6, "seed": 7,
                  "parameters": {"stages.0.optimizer.lr": {"log_uniform": [1e-4, 0.1]},
                                 "stages.0.batch_size": {"int": [16, 128]}},
                  "early_stop": {"method": "asha", "min_epochs": 1, "reduction_factor": 3}}})",
                                                 "r.json");
    std::vector<runs::SweepPointStatus> status(plan.points.size());
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
        const std::string run = dir + "/" + plan.points[i].name;
        std::filesystem::create_directories(run);
        const bool pruned = i % 2 == 1;
        std::string csv = "stage,stage_name,epoch,global_epoch,train_loss,train_accuracy,val_loss,"
                          "val_accuracy,learning_rate,seconds,images_per_second,"
                          "trainable_params\n";
        const double lr = plan.points[i].config.stages[0].optimizer.lr;
        for (int e = 1; e <= (pruned ? 1 : 9); ++e)
            csv += "0,train," + std::to_string(e) + "," + std::to_string(e) + ",1,0.5,1," +
                   std::to_string(0.5 - 0.05 * std::log10(lr) + 0.01 * e) + ",0.01,1,100,1000\n";
        writeFileAtomic(run + "/metrics.csv", csv);
        status[i].status = pruned ? "pruned" : "finished";
        status[i].rung = 1;
        status[i].testAccuracy = pruned ? -1 : 0.7 + 0.01 * double(i);
        status[i].seconds = 10;
    }
    runs::writeSweepJson(dir, plan, status);
    return dir;
}

int choiceIndex(ui::QueuePanel &panel, const QString &data)
{
    return panel.chartChoice()->findData(data);
}

} // namespace

class TestQueueHalving : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void halvingChartCutsPrunedCurvesAtTheirRung()
    {
        QTemporaryDir tmp;
        const std::string dir = writeSweep(tmp.path().toStdString() + "/sweep-r");
        ui::RunQueue q;
        ui::QueuePanel panel(&q, tmp.path());
        panel.resize(900, 600);
        panel.show();
        panel.showSweep(QString::fromStdString(dir));
        const int halving = choiceIndex(panel, QStringLiteral("halving"));
        QVERIFY(halving >= 0);
        panel.showChart(halving);
        QChart *chart = panel.chartView()->chart();
        int full = 0, cut = 0, rungs = 0;
        QScatterSeries *marks = nullptr;
        for (QAbstractSeries *s : chart->series()) {
            if (auto *scatter = qobject_cast<QScatterSeries *>(s)) {
                marks = scatter;
                continue;
            }
            auto *line = qobject_cast<QLineSeries *>(s);
            QVERIFY(line);
            const auto pts = line->points();
            if (line->name() == QLatin1String("rung")) {
                ++rungs;
                QCOMPARE(pts.front().x(), pts.back().x()); // an upright line at the rung
                continue;
            }
            if (pts.back().x() == 9.0)
                ++full;
            else if (pts.size() == 1 && pts.back().x() == 1.0)
                ++cut;
        }
        QCOMPARE(full, 3);
        QCOMPARE(cut, 3);
        QCOMPARE(rungs, 2); // epochs 1 and 3
        QVERIFY(marks);
        QCOMPARE(marks->count(), 3);
        for (const QPointF &p : marks->points())
            QCOMPARE(p.x(), 1.0);
        QVERIFY2(chart->title().contains(QLatin1String("3 of 6 points pruned; 30 epochs")),
                 qPrintable(chart->title()));
        // Presentation mode draws it again, larger.
        panel.setPresentation(true);
        QCOMPARE(panel.chartChoice()->currentIndex(), halving);
        QVERIFY(chart->title().contains(QLatin1String("pruned")));
    }

    void importanceRanksTheSettingThatMattered()
    {
        QTemporaryDir tmp;
        const std::string dir = writeSweep(tmp.path().toStdString() + "/sweep-r");
        ui::RunQueue q;
        ui::QueuePanel panel(&q, tmp.path());
        panel.resize(900, 600);
        panel.show();
        panel.showSweep(QString::fromStdString(dir));
        const int index = choiceIndex(panel, QStringLiteral("importance"));
        QVERIFY(index >= 0);
        panel.showChart(index);
        const auto series = panel.chartView()->chart()->series();
        QCOMPARE(series.size(), 1);
        auto *bars = qobject_cast<QHorizontalBarSeries *>(series.front());
        QVERIFY(bars);
        QBarSet *set = bars->barSets().front();
        QCOMPARE(set->count(), 2);
        QVERIFY(std::fabs(set->at(0) + set->at(1) - 100) < 1e-6);
        QVERIFY(set->at(1) > set->at(0)); // the top bar (last): the learning rate
        QVERIFY(panel.chartView()->toolTip().contains(QLatin1String("after epoch 1")));
        // The axis in percent (a bar series sets its axis to its values when attached, and the
        // axes are fitted again after the layout).
        QTest::qWait(100);
        auto *x =
            qobject_cast<QValueAxis *>(panel.chartView()->chart()->axes(Qt::Horizontal).front());
        QVERIFY(x);
        QCOMPARE(x->max(), 100.0);
    }
};

QTEST_MAIN(TestQueueHalving)
#include "tst_queue_halving.moc"
