#include "data/dataset.h"
#include "io/download.h"
#include "base/error.h"
#include "io/hash.h"
#include "support/expect_error.h"
#include "support/fixtures.h"
#include "support/http_server.h"
#include "weights/weight_catalog.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace tl;
using namespace tl::test;

namespace {

Bytes payload(std::size_t n)
{
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i)
        b[i] = std::uint8_t((i * 131) ^ (i >> 8));
    return b;
}

std::string md5Of(const Bytes &b)
{
    Hasher h(HashKind::Md5);
    h.update(b.data(), b.size());
    return h.hexDigest();
}

} // namespace

class TestDownload : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string folder(const std::string &name) const
    {
        return m_dir.path().toStdString() + "/" + name;
    }

private Q_SLOTS:
    // A server that trickles 2 bytes a second: the stall limit ends the download, and nothing of
    // it is kept.
    void aStallingServerIsLeft()
    {
        LocalHttpServer server;
        const Bytes body = payload(100000);
        server.serve("/slow.bin", body);
        server.throttle("/slow.bin", 2);
        tl::RemoteFile f{"slow.bin", {server.url("/slow.bin")}, md5Of(body), ""};
        DownloadLimits limits = DownloadLimits::forFile(f);
        limits.stallSeconds = 2;
        QElapsedTimer t;
        t.start();
        TL_EXPECT_ERROR(tl::downloadFile(f, folder("slow"), {}, &limits),
                        (QStringList{"slow.bin", "stalled"}));
        QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!std::filesystem::exists(folder("slow") + "/slow.bin.part"));
    }

    // More bytes than the file can have (a lying Content-Length, or a stream that never ends):
    // cut at the cap, deleted.
    void anOversizedOrEndlessResponseIsCut()
    {
        LocalHttpServer server;
        const Bytes body = payload(200000);
        server.serve("/big.bin", body);
        tl::RemoteFile f{"big.bin", {server.url("/big.bin")}, md5Of(body), ""};
        f.size = 1000; // the catalog says 1000 bytes
        TL_EXPECT_ERROR(tl::downloadFile(f, folder("big")), (QStringList{"big.bin", "bytes"}));
        QVERIFY(!std::filesystem::exists(folder("big") + "/big.bin.part"));

        server.serveEndless("/endless.bin");
        tl::RemoteFile e{"endless.bin", {server.url("/endless.bin")}, md5Of(body), ""};
        e.size = 5'000'000;
        TL_EXPECT_ERROR(tl::downloadFile(e, folder("endless")),
                        (QStringList{"endless.bin", "more than"}));
        QVERIFY(!std::filesystem::exists(folder("endless") + "/endless.bin.part"));
    }

    void downloadsAndVerifies()
    {
        LocalHttpServer server;
        const Bytes body = payload(300000);
        server.serve("/data.bin", body);
        tl::RemoteFile f{"data.bin", {server.url("/data.bin")}, md5Of(body), ""};
        std::int64_t lastReceived = 0;
        const std::string path =
            tl::downloadFile(f, folder("ok"), [&](const tl::DownloadProgress &p) {
                lastReceived = p.received;
                return true;
            });
        QCOMPARE(path, folder("ok") + "/data.bin");
        QCOMPARE(hashFile(path, HashKind::Md5), md5Of(body));
        QCOMPARE(lastReceived, std::int64_t(body.size()));
        QVERIFY(!std::filesystem::exists(path + ".part"));
        // Present and verified: no second request.
        const int before = server.requests();
        tl::downloadFile(f, folder("ok"));
        QCOMPARE(server.requests(), before);
    }

    void sha256PrefixAsTorchvisionGivesIt()
    {
        LocalHttpServer server;
        const Bytes body = payload(1000);
        server.serve("/w.pth", body);
        Hasher h(HashKind::Sha256);
        h.update(body.data(), body.size());
        tl::RemoteFile f{"w.pth", {server.url("/w.pth")}, "", h.hexDigest().substr(0, 8)};
        QVERIFY(std::filesystem::exists(tl::downloadFile(f, folder("sha"))));
    }

    void checksumMismatchDeletesTheFile()
    {
        LocalHttpServer server;
        server.serve("/bad.bin", payload(5000));
        tl::RemoteFile f{"bad.bin", {server.url("/bad.bin")}, std::string(32, '0'), ""};
        const QString err = tl::test::errorOf([&] { tl::downloadFile(f, folder("bad")); });
        QVERIFY2(err.contains("checksum mismatch"), qPrintable(err));
        QVERIFY(err.contains("/bad.bin"));
        QVERIFY(!std::filesystem::exists(folder("bad") + "/bad.bin"));
        QVERIFY(!std::filesystem::exists(folder("bad") + "/bad.bin.part"));
    }

    void httpErrorAndMirrorFallback()
    {
        LocalHttpServer server;
        const Bytes body = payload(2000);
        server.serve("/mirror2/x.bin", body);
        tl::RemoteFile f{
            "x.bin", {server.url("/mirror1/x.bin"), server.url("/mirror2/x.bin")}, md5Of(body), ""};
        QVERIFY(std::filesystem::exists(tl::downloadFile(f, folder("mirror"))));
        tl::RemoteFile missing{"y.bin", {server.url("/nowhere/y.bin")}, md5Of(body), ""};
        const QString err =
            tl::test::errorOf([&] { tl::downloadFile(missing, folder("mirror")); });
        QVERIFY2(err.contains("404"), qPrintable(err));
    }

    void resumesAnInterruptedDownload()
    {
        LocalHttpServer server;
        const Bytes body = payload(400000);
        server.serve("/big.bin", body);
        server.cutNextResponse("/big.bin", 150000);
        tl::RemoteFile f{"big.bin", {server.url("/big.bin")}, md5Of(body), ""};
        const QString first = tl::test::errorOf([&] { tl::downloadFile(f, folder("resume")); });
        QVERIFY2(!first.isEmpty(), "a cut connection must be an error");
        QCOMPARE(std::filesystem::file_size(folder("resume") + "/big.bin.part"),
                 std::uintmax_t(150000));
        const std::string path = tl::downloadFile(f, folder("resume"));
        QVERIFY(server.lastRangeHeader().find("150000") != std::string::npos);
        QCOMPARE(hashFile(path, HashKind::Md5), md5Of(body));
    }

    void offlineSaysSo()
    {
        int port;
        {
            LocalHttpServer s; // take a free port, then close it
            port = s.port();
        }
        tl::RemoteFile f{"z.bin",
                           {"http://127.0.0.1:" + std::to_string(port) + "/z.bin"},
                           std::string(32, 'a'),
                           ""};
        const QString err = tl::test::errorOf([&] { tl::downloadFile(f, folder("offline")); });
        QVERIFY2(err.contains("cannot reach") && err.contains("offline"), qPrintable(err));
    }

    void cancel()
    {
        LocalHttpServer server;
        server.serve("/c.bin", payload(2000000));
        tl::RemoteFile f{"c.bin", {server.url("/c.bin")}, std::string(32, 'a'), ""};
        const QString err = tl::test::errorOf([&] {
            tl::downloadFile(f, folder("cancel"),
                               [](const tl::DownloadProgress &) { return false; });
        });
        QVERIFY2(err.contains("cancelled"), qPrintable(err));
    }

    void datasetDownloadThroughMirrorIntoXdgCache()
    {
        // Serve Fashion-MNIST-named files: their checksums are not the official ones, so the
        // real catalog must refuse them, naming the file.
        QTemporaryDir cache;
        qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
        LocalHttpServer server;
        for (const auto &f : data::datasetInfo("fashion-mnist").files)
            server.serve("/fm/" + f.fileName, payload(1000));
        const QString err =
            tl::test::errorOf([&] { data::downloadDataset("fashion-mnist", server.url("/fm/")); });
        QVERIFY2(err.contains("train-images-idx3-ubyte.gz") && err.contains("checksum mismatch"),
                 qPrintable(err));
        QCOMPARE(QString::fromStdString(data::datasetCacheFolder("cifar10")),
                 cache.path() + "/transferlab/datasets/cifar10");
        // The catalog has the official addresses and checksums.
        const auto &c10 = data::datasetInfo("cifar10").files.front();
        QCOMPARE(c10.urls.front(),
                 std::string("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"));
        QCOMPARE(c10.md5, std::string("c32a1d4ab5d03f1284b67883e8d87530"));
        QCOMPARE(int(data::datasetInfo("mnist").files.size()), 4);
        qunsetenv("XDG_CACHE_HOME");
    }

    void weightsLiveInTorchsCache()
    {
        QTemporaryDir home;
        qputenv("TORCH_HOME", home.path().toUtf8());
        QCOMPARE(QString::fromStdString(weights::torchHubCheckpointDir()),
                 home.path() + "/hub/checkpoints");
        QVERIFY(weights::findWeights("resnet18").empty());
        const auto &info = weights::weightInfo("resnet18");
        QCOMPARE(info.url,
                 std::string("https://download.pytorch.org/models/resnet18-f37072fd.pth"));
        QCOMPARE(info.sha256Prefix, std::string("f37072fd"));
        // A file PyTorch already downloaded is found where PyTorch keeps it.
        writeBytes(home.path().toStdString() + "/hub/checkpoints/resnet18-f37072fd.pth",
                   payload(10));
        QCOMPARE(weights::findWeights("resnet18"),
                 home.path().toStdString() + "/hub/checkpoints/resnet18-f37072fd.pth");
        QVERIFY(!weights::verifyWeights(weights::findWeights("resnet18"), info));
        // Downloading goes through the same verified path: a wrong file is refused.
        LocalHttpServer server;
        server.serve("/models/mobilenet_v2-b0353104.pth", payload(5000));
        const QString err = tl::test::errorOf(
            [&] { weights::downloadWeights("mobilenet_v2", {}, server.url("/models/")); });
        QVERIFY2(err.contains("checksum mismatch") && err.contains("b0353104"), qPrintable(err));
        QVERIFY(weights::findWeights("mobilenet_v2").empty());
        QVERIFY_THROWS_EXCEPTION(Error, weights::weightInfo("simple-cnn"));
        qunsetenv("TORCH_HOME");
    }

    void loadDatasetDownloadsWhenAsked()
    {
        // A dataset missing from the cache: without --download a clear error, with it a fetch.
        QTemporaryDir cache;
        qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
        data::DatasetOptions o;
        o.name = "cifar10";
        const QString err = tl::test::errorOf([&] { data::loadDataset(o); });
        QVERIFY2(err.contains("CIFAR-10 not found") && err.contains("--download"), qPrintable(err));
        qunsetenv("XDG_CACHE_HOME");
    }
};

QTEST_GUILESS_MAIN(TestDownload)
#include "tst_download.moc"
