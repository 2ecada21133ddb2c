// Issue 10's hostile inputs through transferlab-cli, as an attacker's file would meet a user:
// an 8 GB address-space limit and a 120 s timeout. Every one must end in exit code 2 with one
// line on stderr that names the file and what is wrong: no crash, no hang, no "internal error",
// and peak memory under 2 GB.

#include "support/fixtures.h"
#include "support/hostile.h"
#include "support/http_server.h"
#include "support/limited_run.h"

#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <filesystem>

using namespace tl;

namespace {

#ifdef TL_SANITIZE
// AddressSanitizer reserves terabytes of address space for its shadow memory and keeps freed
// memory in quarantine: the limits here are the plain build's business.
constexpr std::uint64_t kAddressSpace = ~std::uint64_t(0);
constexpr long kPeakKb = 6L << 20;
#else
constexpr std::uint64_t kAddressSpace = std::uint64_t(8) << 30;
constexpr long kPeakKb = 2L << 20; // 2 GB
#endif
constexpr double kTimeout = 120;

std::string substitute(const std::string &arg, const std::string &dir, const std::string &file)
{
    std::string out = arg;
    for (const auto &[key, value] : {std::pair<std::string, std::string>{"{FILE}", file},
                                     std::pair<std::string, std::string>{"{DIR}", dir}}) {
        for (auto p = out.find(key); p != std::string::npos; p = out.find(key))
            out.replace(p, key.size(), value);
    }
    return out;
}

} // namespace

class TestCliHostile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void refusedWithExitTwo_data()
    {
        QTest::addColumn<int>("index");
        const auto cases = test::hostileCases();
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].name.c_str()) << int(i);
    }

    void refusedWithExitTwo()
    {
        QFETCH(int, index);
        const test::HostileCase c = test::hostileCases()[std::size_t(index)];
        const std::string dir = m_dir.path().toStdString() + "/" + c.name;
        std::filesystem::create_directories(dir);
        if (c.write)
            c.write(dir);
        const std::string file = c.file.empty() ? std::string() : dir + "/" + c.file;
        std::vector<std::string> args;
        for (const auto &a : c.cliArgs)
            args.push_back(substitute(a, dir, file));
        // Runs go to the case's own folder, never the user's.
        if (args.front() == "train" && args[1] != "--resume") {
            args.push_back("--out");
            args.push_back(dir + "/run-out");
        }
        const test::LimitedRun r = test::runLimited(TL_CLI_PATH, args, kTimeout, kAddressSpace);
        const QString err = QString::fromStdString(r.err).trimmed();
        QVERIFY2(!r.timedOut, "hung: killed after 120 s");
        QVERIFY2(r.signal == 0,
                 qPrintable(QString("crashed with signal %1: %2").arg(r.signal).arg(err)));
        QVERIFY2(r.exitCode == 2, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(err)));
        // The last line is the refusal (training progress may come before it).
        const QString last = err.split('\n').last();
        QVERIFY2(!last.contains("internal error"), qPrintable(last));
        if (!file.empty())
            QVERIFY2(last.contains(QString::fromStdString(file)) ||
                         last.contains(QString::fromStdString(
                             std::filesystem::path(file).parent_path().string())),
                     qPrintable("does not name the file: " + last));
        QVERIFY2(
            last.contains(QString::fromStdString(c.mustMention)),
            qPrintable("does not say '" + QString::fromStdString(c.mustMention) + "': " + last));
        QVERIFY2(r.maxRssKb < kPeakKb,
                 qPrintable(QString("peak memory %1 MB").arg(r.maxRssKb / 1024)));
        qInfo("%s: %.1f s, peak %ld MB", c.name.c_str(), r.seconds, r.maxRssKb / 1024);
    }

    // A mirror that sends 2 bytes a second: the CLI gives up on its own (the stall limit), exit 2.
    void aStallingMirrorEnds()
    {
        test::LocalHttpServer server;
        for (const char *f : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                              "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            server.serve(std::string("/") + f, std::vector<std::uint8_t>(30000, 7));
            server.throttle(std::string("/") + f, 2);
        }
        const std::string cache = m_dir.path().toStdString() + "/cache";
        ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
        const auto r = test::runLimited(
            TL_CLI_PATH,
            {"download", "fashion-mnist", "--mirror", server.url("/"), "--stall-seconds", "4"},
            kTimeout, kAddressSpace);
        ::unsetenv("XDG_CACHE_HOME");
        QVERIFY2(!r.timedOut && r.signal == 0, r.err.c_str());
        QCOMPARE(r.exitCode, 2);
        const QString last = QString::fromStdString(r.err).trimmed().split('\n').last();
        QVERIFY2(last.contains("stalled") && last.contains("127.0.0.1"), qPrintable(last));
        QVERIFY2(r.seconds < 20, "--stall-seconds 4 was not applied (the default is 30 s)");
        qInfo("stalling mirror: gave up after %.1f s", r.seconds);
    }

    // A checkpoint read from a pipe (weights inspect /dev/stdin): read to its end, not sought.
    void readsFromAPipe()
    {
        const std::string good = m_dir.path().toStdString() + "/pipe-good.pth";
        test::writeBytes(good, test::validTorchZip({1, 2, 3, 4}));
        auto r = test::runLimited(TL_CLI_PATH, {"weights", "inspect", "/dev/stdin"}, kTimeout,
                                  kAddressSpace, good);
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        QVERIFY2(r.out.find("tensors: 1") != std::string::npos, r.out.c_str());
        const std::string bad = m_dir.path().toStdString() + "/pipe-bad.pth";
        test::writeText(bad, "not a checkpoint");
        r = test::runLimited(TL_CLI_PATH, {"weights", "inspect", "/dev/stdin"}, kTimeout,
                             kAddressSpace, bad);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.find("/dev/stdin") != std::string::npos, r.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
