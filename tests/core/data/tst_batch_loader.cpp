#include "data/batch_loader.h"
#include "data/image_folder.h"
#include "base/error.h"

#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace tl;
using namespace tl::data;

namespace {

ImageStore makeStore(int n)
{
    ImageStore s;
    s.height = s.width = 8;
    s.channels = 1;
    s.classNames = {"a", "b", "c"};
    s.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        std::fill(s.image(std::size_t(i)), s.image(std::size_t(i)) + 64, std::uint8_t(i % 256));
        s.labels[std::size_t(i)] = i % 3;
    }
    return s;
}

PreprocessOptions plain()
{
    PreprocessOptions p;
    p.normalization = Normalization::None;
    return p;
}

std::vector<train::Batch> epoch(BatchLoader &l, int e)
{
    std::vector<train::Batch> out;
    l.startEpoch(e);
    train::Batch b;
    while (l.next(b))
        out.push_back(b);
    return out;
}

} // namespace

class TestBatchLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void coversEveryImageOncePerEpoch()
    {
        const ImageStore s = makeStore(100);
        LoaderOptions o;
        o.batchSize = 32;
        o.workers = 2;
        BatchLoader l(s, SampleTransform(8, 8, 1, {}, plain()), o);
        QCOMPARE(l.batchesPerEpoch(), std::int64_t(4));
        const auto batches = epoch(l, 0);
        QCOMPARE(int(batches.size()), 4);
        QCOMPARE(batches.back().images.size(0), std::int64_t(4));
        std::vector<int> seen(100, 0);
        for (const auto &b : batches) {
            QCOMPARE(b.images.sizes().vec(),
                     (std::vector<std::int64_t>{b.labels.size(0), 1, 8, 8}));
            for (std::int64_t i = 0; i < b.indices.size(0); ++i) {
                const auto idx = b.indices[i].item<std::int64_t>();
                ++seen[std::size_t(idx)];
                QCOMPARE(b.labels[i].item<std::int64_t>(), idx % 3);
                QCOMPARE(b.images[i][0][3][3].item<float>(), float(idx % 256) / 255.f);
            }
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
    }

    void threadsDoNotChangeResults()
    {
        const ImageStore s = makeStore(70);
        AugmentOptions a = AugmentOptions::parse("hflip,rotation=30,cutout=3");
        auto collect = [&](int workers) {
            LoaderOptions o;
            o.batchSize = 16;
            o.workers = workers;
            o.seed = 5;
            BatchLoader l(s, SampleTransform(8, 8, 1, a, plain()), o);
            return epoch(l, 3);
        };
        const auto sync = collect(0), threaded = collect(3);
        QCOMPARE(sync.size(), threaded.size());
        for (std::size_t i = 0; i < sync.size(); ++i) {
            QVERIFY(torch::equal(sync[i].indices, threaded[i].indices));
            QVERIFY(torch::equal(sync[i].images, threaded[i].images));
        }
    }

    void epochsShuffleDifferently()
    {
        const ImageStore s = makeStore(50);
        LoaderOptions o;
        o.batchSize = 50;
        BatchLoader l(s, SampleTransform(8, 8, 1, {}, plain()), o);
        const auto e0 = epoch(l, 0), e1 = epoch(l, 1), again = epoch(l, 0);
        QVERIFY(!torch::equal(e0[0].indices, e1[0].indices));
        QVERIFY(torch::equal(e0[0].indices, again[0].indices));
        o.shuffle = false;
        BatchLoader ordered(s, SampleTransform(8, 8, 1, {}, plain()), o);
        QVERIFY(torch::equal(epoch(ordered, 0)[0].indices, torch::arange(50)));
    }

    void stopsEarlyWithoutHanging()
    {
        const ImageStore s = makeStore(1000);
        LoaderOptions o;
        o.batchSize = 10;
        o.workers = 2;
        o.prefetch = 2;
        {
            BatchLoader l(s, SampleTransform(8, 8, 1, {}, plain()), o);
            l.startEpoch(0);
            train::Batch b;
            QVERIFY(l.next(b));
            l.startEpoch(1); // abandons epoch 0 mid-way
            QVERIFY(l.next(b));
        } // destructor joins the workers
    }

    // A streamed folder whose files break after they were listed: each is left out of its
    // batch (smaller batches, never an empty one), recorded once, and left out of every later
    // epoch; the other images all arrive, prepared at the transform's size, on worker threads.
    void fileBrokenBetweenListingAndDecoding()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        for (int i = 0; i < 10; ++i)
            for (const char *cls : {"a", "b"}) {
                std::filesystem::create_directories(root + "/train/" + cls);
                std::filesystem::create_directories(root + "/test/" + cls);
                cv::Mat m(30 + i, 40, CV_8UC3, cv::Scalar(i * 20, 50, 100));
                QVERIFY(cv::imwrite(root + "/train/" + cls + "/" + std::to_string(i) + ".jpg", m));
                QVERIFY(cv::imwrite(root + "/test/" + cls + "/" + std::to_string(i) + ".jpg", m));
            }
        const auto fd = data::readImageFolder(root, {});
        QCOMPARE(fd.train.size(), std::size_t(20));
        QVERIFY(fd.skipped.empty());
        std::ofstream(root + "/train/a/3.jpg", std::ios::trunc).flush(); // emptied
        std::ofstream(root + "/train/b/7.jpg", std::ios::trunc) << "\xff\xd8\xff junk \xff\xd9";
        data::PreprocessOptions pre;
        pre.imageSize = 16;
        pre.normalization = data::Normalization::None;
        data::AugmentOptions aug;
        aug.hflip = true;
        data::LoaderOptions lo;
        lo.batchSize = 4;
        lo.workers = 2;
        data::BatchLoader loader(fd.train, data::SampleTransform(224, 224, 3, aug, pre), lo);
        for (int epoch = 0; epoch < 2; ++epoch) {
            loader.startEpoch(epoch);
            train::Batch b;
            std::int64_t seen = 0;
            while (loader.next(b)) {
                QVERIFY(b.images.size(0) > 0);
                QCOMPARE(b.images.size(2), std::int64_t(16));
                QCOMPARE(b.labels.size(0), b.images.size(0));
                seen += b.images.size(0);
            }
            QCOMPARE(seen, std::int64_t(18));
        }
        const auto skipped = fd.images->skipped();
        QCOMPARE(skipped.size(), std::size_t(2));
    }

    void badBatchSize()
    {
        const ImageStore s = makeStore(3);
        LoaderOptions o;
        o.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(Error, BatchLoader(s, SampleTransform(8, 8, 1, {}, plain()), o));
    }
};

QTEST_GUILESS_MAIN(TestBatchLoader)
#include "tst_batch_loader.moc"
