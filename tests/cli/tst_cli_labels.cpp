// The label check and its fixes from the command line, as a user runs them (issue 28):
// `inspect --suspicious` (K-fold heads, the quick list, K runs of the experiment, the test
// images), `inspect --health`, and `labels apply` / `labels undo` on a folder of photos.

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

#include <map>

using namespace tl::test;

namespace {

const char *kFashion = "/usr/share/datasets/fashion-mnist";

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList &args, int timeoutMs = 300000)
{
    QProcess p;
    p.start(TL_CLI_PATH, args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestCliLabels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.path() + "/" + name; }

private Q_SLOTS:
    // Suspicious labels (every training and validation image, K-fold: out of sample; --quick:
    // the validation images; K runs of the experiment) and the data's health of a small
    // Fashion-MNIST run; one JSON document each.
    void suspiciousLabelsAndHealth()
    {
        TL_REQUIRE(QFile::exists(QString(kFashion) + "/train-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
        const QString out = path("run");
        const Result r = runCli({"train", "--dataset", "fashion-mnist", "--model", "simple-cnn",
                                 "--epochs", "1", "--seed", "0", "--train-fraction", "0.05",
                                 "--val-split", "0.1", "--test-fraction", "0.1", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const bool quick : {false, true}) {
            QStringList call = {"inspect", out, "--suspicious", "5", "--json", "--folds", "3"};
            if (quick)
                call << "--quick";
            const Result suspects = runCli(call);
            QVERIFY2(suspects.code == 0, qPrintable(suspects.err));
            const QJsonArray flagged = QJsonDocument::fromJson(suspects.out.toUtf8()).array();
            QCOMPARE(flagged.size(), 5);
            for (const auto &v : flagged) {
                const QJsonObject o = v.toObject();
                for (const char *key : {"index", "path", "label", "score", "suggested"})
                    QVERIFY2(o.contains(key), key);
                if (quick)
                    QCOMPARE(o["split"].toString(), QString("val"));
                else
                    QVERIFY(o["split"].toString() == "train" || o["split"].toString() == "val");
                QVERIFY(o["out_of_sample"].toBool());
            }
            if (!quick)
                QVERIFY2(suspects.err.contains("3-fold") && suspects.err.contains("computed"),
                         qPrintable(suspects.err));
        }
        const Result cached = runCli({"inspect", out, "--suspicious", "5", "--folds", "3"});
        QVERIFY2(cached.err.contains("read from label_folds.safetensors"), qPrintable(cached.err));
        // K runs of the experiment (for a fine-tuned backbone, whose features saw the labels):
        // each fold's run leaves its images out; started again, finished folds are kept.
        const Result folds =
            runCli({"inspect", out, "--suspicious", "5", "--json", "--fold-runs", "--folds", "2"});
        QVERIFY2(folds.code == 0, qPrintable(folds.err));
        QVERIFY2(folds.err.contains("2 runs of the experiment"), qPrintable(folds.err));
        QCOMPARE(QJsonDocument::fromJson(folds.out.toUtf8()).array().size(), 5);
        const QString fold1 = out + "/label-folds/fold-1";
        QVERIFY(QFile::exists(fold1 + "/summary.json") &&
                QFile::exists(out + "/label-folds/fold-2/summary.json"));
        QFile foldConfig(fold1 + "/config.json");
        QVERIFY(foldConfig.open(QIODevice::ReadOnly));
        const int left = QJsonDocument::fromJson(foldConfig.readAll())
                             .object()["data"]
                             .toObject()["exclude"]
                             .toArray()
                             .size();
        QVERIFY2(left > 1000 && left < 2000, qPrintable(QString::number(left))); // half of 3,000
        const QDateTime finished = QFileInfo(fold1 + "/summary.json").lastModified();
        const Result again3 =
            runCli({"inspect", out, "--suspicious", "5", "--fold-runs", "--folds", "2"});
        QVERIFY2(again3.code == 0, qPrintable(again3.err));
        QCOMPARE(QFileInfo(fold1 + "/summary.json").lastModified(), finished);
        const Result health = runCli({"inspect", out, "--health", "--json"});
        QVERIFY2(health.code == 0, qPrintable(health.err));
        const QJsonObject h = QJsonDocument::fromJson(health.out.toUtf8()).object();
        for (const char *key : {"duplicates", "outliers", "dark", "bright", "blurry", "classes"})
            QVERIFY2(h.contains(key), key);
        QVERIFY(h["examined"].toInt() > 1000);
        QCOMPARE(h["skipped"].toInt(), 0); // a built-in dataset skips no file
        // The text says which images the class counts hold and writes a single leak right.
        const Result healthText = runCli({"inspect", out, "--health"});
        QVERIFY2(healthText.code == 0, qPrintable(healthText.err));
        QVERIFY2(healthText.out.contains("\nClasses (training"), qPrintable(healthText.out));
        QVERIFY(!healthText.out.contains(QRegularExpression("\\b1 test or validation images")));
    }

    // labels apply / undo on a folder dataset, end to end: a suspect moved to another class and
    // back byte for byte; the same list again, or one whose index and path disagree, refused
    // with the reason and nothing moved; overrides written with the split.
    void labelsApplyAndUndo()
    {
        const QString root = path("labels/photos");
        std::map<QString, QByteArray> before;
        for (const char *cls : {"cat", "dog"})
            for (int i = 0; i < 8; ++i) {
                QDir().mkpath(root + "/" + cls);
                cv::Mat img(16, 16, CV_8UC1, cv::Scalar(std::string(cls) == "cat" ? 40 : 200));
                img.at<std::uint8_t>(i, i) = 128;
                const QString f = root + "/" + cls + "/" + QString::number(i) + ".png";
                QVERIFY(cv::imwrite(f.toStdString(), img));
            }
        auto snapshot = [&] {
            std::map<QString, QByteArray> files;
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly))
                    files[QDir(root).relativeFilePath(f.fileName())] = f.readAll();
            }
            return files;
        };
        before = snapshot();
        const QString run = path("labels/run");
        const Result trained = runCli({"train", "--dataset", "folder", "--data-root", root,
                                       "--model", "simple-cnn", "--epochs", "1", "--image-size",
                                       "16", "--test-fraction", "0.25", "--out", run});
        QVERIFY2(trained.code == 0, qPrintable(trained.err));
        const Result suspects = runCli({"inspect", run, "--suspicious", "2", "--json"});
        QVERIFY2(suspects.code == 0, qPrintable(suspects.err));
        const QJsonArray top = QJsonDocument::fromJson(suspects.out.toUtf8()).array();
        QVERIFY(top.size() == 2);
        // The test images have a list of their own (the model never trained on them).
        const Result tests =
            runCli({"inspect", run, "--suspicious", "2", "--split", "test", "--json"});
        QVERIFY2(tests.code == 0, qPrintable(tests.err));
        const QJsonArray testTop = QJsonDocument::fromJson(tests.out.toUtf8()).array();
        QCOMPARE(testTop.size(), 2);
        for (const auto &t : testTop) {
            QCOMPARE(t.toObject()["split"].toString(), QStringLiteral("test"));
            QVERIFY(t.toObject()["out_of_sample"].toBool());
        }
        const QJsonObject s0 = top[0].toObject(), s1 = top[1].toObject();
        const QString other = s0["label"].toString() == "cat" ? "dog" : "cat";
        auto row = [](const QJsonObject &s, const QString &path, const QString &fix) {
            return QString::number(s["index"].toInteger()) + "," + s["split"].toString() + "," +
                   path + "," + s["label"].toString() + "," + fix + "\n";
        };
        const QString header = "index,split,path,label,fix\n";
        const QString list = path("labels/fixes.csv");
        writeText(list.toStdString(),
                  (header + row(s0, s0["path"].toString(), other)).toStdString());
        const Result moved =
            runCli({"labels", "apply", run, list, "--move", "--journal", path("labels/j.json")});
        QVERIFY2(moved.code == 0, qPrintable(moved.err));
        QVERIFY(!QFile::exists(s0["path"].toString()));
        const Result again = runCli({"labels", "apply", run, list, "--move"});
        QCOMPARE(again.code, 2);
        QVERIFY2(again.err.contains("is gone") && again.err.contains("labels undo"),
                 qPrintable(again.err));
        const Result undone = runCli({"labels", "undo", path("labels/j.json")});
        QVERIFY2(undone.code == 0, qPrintable(undone.err));
        QVERIFY(snapshot() == before);
        // Index of one suspect, path of the other: refused, nothing written or moved.
        writeText(list.toStdString(),
                  (header + row(s0, s1["path"].toString(), other)).toStdString());
        const Result mixed =
            runCli({"labels", "apply", run, list, "--overrides", path("labels/ov.csv")});
        QCOMPARE(mixed.code, 2);
        QVERIFY2(mixed.err.contains("different images"), qPrintable(mixed.err));
        QVERIFY(!QFile::exists(path("labels/ov.csv")));
        QVERIFY(snapshot() == before);
        writeText(list.toStdString(),
                  (header + row(s0, s0["path"].toString(), other)).toStdString());
        const Result ov =
            runCli({"labels", "apply", run, list, "--overrides", path("labels/ov.csv")});
        QVERIFY2(ov.code == 0, qPrintable(ov.err));
        QFile f(path("labels/ov.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()),
                 "split,index,label\n" + s0["split"].toString() + "," +
                     QString::number(s0["index"].toInteger()) + "," + other + "\n");
    }
};

QTEST_GUILESS_MAIN(TestCliLabels)
#include "tst_cli_labels.moc"
