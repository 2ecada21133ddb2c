// The parts of a data-parallel run that need no second process: where a rank learns its place
// (torchrun's and Slurm's environment, the flags), which samples each rank visits, and how the
// gradients are bucketed and averaged.

#include "dist/dist_env.h"
#include "base/error.h"
#include "train/batch_source.h"
#include "train/gradient_sync.h"

#include <torch/torch.h>

#include <QtTest>

#include <map>
#include <numeric>
#include <set>

using namespace tl;

namespace {

dist::GetEnv envOf(const std::map<std::string, std::string> &vars)
{
    return [vars](const char *name) -> const char * {
        const auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    };
}

// A second rank that computed exactly the same gradients: the sum of both is twice each, the
// average the gradient itself. Records what it was given.
class MirrorCollective : public train::Collective
{
public:
    int rank() const override { return 0; }
    int size() const override { return 2; }
    std::string backend() const override { return "mirror"; }
    void allReduceSum(std::vector<torch::Tensor> &tensors) override
    {
        for (auto &t : tensors) {
            sizes.push_back(t.numel());
            t.mul_(2);
        }
    }
    torch::Tensor allGather(const torch::Tensor &t) override { return torch::stack({t, t}); }
    void broadcast(std::vector<torch::Tensor> &, int) override {}
    std::vector<std::int64_t> sizes;
};

} // namespace

class TestDataParallel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void torchrunEnvironment()
    {
        const auto s =
            dist::resolveDistSettings({}, envOf({{"RANK", "3"},
                                                 {"WORLD_SIZE", "4"},
                                                 {"LOCAL_RANK", "1"},
                                                 {"MASTER_ADDR", "node7"},
                                                 {"MASTER_PORT", "29511"},
                                                 {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                                                 {"TORCHELASTIC_RESTART_COUNT", "2"}}));
        QCOMPARE(s.rank, 3);
        QCOMPARE(s.worldSize, 4);
        QCOMPARE(s.localRank, 1);
        QCOMPARE(QString::fromStdString(s.masterAddr), QString("node7"));
        QCOMPARE(s.masterPort, 29511);
        QVERIFY(s.agentStore);
        QCOMPARE(s.attempt, 2);
        QCOMPARE(QString::fromStdString(s.launcher), QString("torchrun"));
        QVERIFY(s.distributed());
    }

    void slurmEnvironment()
    {
        const auto s =
            dist::resolveDistSettings({}, envOf({{"SLURM_PROCID", "5"},
                                                 {"SLURM_NTASKS", "8"},
                                                 {"SLURM_LOCALID", "1"},
                                                 {"SLURM_JOB_NODELIST", "gpu[07-10,12],login1"},
                                                 {"SLURM_JOB_ID", "123456"}}));
        QCOMPARE(s.rank, 5);
        QCOMPARE(s.worldSize, 8);
        QCOMPARE(s.localRank, 1);
        QCOMPARE(QString::fromStdString(s.masterAddr), QString("gpu07"));
        QCOMPARE(s.masterPort, 20000 + 123456 % 20000);
        QVERIFY(!s.agentStore);
        // torchrun inside an sbatch job: torchrun's variables win.
        const auto t = dist::resolveDistSettings({}, envOf({{"SLURM_PROCID", "0"},
                                                            {"SLURM_NTASKS", "1"},
                                                            {"RANK", "1"},
                                                            {"WORLD_SIZE", "2"}}));
        QCOMPARE(t.rank, 1);
        QCOMPARE(t.worldSize, 2);
        // One task: one process.
        QVERIFY(!dist::resolveDistSettings({}, envOf({{"SLURM_NTASKS", "1"}})).distributed());
    }

    void slurmNodeLists_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("first");
        QTest::newRow("one host") << "node1"
                                  << "node1";
        QTest::newRow("hosts") << "a1,b2"
                               << "a1";
        QTest::newRow("range keeps zeros") << "node[003-005]"
                                           << "node003";
        QTest::newRow("list in brackets") << "cn[9,11-12]"
                                          << "cn9";
        QTest::newRow("suffix") << "r[2-3]-gpu,x"
                                << "r2-gpu";
    }
    void slurmNodeLists()
    {
        QFETCH(QString, list);
        QFETCH(QString, first);
        QCOMPARE(QString::fromStdString(dist::firstSlurmHost(list.toStdString())), first);
    }

    void badSettingsAreRefusedByName_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<int>("rank");
        QTest::addColumn<int>("world");
        QTest::addColumn<QString>("named");
        QTest::newRow("rank not a number")
            << QStringList{"WORLD_SIZE=2", "RANK=x"} << -1 << -1 << "RANK";
        QTest::newRow("rank missing") << QStringList{"WORLD_SIZE=2"} << -1 << -1 << "RANK";
        QTest::newRow("rank beyond world")
            << QStringList{"WORLD_SIZE=2", "RANK=2"} << -1 << -1 << "rank 2";
        QTest::newRow("port out of range")
            << QStringList{"WORLD_SIZE=2", "RANK=0", "MASTER_PORT=70000"} << -1 << -1
            << "MASTER_PORT";
        QTest::newRow("bad node list") << QStringList{"SLURM_NTASKS=2", "SLURM_JOB_NODELIST=[1-2"}
                                       << -1 << -1 << "SLURM_JOB_NODELIST";
        QTest::newRow("flag rank beyond flag world") << QStringList{} << 4 << 2 << "rank 4";
        QTest::newRow("flag rank alone") << QStringList{} << 1 << -1 << "--dist-world-size";
        QTest::newRow("world without rank") << QStringList{} << -1 << 2 << "--dist-rank";
    }
    void badSettingsAreRefusedByName()
    {
        QFETCH(QStringList, env);
        QFETCH(int, rank);
        QFETCH(int, world);
        QFETCH(QString, named);
        std::map<std::string, std::string> vars;
        for (const QString &e : env)
            vars[e.section('=', 0, 0).toStdString()] = e.section('=', 1).toStdString();
        dist::DistFlags f;
        if (rank >= 0)
            f.rank = rank;
        if (world >= 0)
            f.worldSize = world;
        try {
            dist::resolveDistSettings(f, envOf(vars));
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(named), e.what());
        }
    }

    void flagsWinOverTheEnvironment()
    {
        dist::DistFlags f;
        f.master = "10.0.0.2:4000";
        f.timeoutSeconds = 5;
        f.backend = "gloo";
        const auto s = dist::resolveDistSettings(
            f,
            envOf({{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"TORCHELASTIC_USE_AGENT_STORE", "True"}}));
        QCOMPARE(QString::fromStdString(s.masterAddr), QString("10.0.0.2"));
        QCOMPARE(s.masterPort, 4000);
        QVERIFY(!s.agentStore); // the user's own address: rank 0 hosts the store
        QCOMPARE(s.timeoutSeconds, 5.0);
        QVERIFY(!dist::resolveDistSettings({}, envOf({})).distributed());
    }

    // Every rank visits a disjoint part; padded, all ranks have as many samples and together
    // each sample at least once; the k-th batch of B on every rank together is the k-th batch of
    // B x ranks of one process.
    void shardsCoverTheEpoch_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("ranks");
        QTest::newRow("even") << 1200 << 2;
        QTest::newRow("uneven") << 1001 << 4;
        QTest::newRow("fewer samples than ranks") << 3 << 5;
    }
    void shardsCoverTheEpoch()
    {
        QFETCH(int, size);
        QFETCH(int, ranks);
        std::vector<std::size_t> order(static_cast<std::size_t>(size));
        std::iota(order.begin(), order.end(), 0);
        std::reverse(order.begin(), order.end());
        std::multiset<std::size_t> padded, plain;
        std::size_t first = 0;
        for (int r = 0; r < ranks; ++r) {
            const auto p = train::shardOrder(order, {r, ranks}, true);
            const auto q = train::shardOrder(order, {r, ranks}, false);
            if (r == 0)
                first = p.size();
            QCOMPARE(p.size(), first);
            padded.insert(p.begin(), p.end());
            plain.insert(q.begin(), q.end());
            // Batch k of 8 per rank is within batch k of 8 x ranks of one process.
            for (std::size_t i = 0; i < q.size(); ++i) {
                const std::size_t k = i / 8;
                const auto at =
                    std::size_t(std::find(order.begin(), order.end(), q[i]) - order.begin());
                QCOMPARE(at / (8 * std::size_t(ranks)), k);
            }
        }
        QCOMPARE(plain.size(), std::size_t(size)); // unpadded: each sample exactly once
        QCOMPARE(std::set<std::size_t>(plain.begin(), plain.end()).size(), std::size_t(size));
        QCOMPARE(std::set<std::size_t>(padded.begin(), padded.end()).size(), std::size_t(size));
        QCOMPARE(padded.size(), first * std::size_t(ranks));
        QVERIFY(padded.size() < std::size_t(size + ranks));
    }

    void tensorSourceVisitsItsShard()
    {
        train::TensorBatchSource source(torch::zeros({10, 1}), torch::arange(10), 3, true, 7);
        source.setShard({1, 2}, true);
        QCOMPARE(source.size(), std::int64_t(5));
        QCOMPARE(source.batchesPerEpoch(), std::int64_t(2));
        source.startEpoch(1);
        train::Batch b;
        std::int64_t seen = 0;
        while (source.next(b))
            seen += b.labels.size(0);
        QCOMPARE(seen, std::int64_t(5));
    }

    // Buckets of at most the asked size hold only trainable parameters; the averaged gradient
    // of two identical ranks is the gradient; a parameter without one gets zeros.
    void gradientsAreBucketedAndAveraged()
    {
        torch::manual_seed(1);
        auto a = torch::randn({300, 100}, torch::requires_grad());
        auto b = torch::randn({100}, torch::requires_grad());
        auto c = torch::randn({50, 50}, torch::requires_grad());
        auto unused = torch::randn({10}, torch::requires_grad());
        (a.sum(1).mul(b.sum()).sum() + c.pow(2).sum()).backward();
        const torch::Tensor ga = a.grad().clone(), gb = b.grad().clone(), gc = c.grad().clone();
        MirrorCollective mirror;
        // 30,000 floats (120 kB) per bucket: a alone, then b, c and the unused one together.
        train::GradientSync sync(mirror, {a, b, c, unused}, 120000);
        QCOMPARE(sync.buckets(), std::size_t(2));
        QCOMPARE(sync.bytesPerStep(), std::int64_t(4 * (30000 + 100 + 2500 + 10)));
        const train::StopVote vote = sync.step(false, false);
        QVERIFY(!vote.stop && !vote.abort);
        QVERIFY(torch::equal(a.grad(), ga));
        QVERIFY(torch::equal(b.grad(), gb));
        QVERIFY(torch::equal(c.grad(), gc));
        QVERIFY(unused.grad().defined());
        QCOMPARE(unused.grad().abs().sum().item<float>(), 0.f);
        // Reverse order (the last parameters' gradients are ready first), and the vote last.
        QCOMPARE(mirror.sizes, (std::vector<std::int64_t>{10 + 2500 + 100, 30000, 2}));
        QVERIFY(sync.step(true, false).stop);
    }
};

QTEST_GUILESS_MAIN(TestDataParallel)
#include "tst_data_parallel.moc"
