// usableCores(): what the compute threads can really run on (affinity, cgroup quota), and the
// OpenMP waiting policy the executables choose at start-up.

#include "cpu_cores.h"

#include <QProcess>
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

    // The CLI sets libgomp's spin count before libgomp starts (by starting itself again), and
    // keeps a user's own choice.
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
        QCOMPARE(spinSeen({}), QStringLiteral("GOMP_SPINCOUNT=1000"));
        QCOMPARE(spinSeen({"GOMP_SPINCOUNT=5"}), QStringLiteral("GOMP_SPINCOUNT=5"));
        QCOMPARE(spinSeen({"TL_OPENMP_SPIN=20000"}), QStringLiteral("GOMP_SPINCOUNT=20000"));
        QCOMPARE(spinSeen({"OMP_WAIT_POLICY=PASSIVE"}), QStringLiteral("OMP_WAIT_POLICY=PASSIVE"));
    }
};

QTEST_GUILESS_MAIN(TestCpuCores)
#include "tst_cpu_cores.moc"
