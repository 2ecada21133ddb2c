// Feature caching beyond the memory budget (issue 26): a frozen body's features that do not fit
// data.cache_mib go to a file in the run folder, mapped back, and the head trains on them exactly
// as on features kept in memory; the file goes with the stage.

#include "run/run_experiment.h"
#include "train/training_types.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <random>

using namespace tl;

namespace {

struct Messages : train::TrainingObserver
{
    std::vector<std::string> lines;
    void onMessage(const std::string &s) override { lines.push_back(s); }
    bool has(const std::string &part) const
    {
        for (const auto &l : lines)
            if (l.find(part) != std::string::npos)
                return true;
        return false;
    }
};

} // namespace

class TestFeatureSpill : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const std::string &name) const
    {
        return (m_dir.path() + "/").toStdString() + name;
    }

    experiment::ExperimentConfig config(int cacheMiB) const
    {
        experiment::ExperimentConfig c;
        c.data.name = "folder";
        c.data.root = path("photos");
        c.data.valSplit = 0.2;
        c.data.cacheMiB = cacheMiB;
        c.model.name = "simple-cnn";
        c.preprocess.imageSize = 16;
        c.device = "cpu";
        c.threads = 1;
        experiment::StageConfig head;
        head.name = "head";
        head.epochs = 3;
        head.batchSize = 8;
        head.freeze = "features";
        c.stages = {head};
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Bright squares and dark squares on noise, 40 x 30 JPEGs.
        std::mt19937 rng(3);
        for (const char *cls : {"bright", "dark"}) {
            std::filesystem::create_directories(path("photos/") + cls);
            for (int i = 0; i < 40; ++i) {
                cv::Mat img(30, 40, CV_8UC3);
                cv::randu(img, 0, 90);
                const int v = cls[0] == 'b' ? 240 : 20;
                img(cv::Rect(int(rng() % 20), int(rng() % 10), 16, 16)).setTo(cv::Scalar(v, v, v));
                cv::imwrite(path("photos/") + cls + "/" + std::to_string(i) + ".jpg", img);
            }
        }
    }

    void overTheBudgetGoesToDiskWithTheSameResult()
    {
        Messages inMemory, onDisk;
        const runs::RunResult a = runs::runExperiment(config(1024), path("memory"), &inMemory);
        const runs::RunResult b = runs::runExperiment(config(0), path("disk"), &onDisk);
        QCOMPARE(a.cachedStages, std::vector<std::string>{"head"});
        QCOMPARE(b.cachedStages, std::vector<std::string>{"head"});
        QVERIFY(!inMemory.has("on disk"));
        QVERIFY2(onDisk.has("on disk (over the memory budget: " + path("disk/feature-cache")),
                 qPrintable(QString::fromStdString(onDisk.lines.back())));
        QCOMPARE(a.epochs.size(), b.epochs.size());
        for (std::size_t e = 0; e < a.epochs.size(); ++e) {
            QCOMPARE(a.epochs[e].trainLoss, b.epochs[e].trainLoss);
            QCOMPARE(a.epochs[e].valLoss, b.epochs[e].valLoss);
        }
        QCOMPARE(a.test.accuracy, b.test.accuracy);
        // The file went with the stage.
        QVERIFY(!std::filesystem::exists(path("disk/feature-cache")));
    }
};

QTEST_GUILESS_MAIN(TestFeatureSpill)
#include "tst_feature_spill.moc"
