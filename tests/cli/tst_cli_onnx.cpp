// Issue 29 end to end, as a user runs it: a trained run exported to ONNX, checked by ONNX's own
// checker and run by OpenCV's DNN module from Python (Debian's python3-onnx and python3-opencv,
// no LibTorch), and by transferlab-cli predict against the run's predictions.csv.

#include "data/idx_reader.h"
#include "support/require.h"

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const char *kFashion = "/usr/share/datasets/fashion-mnist";

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

Result run(const QString &program, const QStringList &args, int timeoutMs = 300000)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(timeoutMs);
    Result r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

Result runCli(const QStringList &args)
{
    return run(TL_CLI_PATH, args);
}

QJsonObject lastJsonLine(const QString &out)
{
    return QJsonDocument::fromJson(out.trimmed().split('\n').last().toUtf8()).object();
}

// Debian's python3 with python3-onnx and python3-opencv (another python3 may come first on PATH).
bool pythonHasOnnxAndOpenCv()
{
    return QFile::exists("/usr/bin/python3") &&
           run("/usr/bin/python3", {"-c", "import onnx, cv2, numpy"}, 60000).code == 0;
}

} // namespace

class TestCliOnnx : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.path() + "/" + name; }

private Q_SLOTS:
    // simple-cnn at the images' 28 px, resnet18 and mobilenet_v3_small at 64 px (gray images
    // made RGB): trained briefly, exported, and run where LibTorch is not.
    void exportRunsElsewhere_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("size");
        QTest::newRow("simple-cnn") << "simple-cnn" << 0;
        QTest::newRow("resnet18 64 px") << "resnet18" << 64;
        QTest::newRow("mobilenet_v3_small 64 px") << "mobilenet_v3_small" << 64;
    }

    void exportRunsElsewhere()
    {
        QFETCH(QString, model);
        QFETCH(int, size);
        TL_REQUIRE(QFile::exists(QString(kFashion) + "/t10k-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
        const QString out = path(model);
        QStringList train{"train",
                          "--dataset",
                          "fashion-mnist",
                          "--model",
                          model,
                          "--epochs",
                          "1",
                          "--seed",
                          "0",
                          "--threads",
                          "2",
                          "--train-fraction",
                          "0.01",
                          "--test-fraction",
                          "0.05",
                          "--out",
                          out};
        if (size > 0)
            train << "--image-size" << QString::number(size);
        const Result trained = runCli(train);
        QVERIFY2(trained.code == 0, qPrintable(trained.err));

        // export: the file, its JSON, read back by OpenCV and compared before it is kept.
        const QString onnx = path(model + ".onnx");
        const Result exported =
            runCli({"export", out, "--format", "onnx", "--out", onnx, "--json"});
        QVERIFY2(exported.code == 0, qPrintable(exported.err));
        const QJsonObject e = lastJsonLine(exported.out);
        QCOMPARE(e["opset"].toInt(), 10);
        QVERIFY(e["bytes"].toDouble() > 1000);
        QVERIFY2(e["max_logit_difference"].toDouble() < 1e-3, qPrintable(exported.out));
        QVERIFY(QFile::exists(onnx));
        QVERIFY(QFile::exists(path(model + ".json")));
        QVERIFY(!QFile::exists(onnx + ".partial"));
        qInfo("%s: %.1f MB, largest logit difference on probe images %.2g", qPrintable(model),
              e["bytes"].toDouble() / 1e6, e["max_logit_difference"].toDouble());

        // The same command checks the export against its run: every test image, OpenCV's class
        // against predictions.csv's.
        const Result checked = runCli({"predict", "--model", onnx, "--run", out, "--json"});
        QVERIFY2(checked.code == 0, qPrintable(checked.err + checked.out));
        const QJsonObject c = lastJsonLine(checked.out);
        QCOMPARE(c["test_images"].toInt(), 500);
        QVERIFY2(c["agreement"].toDouble() >= 0.999, qPrintable(checked.out));
        QVERIFY2(c["max_logit_difference"].toDouble() < 1e-3, qPrintable(checked.out));
        qInfo("%s: predict --run agreement %.4f, largest logit difference %.2g, OpenCV %.3f ms "
              "LibTorch %.3f ms per image",
              qPrintable(model), c["agreement"].toDouble(), c["max_logit_difference"].toDouble(),
              c["opencv_ms_per_image"].toDouble(), c["libtorch_ms_per_image"].toDouble());

        // One image file: the export in OpenCV gives what the run gives in LibTorch.
        const auto test =
            tl::data::readIdxFolder(kFashion, "t10k", tl::data::fashionMnistClassNames());
        const QString image = path(model + "-0.png");
        cv::imwrite(image.toStdString(),
                    cv::Mat(28, 28, CV_8UC1, const_cast<std::uint8_t *>(test.image(0))));
        const Result viaOnnx = runCli({"predict", "--model", onnx, "--json", image});
        const Result viaRun = runCli({"predict", "--run", out, "--json", image});
        QVERIFY2(viaOnnx.code == 0 && viaRun.code == 0, qPrintable(viaOnnx.err + viaRun.err));
        const QJsonObject a = lastJsonLine(viaOnnx.out)["top"].toArray().first().toObject();
        const QJsonObject b = lastJsonLine(viaRun.out)["top"].toArray().first().toObject();
        QCOMPARE(a["label"].toString(), b["label"].toString());
        QVERIFY2(std::abs(a["probability"].toDouble() - b["probability"].toDouble()) < 1e-4,
                 qPrintable(viaOnnx.out + viaRun.out));

        // Outside TransferLab: ONNX's full checker, then OpenCV's DNN module from Python on the
        // test images, preprocessed from the JSON beside the file alone.
        TL_REQUIRE(pythonHasOnnxAndOpenCv(),
                   "needs Debian's python3-onnx and python3-opencv (packaging/install-deps.sh)");
        const Result py =
            run("/usr/bin/python3",
                {TL_SOURCE_DIR "/tests/cli/onnx_check.py", onnx, out + "/predictions.csv",
                 QString(kFashion) + "/t10k-images-idx3-ubyte.gz"});
        QVERIFY2(py.code == 0, qPrintable(py.err));
        const QJsonObject p = lastJsonLine(py.out);
        QCOMPARE(p["checked"].toInt(), 500);
        QVERIFY2(p["agreeing"].toDouble() >= 0.999 * p["checked"].toDouble(), qPrintable(py.out));
        QCOMPARE(p["opset"].toInt(), 10);
        QCOMPARE(p["input"].toString(), QString("input"));
        QCOMPARE(p["classes"].toArray().size(), 10);
    }

    // Files that are not exports: one line naming the file, exit 2; nothing half written.
    void refusals()
    {
        QFile junk(path("junk.onnx"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a model");
        junk.close();
        const Result bad = runCli({"predict", "--model", path("junk.onnx"), path("x.png")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("junk.onnx") && bad.err.trimmed().count('\n') == 0,
                 qPrintable(bad.err));
        QDir().mkpath(path("empty-run"));
        const Result noRun =
            runCli({"export", path("empty-run"), "--format", "onnx", "--out", path("no.onnx")});
        QCOMPARE(noRun.code, 2);
        QVERIFY(!QFile::exists(path("no.onnx")));
        const Result format =
            runCli({"export", path("empty-run"), "--format", "tflite", "--out", path("no.tflite")});
        QCOMPARE(format.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliOnnx)
#include "tst_cli_onnx.moc"
