// A frozen backbone's head trains on standardised cached features (issue 31): the scaling folded
// into the head's first Linear layer gives an ordinary model whose outputs on raw features are
// the standardised head's; the spread's floor is relative to the features' scale; a head that
// does not start with a Linear layer is left alone; and a run that trains such a head saves a
// model.pth that classifies raw images as the run reported.

#include "models/model_factory.h"
#include "run/feature_cache.h"
#include "run/feature_scaling.h"
#include "run/run_experiment.h"
#include "rundir/run_state.h"
#include "train/trainer.h"
#include "weights/checkpoint.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <random>

using namespace tl;

namespace {

std::shared_ptr<models::NetworkImpl> mobilenet(int classes)
{
    models::ModelSpec spec;
    spec.name = "mobilenet_v3_small";
    spec.numClasses = classes;
    spec.inputSize = 32;
    auto model = models::createModel(spec);
    model->eval();
    return model;
}

// Features as a random mobilenet_v3_small gives them: every one of order 1e-9, each with its
// own offset and spread, and one that never moves.
torch::Tensor tinyFeatures(std::int64_t n, std::int64_t width)
{
    torch::manual_seed(5);
    const torch::Tensor offset = torch::rand({width}) * 2e-9 + 1e-9;
    const torch::Tensor spread = torch::rand({width}) * 3e-10 + 1e-11;
    torch::Tensor x = offset + torch::randn({n, width}) * spread;
    x.select(1, 7).fill_(2e-9);
    return x;
}

double maxDiff(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

// Aborts the run (as Ctrl-C does) once global epoch `at` is complete.
class AbortAt : public train::TrainingObserver
{
public:
    AbortAt(train::RunControl &control, int at) : m_control(control), m_at(at) {}
    void onEpoch(const train::EpochMetrics &m) override
    {
        if (m.globalEpoch == m_at)
            m_control.requestAbort();
    }

private:
    train::RunControl &m_control;
    int m_at;
};

} // namespace

class TestFeatureScaling : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const std::string &name) const
    {
        return (m_dir.path() + "/").toStdString() + name;
    }

    experiment::ExperimentConfig shapes() const
    {
        experiment::ExperimentConfig c;
        c.data.name = "folder";
        c.data.root = path("shapes");
        c.data.valSplit = 0.25;
        c.model.name = "mobilenet_v3_small";
        c.preprocess.imageSize = 32;
        c.device = "cpu";
        c.threads = 1;
        experiment::StageConfig head;
        head.name = "head";
        head.epochs = 12;
        head.batchSize = 8;
        head.freeze = "features";
        head.optimizer.name = "adam";
        head.optimizer.lr = 1e-3;
        c.stages = {head};
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Red discs and green squares on a dark background, a frozen random mobilenet_v3_small.
        std::mt19937 rng(11);
        for (const char *cls : {"disc", "square"}) {
            std::filesystem::create_directories(path("shapes/") + cls);
            for (int i = 0; i < 24; ++i) {
                cv::Mat img(48, 48, CV_8UC3, cv::Scalar(20, 20, 20));
                const cv::Point c(12 + int(rng() % 24), 12 + int(rng() % 24));
                if (cls[0] == 'd')
                    cv::circle(img, c, 9, cv::Scalar(30, 30, 220), cv::FILLED);
                else
                    cv::rectangle(img, c - cv::Point(8, 8), c + cv::Point(8, 8),
                                  cv::Scalar(30, 220, 30), cv::FILLED);
                cv::imwrite(path("shapes/") + cls + "/" + std::to_string(i) + ".png", img);
            }
        }
    }

    void foldedHeadGivesTheStandardisedHeadsLogits()
    {
        torch::NoGradGuard ng;
        auto model = mobilenet(3);
        const torch::Tensor x = tinyFeatures(90, 576);
        const runs::FeatureScaling s = runs::featureScaling(*model, x);
        QVERIFY(s.active());
        // The constant feature's spread is the floor: 1 % of the mean spread, not ~0.
        const double typical = x.std(0, false).mean().item<double>();
        QVERIFY(std::abs(s.spread[7].item<double>() - 0.01 * typical) < 1e-3 * typical);
        const torch::Tensor standardised = (x - s.mean) / s.spread;
        QVERIFY(std::abs(standardised.select(1, 3).std(0, false).item<double>() - 1.0) < 1e-3);
        const torch::Tensor before = model->forwardHead(standardised);
        const torch::Tensor w = s.layer->weight.clone(), b = s.layer->bias.clone();
        runs::foldLayer(s);
        const torch::Tensor folded = model->forwardHead(x);
        QVERIFY2(maxDiff(folded, before) <= 1e-4,
                 qPrintable(QString::number(maxDiff(folded, before))));
        QVERIFY(before.abs().max().item<double>() > 1e-3); // logits that say something
        // The snapshot form (a state's best weights) folds the same way.
        std::vector<torch::Tensor> snapshot;
        for (const auto &p : model->parameters())
            snapshot.push_back(p.detach().clone());
        runs::standardiseLayer(s);
        QVERIFY(maxDiff(s.layer->weight, w) <= 1e-6 * w.abs().max().item<double>());
        QVERIFY(maxDiff(s.layer->bias, b) <= 1e-5);
        std::vector<torch::Tensor> again;
        for (const auto &p : model->parameters())
            again.push_back(p.detach().clone());
        runs::foldSnapshot(*model, s, again, /*fold=*/true);
        for (std::size_t i = 0; i < again.size(); ++i)
            QVERIFY(maxDiff(again[i], snapshot[i]) <=
                    1e-6 * (1 + snapshot[i].abs().max().item<double>()));
    }

    void constantFeaturesAndOtherHeadsAreLeftAlone()
    {
        auto model = mobilenet(2);
        QVERIFY(!runs::featureScaling(*model, torch::full({10, 576}, 3e-9)).active());
        QVERIFY(!runs::featureScaling(*model, torch::rand({10, 100})).active()); // wrong width
        // simple-cnn's head starts by reordering channels: a Linear layer over pixels.
        models::ModelSpec spec;
        spec.name = "simple-cnn";
        spec.numClasses = 2;
        spec.inputSize = 16;
        auto cnn = models::createModel(spec);
        QVERIFY(runs::headInputLinear(*cnn) == nullptr);
        QVERIFY(!runs::featureScaling(*cnn, torch::rand({10, 64})).active());
    }

    void aRunSavesTheFoldedHead()
    {
        experiment::ExperimentConfig c = shapes();
        // The test pass on raw cached features (per-epoch confusion) and on images: the same
        // folded head gives the same numbers.
        c.confusionEveryEpoch = true;
        const runs::RunResult onFeatures = runs::runExperiment(c, path("run-features"));
        c.confusionEveryEpoch = false;
        const runs::RunResult onImages = runs::runExperiment(c, path("run-images"));
        QCOMPARE(onFeatures.cachedStages, std::vector<std::string>{"head"});
        QCOMPARE(onImages.cachedStages, std::vector<std::string>{"head"});
        QVERIFY2(std::abs(onFeatures.test.loss - onImages.test.loss) < 1e-4,
                 qPrintable(QString("%1 vs %2").arg(onFeatures.test.loss).arg(onImages.test.loss)));
        QCOMPARE(onFeatures.test.accuracy, onImages.test.accuracy);
        // Standardised, the head learns: well above chance on the training images' features.
        QVERIFY2(onImages.epochs.back().trainAccuracy > 0.9,
                 qPrintable(QString::number(onImages.epochs.back().trainAccuracy)));
        // model.pth is an ordinary state dict: its first head layer is the folded one, far from
        // the standardised scale of its initialisation.
        const auto ckpt = weights::readCheckpoint(path("run-images/model.pth"));
        bool found = false;
        for (const auto &[name, t] : ckpt.tensors)
            if (name == "classifier.0.weight") {
                found = true;
                QVERIFY(t.abs().max().item<double>() > 1e3);
            }
        QVERIFY(found);
    }

    // Features over the memory budget (mapped from a file) are scaled alike: the same run.
    void spilledFeaturesScaleAlike()
    {
        experiment::ExperimentConfig c = shapes();
        c.stages[0].epochs = 3;
        c.data.cacheMiB = 1024;
        const runs::RunResult inMemory = runs::runExperiment(c, path("spill-memory"));
        c.data.cacheMiB = 0;
        const runs::RunResult onDisk = runs::runExperiment(c, path("spill-disk"));
        QCOMPARE(onDisk.cachedStages, std::vector<std::string>{"head"});
        QCOMPARE(inMemory.epochs.size(), onDisk.epochs.size());
        for (std::size_t e = 0; e < onDisk.epochs.size(); ++e) {
            QCOMPARE(inMemory.epochs[e].trainLoss, onDisk.epochs[e].trainLoss);
            QCOMPARE(inMemory.epochs[e].valLoss, onDisk.epochs[e].valLoss);
        }
        QCOMPARE(inMemory.test.loss, onDisk.test.loss);
        QVERIFY(!std::filesystem::exists(path("spill-disk/feature-cache")));
    }

    // Stopped in the standardised head's stage and resumed (two epochs left: cached again; one
    // left: cached as it began), then a stage that trains the head on images with the folded
    // layer as an ordinary Linear: metric for metric the uninterrupted run. (A stage that
    // unfreezes a random body diverges here: its BatchNorm layers then normalise with batch
    // statistics, the features grow from ~1e-9 to ~1 and the folded layer's 1/spread with them.)
    void resumedRunEqualsUninterruptedOne_data()
    {
        QTest::addColumn<int>("stopAfter");
        QTest::newRow("two epochs left") << 2;
        QTest::newRow("one epoch left") << 3;
    }

    void resumedRunEqualsUninterruptedOne()
    {
        QFETCH(int, stopAfter);
        experiment::ExperimentConfig c = shapes();
        c.stages[0].epochs = 4;
        c.stages[0].earlyStopping.enabled = true; // best weights in the state
        c.stages[0].earlyStopping.patience = 10;
        experiment::StageConfig tune;
        tune.name = "fine-tune";
        tune.epochs = 1; // one epoch: on images, not cached
        tune.batchSize = 8;
        tune.freeze = "features";
        tune.optimizer.name = "sgd";
        tune.optimizer.lr = 1e-3;
        tune.optimizer.momentum = 0.9;
        c.stages.push_back(tune);
        const runs::RunResult whole =
            runs::runExperiment(c, path("whole-" + std::to_string(stopAfter)));
        QCOMPARE(whole.cachedStages, std::vector<std::string>{"head"});
        const std::string dir = path("stopped-" + std::to_string(stopAfter));
        train::RunControl control;
        AbortAt abort(control, stopAfter);
        QVERIFY(runs::runExperiment(c, dir, &abort, &control).interrupted);
        const runs::RunState state = runs::readRunState(runs::runStatePath(dir));
        const runs::RunResult resumed =
            runs::runExperiment(c, dir, nullptr, nullptr, nullptr, {&state, true, dir});
        QCOMPARE(resumed.cachedStages, std::vector<std::string>{"head"});
        QCOMPARE(resumed.epochs.size(), whole.epochs.size());
        for (std::size_t i = 0; i < whole.epochs.size(); ++i) {
            const auto &a = resumed.epochs[i], &b = whole.epochs[i];
            QVERIFY2(std::abs(a.trainLoss - b.trainLoss) <= 1e-6 &&
                         std::abs(a.valLoss - b.valLoss) <= 1e-6,
                     qPrintable(QString("epoch %1: %2 vs %3")
                                    .arg(i + 1)
                                    .arg(a.trainLoss, 0, 'g', 10)
                                    .arg(b.trainLoss, 0, 'g', 10)));
        }
        QVERIFY(std::abs(resumed.test.loss - whole.test.loss) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestFeatureScaling)
#include "tst_feature_scaling.moc"
