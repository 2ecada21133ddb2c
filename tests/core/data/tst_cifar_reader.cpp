#include "data/cifar_reader.h"
#include "data/dataset.h"
#include "base/error.h"
#include "support/expect_error.h"
#include "support/fixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tl;
using namespace tl::test;

class TestCifarReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const std::string &name) const
    {
        return m_dir.path().toStdString() + "/" + name;
    }

private Q_SLOTS:
    void cifar10Folder()
    {
        writeCifar10Folder(path("c10/cifar-10-batches-bin"), 12);
        const auto tt = data::readCifar(path("c10"), data::CifarVariant::Cifar10);
        QCOMPARE(int(tt.train.size()), 60);
        QCOMPARE(int(tt.test.size()), 12);
        QCOMPARE(tt.train.classNames.size(), std::size_t(10));
        QCOMPARE(tt.train.classNames[1], std::string("automobile"));
        // Planar RGB became HWC: pixel (row 0, col 5) of record 3 of batch 1.
        const std::uint8_t *img = tt.train.image(3);
        QCOMPARE(int(img[5 * 3 + 0]), int(cifarPixel(3, 0, 5)));
        QCOMPARE(int(img[5 * 3 + 1]), int(cifarPixel(3, 1, 5)));
        QCOMPARE(int(img[5 * 3 + 2]), int(cifarPixel(3, 2, 5)));
        QCOMPARE(tt.train.labels[13], std::int64_t(1)); // batch 2, record 1
    }

    void cifar10Archive()
    {
        std::vector<std::uint8_t> labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        std::vector<std::pair<std::string, Bytes>> files;
        for (int b = 1; b <= 5; ++b)
            files.push_back({"cifar-10-batches-bin/data_batch_" + std::to_string(b) + ".bin",
                             cifar10Records(labels)});
        files.push_back({"cifar-10-batches-bin/test_batch.bin", cifar10Records(labels)});
        const std::string meta =
            "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n";
        files.push_back({"cifar-10-batches-bin/batches.meta.txt", Bytes(meta.begin(), meta.end())});
        writeBytes(path("cifar-10-binary.tar.gz"), gzip(tar(files)));
        const auto tt =
            data::readCifar(path("cifar-10-binary.tar.gz"), data::CifarVariant::Cifar10);
        QCOMPARE(int(tt.train.size()), 50);
        QCOMPARE(tt.test.classNames[9], std::string("truck"));
    }

    void cifar100FineAndCoarse()
    {
        std::vector<std::pair<std::uint8_t, std::uint8_t>> labels = {{3, 99}, {19, 0}, {0, 42}};
        writeBytes(path("c100/cifar-100-binary/train.bin"), cifar100Records(labels));
        writeBytes(path("c100/cifar-100-binary/test.bin"), cifar100Records(labels));
        const auto fine = data::readCifar(path("c100"), data::CifarVariant::Cifar100Fine);
        QCOMPARE(fine.train.numClasses(), 100);
        QCOMPARE(fine.train.labels[0], std::int64_t(99));
        const auto coarse = data::readCifar(path("c100"), data::CifarVariant::Cifar100Coarse);
        QCOMPARE(coarse.train.numClasses(), 20);
        QCOMPARE(coarse.train.labels[1], std::int64_t(19));
    }

    void truncatedRecord()
    {
        writeCifar10Folder(path("trunc"), 3);
        Bytes b = cifar10Records({1, 2, 3});
        b.resize(b.size() - 10);
        writeBytes(path("trunc/data_batch_2.bin"), b);
        TL_EXPECT_ERROR(
            data::readCifar(path("trunc"), data::CifarVariant::Cifar10),
            (QStringList{"data_batch_2.bin", "truncated record 2", "byte offset 6146"}));
    }

    void labelOutOfRange()
    {
        writeCifar10Folder(path("badlabel"), 3);
        writeBytes(path("badlabel/test_batch.bin"), cifar10Records({1, 12, 3}));
        TL_EXPECT_ERROR(data::readCifar(path("badlabel"), data::CifarVariant::Cifar10),
                        (QStringList{"test_batch.bin", "record 1", "label 12"}));
    }

    void missingBatch()
    {
        writeCifar10Folder(path("missing"), 2);
        QFile::remove(QString::fromStdString(path("missing/data_batch_4.bin")));
        TL_EXPECT_ERROR(data::readCifar(path("missing"), data::CifarVariant::Cifar10),
                        (QStringList{"missing", "data_batch_4.bin"}));
    }

    void wrongClassNames()
    {
        writeCifar10Folder(path("names"), 2);
        writeText(path("names/batches.meta.txt"), "a\nb\n");
        TL_EXPECT_ERROR(data::readCifar(path("names"), data::CifarVariant::Cifar10),
                        (QStringList{"batches.meta.txt", "2 class names", "expected 10"}));
    }

    void corruptArchive()
    {
        writeBytes(path("junk.tar.gz"), {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5});
        TL_EXPECT_ERROR(data::readCifar(path("junk.tar.gz"), data::CifarVariant::Cifar10),
                        (QStringList{"junk.tar.gz"}));
        writeText(path("plain.tar.gz"), "hello, this is not an archive");
        TL_EXPECT_ERROR(data::readCifar(path("plain.tar.gz"), data::CifarVariant::Cifar10),
                        (QStringList{"plain.tar.gz"}));
    }

    void missingSource()
    {
        TL_EXPECT_ERROR(data::readCifar(path("absent"), data::CifarVariant::Cifar10),
                        (QStringList{"absent", "no such"}));
    }

    void datasetFromRoot()
    {
        writeCifar10Folder(path("ds/cifar-10-batches-bin"), 20);
        data::DatasetOptions o;
        o.name = "cifar10";
        o.root = path("ds");
        o.valSplit = 0.1;
        const auto ds = data::loadDataset(o);
        QCOMPARE(int(ds.train.size()), 90);
        QCOMPARE(int(ds.val.size()), 10);
        // Keras takes the last 10 % before shuffling.
        QCOMPARE(ds.val.sourceIndex.front(), std::int64_t(90));
    }
};

QTEST_GUILESS_MAIN(TestCifarReader)
#include "tst_cifar_reader.moc"
