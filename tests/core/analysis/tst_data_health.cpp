// The data's health (core/analysis/data_health.h): planted duplicates across training and test,
// a near duplicate, near-black, near-white and blurred images are all reported, and clean
// random images are not.

#include "analysis/data_health.h"
#include "data/dataset.h"

#include <QtTest>

#include <random>

using namespace tl;

namespace {

data::ImageStore noiseStore(std::size_t n, int classes, std::uint64_t seed)
{
    data::ImageStore s;
    s.height = s.width = 28;
    s.channels = 1;
    for (int c = 0; c < classes; ++c)
        s.classNames.push_back("class" + std::to_string(c));
    s.resize(n);
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < n; ++i) {
        // Blocks of random grey levels: textured like a photo, distinct from each other.
        std::uint8_t *p = s.image(i);
        for (int by = 0; by < 7; ++by)
            for (int bx = 0; bx < 7; ++bx) {
                const auto v = std::uint8_t(40 + rng() % 170);
                for (int y = 0; y < 4; ++y)
                    for (int x = 0; x < 4; ++x)
                        p[(by * 4 + y) * 28 + bx * 4 + x] = std::uint8_t(v + rng() % 20);
            }
        s.labels[i] = std::int64_t(i % std::size_t(classes));
    }
    return s;
}

} // namespace

class TestDataHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pieces()
    {
        const std::vector<std::uint8_t> flat(100, 77);
        QCOMPARE(runs::laplacianVariance(flat, 10, 10), 0.0);
        QCOMPARE(runs::differenceHash(flat, 10, 10), std::uint64_t(0));
        // Brighter to the left everywhere: every bit set.
        std::vector<std::uint8_t> ramp(18 * 16);
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 18; ++x)
                ramp[std::size_t(y * 18 + x)] = std::uint8_t(250 - 10 * x);
        QCOMPARE(runs::differenceHash(ramp, 16, 18), ~std::uint64_t(0));
        QCOMPARE(runs::greyOf({255, 0, 0, 0, 0, 255}, 1, 2, 3),
                 (std::vector<std::uint8_t>{76, 29}));
        QCOMPARE(runs::differenceHash({1, 2}, 5, 5), std::uint64_t(0)); // too few bytes: no read
    }

    void plantedProblemsAreReported()
    {
        data::DatasetSplits d;
        d.train = noiseStore(600, 4, 1);
        d.test = noiseStore(200, 4, 2);
        // 20 training images repeated in the test set (two with another label).
        for (std::size_t k = 0; k < 20; ++k) {
            std::copy(d.train.image(k * 7), d.train.image(k * 7) + d.train.imageBytes(),
                      d.test.image(k));
            d.test.labels[k] = k < 2 ? (d.train.labels[k * 7] + 1) % 4 : d.train.labels[k * 7];
        }
        // A near duplicate inside the training set: the same image, a little noise.
        std::mt19937_64 rng(3);
        for (std::size_t b = 0; b < d.train.imageBytes(); ++b)
            d.train.image(300)[b] =
                std::uint8_t(std::clamp(int(d.train.image(299)[b]) + int(rng() % 5) - 2, 0, 255));
        // Three near-black images, one near-white, one blurred flat-ish image.
        for (std::size_t k : {400u, 401u, 402u})
            for (std::size_t b = 0; b < d.train.imageBytes(); ++b)
                d.train.image(k)[b] = std::uint8_t(rng() % (6 + k - 400));
        for (std::size_t b = 0; b < d.train.imageBytes(); ++b)
            d.train.image(403)[b] = std::uint8_t(250 + rng() % 5);
        for (std::size_t b = 0; b < d.train.imageBytes(); ++b)
            d.train.image(404)[b] = std::uint8_t(100 + (b % 28) / 4);

        const runs::DataHealth h = runs::checkDataHealth(runs::RunFeatures{}, d);
        QCOMPARE(h.examined, std::int64_t(800));
        QCOMPARE(h.leakedImages, std::int64_t(20));
        int leaks = 0, near = 0, disagree = 0;
        for (const auto &g : h.duplicates) {
            leaks += int(g.leakage);
            disagree += int(g.labelsDisagree);
            if (!g.exact) {
                ++near;
                QCOMPARE(g.images.size(), std::size_t(2));
                QCOMPARE(g.images[0].storeRow + g.images[1].storeRow, std::int64_t(599));
            }
        }
        QCOMPARE(leaks, 20);
        QVERIFY(h.duplicates.front().leakage); // leakage named first
        QCOMPARE(near, 1);
        QCOMPARE(disagree, 3); // two planted in the test set, and 299/300 (classes 3 and 0)
        // 20 leak pairs and the near pair; the black images are not "duplicates" of each other.
        QCOMPARE(h.duplicateImages, std::int64_t(42));
        QCOMPARE(h.darkCount, std::int64_t(3));
        QCOMPARE(h.dark.front().storeRow, std::int64_t(400)); // darkest first
        QCOMPARE(h.brightCount, std::int64_t(1));
        QCOMPARE(h.bright.front().storeRow, std::int64_t(403));
        QCOMPARE(h.blurryCount, std::int64_t(1));
        QCOMPARE(h.blurry.front().storeRow, std::int64_t(404));
        QCOMPARE(h.imbalanceAdvice, std::string());
    }

    void imbalanceIsSaid()
    {
        data::DatasetSplits d;
        d.train = noiseStore(40, 2, 4);
        for (std::size_t i = 0; i < 40; ++i)
            d.train.labels[i] = i < 36 ? 0 : 1;
        const runs::DataHealth h = runs::checkDataHealth(runs::RunFeatures{}, d);
        QCOMPARE(h.imbalance, 9.0);
        QVERIFY(h.imbalanceAdvice.find("4 to 36") != std::string::npos);
        // The two remedies TransferLab has, as the CLI and the experiment file spell them.
        QVERIFY(h.imbalanceAdvice.find("--class-weights balanced, stages[].class_weights") !=
                std::string::npos);
        QVERIFY(h.imbalanceAdvice.find("--per-class N") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDataHealth)
#include "tst_data_health.moc"
