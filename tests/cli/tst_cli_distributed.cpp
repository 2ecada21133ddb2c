// transferlab-cli as ranks of a data-parallel run on this machine (Gloo over loopback): started
// with --dist-* flags, by torchrun, killed in the middle. Real processes, real files.

#include "support/require.h"
#include "weights/checkpoint.h"

#include <torch/torch.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <memory>

namespace {

const char *kFashion = "/usr/share/datasets/fashion-mnist";
const char *kTorchrun = "/usr/bin/torchrun";

// A port nobody listens on now (the kernel's choice for port 0).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 0;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        ::close(fd);
    return port;
}

QStringList rankArgs(int rank, int world, int port)
{
    return {"--dist-rank",          QString::number(rank), "--dist-world-size",
            QString::number(world), "--dist-master",       "127.0.0.1:" + QString::number(port)};
}

struct Ranks
{
    std::vector<std::unique_ptr<QProcess>> procs;

    void start(const QStringList &common, const QStringList &outs, int world)
    {
        const int port = freePort();
        for (int r = 0; r < world; ++r) {
            auto p = std::make_unique<QProcess>();
            p->start(TL_CLI_PATH, common + QStringList{"--out", outs[r % outs.size()]} +
                                      rankArgs(r, world, port));
            QVERIFY(p->waitForStarted());
            procs.push_back(std::move(p));
        }
    }
    bool finish(int ms = 240000)
    {
        bool ok = true;
        for (auto &p : procs)
            ok = p->waitForFinished(ms) && ok;
        return ok;
    }
    QString err(int r) { return QString::fromUtf8(procs[std::size_t(r)]->readAllStandardError()); }
    int code(int r) const { return procs[std::size_t(r)]->exitCode(); }
};

QJsonObject summary(const QString &dir)
{
    QFile f(dir + "/summary.json");
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

// metrics.csv without the timings.
QStringList metricRows(const QString &dir)
{
    QFile f(dir + "/metrics.csv");
    QStringList out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QString &line : QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts))
        out << line.section(',', 0, 8);
    return out;
}

// ||a - b|| / ||a|| over all of model.pth's tensors together.
double relativeDistance(const QString &a, const QString &b)
{
    const auto x = tl::weights::readCheckpoint((a + "/model.pth").toStdString()).tensors;
    const auto y = tl::weights::readCheckpoint((b + "/model.pth").toStdString()).tensors;
    if (x.size() != y.size())
        return 1e9;
    double num = 0, den = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i].first != y[i].first)
            return 1e9;
        const torch::Tensor u = x[i].second.to(torch::kFloat64);
        const torch::Tensor v = y[i].second.to(torch::kFloat64);
        num += (u - v).pow(2).sum().item<double>();
        den += u.pow(2).sum().item<double>();
    }
    return std::sqrt(num / den);
}

} // namespace

class TestCliDistributed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.path() + "/" + name; }
    // A model without dropout or BatchNorm, plain SGD (momentum and Adam amplify the last-digit
    // differences of a sum split in two: README, "Train on several processes"), one thread.
    const QStringList m_common = {"train", "--train-fraction",
                                  "0.02",  "--test-fraction",
                                  "0.1",   "--epochs",
                                  "2",     "--dropout",
                                  "0",     "--seed",
                                  "3",     "--optimizer",
                                  "sgd",   "--lr",
                                  "0.01",  "--threads",
                                  "1",     "--quiet"};

private Q_SLOTS:
    void initTestCase()
    {
        TL_REQUIRE(QFile::exists(QString(kFashion) + "/train-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
    }

    // 2 ranks at batch 32 train what 1 process at batch 64 trains; only rank 0 writes.
    void twoRanksEqualOneProcess()
    {
        const QString one = path("one"), two = path("two"), other = path("rank1-would-write");
        QProcess single;
        single.start(TL_CLI_PATH, m_common + QStringList{"--batch-size", "64", "--out", one});
        Ranks ranks;
        ranks.start(m_common + QStringList{"--batch-size", "32"}, {two, other}, 2);
        QVERIFY(single.waitForFinished(240000));
        QVERIFY(ranks.finish());
        QCOMPARE(single.exitCode(), 0);
        QVERIFY2(ranks.code(0) == 0, qPrintable(ranks.err(0)));
        QVERIFY2(ranks.code(1) == 0, qPrintable(ranks.err(1)));
        QVERIFY(!QFile::exists(other)); // rank 1 writes nothing, not even its folder
        const double distance = relativeDistance(one, two);
        qInfo("weights: relative distance %.3g after 2 epochs", distance);
        QVERIFY2(distance < 1e-4, qPrintable(QString::number(distance)));
        const QJsonObject a = summary(one), b = summary(two);
        QVERIFY(std::abs(a["test_accuracy"].toDouble() - b["test_accuracy"].toDouble()) <= 0.002);
        QCOMPARE(b["world_size"].toInt(), 2);
        QCOMPARE(b["global_batch_size"].toInt(), 64);
        QCOMPARE(b["dist_backend"].toString(), QString("gloo"));
        QCOMPARE(a["world_size"].toInt(), 1);
        // The gathered test predictions: every image once, in the file's order.
        QFile pa(one + "/predictions.csv"), pb(two + "/predictions.csv");
        QVERIFY(pa.open(QIODevice::ReadOnly) && pb.open(QIODevice::ReadOnly));
        const auto rowsA = QString::fromUtf8(pa.readAll()).split('\n');
        const auto rowsB = QString::fromUtf8(pb.readAll()).split('\n');
        QCOMPARE(rowsA.size(), rowsB.size());
        for (int i = 0; i < rowsA.size(); ++i)
            QCOMPARE(rowsA[i].section(',', 0, 1), rowsB[i].section(',', 0, 1));
    }

    // A killed rank ends the other with exit 4 naming it; the run keeps its last complete epoch,
    // and --resume with 2 ranks ends exactly as an uninterrupted run.
    void killedRankThenResume()
    {
        const QStringList common =
            m_common +
            QStringList{"--epochs", "3", "--train-fraction", "0.1", "--batch-size", "32"};
        const QString whole = path("whole"), cut = path("cut");
        {
            Ranks ranks;
            ranks.start(common, {whole}, 2);
            QVERIFY(ranks.finish());
            QVERIFY2(ranks.code(0) == 0, qPrintable(ranks.err(0)));
        }
        Ranks ranks;
        ranks.start(common, {cut}, 2);
        QElapsedTimer t;
        t.start();
        while (metricRows(cut).size() < 2 && t.elapsed() < 120000)
            QTest::qWait(100);
        QCOMPARE(metricRows(cut).size(), 2); // epoch 1 is complete
        ::kill(pid_t(ranks.procs[1]->processId()), SIGKILL);
        t.restart();
        QVERIFY(ranks.procs[0]->waitForFinished(90000));
        qInfo("rank 0 left %.1f s after rank 1 was killed", double(t.elapsed()) / 1000.0);
        QCOMPARE(ranks.code(0), 4);
        const QString err = ranks.err(0);
        QVERIFY2(err.contains("rank 1 of 2 went quiet"), qPrintable(err));
        QCOMPARE(err.trimmed().count('\n'), 0); // one line
        QVERIFY(QFile::exists(cut + "/state.tlstate"));
        QVERIFY(!QFile::exists(cut + "/summary.json"));

        // Another rank count is refused: the global batch would change in mid-run. Nothing is
        // added to the folder (not even an empty TensorBoard event file).
        const QStringList before = QDir(cut).entryList(QDir::Files);
        QProcess alone;
        alone.start(TL_CLI_PATH, {"train", "--resume", cut, "--quiet"});
        QVERIFY(alone.waitForFinished(120000));
        QCOMPARE(alone.exitCode(), 2);
        QVERIFY(QString::fromUtf8(alone.readAllStandardError()).contains("resume it with as many"));
        QCOMPARE(QDir(cut).entryList(QDir::Files), before);

        Ranks resumed;
        const int port = freePort();
        for (int r = 0; r < 2; ++r) {
            auto p = std::make_unique<QProcess>();
            p->start(TL_CLI_PATH,
                     QStringList{"train", "--resume", cut, "--quiet"} + rankArgs(r, 2, port));
            resumed.procs.push_back(std::move(p));
        }
        QVERIFY(resumed.finish());
        QVERIFY2(resumed.code(0) == 0, qPrintable(resumed.err(0)));
        QCOMPARE(metricRows(cut).size(), 4);
        QCOMPARE(metricRows(cut), metricRows(whole));
        QCOMPARE(summary(cut)["test_accuracy"].toDouble(),
                 summary(whole)["test_accuracy"].toDouble());
    }

    // Rank 0 killed: it cannot remove its run.lock; rank 1 sees it go and removes it, so the
    // folder does not claim a live run (the Runs tab, a follower on another machine).
    void killedRankZeroLeavesNoLock()
    {
        const QString out = path("rank0-killed");
        Ranks ranks;
        ranks.start(m_common + QStringList{"--epochs", "50", "--batch-size", "32"}, {out}, 2);
        QElapsedTimer t;
        t.start();
        // Epoch 1 complete and saved: metrics.csv gets its row before state.tlstate is written,
        // so a kill between the two (a busy machine) would leave nothing to resume.
        while ((metricRows(out).size() < 2 || !QFile::exists(out + "/state.tlstate")) &&
               t.elapsed() < 120000)
            QTest::qWait(50);
        QVERIFY(metricRows(out).size() >= 2); // epoch 1 is complete
        QVERIFY(QFile::exists(out + "/state.tlstate"));
        QVERIFY(QFile::exists(out + "/run.lock"));
        ::kill(pid_t(ranks.procs[0]->processId()), SIGKILL);
        QVERIFY(ranks.procs[0]->waitForFinished(10000));
        QVERIFY(ranks.procs[1]->waitForFinished(90000));
        QCOMPARE(ranks.code(1), 4);
        QVERIFY2(ranks.err(1).contains("rank 0 is gone"), qPrintable(ranks.err(1)));
        QVERIFY(!QFile::exists(out + "/run.lock"));
        QVERIFY(QFile::exists(out + "/state.tlstate")); // resumable
    }

    // A rank that hangs (stopped, not dead: its sockets stay open) is caught by the timeout on
    // every collective; its heartbeat is silent too, so the message names it.
    void hungRankTimesOut()
    {
        const QString out = path("hung");
        Ranks ranks;
        ranks.start(m_common + QStringList{"--epochs", "3", "--train-fraction", "0.1",
                                           "--batch-size", "32", "--dist-timeout", "5"},
                    {out}, 2);
        QElapsedTimer t;
        t.start();
        while (metricRows(out).size() < 2 && t.elapsed() < 120000)
            QTest::qWait(100);
        QCOMPARE(metricRows(out).size(), 2);
        ::kill(pid_t(ranks.procs[1]->processId()), SIGSTOP);
        t.restart();
        const bool left = ranks.procs[0]->waitForFinished(60000);
        ::kill(pid_t(ranks.procs[1]->processId()), SIGKILL);
        ranks.procs[1]->waitForFinished(10000);
        QVERIFY(left);
        qInfo("rank 0 left %.1f s after rank 1 stopped (timeout 5 s)",
              double(t.elapsed()) / 1000.0);
        QCOMPARE(ranks.code(0), 4);
        const QString err = ranks.err(0);
        QVERIFY2(err.contains("rank 1 of 2 went quiet"), qPrintable(err));
        QVERIFY(QFile::exists(out + "/state.tlstate"));
    }

    // torchrun starts the ranks; with --max_restarts 1 and --resume-if-exists a killed rank is
    // recovered from the last complete epoch, and the run ends as an uninterrupted one.
    void torchrunRecoversAKilledRank()
    {
        TL_REQUIRE(QFile::exists(kTorchrun), "torchrun (Debian's python3-torch) is not installed");
        const QString out = path("torchrun"), whole = path("torchrun-whole");
        const QStringList common =
            m_common +
            QStringList{"--epochs", "3", "--train-fraction", "0.1", "--batch-size", "32"};
        auto torchrun = [&](const QString &dir, QProcess &p) {
            // Debian 12's torchrun needs -t/-r values other than 0 and 3 (README).
            p.start(kTorchrun, QStringList{"--no_python", "--nproc_per_node", "2", "-t", "1", "-r",
                                           "2", "--max_restarts", "1", "--master_port",
                                           QString::number(freePort()), TL_CLI_PATH} +
                                   common + QStringList{"--out", dir, "--resume-if-exists"});
            QVERIFY(p.waitForStarted());
        };
        {
            QProcess p;
            torchrun(whole, p);
            QVERIFY(p.waitForFinished(240000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        }
        QVERIFY(!QFile::exists(path("runs"))); // no stray default folder from any rank
        QProcess p;
        torchrun(out, p);
        QElapsedTimer t;
        t.start();
        while (metricRows(out).size() < 2 && t.elapsed() < 120000)
            QTest::qWait(100);
        QCOMPARE(metricRows(out).size(), 2);
        // Kill one of torchrun's ranks (a child of the launcher running transferlab-cli).
        QProcess pgrep;
        pgrep.start("pgrep", {"-P", QString::number(p.processId()), "-f", "transferlab-cli"});
        QVERIFY(pgrep.waitForFinished(10000));
        const QStringList pids =
            QString::fromUtf8(pgrep.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(pids.size(), 2);
        ::kill(pid_t(pids.back().toInt()), SIGKILL);
        QVERIFY(p.waitForFinished(240000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(metricRows(out), metricRows(whole));
        QVERIFY(summary(out).contains("resumed_from"));
    }
};

QTEST_GUILESS_MAIN(TestCliDistributed)
#include "tst_cli_distributed.moc"
