// run.lock: a run folder's live process. A lock whose process ended without removing it (rank 0
// of a distributed run killed) is removed by whoever sees it go (removeDeadRunLock), and reads
// as not running; a live process's lock, or another machine's, stays.

#include "rundir/run_reader.h"
#include "support/fixtures.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace tl;

namespace {

std::string thisHost()
{
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return name;
}

// The id of a process that has ended (and was reaped).
long endedPid()
{
    QProcess p;
    p.start("sh", {"-c", "echo $$"});
    p.waitForFinished(10000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed().toLong();
}

} // namespace

class TestRunLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deadLockIsRemoved_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::addColumn<bool>("removed");
        const QString host = QString::fromStdString(thisHost());
        const QString dead = QString::number(endedPid());
        const QString alive = QString::number(::getpid());
        QTest::newRow("ended, this machine") << dead + "\n" + host + "\n" << true;
        QTest::newRow("ended, no machine named") << dead + "\n" << true;
        QTest::newRow("alive") << alive + "\n" + host + "\n" << false;
        QTest::newRow("another machine") << dead + "\nnode-elsewhere-17\n" << false;
        QTest::newRow("unreadable") << "not a pid\n" << false;
    }

    void deadLockIsRemoved()
    {
        QFETCH(QString, lock);
        QFETCH(bool, removed);
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        test::writeText(d + "/run.lock", lock.toStdString());
        QCOMPARE(runs::removeDeadRunLock(d), removed);
        QCOMPARE(QFile::exists(dir.filePath("run.lock")), !removed);
        QVERIFY(!runs::removeDeadRunLock(d + "/no-such-folder"));
    }
};

QTEST_GUILESS_MAIN(TestRunLock)
#include "tst_run_lock.moc"
