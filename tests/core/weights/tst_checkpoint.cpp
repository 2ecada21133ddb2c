// Our backbones against torchvision itself: Python (Debian's python3-torchvision) saves randomly
// initialised models in both checkpoint formats with their eval-mode outputs; we load each file
// with our own reader and must produce the same outputs. Also hostile, truncated and odd files,
// and the way back: our export loads into torchvision with torch.load + load_state_dict.

#include "models/model_factory.h"
#include "support/expect_error.h"
#include "support/require.h"
#include "support/fixtures.h"
#include "weights/checkpoint.h"

#include <torch/torch.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl;

namespace {

const char *kPython = "/usr/bin/python3";
const int kSize = 64;

QString script()
{
    return QStringLiteral(TL_SOURCE_DIR "/tests/fixtures/torchvision_parity.py");
}

bool haveTorchvision()
{
    QProcess p;
    p.start(kPython, {"-c", "import torchvision"});
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

torch::Tensor readF32(const QString &path, std::vector<std::int64_t> shape)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = f.readAll();
    auto t = torch::empty(shape);
    if (std::int64_t(b.size()) != t.numel() * 4)
        return {};
    std::memcpy(t.data_ptr(), b.constData(), std::size_t(b.size()));
    return t;
}

std::shared_ptr<models::NetworkImpl> imagenetModel(const std::string &name)
{
    models::ModelSpec s;
    s.name = name;
    s.numClasses = 1000;
    s.inChannels = 3;
    s.inputSize = kSize;
    s.head = "imagenet";
    auto m = models::createModel(s);
    m->eval();
    return m;
}

double relativeError(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>() / std::max(1e-12, b.abs().max().item<double>());
}

} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QJsonArray m_models;
    QString path(const QString &name) const { return m_dir.path() + "/" + name; }

private Q_SLOTS:
    void initTestCase()
    {
        TL_REQUIRE(haveTorchvision(), "Debian's python3-torchvision is not installed (packaging/install-deps.sh "
                  "installs it)");
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(kPython,
                {script(), "make", m_dir.path(), QString::number(kSize), "resnet18", "resnet34",
                 "resnet50", "vgg11", "vgg16", "vgg16_bn", "vgg19", "mobilenet_v2",
                 "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0", "densenet121"});
        QVERIFY(p.waitForFinished(900000));
        QVERIFY2(p.exitCode() == 0, p.readAll().constData());
        QFile f(path("manifest.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_models = QJsonDocument::fromJson(f.readAll()).object()["models"].toArray();
        QCOMPARE(m_models.size(), 12);
    }

    void matchesTorchvision_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("file");
        for (const auto &v : m_models) {
            const QJsonObject m = v.toObject();
            QTest::newRow(qPrintable(m["name"].toString() + " zip"))
                << m["name"].toString() << m["zip"].toString();
            if (m.contains("legacy"))
                QTest::newRow(qPrintable(m["name"].toString() + " legacy"))
                    << m["name"].toString() << m["legacy"].toString();
        }
    }
    void matchesTorchvision()
    {
        QFETCH(QString, name);
        QFETCH(QString, file);
        const auto ckpt = weights::readCheckpoint(path(file).toStdString());
        QCOMPARE(ckpt.format, file.contains("legacy") ? weights::CheckpointFormat::Legacy
                                                      : weights::CheckpointFormat::Zip);
        auto model = imagenetModel(name.toStdString());
        const auto report = weights::loadStateDict(*model, ckpt.tensors, true, file.toStdString());
        QVERIFY2(report.complete(), report.summary().c_str());
        const torch::Tensor x = readF32(path("input.f32"), {2, 3, kSize, kSize});
        const torch::Tensor expected = readF32(path(name + ".out.f32"), {2, 1000});
        QVERIFY(x.defined() && expected.defined());
        torch::NoGradGuard noGrad;
        const torch::Tensor y = model->forward(x);
        const double err = relativeError(y, expected);
        QVERIFY2(err < 1e-4, qPrintable(QString("relative error %1").arg(err)));
    }

    void exportLoadsIntoTorchvision_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("extension");
        QTest::newRow("resnet18 pth") << "resnet18"
                                      << ".pth";
        QTest::newRow("mobilenet_v3_small pth") << "mobilenet_v3_small"
                                                << ".pth";
        QTest::newRow("densenet121 safetensors") << "densenet121"
                                                 << ".safetensors";
    }
    void exportLoadsIntoTorchvision()
    {
        QFETCH(QString, name);
        QFETCH(QString, extension);
        TL_REQUIRE(!m_models.isEmpty(), "no fixtures (python3-torchvision made none)");
        // A "fine-tuned" model: torchvision's weights with a new 10-class head.
        models::ModelSpec s;
        s.name = name.toStdString();
        s.numClasses = 10;
        s.inputSize = kSize;
        s.head = "keep";
        auto model = models::createModel(s);
        const auto report = weights::loadStateDict(
            *model, weights::readCheckpoint(path(name + ".pth").toStdString()).tensors, false,
            "test");
        QVERIFY(!report.mismatched.empty()); // the 1000-class head does not fit, as expected
        QVERIFY(report.missing.empty());
        model->eval();
        const QString out = path("export-" + name + extension);
        weights::exportStateDict(*model, out.toStdString());
        // Our own reader takes our export back.
        const auto back = weights::readCheckpoint(out.toStdString());
        QCOMPARE(back.tensors.size(), weights::stateDictOf(*model).size());
        if (extension == ".safetensors")
            return; // torch.load does not read safetensors; the round trip above covers it
        QProcess p;
        p.start(kPython, {script(), "check", out, name, QString::number(kSize)});
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QJsonObject result = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        const QJsonArray values = result["output"].toArray();
        QCOMPARE(values.size(), 20);
        torch::Tensor theirs = torch::empty({2, 10});
        for (int i = 0; i < 20; ++i)
            theirs.view(-1)[i] = values[i].toDouble();
        torch::NoGradGuard noGrad;
        const torch::Tensor ours = model->forward(readF32(path("input.f32"), {2, 3, kSize, kSize}));
        QVERIFY2(relativeError(ours, theirs) < 1e-4,
                 qPrintable(QString::number(relativeError(ours, theirs))));
    }

    void predictMatchesTorchvision_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("file");
        QTest::newRow("resnet18 zip") << "resnet18"
                                      << "resnet18.pth";
        QTest::newRow("resnet18 legacy") << "resnet18"
                                         << "resnet18_legacy.pth";
        QTest::newRow("mobilenet_v3_small legacy") << "mobilenet_v3_small"
                                                   << "mobilenet_v3_small_legacy.pth";
        QTest::newRow("efficientnet_b0 zip") << "efficientnet_b0"
                                             << "efficientnet_b0.pth";
    }
    void predictMatchesTorchvision()
    {
        QFETCH(QString, name);
        QFETCH(QString, file);
        TL_REQUIRE(!m_models.isEmpty(), "no fixtures (python3-torchvision made none)");
        // torchvision's top-5 on a 256x256 image, then the CLI on the same file.
        const QString image = path("predict.png");
        QProcess py;
        py.start(kPython, {script(), "predict", path(file), name, image});
        QVERIFY(py.waitForFinished(300000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const QJsonArray theirs = QJsonDocument::fromJson(py.readAllStandardOutput()).array();
        QCOMPARE(theirs.size(), 5);
        QProcess cli;
        cli.start(TL_CLI_PATH,
                  {"predict", "--model", name, "--weights", path(file), "--json", image});
        QVERIFY(cli.waitForFinished(300000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject ours = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(ours["image"].toString(), image);
        const QJsonArray top = ours["top"].toArray();
        QCOMPARE(top.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(top[i].toObject()["index"].toInt(), theirs[i].toObject()["index"].toInt());
            QVERIFY(std::abs(top[i].toObject()["probability"].toDouble() -
                             theirs[i].toObject()["probability"].toDouble()) < 1e-4);
            QVERIFY(!top[i].toObject()["label"].toString().isEmpty());
        }
        // A hostile file through the CLI: exit code 2, one line, nothing executed.
        QProcess evil;
        evil.start(TL_CLI_PATH,
                   {"predict", "--model", "resnet18", "--weights", path("evil.pth"), image});
        QVERIFY(evil.waitForFinished(60000));
        QCOMPARE(evil.exitStatus(), QProcess::NormalExit);
        QCOMPARE(evil.exitCode(), 2);
        const QString err = QString::fromUtf8(evil.readAllStandardError()).trimmed();
        QVERIFY2(!err.contains('\n') && err.contains("evil.pth"), qPrintable(err));
        QVERIFY(!QFile::exists(path("PWNED")));
    }

    void wrappedAndPrefixed()
    {
        TL_REQUIRE(!m_models.isEmpty(), "no fixtures (python3-torchvision made none)");
        const auto c = weights::readCheckpoint(path("wrapped.pth").toStdString());
        QCOMPARE(c.wrapper, std::string("state_dict"));
        QCOMPARE(c.tensors.front().first, std::string("conv1.weight"));
        auto model = imagenetModel("resnet18");
        QVERIFY(weights::loadStateDict(*model, c.tensors, true, "wrapped").complete());
    }

    void hostileFilesExecuteNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("zip") << "evil.pth";
        QTest::newRow("legacy") << "evil_legacy.pth";
        QTest::newRow("plain pickle") << "evil_plain.pkl";
    }
    void hostileFilesExecuteNothing()
    {
        QFETCH(QString, file);
        TL_REQUIRE(!m_models.isEmpty(), "no fixtures (python3-torchvision made none)");
        const QString msg =
            test::errorOf([&] { weights::readCheckpoint(path(file).toStdString()); });
        QVERIFY2(msg.contains(file), qPrintable(msg));
        if (file != "evil_plain.pkl")
            QVERIFY2(msg.contains("refuses Python object") && msg.contains("system"),
                     qPrintable(msg));
        QVERIFY(!QFile::exists(path("PWNED")));
    }

    void truncatedEmptyAndForeignFiles()
    {
        TL_REQUIRE(!m_models.isEmpty(), "no fixtures (python3-torchvision made none)");
        for (const char *name : {"resnet18.pth", "resnet18_legacy.pth"}) {
            QFile in(path(name));
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QByteArray all = in.readAll();
            for (double cut : {0.5, 0.999}) {
                const QString t = path(QString("cut-%1-%2").arg(cut).arg(name));
                QFile out(t);
                QVERIFY(out.open(QIODevice::WriteOnly));
                out.write(all.left(int(all.size() * cut)));
                out.close();
                const QString msg =
                    test::errorOf([&] { weights::readCheckpoint(t.toStdString()); });
                QVERIFY2(msg.contains(t) && (msg.contains("truncated") || msg.contains("damaged")),
                         qPrintable(msg));
            }
        }
        test::writeText(path("empty.pth").toStdString(), "");
        TL_EXPECT_ERROR(weights::readCheckpoint(path("empty.pth").toStdString()),
                        (QStringList{"empty.pth", "empty"}));
        test::writeText(path("notes.pth").toStdString(), "these are my notes, not weights");
        TL_EXPECT_ERROR(weights::readCheckpoint(path("notes.pth").toStdString()),
                        (QStringList{"notes.pth", "not a PyTorch checkpoint"}));
        TL_EXPECT_ERROR(weights::readCheckpoint(path("absent.pth").toStdString()),
                        (QStringList{"absent.pth", "no such file"}));
    }

    void strictLoadNamesTheProblem()
    {
        TL_REQUIRE(!m_models.isEmpty(), "no fixtures (python3-torchvision made none)");
        auto model = imagenetModel("resnet34");
        const auto c = weights::readCheckpoint(path("resnet18.pth").toStdString());
        const QString msg =
            test::errorOf([&] { weights::loadStateDict(*model, c.tensors, true, "resnet18.pth"); });
        QVERIFY2(msg.contains("resnet18.pth") && msg.contains("missing"), qPrintable(msg));
    }

    void safetensorsRoundTrip()
    {
        weights::StateDict sd = {{"a.weight", torch::arange(12, torch::kFloat32).view({3, 4})},
                                 {"b.count", torch::tensor({7}, torch::kInt64)},
                                 {"c.half", torch::ones({2}, torch::kFloat16)}};
        const std::string file = path("rt.safetensors").toStdString();
        weights::writeSafetensors(sd, file, {{"format", "pt"}});
        const auto back = weights::readCheckpoint(file);
        QCOMPARE(back.format, weights::CheckpointFormat::Safetensors);
        QCOMPARE(back.metadata.at("format"), std::string("pt"));
        QCOMPARE(back.tensors.size(), std::size_t(3));
        QCOMPARE(back.tensors[0].first, std::string("a.weight"));
        QVERIFY(torch::equal(back.tensors[0].second, sd[0].second));
        QVERIFY(torch::equal(back.tensors[1].second, sd[1].second));
        QCOMPARE(back.tensors[2].second.scalar_type(), torch::kFloat16);
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
