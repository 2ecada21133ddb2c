// The test harness itself: a parity test whose fixture tool is missing must not pass silently
// in CI. Runs require_probe without CI (skip: exit 0) and with CI=true (fail: exit 1).
#include <QProcess>
#include <QtTest>

class TestRequire : public QObject
{
    Q_OBJECT

    static int runProbe(const QString &ci, QString &output)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("CI");
        if (!ci.isEmpty())
            env.insert("CI", ci);
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(TL_REQUIRE_PROBE, {});
        if (!p.waitForFinished(60000))
            return -1;
        output = QString::fromUtf8(p.readAll());
        return p.exitCode();
    }

private Q_SLOTS:
    void skipsLocallyFailsUnderCi()
    {
        QString out;
        QCOMPARE(runProbe({}, out), 0);
        QVERIFY2(out.contains("SKIP") && out.contains("the probe's tool is missing"),
                 qPrintable(out));
        QCOMPARE(runProbe("true", out), 1);
        QVERIFY2(out.contains("FAIL!") && out.contains("CI=true"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestRequire)
#include "tst_require.moc"
