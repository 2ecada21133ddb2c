// The one freeze rule (experiment/freeze.h), on its own and as a run records it.

#include "base/error.h"
#include "experiment/freeze.h"
#include "models/model_factory.h"
#include "run/run_experiment.h"
#include "rundir/run_summary.h"
#include "support/fixtures.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace tl;
using namespace tl::experiment;

class TestFreeze : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static ExperimentConfig twoStages()
    {
        ExperimentConfig c;
        c.stages.resize(2);
        return c;
    }

private Q_SLOTS:
    void stageSpecThenEarlierStageThenModel_data()
    {
        QTest::addColumn<QString>("modelFreeze");
        QTest::addColumn<QStringList>("modelFrozen");
        QTest::addColumn<QString>("stage0");
        QTest::addColumn<QString>("stage1");
        QTest::addColumn<QString>("expect0");
        QTest::addColumn<QString>("expect1");
        QTest::addColumn<QStringList>("paths1");
        // The model's own freezing applies where no stage says anything.
        QTest::newRow("model only") << "backbone" << QStringList{"features.conv1"} << "" << ""
                                    << "backbone" << "backbone" << QStringList{"features.conv1"};
        // A stage's spec replaces the model's freezing, and carries to later stages.
        QTest::newRow("stage replaces, carries")
            << "backbone" << QStringList{"features.conv1"} << "none" << "" << "none" << "none"
            << QStringList{};
        QTest::newRow("second stage unfreezes") << "none" << QStringList{"features"} << "" << "none"
                                                << "none" << "none" << QStringList{};
    }

    void stageSpecThenEarlierStageThenModel()
    {
        QFETCH(QString, modelFreeze);
        QFETCH(QStringList, modelFrozen);
        QFETCH(QString, stage0);
        QFETCH(QString, stage1);
        QFETCH(QString, expect0);
        QFETCH(QString, expect1);
        QFETCH(QStringList, paths1);
        ExperimentConfig c = twoStages();
        c.model.freeze = modelFreeze.toStdString();
        for (const auto &p : modelFrozen)
            c.model.frozen.push_back(p.toStdString());
        c.stages[0].freeze = stage0.toStdString();
        c.stages[1].freeze = stage1.toStdString();
        QCOMPARE(QString::fromStdString(freezeForStage(c, 0).spec), expect0);
        const StageFreeze f1 = freezeForStage(c, 1);
        QCOMPARE(QString::fromStdString(f1.spec), expect1);
        QStringList got;
        for (const auto &p : f1.paths)
            got << QString::fromStdString(p);
        QCOMPARE(got, paths1);
    }

    void applyFreezeCountsAndNamesOutermostModules()
    {
        models::ModelSpec s;
        s.inChannels = 1;
        s.inputSize = 28;
        s.numClasses = 10;
        auto model = models::createModel(s, 0);
        StageFreeze f;
        f.paths = {"features"};
        const std::int64_t trainable = applyFreeze(*model, f);
        std::int64_t head = 0;
        for (const auto &p : model->named_parameters())
            if (p.key().rfind("classifier.", 0) == 0)
                head += p.value().numel();
        QCOMPARE(trainable, head);
        QCOMPARE(frozenModules(*model), std::vector<std::string>{"features"});
        QCOMPARE(QString::fromStdString(f.describe()), QString("features"));
        // Unknown layers are refused by name.
        f.paths = {"no.such.layer"};
        QVERIFY_THROWS_EXCEPTION(Error, applyFreeze(*model, f));
    }

    // What the Model tab does (untick the backbone: frozen paths, freeze spec "none") is what
    // config.json and summary.json record.
    void aRunRecordsTheFreezeItTrainedWith()
    {
        const std::string data = m_dir.path().toStdString() + "/data";
        test::writeIdxFolder(data, 64, 32);
        ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = data;
        c.device = "cpu";
        c.model.freeze = "none";
        c.model.frozen = {"features"};
        c.stages.front().epochs = 1;
        c.stages.front().batchSize = 16;
        const std::string dir = m_dir.path().toStdString() + "/run";
        runs::runExperiment(c, dir);
        const auto config = nlohmann::json::parse(std::ifstream(dir + "/config.json"));
        QCOMPARE(config["model"]["frozen_layers"], nlohmann::json::array({"features"}));
        const runs::RunSummary s = runs::RunSummary::fromFile(dir + "/summary.json");
        QCOMPARE(QString::fromStdString(s.freeze), QString("features"));
        QCOMPARE(s.frozenLayers, std::vector<std::string>{"features"});
        QCOMPARE(QString::fromStdString(s.stages.front().freeze), QString("features"));
        QVERIFY(s.trainableParams < s.totalParams);
    }
};

QTEST_GUILESS_MAIN(TestFreeze)
#include "tst_freeze.moc"
