#include "data/autoaugment.h"
#include "data/transform.h"
#include "base/error.h"

#include <opencv2/core.hpp>

#include <QtTest>

using namespace tl;
using namespace tl::data;

namespace {

// 4x4 gray image with distinct values 0, 10, ..., 150 (row-major).
std::vector<std::uint8_t> ramp4()
{
    std::vector<std::uint8_t> v(16);
    for (int i = 0; i < 16; ++i)
        v[std::size_t(i)] = std::uint8_t(i * 10);
    return v;
}

PreprocessOptions identity()
{
    PreprocessOptions p;
    p.normalization = Normalization::None;
    p.mean = {0, 0, 0};
    p.std = {1, 1, 1};
    return p;
}

std::vector<float> run(const SampleTransform &t, const std::vector<std::uint8_t> &src,
                       std::uint64_t seed, bool augment = true)
{
    std::vector<float> out(t.outFloats());
    Rng rng(seed);
    t.apply(src.data(), out.data(), rng, augment);
    return out;
}

} // namespace

class TestAugment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identityWithoutAugmentation()
    {
        const auto src = ramp4();
        const SampleTransform t(4, 4, 1, {}, identity());
        const auto out = run(t, src, 1);
        for (int i = 0; i < 16; ++i)
            QCOMPARE(out[std::size_t(i)], float(i * 10) / 255.f);
    }

    void horizontalFlipIsExact()
    {
        AugmentOptions a;
        a.hflip = true;
        const SampleTransform t(4, 4, 1, a, identity());
        const auto src = ramp4();
        int flipped = 0, kept = 0;
        for (std::uint64_t seed = 0; seed < 40; ++seed) {
            const auto out = run(t, src, seed);
            const bool isFlipped = out[0] > 0.05f; // 30/255 when mirrored, 0 otherwise
            (isFlipped ? flipped : kept)++;
            for (int y = 0; y < 4; ++y)
                for (int x = 0; x < 4; ++x) {
                    const int sx = isFlipped ? 3 - x : x;
                    QCOMPARE(out[std::size_t(y * 4 + x)], float((y * 4 + sx) * 10) / 255.f);
                }
        }
        QVERIFY(flipped > 5 && kept > 5); // a fair coin over 40 draws
        // Evaluation never flips.
        QCOMPARE(run(t, src, 3, false)[0], 0.f);
    }

    void autoAugmentGeometryKnownResults()
    {
        // 3x3 gray ramp 1..9
        cv::Mat img = (cv::Mat_<std::uint8_t>(3, 3) << 1, 2, 3, 4, 5, 6, 7, 8, 9);
        cv::Mat r = img.clone();
        applyAutoAugmentOp(r, AutoAugmentOp::Rotate, 90); // counter-clockwise, about the centre
        const cv::Mat expected = (cv::Mat_<std::uint8_t>(3, 3) << 3, 6, 9, 2, 5, 8, 1, 4, 7);
        QCOMPARE(cv::countNonZero(r != expected), 0);

        cv::Mat t = img.clone();
        applyAutoAugmentOp(t, AutoAugmentOp::TranslateX, 1); // content moves right by one, 0 fill
        const cv::Mat shifted = (cv::Mat_<std::uint8_t>(3, 3) << 0, 1, 2, 0, 4, 5, 0, 7, 8);
        QCOMPARE(cv::countNonZero(t != shifted), 0);

        cv::Mat inv = img.clone();
        applyAutoAugmentOp(inv, AutoAugmentOp::Invert, 0);
        QCOMPARE(int(inv.at<std::uint8_t>(0, 0)), 254);

        cv::Mat post = (cv::Mat_<std::uint8_t>(1, 2) << 0xff, 0x37);
        applyAutoAugmentOp(post, AutoAugmentOp::Posterize, 4);
        QCOMPARE(int(post.at<std::uint8_t>(0, 0)), 0xf0);
        QCOMPARE(int(post.at<std::uint8_t>(0, 1)), 0x30);

        cv::Mat sol = (cv::Mat_<std::uint8_t>(1, 2) << 200, 100);
        applyAutoAugmentOp(sol, AutoAugmentOp::Solarize, 128);
        QCOMPARE(int(sol.at<std::uint8_t>(0, 0)), 55);
        QCOMPARE(int(sol.at<std::uint8_t>(0, 1)), 100);
    }

    void resizeGrayToRgbAndImagenetNormalization()
    {
        std::vector<std::uint8_t> src(32 * 32, 128);
        PreprocessOptions p;
        p.imageSize = 224;
        p.channels = 3;
        p.normalization = Normalization::ImageNet;
        ImageStore dummy;
        p = resolvePreprocess(p, dummy);
        const SampleTransform t(32, 32, 1, {}, p);
        QCOMPARE(t.outHeight(), 224);
        QCOMPARE(t.outChannels(), 3);
        const auto out = run(t, src, 0);
        QCOMPARE(out.size(), std::size_t(3 * 224 * 224));
        for (int c = 0; c < 3; ++c) {
            const float expected = (128 / 255.f - p.mean[std::size_t(c)]) / p.std[std::size_t(c)];
            QVERIFY(std::abs(out[std::size_t(c) * 224 * 224 + 1000] - expected) < 1e-5f);
        }
        std::vector<std::uint8_t> back(224 * 224 * 3);
        t.denormalize(out.data(), back.data());
        QCOMPARE(int(back[0]), 128);
        QCOMPARE(int(back[back.size() - 1]), 128);
    }

    void datasetStatistics()
    {
        ImageStore s;
        s.height = s.width = 1;
        s.channels = 1;
        s.pixels = {0, 255};
        s.labels = {0, 0};
        std::array<float, 3> mean{}, std{};
        channelStatistics(s, mean, std);
        QVERIFY(std::abs(mean[0] - 0.5f) < 1e-6f);
        QVERIFY(std::abs(std[0] - 0.5f) < 1e-6f);
    }

    void everyAugmentationIsDeterministic_data()
    {
        QTest::addColumn<QString>("spec");
        for (const char *s :
             {"hflip", "vflip", "rotation=20", "zoom=0.2", "translate=0.2", "brightness=0.3",
              "contrast=0.3", "cutout=8", "autoaugment", "hflip,rotation=10,zoom=0.1,cutout=4"})
            QTest::newRow(s) << QString(s);
    }
    void everyAugmentationIsDeterministic()
    {
        QFETCH(QString, spec);
        const AugmentOptions a = AugmentOptions::parse(spec.toStdString());
        std::vector<std::uint8_t> src(32 * 32 * 3);
        for (std::size_t i = 0; i < src.size(); ++i)
            src[i] = std::uint8_t((i * 37) % 251);
        PreprocessOptions p = identity();
        const SampleTransform t(32, 32, 3, a, p);
        // The same seed gives the same sample; some seed gives a different one.
        QCOMPARE(run(t, src, 11), run(t, src, 11));
        bool differs = false;
        for (std::uint64_t seed = 0; seed < 20 && !differs; ++seed)
            differs = run(t, src, seed) != run(t, src, seed + 100);
        QVERIFY(differs);
        for (float v : run(t, src, 5))
            QVERIFY(v >= 0.f && v <= 1.f);
    }

    void cutoutZeroesASquare()
    {
        AugmentOptions a;
        a.cutout = 4;
        std::vector<std::uint8_t> src(16 * 16, 200);
        const SampleTransform t(16, 16, 1, a, identity());
        const auto out = run(t, src, 3);
        const auto zeros = std::count(out.begin(), out.end(), 0.f);
        QVERIFY(zeros > 0 && zeros <= 16);
    }

    void parseErrors()
    {
        QVERIFY_THROWS_EXCEPTION(Error, AugmentOptions::parse("hflip,spin"));
        QVERIFY_THROWS_EXCEPTION(Error, AugmentOptions::parse("rotation=abc"));
        QVERIFY_THROWS_EXCEPTION(Error, AugmentOptions::parse("zoom=1.5"));
        QCOMPARE(AugmentOptions::parse("hflip,rotation=15").toString(),
                 std::string("hflip,rotation=15"));
    }
};

QTEST_GUILESS_MAIN(TestAugment)
#include "tst_augment.moc"
