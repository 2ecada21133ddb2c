#include "data/image_folder.h"
#include "data/image_preprocess.h"
#include "data/transform.h"
#include "error.h"
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

    // preprocessing.json's "resize" (describeTrainingResize) names each resize of a run's
    // images: repeating the text's steps with OpenCV gives the loader's and the transform's
    // pixels exactly (the "bilinear" it said before was 0.016 off in probabilities).
    void resizeIsWhatPreprocessingJsonSays()
    {
        cv::RNG noise(7); // every interpolation gives other pixels on noise
        for (const char *split : {"train", "test"})
            for (const char *cls : {"cat", "dog"})
                for (const auto &[w, h] :
                     {std::pair{60, 45}, std::pair{20, 30}, std::pair{12, 10}}) {
                    cv::Mat m(h, w, CV_8UC3);
                    noise.fill(m, cv::RNG::UNIFORM, 0, 256);
                    const std::string file = path(std::string("noise/") + split + "/" + cls + "/" +
                                                  std::to_string(w) + ".png");
                    QDir().mkpath(
                        QString::fromStdString(std::filesystem::path(file).parent_path().string()));
                    QVERIFY(cv::imwrite(file, m));
                }
        const int stored = 24, wanted = 32;
        const QString text =
            QString::fromStdString(data::describeTrainingResize(true, stored, wanted));
        const auto flag = [](const QString &name) {
            const std::map<QString, int> flags = {{"INTER_NEAREST", cv::INTER_NEAREST},
                                                  {"INTER_LINEAR", cv::INTER_LINEAR},
                                                  {"INTER_CUBIC", cv::INTER_CUBIC},
                                                  {"INTER_AREA", cv::INTER_AREA},
                                                  {"INTER_LANCZOS4", cv::INTER_LANCZOS4}};
            const auto it = flags.find(name);
            return it == flags.end() ? -1 : it->second;
        };
        const QRegularExpressionMatch fileStep =
            QRegularExpression("each image file to 24 x 24 with (INTER_\\w+) when it is larger "
                               "than 24 in either side, (INTER_\\w+) otherwise")
                .match(text);
        const QRegularExpressionMatch storedStep =
            QRegularExpression("; then 24 x 24 to 32 x 32 with (INTER_\\w+)").match(text);
        QVERIFY2(fileStep.hasMatch() && storedStep.hasMatch(), qPrintable(text));
        const int shrink = flag(fileStep.captured(1)), enlarge = flag(fileStep.captured(2)),
                  second = flag(storedStep.captured(1));
        QVERIFY(shrink >= 0 && enlarge >= 0 && second >= 0);

        data::ImageFolderOptions o;
        o.imageSize = stored;
        const auto tt = data::readImageFolder(path("noise"), o);
        QCOMPARE(int(tt.train.size()), 6);
        data::PreprocessOptions pre;
        pre.imageSize = wanted;
        pre.channels = 3;
        pre.normalization = data::Normalization::None;
        const data::SampleTransform transform(stored, stored, 3, {}, pre);
        std::vector<float> out(transform.outFloats());
        data::Rng rng(1);
        for (std::size_t i = 0; i < tt.train.size(); ++i) {
            const cv::Mat file = cv::imread(tt.train.sourcePaths[i], cv::IMREAD_COLOR);
            const bool larger = file.rows > stored || file.cols > stored;
            cv::Mat first, other;
            cv::resize(file, first, cv::Size(stored, stored), 0, 0, larger ? shrink : enlarge);
            cv::cvtColor(first, first, cv::COLOR_BGR2RGB);
            QVERIFY2(std::memcmp(first.data, tt.train.image(i), tt.train.imageBytes()) == 0,
                     tt.train.sourcePaths[i].c_str());
            if (larger) { // the documentation's old word, bilinear, is not what happened
                cv::resize(file, other, cv::Size(stored, stored), 0, 0, cv::INTER_LINEAR);
                cv::cvtColor(other, other, cv::COLOR_BGR2RGB);
                QVERIFY(std::memcmp(other.data, tt.train.image(i), tt.train.imageBytes()) != 0);
            }
            cv::Mat sized;
            cv::resize(first, sized, cv::Size(wanted, wanted), 0, 0, second);
            transform.apply(tt.train.image(i), out.data(), rng, false);
            const std::size_t plane = std::size_t(wanted) * wanted;
            for (int y = 0; y < wanted; ++y)
                for (int x = 0; x < wanted; ++x)
                    for (int k = 0; k < 3; ++k)
                        QCOMPARE(
                            int(std::lround(out[k * plane + std::size_t(y) * wanted + x] * 255)),
                            int(sized.at<cv::Vec3b>(y, x)[k]));
        }
        // The datasets stored at their size (IDX, CIFAR) have the second step only, or none.
        QVERIFY(!QString::fromStdString(data::describeTrainingResize(false, 28, 64))
                     .contains("image file"));
        QVERIFY(
            QString::fromStdString(data::describeTrainingResize(false, 28, 28)).startsWith("none"));
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
