// Streamed image datasets (folders and CSV files): listing without decoding, broken files left
// out with their reason (while listing, and when a file breaks before it is decoded), the
// decoded-image cache within its budget and memory flat as the dataset grows, EXIF orientation,
// the odd files that must load, and the CSV format.
#include "base/error.h"
#include "data/dataset.h"
#include "data/image_files.h"
#include "data/image_folder.h"
#include "support/expect_error.h"
#include "support/fixtures.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace tl;
namespace fs = std::filesystem;

namespace {

std::size_t residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * std::size_t(sysconf(_SC_PAGESIZE));
}

std::vector<unsigned char> jpeg(int w, int h, cv::Scalar bgr = {40, 90, 200})
{
    std::vector<unsigned char> out;
    cv::imencode(".jpg", cv::Mat(h, w, CV_8UC3, bgr), out);
    return out;
}

void write(const std::string &path, const std::vector<unsigned char> &bytes)
{
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
}

std::map<std::string, int> reasons(const std::vector<data::SkippedFile> &skipped)
{
    std::map<std::string, int> r;
    for (const auto &s : skipped)
        ++r[s.reason];
    return r;
}

} // namespace

class TestImageFiles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const std::string &name) const
    {
        return m_dir.path().toStdString() + "/" + name;
    }

private Q_SLOTS:
    // Each kind of broken file is left out with its reason; the rest is listed, not decoded.
    void brokenFilesAreSkipped()
    {
        for (int i = 0; i < 4; ++i) {
            write(path("messy/cat/" + std::to_string(i) + ".jpg"), jpeg(40, 30));
            write(path("messy/dog/" + std::to_string(i) + ".jpg"), jpeg(30, 40));
        }
        write(path("messy/cat/empty.png"), {});
        test::writeText(path("messy/cat/notes.jpg"), "a text file with an image's name");
        auto whole = jpeg(64, 48);
        whole.resize(whole.size() / 2);
        write(path("messy/dog/cut.jpg"), whole);
        std::vector<unsigned char> png;
        cv::imencode(".png", cv::Mat(20, 20, CV_8UC3, cv::Scalar(1, 2, 3)), png);
        png.resize(png.size() - 12);
        write(path("messy/dog/cut.png"), png);
        test::writeText(path("messy/dog/anim.gif"), "GIF89a\x01\x00\x01\x00");
        test::writeText(path("messy/dog/readme.txt"), "not an image name: not listed");

        data::DatasetOptions o;
        o.name = "folder";
        o.root = path("messy");
        const data::DatasetSplits ds = data::loadDataset(o);
        QCOMPARE(ds.train.size() + ds.test.size(), std::size_t(8));
        QVERIFY(ds.train.streamed() && ds.train.pixels.empty());
        QCOMPARE(ds.filesListed, std::size_t(13));
        const auto r = reasons(ds.skipped);
        QCOMPARE(r.at("empty"), 1);
        QCOMPARE(r.at("not an image"), 1);
        QCOMPARE(r.at("truncated"), 2);
        QCOMPARE(r.at("unsupported format"), 1);
        const QString text = QString::fromStdString(ds.skippedText("skipped.csv"));
        QVERIFY2(text.startsWith("Skipped 5 of 13 files: ") && text.contains("2 truncated") &&
                     text.contains("1 empty") && text.endsWith("see skipped.csv"),
                 qPrintable(text));

        const std::string csv = path("messy-skipped.csv");
        data::writeSkippedCsv(csv, ds.allSkipped());
        std::ifstream in(csv);
        std::string header, line;
        std::getline(in, header);
        QCOMPARE(QString::fromStdString(header), QString("path,reason,detail"));
        int rows = 0;
        while (std::getline(in, line))
            ++rows;
        QCOMPARE(rows, 5);
    }

    // Only a class, or a dataset, with nothing usable is refused, and named.
    // A folder lists its files class by class: the validation split takes the same share of
    // every class (the last fraction was the last class alone: 0 % validation accuracy).
    void validationSplitHoldsEveryClass()
    {
        for (const char *c : {"apple", "banana", "cherry"})
            for (int i = 0; i < 20; ++i)
                write(path(std::string("fruit/") + c + "/" + std::to_string(i) + ".jpg"),
                      jpeg(24, 24));
        data::DatasetOptions o;
        o.name = "folder";
        o.root = path("fruit");
        o.valSplit = 0.2;
        const data::DatasetSplits ds = data::loadDataset(o);
        QVERIFY(!ds.val.empty());
        const auto counts = ds.val.classCounts();
        QCOMPARE(int(counts.size()), 3);
        for (auto n : counts)
            QVERIFY2(n >= 2 && n <= 4, qPrintable(QString::number(n)));
        QCOMPARE(ds.train.size() + ds.val.size() + ds.test.size(), std::size_t(60));
        // The same seed, the same images.
        const data::DatasetSplits again = data::loadDataset(o);
        QCOMPARE(again.val.sourceIndex, ds.val.sourceIndex);
    }

    void nothingUsableIsRefused()
    {
        write(path("bare/a/0.jpg"), jpeg(10, 10));
        write(path("bare/b/0.jpg"), {});
        TL_EXPECT_ERROR(data::readImageFolder(path("bare"), {}),
                        (QStringList{"bare/b", "class 'b' holds no images"}));
        write(path("none/a/0.jpg"), {});
        write(path("none/b/0.png"), {});
        TL_EXPECT_ERROR(data::readImageFolder(path("none"), {}),
                        (QStringList{"none", "no usable image", "2 empty"}));
    }

    // A file that breaks after it was listed is left out when it is decoded, recorded once, and
    // refused from then on (every pass leaves out the same files).
    void fileBrokenAfterListing()
    {
        for (int i = 0; i < 3; ++i)
            write(path("late/a/" + std::to_string(i) + ".jpg"), jpeg(50, 40));
        const data::ImageFolderOptions fo;
        auto fd = data::readImageFolder(path("late"), fo);
        QVERIFY(fd.skipped.empty());
        write(path("late/a/0.jpg"), {});                                        // emptied
        test::writeText(path("late/a/1.jpg"), "\xff\xd8\xff garbage \xff\xd9"); // corrupt
        std::vector<std::uint8_t> out(32 * 32 * 3);
        int good = 0;
        for (int pass = 0; pass < 2; ++pass)
            for (const std::string &p :
                 {path("late/a/0.jpg"), path("late/a/1.jpg"), path("late/a/2.jpg")})
                good += fd.images->evaluationImage(p, 32, out.data()) ? 1 : 0;
        QCOMPARE(good, 2);
        const auto skipped = fd.images->skipped();
        QCOMPARE(skipped.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(skipped[0].reason), QString("empty"));
        QCOMPARE(QString::fromStdString(skipped[1].reason), QString("cannot decode"));
    }

    // Hidden folders ignored, a symlink loop not followed, nested folders, non-ASCII names,
    // 16-bit, gray+alpha and gray images all load, as RGB 8-bit.
    void oddFilesLoad()
    {
        write(path("odd/a/plain.jpg"), jpeg(30, 20));
        write(path("odd/a/nested/deeper/ünïcødé 写真.jpg"), jpeg(20, 30));
        cv::Mat deep(20, 20, CV_16UC3, cv::Scalar(65535, 0, 30000));
        QVERIFY(cv::imwrite(path("odd/a/sixteen.png"), deep));
        fs::create_directories(path("odd/b"));
        cv::Mat grayAlpha(20, 20, CV_8UC4, cv::Scalar(100, 100, 100, 0));
        QVERIFY(cv::imwrite(path("odd/b/alpha.png"), grayAlpha));
        QVERIFY(cv::imwrite(path("odd/b/gray.png"), cv::Mat(12, 18, CV_8UC1, cv::Scalar(77))));
        write(path("odd/b/.hidden/x.jpg"), jpeg(10, 10));
        write(path("odd/b/.dot.jpg"), jpeg(10, 10));
        fs::create_directories(path("odd/.cache/ghost"));
        fs::create_directory_symlink(path("odd/b"), path("odd/b/loop"));
        data::ImageFolderOptions fo;
        fo.testFraction = 0.01;
        fo.imageSize = 16;
        const auto fd = data::readImageFolder(path("odd"), fo);
        QCOMPARE(fd.train.classNames, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(fd.train.size() + fd.test.size(), std::size_t(5));
        QVERIFY(fd.skipped.empty());
        for (std::size_t i = 0; i < fd.train.size(); ++i) {
            const auto px = fd.train.pixelsOf(i);
            QCOMPARE(px.size(), std::size_t(16 * 16 * 3));
            QVERIFY2(!fd.images->broken(fd.train.sourcePaths[i]), fd.train.sourcePaths[i].c_str());
        }
        QVERIFY(fd.images->skipped().empty());
    }

    // EXIF orientation 6 (rotate 90 degrees clockwise to display): the stored left half (red)
    // becomes the top.
    void exifOrientationApplied()
    {
        cv::Mat m(40, 80, CV_8UC3, cv::Scalar(255, 0, 0));      // blue
        m(cv::Rect(0, 0, 40, 40)).setTo(cv::Scalar(0, 0, 255)); // left half red
        std::vector<unsigned char> bytes;
        cv::imencode(".jpg", m, bytes);
        const unsigned char exif[] = {0xff, 0xe1, 0x00, 0x22, 'E',  'x',  'i',  'f',  0,
                                      0,    'I',  'I',  0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
                                      0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00,
                                      0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
        bytes.insert(bytes.begin() + 2, std::begin(exif), std::end(exif));
        write(path("exif/a/rotated.jpg"), bytes);
        data::ImageFiles files(1 << 20);
        std::vector<std::uint8_t> out(32 * 32 * 3);
        QVERIFY(files.evaluationImage(path("exif/a/rotated.jpg"), 32, out.data()));
        const std::uint8_t *top = &out[(2 * 32 + 16) * 3], *bottom = &out[(29 * 32 + 16) * 3];
        QVERIFY2(top[0] > 200 && top[2] < 60, "top is not red");
        QVERIFY2(bottom[2] > 200 && bottom[0] < 60, "bottom is not blue");
    }

    // The decoded-image cache stays within its budget, and memory does not grow with the
    // number of images streamed (each one ~260 KB decoded: keeping them would show).
    void memoryFlatWhileStreaming()
    {
        const int n = 240;
        const auto bytes = jpeg(400, 300);
        std::vector<std::string> files;
        for (int i = 0; i < n; ++i) {
            files.push_back(path("many/a/" + std::to_string(i) + ".jpg"));
            write(files.back(), bytes);
        }
        const std::uint64_t budget = 2 << 20;
        data::ImageFiles images(budget);
        std::vector<std::uint8_t> out(224 * 224 * 3);
        for (int i = 0; i < n / 4; ++i)
            QVERIFY(images.evaluationImage(files[std::size_t(i)], 224, out.data()));
        const std::size_t after = residentBytes();
        for (int pass = 0; pass < 2; ++pass)
            for (const auto &f : files)
                QVERIFY(images.evaluationImage(f, 224, out.data()));
        const std::size_t grown = residentBytes() > after ? residentBytes() - after : 0;
        QVERIFY(images.cachedBytes() <= budget);
        QVERIFY(images.cachedImages() > 0);
        qInfo("resident memory grew by %zu KiB over %d more images (cache %zu images)", grown >> 10,
              2 * n - n / 4, images.cachedImages());
        QVERIFY2(grown < (8u << 20), qPrintable(QString("grew by %1 KiB").arg(grown >> 10)));
    }

    // path,label[,split], a header, paths relative to the CSV, the same checks as folders.
    void csvDataset()
    {
        for (int i = 0; i < 4; ++i) {
            write(path("csv/img/cat" + std::to_string(i) + ".jpg"), jpeg(20, 20));
            write(path("csv/img/dog" + std::to_string(i) + ".jpg"), jpeg(20, 20));
        }
        write(path("csv/img/empty.jpg"), {});
        test::writeText(path("csv/list.csv"), "path,label,split\n"
                                              "img/cat0.jpg,cat,train\n"
                                              "img/cat1.jpg,cat,\n"
                                              "img/cat2.jpg,cat,val\n"
                                              "img/cat3.jpg,cat,test\n"
                                              "img/dog0.jpg,dog,train\n"
                                              "img/dog1.jpg,dog,train\n"
                                              "img/dog2.jpg,dog,validation\n"
                                              "img/dog3.jpg,dog,test\n"
                                              "img/empty.jpg,dog,train\n"
                                              "img/gone.jpg,cat,train\n"
                                              "\n");
        data::DatasetOptions o;
        o.name = "csv";
        o.root = path("csv/list.csv");
        const auto ds = data::loadDataset(o);
        QCOMPARE(ds.train.classNames, (std::vector<std::string>{"cat", "dog"}));
        QCOMPARE(ds.train.size(), std::size_t(4));
        QCOMPARE(ds.val.size(), std::size_t(2));
        QCOMPARE(ds.test.size(), std::size_t(2));
        QCOMPARE(reasons(ds.skipped), (std::map<std::string, int>{{"empty", 1}, {"missing", 1}}));
        QVERIFY(QString::fromStdString(ds.skippedText("skipped.csv"))
                    .startsWith("Skipped 2 of 10 files"));

        // No split column: a stratified test set is held out, as for folders.
        test::writeText(path("csv/plain.csv"),
                        "img/cat0.jpg,cat\nimg/cat1.jpg,cat\nimg/dog0.jpg,dog\nimg/dog1.jpg,dog\n");
        o.root = path("csv/plain.csv");
        const auto plain = data::loadDataset(o);
        QCOMPARE(plain.train.size() + plain.test.size(), std::size_t(4));
    }

    void csvBadRowsNameTheLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("fragments");
        QTest::newRow("one column") << "path,label\na.jpg,cat\nb.jpg\n"
                                    << QStringList{"line 3", "expected path,label"};
        QTest::newRow("four columns") << "a.jpg,cat,train,x\n" << QStringList{"line 1"};
        QTest::newRow("empty path") << "a.jpg,cat\n,dog\n"
                                    << QStringList{"line 2", "path is empty"};
        QTest::newRow("empty label") << "a.jpg,\n" << QStringList{"line 1", "label", "empty"};
        QTest::newRow("bad split") << "a.jpg,cat,holdout\n"
                                   << QStringList{"line 1", "'holdout' is not train, val or test"};
        QTest::newRow("twice") << "a.jpg,cat\nb.jpg,dog\na.jpg,dog\n"
                               << QStringList{"line 3", "listed twice", "line 1"};
        QTest::newRow("nothing") << "path,label\n\n" << QStringList{"lists no images"};
        QTest::newRow("bad quote") << "\"a.jpg,cat\n" << QStringList{"list.csv"};
    }

    void csvBadRowsNameTheLine()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, fragments);
        const std::string file = path("bad/list.csv");
        fs::create_directories(path("bad"));
        test::writeText(file, text.toStdString());
        TL_EXPECT_ERROR(data::readImageCsv(file, {}), fragments);
    }
};

QTEST_GUILESS_MAIN(TestImageFiles)
#include "tst_image_files.moc"
