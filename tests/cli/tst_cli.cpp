// transferlab-cli end to end, as a user runs it: real processes, real files.

#include "data/idx_reader.h"
#include "support/fixtures.h"
#include "support/require.h"

#include <opencv2/imgcodecs.hpp>

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace tl::test;

namespace {

const char *kFashion = "/usr/share/datasets/fashion-mnist";

struct Result
{
    int code = -1;
    bool crashed = false;
    QString out;
    QString err;
};

Result runCli(const QStringList &args, int timeoutMs = 300000)
{
    QProcess p;
    p.start(TL_CLI_PATH, args);
    p.waitForFinished(timeoutMs);
    Result r;
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.code = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.path() + "/" + name; }

private Q_SLOTS:
    void initTestCase()
    {
        // Broken inputs, made once.
        const std::string d = m_dir.path().toStdString();
        writeIdxFolder(d + "/badmagic", 20, 10);
        writeBytes(d + "/badmagic/train-images-idx3-ubyte.gz",
                   gzip(idxImages(20, 28, 28, 0x00000999)));
        writeIdxFolder(d + "/trunc", 20, 10, false);
        Bytes t = idxLabels(std::vector<std::uint8_t>(10, 1));
        t.resize(12);
        writeBytes(d + "/trunc/t10k-labels-idx1-ubyte", t);
        writeCifar10Folder(d + "/cifar", 4);
        Bytes c = cifar10Records({1, 2});
        c.resize(c.size() - 1);
        writeBytes(d + "/cifar/data_batch_3.bin", c);
        QDir().mkpath(path("folder/cats"));
        QDir().mkpath(path("folder/dogs"));
        writeText(d + "/folder/cats/a.png", "not a png");
        writeText(d + "/folder/dogs/b.png", "not a png either");
        writeText(d + "/unknown-key.json",
                  R"({"data": {"dataset": "fashion-mnist", "train_fractoin": 0.1}})");
        writeText(d + "/broken.json", R"({"seed": 1,)");
    }

    void help()
    {
        const Result r = runCli({"train", "--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("--train-fraction"));
        QCOMPARE(runCli({"--help"}).code, 0);
    }

    // Every way in is in --help (the man page and the bash completion are made from it), under
    // one name: the side images are resized to is --image-size in train and summary alike.
    void helpNamesEveryOption_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("named");
        QTest::addColumn<QStringList>("notNamed");
        QTest::newRow("predict") << "predict" << QStringList{"--run", "--model", "--weights"}
                                 << QStringList{};
        QTest::newRow("train") << "train" << QStringList{"--image-size", "--cache-mib"}
                               << QStringList{"--input-size"};
        QTest::newRow("summary") << "summary" << QStringList{"--image-size"}
                                 << QStringList{"--input-size"};
    }

    void helpNamesEveryOption()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, named);
        QFETCH(QStringList, notNamed);
        const Result r = runCli({command, "--help"});
        QCOMPARE(r.code, 0);
        for (const QString &option : named)
            QVERIFY2(r.out.contains(option), qPrintable(option + " missing in\n" + r.out));
        for (const QString &option : notNamed)
            QVERIFY2(!r.out.contains(option), qPrintable(option + " in\n" + r.out));
    }

    // --cache-mib sets data.cache_mib (the decoded-image cache of folder and CSV datasets).
    void cacheMibReachesTheExperiment()
    {
        const Result r = runCli({"train", "--dataset", "folder", "--data-root", "/photos",
                                 "--cache-mib", "0", "--save-config", path("cache.json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(path("cache.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject data = QJsonDocument::fromJson(f.readAll()).object()["data"].toObject();
        QCOMPARE(data["cache_mib"].toInt(-1), 0);
        const Result bad =
            runCli({"train", "--cache-mib", "2000000", "--save-config", path("x.json")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("cache-mib"), qPrintable(bad.err));
    }

    // --class-weights balanced weights every stage's training loss: config.json records it, the
    // log names the weights (45 images, classes 0-4 with 5 and 5-9 with 4: 45/50 and 45/40), the
    // help and the bash completion offer it, and another value is refused naming the key.
    void classWeightsReachTheRun()
    {
        writeIdxFolder(path("weights-fm").toStdString(), 45, 20);
        const QString out = path("run-weights");
        const Result r = runCli({"train", "--dataset", "fashion-mnist", "--data-root",
                                 path("weights-fm"), "--epochs", "1", "--batch-size", "16",
                                 "--device", "cpu", "--class-weights", "balanced", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("Class weights (balanced): T-shirt/top 0.9, Trouser 0.9,"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("Sandal 1.12,") && r.out.contains("Ankle boot 1.12\n"),
                 qPrintable(r.out));
        QFile config(out + "/config.json");
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QJsonObject stage =
            QJsonDocument::fromJson(config.readAll()).object()["stages"].toArray()[0].toObject();
        QCOMPARE(stage["class_weights"].toString(), QStringLiteral("balanced"));
        QVERIFY(runCli({"train", "--help"}).out.contains("--class-weights MODE"));
        QVERIFY(runCli({"completion", "bash"}).out.contains("--class-weights"));
        const Result bad =
            runCli({"train", "--class-weights", "inverse", "--save-config", path("cw.json")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("'stages[0].class_weights': must be none or balanced"),
                 qPrintable(bad.err));
    }

    void summaryTakesTheOldSpellingToo()
    {
        const Result now = runCli({"summary", "--model", "vgg16", "--image-size", "32", "--json"});
        const Result old = runCli({"summary", "--model", "vgg16", "--input-size", "32", "--json"});
        QVERIFY2(now.code == 0 && old.code == 0, qPrintable(now.err + old.err));
        QCOMPARE(old.out, now.out);
        QVERIFY(now.out.contains("\"input_size\":32"));
        const Result both =
            runCli({"summary", "--model", "vgg16", "--image-size", "32", "--input-size", "64"});
        QCOMPARE(both.code, 2);
    }

    // transferlab-cli(1) as packaging/make-docs.sh makes it at install time, read as `man`
    // shows it on an 80-column terminal: no font escape printed as text, no line past the
    // edge, every command's options there.
    void manPageReadsClean()
    {
        TL_REQUIRE(QFile::exists("/usr/bin/help2man") && QFile::exists("/usr/bin/man"),
                   "needs help2man and man-db (packaging/install-deps.sh)");
        QTemporaryDir out;
        QProcess docs;
        docs.start("sh", {QStringLiteral(TL_SOURCE_DIR "/packaging/make-docs.sh"), TL_CLI_PATH, "",
                          out.path()});
        QVERIFY(docs.waitForFinished(120000));
        QVERIFY2(docs.exitCode() == 0, docs.readAllStandardError().constData());
        QProcess man;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("MANWIDTH", "80");
        env.insert("LC_ALL", "C.UTF-8");
        man.setProcessEnvironment(env);
        man.start("man", {"-l", "-P", "cat", out.path() + "/transferlab-cli.1"});
        QVERIFY(man.waitForFinished(60000));
        QCOMPARE(man.exitCode(), 0);
        const QString page = QString::fromUtf8(man.readAllStandardOutput());
        QVERIFY2(page.simplified().contains("transferlab-cli info prints them all"),
                 qPrintable(page));
        for (const char *stray : {"\\f", "Btransferlab", "\f", "\\e"})
            QVERIFY2(!page.contains(QString::fromUtf8(stray)),
                     qPrintable(QStringLiteral("the page shows ") + stray));
        const QStringList lines = page.split('\n');
        for (const QString &line : lines)
            QVERIFY2(line.size() <= 80, qPrintable(QString::number(line.size()) + ": " + line));
        const qsizetype predict = lines.indexOf("   predict");
        QVERIFY2(predict > 0, "no predict section");
        QVERIFY(lines.mid(predict, 30).join('\n').contains("--run"));
        QVERIFY(page.contains("--image-size"));
        QVERIFY(!page.contains("--input-size"));
    }

    void trainsOnFashionMnist()
    {
        TL_REQUIRE(QFile::exists(QString(kFashion) + "/train-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
        const QString out = path("run-ok");
        const Result r = runCli({"train",
                                 "--dataset",
                                 "fashion-mnist",
                                 "--model",
                                 "simple-cnn",
                                 "--epochs",
                                 "1",
                                 "--batch-size",
                                 "64",
                                 "--optimizer",
                                 "adam",
                                 "--lr",
                                 "1e-3",
                                 "--augment",
                                 "hflip",
                                 "--seed",
                                 "0",
                                 "--train-fraction",
                                 "0.05",
                                 "--val-split",
                                 "0.1",
                                 "--test-fraction",
                                 "0.1",
                                 "--out",
                                 out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.trimmed().split('\n');
        const QJsonObject summary = QJsonDocument::fromJson(lines.last().toUtf8()).object();
        QVERIFY2(!summary.isEmpty(), qPrintable(lines.last()));
        QVERIFY2(summary["test_accuracy"].toDouble() > 0.6, qPrintable(lines.last()));
        QCOMPARE(summary["test_samples"].toInt(), 1000);
        QCOMPARE(summary["train_samples"].toInt(), 2700);
        QCOMPARE(summary["val_samples"].toInt(), 300);
        QVERIFY(summary["train_images_per_second"].toDouble() > 0);
        QVERIFY(summary["seconds_per_epoch"].toDouble() > 0);
        for (const char *f : {"config.json", "metrics.csv", "confusion.csv", "predictions.csv",
                              "summary.json", "model.pth"})
            QVERIFY2(QFile::exists(out + "/" + f), f);
        QFile metrics(out + "/metrics.csv");
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        const QStringList rows = QString(metrics.readAll()).trimmed().split('\n');
        QCOMPARE(rows.size(), 2);
        QVERIFY(rows[0].startsWith("stage,stage_name,epoch"));
        QFile preds(out + "/predictions.csv");
        QVERIFY(preds.open(QIODevice::ReadOnly));
        QCOMPARE(QString(preds.readAll()).trimmed().split('\n').size(), 1001);
        QFile conf(out + "/confusion.csv");
        QVERIFY(conf.open(QIODevice::ReadOnly));
        const QStringList confRows = QString(conf.readAll()).trimmed().split('\n');
        QCOMPARE(confRows.size(), 11);
        QVERIFY(confRows[0].contains("Ankle boot"));
        QVERIFY2(!QDir(out).entryList({"events.out.tfevents.*"}).isEmpty(),
                 "no TensorBoard event file");
        // The per-epoch matrix of the last epoch is the final one: 1000 test images.
        QFile perEpoch(out + "/confusion_epochs.csv");
        QVERIFY(perEpoch.open(QIODevice::ReadOnly));
        qint64 counted = 0;
        for (const QString &row : QString(perEpoch.readAll()).trimmed().split('\n').mid(1))
            counted += row.section(',', 3, 3).toLongLong();
        QCOMPARE(counted, qint64(1000));
        // The run's model on image files, with its own preprocessing and class names.
        const auto test =
            tl::data::readIdxFolder(kFashion, "t10k", tl::data::fashionMnistClassNames());
        QStringList images;
        for (int i = 0; i < 40; ++i) {
            const QString file = path(QString("fm-%1.png").arg(i));
            cv::imwrite(
                file.toStdString(),
                cv::Mat(28, 28, CV_8UC1, const_cast<std::uint8_t *>(test.image(std::size_t(i)))));
            images << file;
        }
        const Result predicted = runCli(QStringList{"predict", "--run", out, "--json"} + images);
        QVERIFY2(predicted.code == 0, qPrintable(predicted.err));
        const QStringList answers = predicted.out.trimmed().split('\n');
        QCOMPARE(answers.size(), 40);
        int right = 0;
        for (int i = 0; i < 40; ++i) {
            const QJsonObject a = QJsonDocument::fromJson(answers[i].toUtf8()).object();
            const QJsonObject best = a["top"].toArray().first().toObject();
            right += best["index"].toInt() == int(test.labels[std::size_t(i)]);
            QCOMPARE(best["label"].toString(),
                     QString::fromStdString(
                         tl::data::fashionMnistClassNames()[std::size_t(best["index"].toInt())]));
        }
        QVERIFY2(right >= 24, qPrintable(QString::number(right)));
        // evaluate reproduces the run's test accuracy from model.pth, and from an export.
        const Result evaluated = runCli({"evaluate", out, "--json"});
        QVERIFY2(evaluated.code == 0, qPrintable(evaluated.err + evaluated.out));
        QVERIFY(QJsonDocument::fromJson(evaluated.out.toUtf8()).object()["matches"].toBool());
        const Result exported = runCli({"export", out, "--out", path("exported.safetensors")});
        QVERIFY2(exported.code == 0, qPrintable(exported.err));
        QVERIFY(QFile::exists(path("exported.json")));
        const Result again2 =
            runCli({"evaluate", out, "--weights", path("exported.safetensors"), "--json"});
        QVERIFY2(again2.code == 0, qPrintable(again2.err + again2.out));
        // Inside the run: the nearest training images of a test image and the test set's map
        // (suspicious labels and the data's health: tst_cli_labels).
        QFile predictions(out + "/predictions.csv");
        QVERIFY(predictions.open(QIODevice::ReadOnly));
        const QString firstTest =
            QString(predictions.readAll()).split('\n').value(1).section(',', 0, 0);
        const Result near =
            runCli({"inspect", out, "--neighbours", firstTest, "--count", "3", "--json"});
        QVERIFY2(near.code == 0, qPrintable(near.err));
        const QJsonArray neighbours = QJsonDocument::fromJson(near.out.toUtf8()).array();
        QCOMPARE(neighbours.size(), 3);
        QVERIFY(QFile::exists(out + "/features.safetensors"));
        for (int k = 0; k < 3; ++k) {
            const QJsonObject o = neighbours[k].toObject();
            QCOMPARE(o["split"].toString(), QString("train"));
            QVERIFY(o.contains("distance") && o.contains("index") && o.contains("label"));
            if (k > 0)
                QVERIFY(o["distance"].toDouble() >=
                        neighbours[k - 1].toObject()["distance"].toDouble());
        }
        const Result mapped = runCli({"inspect", out, "--embedding", path("map.csv"), "--json"});
        QVERIFY2(mapped.code == 0, qPrintable(mapped.err));
        QCOMPARE(QJsonDocument::fromJson(mapped.out.toUtf8()).array().size(), 1000);
        QFile map(path("map.csv"));
        QVERIFY(map.open(QIODevice::ReadOnly));
        QCOMPARE(QString(map.readAll()).trimmed().split('\n').size(), 1001);
        const Result missing = runCli({"inspect", out, "--neighbours", "99999"});
        QCOMPARE(missing.code, 2);
        QVERIFY2(missing.err.contains("99999"), qPrintable(missing.err));
        // The resolved config runs again as is.
        const Result again = runCli(
            {"train", "--config", out + "/config.json", "--save-config", path("resaved.json")});
        QVERIFY2(again.code == 0, qPrintable(again.err));
        // Same out folder twice: refused, nothing overwritten.
        const Result twice = runCli({"train", "--train-fraction", "0.01", "--out", out});
        QCOMPARE(twice.code, 2);
        QVERIFY(twice.err.contains("already holds a run"));
    }

    void summaryGivesTheNotebooksNumbers()
    {
        const Result r = runCli({"summary", "--model", "vgg19", "--image-size", "224", "--head",
                                 "gap", "--num-classes", "10", "--freeze", "backbone", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(s["non_trainable_params"].toInteger(), 20024384);
        QCOMPARE(s["trainable_params"].toInteger(), 5130);
        QCOMPARE(s["total_params"].toInteger(), 20029514);
        QVERIFY(s["layers"].toArray().size() >= 2);
        const Result text = runCli({"summary", "--model", "vgg16", "--image-size", "32"});
        QVERIFY(text.out.contains("block5_conv1"));
        QVERIFY(text.out.contains("Total params: 138,357,544"));
        const Result bad =
            runCli({"summary", "--model", "vgg16", "--freeze", "before:block9_conv1"});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("block9_conv1"), qPrintable(bad.err));
    }

    void trainsABackboneFromACheckpoint()
    {
        TL_REQUIRE(QFile::exists(QString(kFashion) + "/train-images-idx3-ubyte.gz") &&
                       QFile::exists("/usr/bin/python3"),
                   "needs dataset-fashion-mnist and python3-torchvision");
        QProcess py;
        py.start("/usr/bin/python3",
                 {QStringLiteral(TL_SOURCE_DIR "/tests/fixtures/torchvision_parity.py"), "make",
                  path("tv"), "32", "resnet18"});
        QVERIFY(py.waitForFinished(300000));
        TL_REQUIRE(py.exitCode() == 0, "python3-torchvision is not usable here");
        const QString out = path("run-resnet");
        const Result r =
            runCli({"train", "--model", "resnet18", "--weights", path("tv/resnet18.pth"), "--head",
                    "gap", "--freeze", "backbone", "--image-size", "32", "--train-fraction", "0.01",
                    "--test-fraction", "0.02", "--epochs", "1", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        // The ImageNet fc does not fit the new 10-class head: reported, not loaded.
        QVERIFY2(r.out.contains("120 tensors loaded") && r.out.contains("fc.weight"),
                 qPrintable(r.out));
        const QJsonObject summary =
            QJsonDocument::fromJson(r.out.trimmed().split('\n').last().toUtf8()).object();
        QCOMPARE(summary["trainable_params"].toInteger(), 5130);
        QFile config(out + "/config.json");
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QJsonObject c = QJsonDocument::fromJson(config.readAll()).object();
        QCOMPARE(c["preprocess"].toObject()["normalization"].toString(), QString("imagenet"));
        QCOMPARE(c["preprocess"].toObject()["channels"].toInt(), 3);
        // Missing ImageNet weights: a clear message, exit code 2.
        qputenv("TORCH_HOME", path("empty-torch-home").toUtf8());
        const Result missing = runCli(
            {"train", "--model", "resnet18", "--weights", "imagenet", "--out", path("never")});
        qunsetenv("TORCH_HOME");
        QCOMPARE(missing.code, 2);
        QVERIFY2(missing.err.contains("weights download resnet18"), qPrintable(missing.err));
    }

    void stagesAndDivergence()
    {
        TL_REQUIRE(QFile::exists(QString(kFashion) + "/train-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
        // Two stages as the notebooks run them: head only, then everything at a lower rate.
        writeText(path("stages.json").toStdString(), R"({
            "data": {"train_fraction": 0.02, "test_fraction": 0.05, "val_split": 0.2},
            "stages": [
                {"name": "head", "epochs": 1, "freeze": "backbone", "optimizer": {"lr": 0.003}},
                {"name": "fine-tune", "epochs": 2, "freeze": "none", "optimizer": {"lr": 0.0003},
                 "schedule": {"type": "plateau", "patience": 1},
                 "early_stopping": {"monitor": "val_accuracy", "patience": 2}}
            ]})");
        const QString out = path("run-stages");
        const Result r = runCli({"train", "--config", path("stages.json"), "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("freeze backbone, 71050 trainable"), qPrintable(r.out));
        QVERIFY2(r.out.contains("freeze none, 89866 trainable"), qPrintable(r.out));
        QFile metrics(out + "/metrics.csv");
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        const QStringList rows = QString(metrics.readAll()).trimmed().split('\n');
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[0].endsWith(",trainable_params"));
        QVERIFY(rows[1].startsWith("0,head,1,1,"));
        QVERIFY(rows[3].startsWith("1,fine-tune,2,3,"));
        // The trainable-parameter count changes between the stages.
        QVERIFY2(rows[1].endsWith(",71050"), qPrintable(rows[1]));
        QVERIFY2(rows[2].endsWith(",89866") && rows[3].endsWith(",89866"), qPrintable(rows[2]));

        // The notebooks' closing table, for two runs.
        const Result table = runCli({"compare", path("run-ok"), out, "--csv"});
        QVERIFY2(table.code == 0, qPrintable(table.err));
        const QStringList lines = table.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("run,model,weights,total params,trainable params,stages"));
        QVERIFY(lines[2].startsWith("run-stages,simple-cnn,none,89866,89866,2,3,"));
        const Result notRun = runCli({"compare", path("stages.json")});
        QCOMPARE(notRun.code, 2);

        // The same two runs as a handout page.
        const Result report =
            runCli({"report", path("run-ok"), out, "-o", path("handout.html"), "--images", "4"});
        QVERIFY2(report.code == 0, qPrintable(report.err));
        QFile page(path("handout.html"));
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(page.readAll());
        QVERIFY(html.contains("Comparison") && html.contains("run-stages"));
        QVERIFY(html.contains("<svg"));
        QCOMPARE(runCli({"report", path("run-ok")}).code, 2); // no -o
        const Result missing = runCli({"report", path("nowhere"), "-o", path("x.html")});
        QVERIFY2(missing.code == 2 && missing.err.contains("nowhere"), qPrintable(missing.err));
        QVERIFY(!QFile::exists(path("x.html")));

        // A learning rate that blows the loss up: exit code 3, a hint, one line.
        const Result nan = runCli({"train", "--optimizer", "sgd", "--lr", "1e6", "--train-fraction",
                                   "0.02", "--test-fraction", "0.05", "--out", path("run-nan")});
        QCOMPARE(nan.code, 3);
        // (progress lines go to stderr too; the error is the last line)
        const QString last = nan.err.trimmed().split('\n').last();
        QVERIFY2(last.contains("diverged") && last.contains("lower learning rate"),
                 qPrintable(nan.err));
        // It diverged within its first epoch: nothing to keep, no folder left behind.
        QVERIFY(!QFileInfo::exists(path("run-nan")));
    }

    void recipes()
    {
        const Result list = runCli({"recipes"});
        QCOMPARE(list.code, 0);
        for (const char *r :
             {"seed000-vgg19", "seed000-resnet50", "seed000-custom-cnn", "seed001-vgg16-block5",
              "seed002-baseline", "seed002-bn", "seed002-bn-l2", "seed002-vgg16-block3",
              "seed003-vgg16-trainable", "seed004-vgg16", "seed004-resnet18"})
            QVERIFY2(list.out.contains(r), r);
        // Every recipe resolves, and --quick shrinks it.
        for (const QString &line : list.out.split('\n')) {
            const QString name = line.section(' ', 0, 0);
            if (!name.startsWith("seed"))
                continue;
            const QString saved = path("recipe-" + name + ".json");
            const Result r = runCli({"train", "--recipe", name, "--quick", "--save-config", saved});
            QVERIFY2(r.code == 0, qPrintable(name + ": " + r.err));
            QFile f(saved);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject c = QJsonDocument::fromJson(f.readAll()).object();
            QVERIFY(c["data"].toObject()["train_fraction"].toDouble() <= 0.02);
            for (const auto &stage : c["stages"].toArray())
                QCOMPARE(stage.toObject()["epochs"].toInt(), 1);
        }
        // One runs, end to end, on a small CIFAR-10-shaped folder.
        writeCifar10Folder(path("cifar-small/cifar-10-batches-bin").toStdString(), 100);
        const Result run = runCli({"train", "--recipe", "seed002-bn-l2", "--quick", "--data-root",
                                   path("cifar-small"), "--out", path("run-recipe")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(QFile::exists(path("run-recipe/summary.json")));
        QCOMPARE(runCli({"train", "--recipe", "seed999"}).code, 2);
        // The comparisons as sweep recipes: each one plans; train refuses one with a hint.
        for (const char *r : {"sweep-seed000-three-models", "sweep-seed002-regularisation",
                              "sweep-seed001-fine-tune-or-not", "sweep-fine-tune-depth-vgg16",
                              "sweep-fine-tune-depth-resnet18"})
            QVERIFY2(list.out.contains(r), r);
        QVERIFY2(list.out.contains("a sweep of 6 runs"), qPrintable(list.out));
        const Result asTrain = runCli({"train", "--recipe", "sweep-seed002-regularisation"});
        QCOMPARE(asTrain.code, 2);
        QVERIFY2(asTrain.err.contains("sweep --recipe"), qPrintable(asTrain.err));
        // Seed 002's three models as one sweep, quick, on the small CIFAR-10 folder.
        const Result sweep =
            runCli({"sweep", "--recipe", "sweep-seed002-regularisation", "--quick", "--data-root",
                    path("cifar-small"), "--out", path("sweep-recipe")});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        for (const char *point : {"baseline", "bn", "bn-l2"})
            QVERIFY2(QFile::exists(path("sweep-recipe/") + point + "/summary.json"), point);
        QFile bn(path("sweep-recipe/bn-l2/config.json"));
        QVERIFY(bn.open(QIODevice::ReadOnly));
        const QJsonObject bnModel =
            QJsonDocument::fromJson(bn.readAll()).object()["model"].toObject();
        QCOMPARE(bnModel["batch_norm"].toBool(), true);
        QCOMPARE(bnModel["l2"].toDouble(), 0.001);
    }

    // Sweeps: a 2x2 grid through the CLI, resumed, a failing point, --parallel 2.
    void sweeps()
    {
        TL_REQUIRE(QFileInfo::exists(kFashion), "Debian's dataset-fashion-mnist");
        const std::string base = R"("data": {"train_fraction": 0.01, "test_fraction": 0.03},
            "threads": 1, "confusion_every_epoch": false, "stages": [{"epochs": 1}])";
        writeText(path("grid.json").toStdString(), "{" + base + R"(, "sweep": {"mode": "grid",
            "parameters": {"stages.0.optimizer.lr": [0.001, 0.01],
                           "model.freeze": ["none", "backbone"]}}})");
        const QString out = path("grid-sweep");
        const Result r = runCli({"sweep", path("grid.json"), "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QStringList names = {"freeze-backbone_lr-0.001", "freeze-backbone_lr-0.01",
                                   "freeze-none_lr-0.001", "freeze-none_lr-0.01"};
        QDateTime finishedAt[4];
        for (int i = 0; i < 4; ++i) {
            const QString run = out + "/" + names[i];
            QVERIFY2(QFileInfo::exists(run + "/summary.json"), qPrintable(run));
            QFile f(run + "/config.json");
            QVERIFY(f.open(QIODevice::ReadOnly));
            const auto c = QJsonDocument::fromJson(f.readAll()).object();
            QCOMPARE(c["model"].toObject()["freeze"].toString(),
                     names[i].startsWith("freeze-backbone") ? "backbone" : "none");
            QCOMPARE(c["stages"].toArray()[0].toObject()["optimizer"].toObject()["lr"].toDouble(),
                     names[i].endsWith("0.01") ? 0.01 : 0.001);
            finishedAt[i] = QFileInfo(run + "/summary.json").lastModified();
        }
        QFile sj(out + "/sweep.json");
        QVERIFY(sj.open(QIODevice::ReadOnly));
        const auto points = QJsonDocument::fromJson(sj.readAll()).object()["points"].toArray();
        QCOMPARE(points.size(), 4);
        for (const auto &p : points) {
            QCOMPARE(p.toObject()["status"].toString(), QStringLiteral("finished"));
            QVERIFY(p.toObject()["test_accuracy"].toDouble() > 0.1);
        }
        QVERIFY(r.out.contains("| model")); // the comparison table
        // The sweep's report: the table and every chart, well-formed.
        const Result report = runCli({"report", out, "-o", path("grid-report.html")});
        QVERIFY2(report.code == 0, qPrintable(report.err));
        QFile rf(path("grid-report.html"));
        QVERIFY(rf.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(rf.readAll());
        // Against each setting, heat map, Pareto, which setting mattered.
        QCOMPARE(html.count("<svg"), 5);
        QVERIFY(html.contains("mattered"));
        for (const QString &n : names)
            QVERIFY2(html.contains(n), qPrintable(n));
        // Again: every point is finished, nothing trains.
        const Result again = runCli({"sweep", path("grid.json"), "--out", out});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.out.contains("4 already finished"), qPrintable(again.out));
        QVERIFY(!again.out.contains("started"));
        for (int i = 0; i < 4; ++i)
            QCOMPARE(QFileInfo(out + "/" + names[i] + "/summary.json").lastModified(),
                     finishedAt[i]);

        // A failing point is recorded with its message; the others finish; two at a time.
        writeText(path("list.json").toStdString(), "{" + base + R"(, "sweep": {"mode": "list",
            "variants": [{"name": "plain", "set": {}},
                         {"name": "broken-weights", "set": {"model.weights": "/nonexistent/w.pth"}},
                         {"name": "bigger-batch", "set": {"stages.0.batch_size": 128}}]}})");
        const Result list =
            runCli({"sweep", path("list.json"), "--out", path("list-sweep"), "--parallel", "2"});
        QVERIFY2(list.code == 0, qPrintable(list.out + list.err));
        QVERIFY2(list.out.contains("2 at a time, 1 thread each"), qPrintable(list.out));
        QFile lj(path("list-sweep/sweep.json"));
        QVERIFY(lj.open(QIODevice::ReadOnly));
        const auto lp = QJsonDocument::fromJson(lj.readAll()).object()["points"].toArray();
        QCOMPARE(lp.size(), 3);
        QCOMPARE(lp[0].toObject()["status"].toString(), QStringLiteral("finished"));
        QCOMPARE(lp[1].toObject()["status"].toString(), QStringLiteral("failed"));
        QVERIFY2(lp[1].toObject()["message"].toString().contains("/nonexistent/w.pth"),
                 qPrintable(lp[1].toObject()["message"].toString()));
        QCOMPARE(lp[2].toObject()["status"].toString(), QStringLiteral("finished"));

        // A path that names no setting: refused before anything runs, naming it.
        writeText(path("typo.json").toStdString(),
                  "{" + base + R"(, "sweep": {"parameters": {"model.nmae": ["a", "b"]}}})");
        const Result typo = runCli({"sweep", path("typo.json"), "--out", path("typo-sweep")});
        QCOMPARE(typo.code, 2);
        QVERIFY2(typo.err.contains("model.nmae"), qPrintable(typo.err));
        QVERIFY(!QFileInfo::exists(path("typo-sweep/sweep.json")));
        // A sweep file given to train says what to do.
        const Result train = runCli({"train", "--config", path("grid.json")});
        QCOMPARE(train.code, 2);
        QVERIFY(train.err.contains("transferlab-cli sweep"));
    }

    void badInputExitsTwoWithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown flag")
            << QStringList{"train", "--lrr", "1"} << "unknown option '--lrr'";
        QTest::newRow("bad number")
            << QStringList{"train", "--lr", "fast"} << "--lr: expected a number, got 'fast'";
        QTest::newRow("missing value")
            << QStringList{"train", "--epochs"} << "--epochs needs a value";
        QTest::newRow("bad model")
            << QStringList{"train", "--model", "resnet9000"} << "unknown model 'resnet9000'";
        QTest::newRow("bad augment")
            << QStringList{"train", "--augment", "hflip,spin"} << "unknown augmentation 'spin'";
        QTest::newRow("bad fraction")
            << QStringList{"train", "--train-fraction", "0"} << "train_fraction";
        QTest::newRow("bad device")
            << QStringList{"train", "--device", "tpu", "--train-fraction", "0.01"}
            << "bad device 'tpu'";
        QTest::newRow("bad command") << QStringList{"fly"} << "unknown command 'fly'";
        QTest::newRow("unknown class")
            << QStringList{"train", "--classes", "Trouser,Jacket", "--train-fraction", "0.01"}
            << "unknown class 'Jacket'";
        QTest::newRow("one class")
            << QStringList{"train", "--classes", "Trouser"} << "at least 2 classes";
        QTest::newRow("too few per class")
            << QStringList{"train", "--classes", "0,1", "--per-class", "7000"}
            << "fewer than the 7000 per class";
        QTest::newRow("run of another model")
            << QStringList{"train", "--model", "vgg-style-cnn", "--weights", "run:@/nowhere"}
            << "nowhere";
        QTest::newRow("unknown lesson") << QStringList{"lesson", "fly"} << "unknown lesson 'fly'";
        QTest::newRow("missing root")
            << QStringList{"train", "--data-root", "/nonexistent/fm"} << "/nonexistent/fm";
        QTest::newRow("idx magic") << QStringList{"train", "--data-root", "@/badmagic"}
                                   << "train-images-idx3-ubyte.gz: wrong magic";
        QTest::newRow("idx truncated") << QStringList{"train", "--data-root", "@/trunc"}
                                       << "t10k-labels-idx1-ubyte: truncated";
        QTest::newRow("cifar truncated")
            << QStringList{"train", "--dataset", "cifar10", "--data-root", "@/cifar"}
            << "data_batch_3.bin: truncated record 1";
        QTest::newRow("folder undecodable")
            << QStringList{"train", "--dataset", "folder", "--data-root", "@/folder"}
            << "no usable image: Skipped 2 of 2 files: 2 not images";
        QTest::newRow("config unknown key")
            << QStringList{"train", "--config", "@/unknown-key.json"}
            << "'data.train_fractoin': unknown key";
        QTest::newRow("config syntax")
            << QStringList{"train", "--config", "@/broken.json"} << "not valid JSON";
        QTest::newRow("config missing")
            << QStringList{"train", "--config", "@/none.json"} << "none.json: no such file";
        // Fails after the run folder was made: it is removed again.
        QTest::newRow("weights not a checkpoint")
            << QStringList{"train", "--train-fraction", "0.01", "--weights", "@/broken.json"}
            << "broken.json";
    }
    void badInputExitsTwoWithOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        for (auto &a : args)
            a.replace("@", m_dir.path());
        const QString out = path("never-written");
        if (args.first() == "train")
            args = QStringList{"train", "--out", out} + args.mid(1);
        const Result r = runCli(args);
        QVERIFY(!r.crashed);
        QCOMPARE(r.code, 2);
        const QStringList lines = r.err.trimmed().split('\n');
        QVERIFY2(lines.size() == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(!QFileInfo::exists(out), "a failed run must not leave files behind");
    }

    void interruptThenResumeEqualsAnUninterruptedRun()
    {
        TL_REQUIRE(QFile::exists(QString(kFashion) + "/train-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
        const QStringList common = {"train", "--epochs",    "4",   "--train-fraction",
                                    "0.03",  "--val-split", "0.1", "--test-fraction",
                                    "0.05",  "--seed",      "5",   "--optimizer",
                                    "sgd",   "--momentum",  "0.9", "--lr",
                                    "0.02",  "--threads",   "1"};
        // A fixed thread count: with threads that follow the load, sums differ in the last
        // digits between counts (README, Performance), and this compares digits.
        const QString whole = path("run-whole"), out = path("run-interrupted");
        QCOMPARE(runCli(common + QStringList{"--out", whole, "--quiet"}).code, 0);

        QProcess p;
        p.start(TL_CLI_PATH, common + QStringList{"--out", out});
        QVERIFY(p.waitForStarted());
        // Wait for the first completed epoch, then Ctrl-C.
        QString stdoutText;
        QElapsedTimer t;
        t.start();
        while (!stdoutText.contains("epoch 1 ") && t.elapsed() < 120000) {
            p.waitForReadyRead(500);
            stdoutText += QString::fromUtf8(p.readAllStandardOutput());
        }
        QVERIFY2(stdoutText.contains("epoch 1 "), qPrintable(stdoutText));
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains("transferlab-cli train --resume " + out), qPrintable(err));
        // The last completed epoch's state is kept; the run is not finished.
        QVERIFY(QFile::exists(out + "/state.tlstate"));
        QVERIFY(QFile::exists(out + "/model.pth"));
        QVERIFY(!QFile::exists(out + "/summary.json"));
        QVERIFY(!QFile::exists(out + "/run.lock"));

        // Changing settings on resume is refused with a pointer to --fork.
        const Result changed = runCli({"train", "--resume", out, "--lr", "0.1"});
        QCOMPARE(changed.code, 2);
        const Result refused = runCli({"train", "--resume", out, "--out", path("elsewhere")});
        QVERIFY2(refused.code == 2 && refused.err.contains("--fork"), qPrintable(refused.err));

        const Result resumed = runCli({"train", "--resume", out, "--quiet"});
        QVERIFY2(resumed.code == 0, qPrintable(resumed.err));
        auto rows = [](const QString &dir) {
            QFile f(dir + "/metrics.csv");
            f.open(QIODevice::ReadOnly);
            QStringList out;
            for (const QString &line :
                 QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts))
                out << line.section(',', 0, 8); // everything but the timings
            return out;
        };
        QCOMPARE(rows(out).size(), 5);
        QCOMPARE(rows(out), rows(whole));
    }

    // Paths given relative to the working directory are recorded absolute in config.json, so
    // the run can be inspected and trained again from anywhere.
    void relativePathsWorkFromAnotherFolder()
    {
        writeCifar10Folder(path("rel/cifar/cifar-10-batches-bin").toStdString(), 30);
        QDir().mkpath(path("elsewhere"));
        auto cliIn = [](const QString &folder, const QStringList &args) {
            QProcess p;
            p.setWorkingDirectory(folder);
            p.start(TL_CLI_PATH, args);
            p.waitForFinished(300000);
            return std::make_pair(p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                                  QString::fromUtf8(p.readAllStandardError()));
        };
        const auto trained =
            cliIn(path("rel"), {"train", "--dataset", "cifar10", "--data-root", "cifar", "--model",
                                "simple-cnn", "--epochs", "1", "--out", "run"});
        QVERIFY2(trained.first == 0, qPrintable(trained.second));
        QFile f(path("rel/run/config.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString root =
            QJsonDocument::fromJson(f.readAll()).object()["data"].toObject()["root"].toString();
        QCOMPARE(QDir::cleanPath(root), QDir::cleanPath(path("rel/cifar")));
        const auto inspected =
            cliIn(path("elsewhere"), {"inspect", path("rel/run"), "--suspicious", "3"});
        QVERIFY2(inspected.first == 0, qPrintable(inspected.second));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
