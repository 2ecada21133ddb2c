#include "base/error.h"
#include "experiment/experiment_config.h"

#include <QtTest>

using namespace tl;
using namespace tl::experiment;

class TestExperimentConfig : public QObject
{
    Q_OBJECT

private:
    QString errorOf(const std::string &json)
    {
        try {
            ExperimentConfig::fromJson(json, "exp.json");
        } catch (const Error &e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private Q_SLOTS:
    void roundTrip()
    {
        ExperimentConfig c;
        c.name = "vgg-style +BN +L2";
        c.seed = 7;
        c.data.name = "cifar10";
        c.data.trainFraction = 0.1;
        c.model.name = "vgg-style-cnn";
        c.model.batchNorm = true;
        c.model.bnMomentum = 0.8;
        c.model.l2 = 0.001;
        c.augment = data::AugmentOptions::parse("hflip,rotation=18,zoom=0.1");
        c.stages.front().optimizer.name = "sgd";
        c.stages.front().optimizer.momentum = 0.9;
        c.stages.push_back(c.stages.front());
        c.stages.back().name = "fine-tune";
        c.stages.back().optimizer.lr = 1e-5;
        const ExperimentConfig back = ExperimentConfig::fromJson(c.toJson(), "mem");
        QCOMPARE(back.toJson(), c.toJson());
        QCOMPARE(back.stages.size(), std::size_t(2));
        QCOMPARE(back.stages[1].optimizer.lr, 1e-5);
        QCOMPARE(back.augment.rotation, 18.0);
        QCOMPARE(back.model.l2, 0.001);
    }

    void partialFileKeepsDefaults()
    {
        const auto c = ExperimentConfig::fromJson(
            R"({"model": {"name": "vgg-style-cnn"}, "augment": "hflip"})", "x");
        QCOMPARE(c.model.name, std::string("vgg-style-cnn"));
        QCOMPARE(c.data.name, std::string("fashion-mnist"));
        QVERIFY(c.augment.hflip);
        QCOMPARE(c.stages.front().batchSize, 64);
    }

    void errorsNameTheKey_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("typo") << R"({"data": {"trian_fraction": 0.1}})"
                              << "'data.trian_fraction': unknown key";
        QTest::newRow("type") << R"({"seed": "zero"})"
                              << "'seed': expected an integer";
        QTest::newRow("range") << R"({"data": {"train_fraction": 2}})"
                               << "'data.train_fraction': must be in (0, 1]";
        QTest::newRow("stage") << R"({"stages": [{"epochs": 0}]})"
                               << "'stages[0].epochs'";
        QTest::newRow("optimizer") << R"({"stages": [{"optimizer": {"name": "adagrad"}}]})"
                                   << "adagrad";
        QTest::newRow("model") << R"({"model": {"name": "resnet9000"}})"
                               << "unknown model 'resnet9000'";
        QTest::newRow("dataset") << R"({"data": {"dataset": "imagenet"}})"
                                 << "unknown dataset 'imagenet'";
        QTest::newRow("version") << R"({"version": 9})"
                                 << "'version'";
        QTest::newRow("syntax") << R"({"seed": )"
                                << "not valid JSON";
        QTest::newRow("augment") << R"({"augment": "hflip,wobble"})"
                                 << "wobble";
        QTest::newRow("not object") << R"([1, 2])"
                                    << "expected an object";
    }
    void errorsNameTheKey()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        const QString err = errorOf(json.toStdString());
        QVERIFY2(err.startsWith("exp.json: "), qPrintable(err));
        QVERIFY2(err.contains(expected), qPrintable(err));
    }

    void missingFile()
    {
        try {
            ExperimentConfig::fromFile("/nonexistent/exp.json");
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("/nonexistent/exp.json"));
        }
    }
};

QTEST_GUILESS_MAIN(TestExperimentConfig)
#include "tst_experiment_config.moc"
