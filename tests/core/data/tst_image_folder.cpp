#include "data/image_folder.h"
#include "error.h"
#include "support/expect_error.h"
#include "support/fixtures.h"

#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QtTest>

using namespace tl;

class TestImageFolder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const std::string &name) const
    {
        return m_dir.path().toStdString() + "/" + name;
    }
    // A w x h image, BGR as OpenCV writes it, whose red channel is `red`.
    void writeImage(const std::string &file, int w, int h, int red, const char *ext = ".png")
    {
        cv::Mat m(h, w, CV_8UC3, cv::Scalar(10, 20, red));
        QDir().mkpath(QString::fromStdString(std::filesystem::path(file).parent_path().string()));
        QVERIFY(cv::imwrite(file + ext, m));
    }

private Q_SLOTS:
    void trainAndTestFolders()
    {
        for (int i = 0; i < 3; ++i) {
            writeImage(path("a/train/cat/" + std::to_string(i)), 16, 16, 200);
            writeImage(path("a/train/dog/" + std::to_string(i)), 16, 16, 100, ".jpg");
        }
        writeImage(path("a/test/cat/x"), 16, 16, 200);
        writeImage(path("a/test/dog/y"), 16, 16, 100);
        tl::test::writeText(path("a/train/cat/notes.txt"), "not an image, ignored");
        const auto tt = data::readImageFolder(path("a"), {});
        QCOMPARE(int(tt.train.size()), 6);
        QCOMPARE(int(tt.test.size()), 2);
        QCOMPARE(tt.train.classNames, (std::vector<std::string>{"cat", "dog"}));
        QCOMPARE(tt.train.channels, 3);
        // Stored as RGB: the red channel comes first.
        QCOMPARE(int(tt.train.image(0)[0]), 200);
        QCOMPARE(int(tt.train.image(0)[2]), 10);
        QCOMPARE(tt.train.labels[5], std::int64_t(1));
    }

    void flatFolderIsSplitAndResized()
    {
        for (int i = 0; i < 10; ++i) {
            writeImage(path("b/one/" + std::to_string(i)), 20, 20, 50);
            writeImage(path("b/two/" + std::to_string(i)), 40, 30, 150); // other size: resized
        }
        data::ImageFolderOptions o;
        o.testFraction = 0.2;
        const auto tt = data::readImageFolder(path("b"), o);
        QCOMPARE(int(tt.train.size()), 16);
        QCOMPARE(int(tt.test.size()), 4);
        QCOMPARE(tt.train.height, 20);
        QCOMPARE(tt.test.classCounts(), (std::vector<std::size_t>{2, 2}));
        o.imageSize = 8;
        QCOMPARE(data::readImageFolder(path("b"), o).train.width, 8);
    }

    void emptyClassFolder()
    {
        writeImage(path("c/full/0"), 8, 8, 1);
        QDir().mkpath(QString::fromStdString(path("c/empty")));
        TL_EXPECT_ERROR(data::readImageFolder(path("c"), {}),
                        (QStringList{"c/empty", "holds no images"}));
    }

    void undecodableImage()
    {
        writeImage(path("d/x/0"), 8, 8, 1);
        tl::test::writeText(path("d/x/broken.png"), "this is not a PNG");
        TL_EXPECT_ERROR(data::readImageFolder(path("d"), {}),
                        (QStringList{"broken.png", "cannot decode"}));
    }

    void noClassFolders()
    {
        QDir().mkpath(QString::fromStdString(path("e")));
        TL_EXPECT_ERROR(data::readImageFolder(path("e"), {}), (QStringList{"no class folders"}));
    }

    void missingRoot()
    {
        TL_EXPECT_ERROR(data::readImageFolder(path("nowhere"), {}),
                        (QStringList{"nowhere", "no such folder"}));
    }

    void testClassesMustMatch()
    {
        writeImage(path("f/train/a/0"), 8, 8, 1);
        writeImage(path("f/train/b/0"), 8, 8, 1);
        writeImage(path("f/test/a/0"), 8, 8, 1);
        writeImage(path("f/test/c/0"), 8, 8, 1);
        TL_EXPECT_ERROR(data::readImageFolder(path("f"), {}), (QStringList{"f/test", "differ"}));
    }
};

QTEST_GUILESS_MAIN(TestImageFolder)
#include "tst_image_folder.moc"
