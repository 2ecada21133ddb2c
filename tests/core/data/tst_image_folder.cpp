#include "data/image_folder.h"
#include "data/image_preprocess.h"
#include "data/transform.h"
#include "base/error.h"
#include "support/expect_error.h"
#include "support/fixtures.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QRegularExpression>
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
        // Listed, not decoded; shown as RGB: the red channel comes first.
        QVERIFY(tt.train.streamed() && tt.train.pixels.empty());
        QCOMPARE(int(tt.train.pixelsOf(0)[0]), 200);
        QCOMPARE(int(tt.train.pixelsOf(0)[2]), 10);
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
        QCOMPARE(tt.train.height, 224); // shown at the ImageNet backbones' size unless asked
        QCOMPARE(tt.test.classCounts(), (std::vector<std::size_t>{2, 2}));
        o.imageSize = 8;
        QCOMPARE(data::readImageFolder(path("b"), o).train.width, 8);
    }

    // preprocessing.json's "resize" (describeTrainingResize) for the datasets stored in memory
    // at their size (IDX, CIFAR) names the one resize to the model's size: repeating the text's
    // step with OpenCV gives the transform's pixels exactly. (Image files are prepared as
    // torchvision prepares them: tst_preprocess_parity compares that text with torchvision.)
    void resizeIsWhatPreprocessingJsonSays()
    {
        const int stored = 24, wanted = 32;
        const QString text =
            QString::fromStdString(data::describeTrainingResize(false, stored, wanted));
        const auto flag = [](const QString &name) {
            const std::map<QString, int> flags = {{"INTER_NEAREST", cv::INTER_NEAREST},
                                                  {"INTER_LINEAR", cv::INTER_LINEAR},
                                                  {"INTER_CUBIC", cv::INTER_CUBIC},
                                                  {"INTER_AREA", cv::INTER_AREA},
                                                  {"INTER_LANCZOS4", cv::INTER_LANCZOS4}};
            const auto it = flags.find(name);
            return it == flags.end() ? -1 : it->second;
        };
        const QRegularExpressionMatch step =
            QRegularExpression("24 x 24 to 32 x 32 with (INTER_\\w+)").match(text);
        QVERIFY2(step.hasMatch(), qPrintable(text));
        const int interpolation = flag(step.captured(1));
        QVERIFY(interpolation >= 0);
        QVERIFY(!text.contains("image file"));
        data::PreprocessOptions pre;
        pre.imageSize = wanted;
        pre.channels = 3;
        pre.normalization = data::Normalization::None;
        const data::SampleTransform transform(stored, stored, 3, {}, pre);
        std::vector<float> out(transform.outFloats());
        data::Rng rng(1);
        cv::RNG noise(7); // every interpolation gives other pixels on noise
        for (int i = 0; i < 4; ++i) {
            cv::Mat image(stored, stored, CV_8UC3);
            noise.fill(image, cv::RNG::UNIFORM, 0, 256);
            cv::Mat sized;
            cv::resize(image, sized, cv::Size(wanted, wanted), 0, 0, interpolation);
            transform.apply(image.data, out.data(), rng, false);
            const std::size_t plane = std::size_t(wanted) * wanted;
            for (int y = 0; y < wanted; ++y)
                for (int x = 0; x < wanted; ++x)
                    for (int k = 0; k < 3; ++k)
                        QCOMPARE(
                            int(std::lround(out[k * plane + std::size_t(y) * wanted + x] * 255)),
                            int(sized.at<cv::Vec3b>(y, x)[k]));
        }
        QVERIFY(
            QString::fromStdString(data::describeTrainingResize(false, 28, 28)).startsWith("none"));
        // Image files: the torchvision preparation, named with its filter and numbers.
        const QString files = QString::fromStdString(data::describeTrainingResize(true, 0, 224));
        for (const char *part : {"shorter side resized to 256", "Pillow's BILINEAR",
                                 "the centre 224 x 224", "RandomResizedCrop(224", "EXIF"})
            QVERIFY2(files.contains(part), part);
    }

    void emptyClassFolder()
    {
        writeImage(path("c/full/0"), 8, 8, 1);
        QDir().mkpath(QString::fromStdString(path("c/empty")));
        TL_EXPECT_ERROR(data::readImageFolder(path("c"), {}),
                        (QStringList{"c/empty", "holds no images"}));
    }

    // A file that cannot be an image is left out with its reason, not fatal.
    void undecodableImage()
    {
        writeImage(path("d/x/0"), 8, 8, 1);
        writeImage(path("d/x/1"), 8, 8, 1);
        tl::test::writeText(path("d/x/broken.png"), "this is not a PNG");
        const auto fd = data::readImageFolder(path("d"), {});
        QCOMPARE(fd.train.size() + fd.test.size(), std::size_t(2));
        QCOMPARE(fd.skipped.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(fd.skipped[0].path).endsWith("broken.png"));
        QCOMPARE(QString::fromStdString(fd.skipped[0].reason), QString("not an image"));
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
