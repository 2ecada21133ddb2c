// Class weights for imbalanced data (stages[].class_weights, --class-weights): scikit-learn's
// "balanced" weights for a known label vector; the trainer's loss on one batch equals a weighted
// cross entropy computed by hand while validation stays unweighted; a data-parallel rank weighs
// the classes over the whole training split, not its shard; and on a generated 95/5 folder
// dataset, balanced weights find more of the small class than no weights do, for a model trained
// on images and for a head trained on cached features.

#include "base/error.h"
#include "data/dataset.h"
#include "models/model_factory.h"
#include "run/run_experiment.h"
#include "train/class_weights.h"
#include "train/trainer.h"

#include <opencv2/imgcodecs.hpp>
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <random>

using namespace tl;
using namespace tl::train;

namespace {

// What a run says, kept.
class Messages : public TrainingObserver
{
public:
    std::vector<std::string> lines;
    void onMessage(const std::string &text) override { lines.push_back(text); }
    QString find(const std::string &start) const
    {
        for (const auto &l : lines)
            if (l.rfind(start, 0) == 0)
                return QString::fromStdString(l);
        return {};
    }
};

// Rank 2 of three that all computed the same (sums are three times each rank's), as far as a run
// in one process can tell.
class ThreeAlike : public Collective
{
public:
    int rank() const override { return 2; }
    int size() const override { return 3; }
    std::string backend() const override { return "alike"; }
    void allReduceSum(std::vector<torch::Tensor> &tensors) override
    {
        for (auto &t : tensors)
            t.mul_(3);
    }
    torch::Tensor allGather(const torch::Tensor &t) override { return torch::stack({t, t, t}); }
    void broadcast(std::vector<torch::Tensor> &, int) override {}
};

double recallOf(const Evaluation &e, int c)
{
    std::int64_t total = 0;
    for (int p = 0; p < e.numClasses; ++p)
        total += e.at(c, p);
    return total ? double(e.at(c, c)) / double(total) : 0.0;
}

} // namespace

class TestClassWeights : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const std::string &name) const
    {
        return (m_dir.path() + "/").toStdString() + name;
    }

    // 16x16 grey images of one brightness each (and a little noise): "major" around 100, "minor"
    // around 125, both spread by 15, so that the classes overlap and no model can learn the few
    // small-class images by heart. Unweighted, the best rule calls "minor" only what is brighter
    // than about 139 (a fifth of them); balanced, what is brighter than about 112 (four fifths).
    void writeImages(const std::string &folder, const char *cls, int count, std::mt19937 &rng)
    {
        std::filesystem::create_directories(path(folder) + "/" + cls);
        std::normal_distribution<double> level(cls[1] == 'i' ? 125.0 : 100.0, 15.0), noise(0, 3);
        for (int i = 0; i < count; ++i) {
            const double v = level(rng);
            cv::Mat img(16, 16, CV_8UC1);
            for (int r = 0; r < 16; ++r)
                for (int c = 0; c < 16; ++c)
                    img.at<std::uint8_t>(r, c) = cv::saturate_cast<std::uint8_t>(v + noise(rng));
            cv::imwrite(path(folder) + "/" + cls + "/" + std::to_string(i) + ".png", img);
        }
    }

    experiment::ExperimentConfig imbalanced(bool cachedHead, const std::string &weights) const
    {
        experiment::ExperimentConfig c;
        c.data.name = "folder";
        c.data.root = path("imbalanced");
        c.data.valSplit = 0.2;
        c.model.name = "simple-cnn";
        c.model.dropout = 0;
        c.preprocess.imageSize = 16;
        c.device = "cpu";
        c.threads = 1;
        c.confusionEveryEpoch = false;
        auto &stage = c.stages.front();
        stage.epochs = cachedHead ? 10 : 4;
        stage.batchSize = 16;
        stage.optimizer.lr = cachedHead ? 3e-3 : 1e-3;
        stage.freeze = cachedHead ? "backbone" : "";
        stage.classWeights = weights;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // 2 classes, 95 to 5 in training; the test set is even.
        std::mt19937 rng(3);
        writeImages("imbalanced/train", "major", 190, rng);
        writeImages("imbalanced/train", "minor", 10, rng);
        writeImages("imbalanced/test", "major", 60, rng);
        writeImages("imbalanced/test", "minor", 60, rng);
    }

    void balancedWeightsOfAKnownLabelVector()
    {
        // N = 6 images of K = 3 classes present (class 3 has none): w_c = 6 / (3 n_c).
        const std::vector<std::int64_t> labels{0, 0, 0, 1, 2, 2};
        const std::vector<double> w = classWeights("balanced", labels, 4);
        QCOMPARE(w.size(), std::size_t(4));
        QCOMPARE(w[0], 6.0 / 9.0);
        QCOMPARE(w[1], 2.0);
        QCOMPARE(w[2], 1.0);
        QCOMPARE(w[3], 0.0);
        // Every image weighs 1 on average (scikit-learn's compute_class_weight).
        double sum = 0;
        for (const std::int64_t l : labels)
            sum += w[std::size_t(l)];
        QCOMPARE(sum, double(labels.size()));
        QVERIFY(classWeights("none", labels, 4).empty());
        QCOMPARE(describeClassWeights("balanced", w, {"T-shirt", "Trouser", "Bag"}),
                 std::string("Class weights (balanced): T-shirt 0.667, Trouser 2, Bag 1, 3 0"));
        QCOMPARE(describeClassWeights("none", {}, {"a"}), std::string());
        QVERIFY_THROWS_EXCEPTION(Error, classWeights("inverse", labels, 4));
        QVERIFY_THROWS_EXCEPTION(Error, classWeights("balanced", labels, 2)); // label 2 of 2
    }

    // One batch, one step: the epoch's training loss is the loss before the step, weighted as
    // sum_i w[y_i] l_i / sum_i w[y_i]; the validation loss after it is the plain mean.
    void weightedLossOfOneBatchByHand()
    {
        torch::manual_seed(4);
        models::ModelSpec spec;
        spec.inChannels = 1;
        spec.inputSize = 8;
        spec.numClasses = 3;
        spec.dropout = 0;
        auto model = models::createModel(spec);
        const torch::Tensor x = torch::randn({12, 1, 8, 8});
        const torch::Tensor y = torch::tensor({0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2}, torch::kInt64);
        const std::vector<double> weights{0.5, 3.0, 1.25};
        torch::Tensor perImage;
        {
            torch::NoGradGuard ng;
            model->train();
            perImage = -torch::log_softmax(model->forward(x), 1).gather(1, y.unsqueeze(1));
        }
        const torch::Tensor w = torch::tensor(weights, torch::kFloat64).index_select(0, y);
        const double byHand =
            ((perImage.squeeze(1).to(torch::kFloat64) * w).sum() / w.sum()).item<double>();
        const double unweighted = perImage.mean().item<double>();
        QVERIFY(std::abs(byHand - unweighted) > 1e-3); // the weights matter for this batch

        TensorBatchSource train(x, y, 12, false), val(x, y, 12, false);
        Trainer trainer(model, torch::kCPU);
        FitOptions o;
        o.epochs = 1;
        o.numClasses = 3;
        o.optimizer.name = "sgd";
        o.optimizer.lr = 0.5;
        o.classWeights = weights;
        const FitResult r = trainer.fit(train, &val, o);
        QCOMPARE(int(r.epochs.size()), 1);
        QVERIFY2(std::abs(r.epochs[0].trainLoss - byHand) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(r.epochs[0].trainLoss).arg(byHand)));
        double valByHand = 0;
        {
            torch::NoGradGuard ng;
            model->eval();
            valByHand = torch::nn::functional::cross_entropy(model->forward(x), y).item<double>();
        }
        QVERIFY2(std::abs(r.epochs[0].valLoss - valByHand) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(r.epochs[0].valLoss).arg(valByHand)));
        // A weight per class or none: two for three classes is refused.
        o.classWeights = {1.0, 2.0};
        QVERIFY_THROWS_EXCEPTION(Error, trainer.fit(train, &val, o));
    }

    // A rank of a data-parallel run trains on a third of the images, but weighs the classes over
    // all of them, as every other rank does.
    void everyRankWeighsTheWholeTrainingSplit()
    {
        Messages said;
        ThreeAlike ranks;
        auto c = imbalanced(false, "balanced");
        c.stages.front().epochs = 1;
        const runs::RunResult r =
            runs::runExperiment(c, std::string(), &said, nullptr, nullptr, {}, &ranks);
        QVERIFY(!r.epochs.empty());
        QCOMPARE(said.find("Class weights"),
                 QStringLiteral("Class weights (balanced): major 0.526, minor 10"));
    }

    void balancedFindsMoreOfTheSmallClass_data()
    {
        QTest::addColumn<bool>("cachedHead");
        QTest::newRow("images") << false;
        QTest::newRow("head on cached features") << true;
    }

    void balancedFindsMoreOfTheSmallClass()
    {
        QFETCH(bool, cachedHead);
        double recall[2] = {0, 0};
        for (const bool balanced : {false, true}) {
            Messages said;
            const runs::RunResult r = runs::runExperiment(
                imbalanced(cachedHead, balanced ? "balanced" : "none"), std::string(), &said);
            QCOMPARE(r.cachedStages.size(), std::size_t(cachedHead ? 1 : 0));
            QVERIFY(r.test.complete);
            QCOMPARE(r.classNames, (std::vector<std::string>{"major", "minor"}));
            recall[balanced ? 1 : 0] = recallOf(r.test, 1);
            // Weighed over the training split (152 and 8 images once 20 % are held out for
            // validation): 160 / (2 x 152) and 160 / (2 x 8).
            const QString line = said.find("Class weights");
            if (balanced)
                QCOMPARE(line, QStringLiteral("Class weights (balanced): major 0.526, minor 10"));
            else
                QVERIFY2(line.isEmpty(), qPrintable(line));
        }
        qInfo("minority recall: %.3f unweighted, %.3f balanced", recall[0], recall[1]);
        QVERIFY2(recall[1] >= recall[0] + 0.2,
                 qPrintable(QStringLiteral("%1 -> %2").arg(recall[0]).arg(recall[1])));
    }
};

QTEST_GUILESS_MAIN(TestClassWeights)
#include "tst_class_weights.moc"
