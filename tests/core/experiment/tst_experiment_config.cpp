#include "base/error.h"
#include "experiment/experiment_config.h"
#include "io/files.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <functional>

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

    // Every leaf of a written config as "a.b" / "stages[0].c" paths, with a setter into `j`.
    static void leaves(nlohmann::json &j, const std::string &path,
                       const std::function<void(const std::string &, nlohmann::json &)> &visit)
    {
        if (j.is_object()) {
            for (auto it = j.begin(); it != j.end(); ++it)
                leaves(it.value(), path.empty() ? it.key() : path + "." + it.key(), visit);
        } else if (j.is_array() && !j.empty() && j.front().is_object()) {
            for (std::size_t i = 0; i < j.size(); ++i)
                leaves(j[i], path + "[" + std::to_string(i) + "]", visit);
        } else {
            visit(path, j);
        }
    }

    QString runFileError(const nlohmann::json &j)
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("config.json").toStdString();
        writeFileAtomic(path, j.dump());
        try {
            ExperimentConfig::fromRunFile(path);
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
        c.stages.back().classWeights = "balanced";
        const ExperimentConfig back = ExperimentConfig::fromJson(c.toJson(), "mem");
        QCOMPARE(back.toJson(), c.toJson());
        QCOMPARE(back.stages.size(), std::size_t(2));
        QCOMPARE(back.stages[1].optimizer.lr, 1e-5);
        QCOMPARE(back.stages[0].classWeights, std::string("none"));
        QCOMPARE(back.stages[1].classWeights, std::string("balanced"));
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
        QTest::newRow("class weights") << R"({"stages": [{"class_weights": "inverse"}]})"
                                       << "'stages[0].class_weights': must be none or balanced";
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

    // The file format: the keys written (config_schema.h declares them once for reading, writing
    // and checking). A renamed key breaks every experiment file and run folder already written.
    void writesTheKnownKeys()
    {
        nlohmann::json j = nlohmann::json::parse(ExperimentConfig().toJson());
        QStringList keys;
        leaves(j, "",
               [&](const std::string &p, nlohmann::json &) { keys << QString::fromStdString(p); });
        keys.sort();
        const QString expected =
            "augment.autoaugment augment.brightness augment.contrast augment.cutout "
            "augment.hflip augment.rotation augment.translate augment.vflip augment.zoom "
            "cache_features confusion_every_epoch data.cache_mib data.classes data.dataset "
            "data.download data.exclude data.image_size data.label_overrides data.mirror "
            "data.per_class data.root "
            "data.test_fraction data.train_fraction data.val_split device "
            "gpu.channels_last gpu.cudnn_benchmark gpu.mixed_precision gpu.pinned_memory "
            "keep_checkpoints model.batch_norm model.bn_momentum model.dropout model.freeze "
            "model.frozen_layers model.head model.head_dropout model.head_hidden model.in_channels "
            "model.input_size model.l2 model.name model.num_classes model.pool_size "
            "model.truncate_at model.weights name prefetch preprocess.channels "
            "preprocess.image_size preprocess.mean preprocess.normalization preprocess.std seed "
            "stages[0].backbone_lr_multiplier stages[0].batch_size stages[0].class_weights "
            "stages[0].early_stopping.enabled stages[0].early_stopping.monitor "
            "stages[0].early_stopping.patience stages[0].early_stopping.restore_best "
            "stages[0].epochs stages[0].freeze stages[0].grad_clip stages[0].label_smoothing "
            "stages[0].name stages[0].optimizer.beta1 stages[0].optimizer.beta2 "
            "stages[0].optimizer.eps stages[0].optimizer.lr stages[0].optimizer.momentum "
            "stages[0].optimizer.name stages[0].optimizer.nesterov "
            "stages[0].optimizer.weight_decay stages[0].schedule.factor stages[0].schedule.gamma "
            "stages[0].schedule.min_lr stages[0].schedule.monitor stages[0].schedule.patience "
            "stages[0].schedule.step_size stages[0].schedule.type "
            "stages[0].schedule.warmup_epochs threads version workers";
        QCOMPARE(keys.join(' '), expected);
    }

    // Each key written is read back with its type checked, and an unknown key beside it is
    // refused: the reader walks the same table as the writer.
    void everyWrittenKeyIsRead()
    {
        const nlohmann::json written = nlohmann::json::parse(ExperimentConfig().toJson());
        nlohmann::json probe = written;
        std::vector<std::string> paths;
        leaves(probe, "", [&](const std::string &p, nlohmann::json &) { paths.push_back(p); });
        for (std::size_t i = 0; i < paths.size(); ++i) {
            nlohmann::json j = written;
            std::size_t n = 0;
            leaves(j, "", [&](const std::string &, nlohmann::json &v) {
                if (n++ == i)
                    v = nlohmann::json::object(); // no key of the file holds an object
            });
            const QString err = errorOf(j.dump());
            QVERIFY2(err.contains(QString::fromStdString("'" + paths[i] + "': expected")),
                     qPrintable(QString::fromStdString(paths[i]) + " -> " + err));
        }
        for (const std::string object :
             {"", "gpu", "data", "model", "augment", "preprocess", "stages[0]",
              "stages[0].optimizer", "stages[0].schedule", "stages[0].early_stopping"}) {
            nlohmann::json j = written;
            nlohmann::json *o = &j;
            if (object.rfind("stages[0]", 0) == 0) {
                o = &j["stages"][0];
                if (object.size() > 9)
                    o = &(*o)[object.substr(10)];
            } else if (!object.empty()) {
                o = &j[object];
            }
            (*o)["zzz"] = 1;
            const std::string key = object.empty() ? "zzz" : object + ".zzz";
            QVERIFY2(
                errorOf(j.dump()).contains(QString::fromStdString("'" + key + "': unknown key")),
                key.c_str());
        }
    }

    // A run folder's config.json: the same keys, read leniently.
    void runFileIsLenient()
    {
        ExperimentConfig c;
        c.name = "lenient";
        c.model.name = "vgg-style-cnn";
        c.stages.push_back(c.stages.front());
        nlohmann::json j = nlohmann::json::parse(c.toJson());
        j["version"] = 99;             // a newer TransferLab
        j["model"]["new_knob"] = true; // keys it added
        j["stages"][1]["new_block"] = {{"a", 1}};
        j["stages"][0]["epochs"] = 0; // values are not checked
        QCOMPARE(runFileError(j), QString());
        {
            QTemporaryDir dir;
            const std::string path = dir.filePath("config.json").toStdString();
            writeFileAtomic(path, j.dump());
            const ExperimentConfig back = ExperimentConfig::fromRunFile(path);
            QCOMPARE(back.name, std::string("lenient"));
            QCOMPARE(back.model.name, std::string("vgg-style-cnn"));
            QCOMPARE(back.stages.size(), std::size_t(2));
            QCOMPARE(back.stages[0].epochs, 0);
        }
        // The keys every run has must be there; the types are checked.
        for (const auto &[key, why] : std::vector<std::pair<std::string, std::string>>{
                 {"model.name", "'model.name': missing"},
                 {"data.dataset", "'data.dataset': missing"},
                 {"stages", "'stages': missing"},
                 {"model", "'model': missing"}}) {
            nlohmann::json m = j;
            const auto dot = key.find('.');
            if (dot == std::string::npos)
                m.erase(key);
            else
                m[key.substr(0, dot)].erase(key.substr(dot + 1));
            QVERIFY2(runFileError(m).contains(QString::fromStdString(why)), key.c_str());
        }
        nlohmann::json bad = j;
        bad["data"]["train_fraction"] = "all";
        QVERIFY(runFileError(bad).contains("'data.train_fraction': expected a number"));
        bad = j;
        bad["stages"] = nlohmann::json::array();
        QVERIFY(runFileError(bad).contains("'stages': expected a non-empty list of stages"));
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
