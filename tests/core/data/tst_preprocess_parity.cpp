// Our evaluation preprocessing of image files against torchvision's: Resize + CenterCrop +
// ToTensor + Normalize on PIL images (Debian's python3-torchvision, run as /usr/bin/python3),
// on JPEG photographs of several sizes and aspect ratios written here. The numbers torchvision
// is called with are read from preprocessing.json's text (describeTrainingResize), so the text
// stays true. Agreement: within one grey level (Pillow's BILINEAR, repeated by pilResizeBilinear).
#include "data/batch_loader.h"
#include "data/image_folder.h"
#include "data/image_preprocess.h"
#include "data/transform.h"
#include "support/require.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <torch/torch.h>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace tl;

namespace {

const char *kPython = "/usr/bin/python3";

bool haveTorchvision()
{
    QProcess p;
    p.start(kPython, {"-c", "import torchvision, PIL"});
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// A photograph-like image: smooth gradients, edges, a little noise (every filter differs on it).
cv::Mat photo(int w, int h, int seed)
{
    cv::Mat m(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            m.at<cv::Vec3b>(y, x) = cv::Vec3b(std::uint8_t((x * 255) / std::max(1, w - 1)),
                                              std::uint8_t((y * 255) / std::max(1, h - 1)),
                                              std::uint8_t(((x + y + seed * 37) * 3) % 256));
    cv::RNG rng(std::uint64_t(seed) + 1);
    for (int i = 0; i < 12; ++i)
        cv::circle(m, {rng.uniform(0, w), rng.uniform(0, h)}, rng.uniform(2, std::max(3, w / 6)),
                   cv::Scalar(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256)),
                   rng.uniform(-1, 4));
    cv::Mat noise(h, w, CV_8UC3);
    rng.fill(noise, cv::RNG::NORMAL, 0, 12);
    cv::add(m, noise, m);
    return m;
}

} // namespace

class TestPreprocessParity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluationMatchesTorchvision()
    {
        TL_REQUIRE(haveTorchvision(), "Debian's python3-torchvision is not installed "
                                      "(packaging/install-deps.sh installs it)");
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString() + "/photos";
        // Landscape, portrait, square, odd crop offsets (half to even), enlarged, very wide.
        const std::vector<std::pair<int, int>> sizes = {{400, 300}, {300, 400},  {640, 480},
                                                        {350, 263}, {257, 256},  {224, 224},
                                                        {100, 80},  {1000, 333}, {301, 517}};
        std::vector<std::string> files;
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            const std::string cls = root + (i % 2 ? "/b" : "/a");
            std::filesystem::create_directories(cls);
            const std::string file = cls + "/p" + std::to_string(i) + ".jpg";
            QVERIFY(cv::imwrite(file, photo(sizes[i].first, sizes[i].second, int(i)),
                                {cv::IMWRITE_JPEG_QUALITY, 90}));
        }
        const int crop = 224;
        const QString text = QString::fromStdString(data::describeTrainingResize(true, 0, crop));
        const auto side = QRegularExpression("shorter side resized to (\\d+)").match(text);
        const auto centre = QRegularExpression("the centre (\\d+) x (\\d+)").match(text);
        QVERIFY2(side.hasMatch() && centre.hasMatch(), qPrintable(text));
        QVERIFY(text.contains("Pillow's BILINEAR"));
        QCOMPARE(centre.captured(1).toInt(), crop);

        data::ImageFolderOptions fo;
        fo.testFraction = 0.5;
        auto fd = data::readImageFolder(root, fo);
        data::ImageStore all = fd.train;
        for (std::size_t i = 0; i < fd.test.size(); ++i) { // one store of every file
            all.labels.push_back(fd.test.labels[i]);
            all.sourcePaths.push_back(fd.test.sourcePaths[i]);
            all.sourceIndex.push_back(std::int64_t(all.sourceIndex.size()));
        }
        QCOMPARE(all.size(), sizes.size());
        data::PreprocessOptions pre;
        pre.imageSize = crop;
        pre.channels = 3;
        pre.normalization = data::Normalization::ImageNet;
        pre = data::resolvePreprocess(pre, all);
        data::LoaderOptions lo;
        lo.batchSize = 4;
        lo.shuffle = lo.augment = false;
        lo.workers = 2;
        data::BatchLoader loader(all, data::SampleTransform(all.height, all.width, 3, {}, pre), lo);
        std::vector<torch::Tensor> ours;
        train::Batch b;
        while (loader.next(b))
            ours.push_back(b.images);
        const torch::Tensor mine = torch::cat(ours);
        QCOMPARE(mine.size(0), std::int64_t(sizes.size()));

        const QString out = dir.path() + "/torchvision.f32";
        QStringList args = {TL_SOURCE_DIR "/tests/fixtures/preprocess_parity.py", out,
                            side.captured(1), centre.captured(1)};
        for (const auto &p : all.sourcePaths)
            args << QString::fromStdString(p);
        QProcess py;
        py.start(kPython, args);
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QCOMPARE(qint64(bytes.size()), qint64(mine.numel() * 4));
        const torch::Tensor theirs =
            torch::from_blob(const_cast<char *>(bytes.constData()), mine.sizes(), torch::kFloat32)
                .clone();
        // Back to grey levels: x * std * 255 (+ mean * 255, which cancels in the difference).
        const torch::Tensor stdev =
            torch::tensor({pre.std[0], pre.std[1], pre.std[2]}).view({1, 3, 1, 1}) * 255;
        const torch::Tensor diff = ((mine - theirs) * stdev).abs();
        const double worst = diff.max().item<double>();
        const double exact = (diff < 0.01).to(torch::kFloat64).mean().item<double>();
        qInfo("largest difference %.3f grey levels; %.2f %% of values equal", worst, 100 * exact);
        QVERIFY2(worst <= 1.001, qPrintable(QString("off by %1 grey levels").arg(worst)));
    }
};

QTEST_GUILESS_MAIN(TestPreprocessParity)
#include "tst_preprocess_parity.moc"
