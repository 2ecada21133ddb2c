// usableCores(): what the compute threads can really run on (affinity, cgroup quota), and the
// OpenMP waiting policy the executables choose at start-up.

#include "platform/cpu_cores.h"
#include "platform/openmp_policy.h"
#include "support/require.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sched.h>
#include <thread>

class TestCpuCores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheAffinity()
    {
        const int all = tl::usableCores();
        QVERIFY(all >= 1);
        QVERIFY(all <= int(std::max(1u, std::thread::hardware_concurrency())));
        cpu_set_t saved;
        QCOMPARE(sched_getaffinity(0, sizeof saved, &saved), 0);
        cpu_set_t one;
        CPU_ZERO(&one);
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &saved)) {
                CPU_SET(c, &one);
                break;
            }
        QCOMPARE(sched_setaffinity(0, sizeof one, &one), 0);
        const int pinned = tl::usableCores();
        QCOMPARE(sched_setaffinity(0, sizeof saved, &saved), 0);
        QCOMPARE(pinned, 1); // as under `taskset -c 0`
        QCOMPARE(tl::usableCores(), all);
    }

    // The CLI sets libgomp's spin count before libgomp starts (by starting itself again) when
    // other programs keep a core busy, and keeps a user's own choice.
    void threadsFollowTheLoad()
    {
        QCOMPARE(tl::threadsForLoad(2, 0.05), 2);
        QCOMPARE(tl::threadsForLoad(2, 0.3), 2);
        QCOMPARE(tl::threadsForLoad(2, 0.5), 1);
        QCOMPARE(tl::threadsForLoad(2, 1.0), 1);
        QCOMPARE(tl::threadsForLoad(2, 3.0), 1); // never none
        QCOMPARE(tl::threadsForLoad(8, 2.0), 6);
        QCOMPARE(tl::threadsForLoad(4, -1), 4); // unknown load: all
        // The meter sees a program that keeps a core busy.
        tl::CpuLoadMeter meter;
        QProcess hog;
        hog.start("sh", {"-c", "while :; do :; done"});
        QVERIFY(hog.waitForStarted());
        QTest::qWait(600);
        const double busy = meter.othersBusyCores();
        hog.kill();
        hog.waitForFinished();
        QVERIFY2(busy > 0.7, qPrintable(QString::number(busy)));
    }

    // The CLI sets libgomp's spin count before libgomp starts (by starting itself again) when
    // other programs keep a core busy, and keeps a user's own choice.
    void cliChoosesTheOpenMpWaitPolicy()
    {
        auto spinSeen = [](const QStringList &env) {
            QProcess p;
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.remove("GOMP_SPINCOUNT");
            e.remove("OMP_WAIT_POLICY");
            e.remove("TL_OPENMP_CHOSEN");
            for (const QString &kv : env)
                e.insert(kv.section('=', 0, 0), kv.section('=', 1));
            p.setProcessEnvironment(e);
            p.start(TL_CLI_PATH, {"info", "--openmp-environment"});
            p.waitForFinished(60000);
            return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        };
        // Quiet, libgomp's own defaults; with a core kept busy by another program, a short spin
        // (ctest may run other tests meanwhile: the quiet case is not asserted).
        const QString quiet = spinSeen({});
        QVERIFY2(quiet == "libgomp defaults" || quiet == "GOMP_SPINCOUNT=1000", qPrintable(quiet));
        {
            QProcess hog;
            hog.start("sh", {"-c", "while :; do :; done"});
            QVERIFY(hog.waitForStarted());
            QTest::qWait(300);
            QCOMPARE(spinSeen({}), QStringLiteral("GOMP_SPINCOUNT=1000"));
            hog.kill();
            hog.waitForFinished();
        }
        QVERIFY(!tl::shortSpinFor(0.1));
        QVERIFY(tl::shortSpinFor(0.9));
        QVERIFY(tl::shortSpinFor(-1)); // unknown: the short spin, the safe side
        QCOMPARE(spinSeen({"GOMP_SPINCOUNT=5"}), QStringLiteral("GOMP_SPINCOUNT=5"));
        QCOMPARE(spinSeen({"TL_OPENMP_SPIN=20000"}), QStringLiteral("GOMP_SPINCOUNT=20000"));
        QCOMPARE(spinSeen({"OMP_WAIT_POLICY=PASSIVE"}), QStringLiteral("OMP_WAIT_POLICY=PASSIVE"));
    }

    // OMP_NUM_THREADS (a user's, or torchrun's 1 for each of several ranks) fixes the compute
    // threads of a run that did not set its own; the run's threads, or --threads, win.
    void ompNumThreadsFixesTheThreads()
    {
        const QByteArray saved = qgetenv("OMP_NUM_THREADS");
        const bool had = qEnvironmentVariableIsSet("OMP_NUM_THREADS");
        const auto with = [](const char *value, int configured) {
            if (value)
                qputenv("OMP_NUM_THREADS", value);
            else
                qunsetenv("OMP_NUM_THREADS");
            return tl::fixedComputeThreads(configured);
        };
        QCOMPARE(with(nullptr, 0), 0); // follow the load
        QCOMPARE(with("1", 0), 1);
        QCOMPARE(with("3", 0), 3);
        QCOMPARE(with("4,2", 0), 4); // nested levels: the outer team
        QCOMPARE(with("1", 2), 2);   // the run's own setting wins
        QCOMPARE(with("0", 0), 0);
        QCOMPARE(with("", 0), 0);
        QCOMPARE(with("many", 0), 0);
        QCOMPARE(with("-2", 0), 0);
        QCOMPARE(with("99999999999", 0), 0);
        if (had)
            qputenv("OMP_NUM_THREADS", saved);
        else
            qunsetenv("OMP_NUM_THREADS");

        // A run through the CLI, as torchrun starts each rank: "Device: CPU (1 threads)".
        TL_REQUIRE(QFile::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"),
                   "needs dataset-fashion-mnist");
        QTemporaryDir dir;
        const auto deviceLine = [&](const QStringList &env, const QStringList &extra) {
            QProcess p;
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.remove("OMP_NUM_THREADS");
            for (const QString &kv : env)
                e.insert(kv.section('=', 0, 0), kv.section('=', 1));
            p.setProcessEnvironment(e);
            p.start(TL_CLI_PATH, QStringList{"train", "--train-fraction", "0.01", "--test-fraction",
                                             "0.01", "--epochs", "1", "--out",
                                             dir.filePath(QString::number(extra.size()))} +
                                     extra);
            p.waitForFinished(120000);
            const QString all =
                QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
            for (const QString &line : all.split('\n'))
                if (line.contains("CPU ("))
                    return line.mid(line.indexOf("CPU (")).section(')', 0, 0) + ")";
            return all;
        };
        QCOMPARE(deviceLine({"OMP_NUM_THREADS=1"}, {}), QStringLiteral("CPU (1 threads)"));
        QCOMPARE(deviceLine({"OMP_NUM_THREADS=1"}, {"--threads", "2"}),
                 QStringLiteral("CPU (2 threads)"));

        QProcess info;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert("OMP_NUM_THREADS", "1");
        info.setProcessEnvironment(e);
        info.start(TL_CLI_PATH, {"info"});
        QVERIFY(info.waitForFinished(60000));
        QVERIFY(QString::fromUtf8(info.readAllStandardOutput())
                    .contains("Compute threads  1 (OMP_NUM_THREADS=1"));
    }
};

QTEST_GUILESS_MAIN(TestCpuCores)
#include "tst_cpu_cores.moc"
