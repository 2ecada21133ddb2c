// File > Export > ONNX: the dialog exports a run in the background and says what it wrote, or
// why not.

#include "support/require.h"
#include "widgets/background.h"
#include "widgets/onnx_export_dialog.h"

#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl::ui;

class TestOnnxExportDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void exportsARun()
    {
        TL_REQUIRE(QFile::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
        const QString run = m_dir.path() + "/run";
        QProcess train;
        train.start(TL_CLI_PATH,
                    {"train", "--model", "simple-cnn", "--epochs", "1", "--train-fraction", "0.005",
                     "--test-fraction", "0.01", "--threads", "2", "--out", run});
        QVERIFY(train.waitForFinished(120000));
        QVERIFY2(train.exitCode() == 0, train.readAllStandardError().constData());

        OnnxExportDialog dialog(m_dir.path());
        dialog.setRun(run);
        QCOMPARE(dialog.output(), m_dir.path() + "/run.onnx"); // proposed beside the run
        QSignalSpy exported(&dialog, &OnnxExportDialog::exported);
        QSignalSpy failed(&dialog, &OnnxExportDialog::failed);
        dialog.exportNow();
        QVERIFY(exported.wait(60000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(QFile::exists(m_dir.path() + "/run.onnx"));
        QVERIFY(QFile::exists(m_dir.path() + "/run.json"));
        QVERIFY2(dialog.status()->text().contains("opset 10"), qPrintable(dialog.status()->text()));

        // Not a run: said in the dialog, nothing written.
        QDir().mkpath(m_dir.path() + "/not-a-run");
        dialog.setRun(m_dir.path() + "/not-a-run");
        dialog.setOutput(m_dir.path() + "/nothing.onnx");
        dialog.exportNow();
        QVERIFY(failed.wait(60000));
        QVERIFY(dialog.status()->text().startsWith("Not exported"));
        QVERIFY(!QFile::exists(m_dir.path() + "/nothing.onnx"));
        BackgroundJobs::instance().waitForAll();
    }
};

QTEST_MAIN(TestOnnxExportDialog)
#include "tst_onnx_export_dialog.moc"
