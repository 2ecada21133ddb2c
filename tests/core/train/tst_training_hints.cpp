// The teacher's warnings (train/training_hints.h): each rule on its own, and the learning-rate
// and one-class warnings from a real trainer at a learning rate of 10.

#include "models/model_factory.h"
#include "train/trainer.h"
#include "train/training_hints.h"

#include <torch/torch.h>

#include <QtTest>

using namespace tl;
using namespace tl::train;

namespace {

BatchProgress batch(double loss, double lr = 0.001)
{
    BatchProgress p;
    p.recentLoss = loss;
    p.lastLoss = loss;
    p.learningRate = lr;
    return p;
}

EpochMetrics epoch(int n, double trainLoss, double valLoss, std::vector<std::int64_t> counts = {})
{
    EpochMetrics m;
    m.epoch = m.globalEpoch = n;
    m.trainLoss = trainLoss;
    m.hasValidation = valLoss >= 0;
    m.valLoss = valLoss;
    m.predictedCounts = std::move(counts);
    return m;
}

// Four classes of random 1x8x8 images, and a small CNN for them.
std::pair<torch::Tensor, torch::Tensor> noise(int n, std::uint64_t seed)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::Tensor x = torch::randn({n, 1, 8, 8}, gen);
    torch::Tensor y = torch::randint(0, 4, {n}, gen);
    return {x, y};
}

std::shared_ptr<models::NetworkImpl> tinyModel()
{
    torch::manual_seed(0);
    models::ModelSpec s;
    s.inChannels = 1;
    s.inputSize = 8;
    s.numClasses = 4;
    return models::createModel(s);
}

// Feeds the trainer's progress and epochs to the hints, keeping what they said.
class HintRecorder : public TrainingObserver
{
public:
    explicit HintRecorder(HintContext c) : hints(std::move(c)) {}
    TrainingHints hints;
    std::vector<TrainingHint> said;
    void onBatch(const BatchProgress &p) override
    {
        if (auto h = hints.onBatch(p))
            said.push_back(*h);
    }
    void onEpoch(const EpochMetrics &m) override
    {
        if (auto h = hints.onEpoch(m))
            said.push_back(*h);
    }
};

} // namespace

class TestTrainingHints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void risingLossWarnsOnce()
    {
        TrainingHints h({10, {}, 0});
        QVERIFY(!h.onBatch(batch(2.3)));
        for (int i = 0; i < TrainingHints::kReportsBeforeJudging - 1; ++i)
            QVERIFY(!h.onBatch(batch(2.0 + 0.1 * i))); // ordinary noise
        const auto w = h.onBatch(batch(50.0, 10.0));
        QVERIFY(w);
        QCOMPARE(int(w->kind), int(TrainingHint::Kind::LearningRateTooHigh));
        QVERIFY2(QString::fromStdString(w->text).contains("learning rate 10"), w->text.c_str());
        QVERIFY(!h.onBatch(batch(80.0, 10.0))); // said once
    }

    void fallingLossSaysNothing()
    {
        TrainingHints h({10, {}, 0});
        for (int i = 0; i < 50; ++i)
            QVERIFY(!h.onBatch(batch(2.3 / (1 + i))));
    }

    void oneClassNamesIt()
    {
        TrainingHints h({3, {"T-shirt", "Trouser", "Bag"}, 0});
        QVERIFY(!h.onEpoch(epoch(1, 1.0, -1, {40, 35, 25})));
        const auto w = h.onEpoch(epoch(2, 1.0, -1, {2, 95, 3}));
        QVERIFY(w);
        QCOMPARE(int(w->kind), int(TrainingHint::Kind::OneClass));
        QVERIFY2(QString::fromStdString(w->text).contains("\"Trouser\" for 95 %"), w->text.c_str());
    }

    void overfittingAfterTwoRisingEpochs()
    {
        TrainingHints h({10, {}, 0});
        QVERIFY(!h.onEpoch(epoch(1, 1.0, 0.80)));
        QVERIFY(!h.onEpoch(epoch(2, 0.8, 0.70))); // both fall: learning
        QVERIFY(!h.onEpoch(epoch(3, 0.6, 0.75))); // one epoch up: noise
        const auto w = h.onEpoch(epoch(4, 0.5, 0.82));
        QVERIFY(w);
        QCOMPARE(int(w->kind), int(TrainingHint::Kind::Overfitting));
        // Without validation there is nothing to judge.
        TrainingHints none({10, {}, 0});
        for (int i = 1; i < 6; ++i)
            QVERIFY(!none.onEpoch(epoch(i, 1.0 / i, -1)));
    }

    void frozenRandomWeightsAtStart()
    {
        QVERIFY(!TrainingHints({10, {}, 0}).onStart());
        TrainingHints h({10, {}, 12345});
        const auto w = h.onStart();
        QVERIFY(w);
        QVERIFY(QString::fromStdString(w->text).contains("12345"));
    }

    // What a class sees with the learning rate at 10: the trainer's own numbers trip a warning
    // in the first epoch, and the model ends up guessing one class.
    void hugeLearningRateWarnsFromRealTraining()
    {
        const auto [x, y] = noise(512, 3);
        TensorBatchSource train(x, y, 16, true, 0);
        HintRecorder rec({4, {"a", "b", "c", "d"}, 0});
        Trainer trainer(tinyModel(), torch::kCPU, &rec);
        FitOptions o;
        o.epochs = 2;
        o.optimizer.name = "adam";
        o.optimizer.lr = 10.0;
        o.progressInterval = 0.0; // every batch
        try {
            trainer.fit(train, nullptr, o);
        } catch (const std::exception &) {
            // A loss that overflows ends the run with an error: the warning came before.
        }
        QVERIFY2(!rec.said.empty(), "no warning at a learning rate of 10");
        QCOMPARE(int(rec.said.front().kind), int(TrainingHint::Kind::LearningRateTooHigh));
    }

    // lr 10 with Adam: the very first report is already far above chance. The reference is
    // chance (ln 10), not that first report, so the warning still comes.
    void divergingFromTheFirstReportWarns()
    {
        TrainingHints h({10, {}, 0});
        std::optional<TrainingHint> w;
        for (int i = 0; i < TrainingHints::kReportsBeforeJudging + 1 && !w; ++i)
            w = h.onBatch(batch(1e9, 10.0));
        QVERIFY(w);
        QCOMPARE(int(w->kind), int(TrainingHint::Kind::LearningRateTooHigh));
        QCOMPARE(hintKindName(w->kind), std::string("loss_rising"));
    }

    // A resumed run is judged against its own recent epochs and chance, not against the start
    // of the process that trained its first epochs (0.117 there, 0.376 after resuming at a
    // smaller learning rate is no divergence).
    void aResumedRunComparesWithItsOwnHistory()
    {
        HintContext c{10, {}, 0};
        c.history = {epoch(1, 0.30, -1), epoch(2, 0.117, -1)};
        TrainingHints h(c);
        for (int i = 0; i < 20; ++i)
            QVERIFY(!h.onBatch(batch(0.376, 0.001)));
        // A run resumed at a loss already far above chance compares with that level.
        HintContext high{10, {}, 0};
        high.history = {epoch(1, 20.0, -1), epoch(2, 30.0, -1)};
        TrainingHints g(high);
        for (int i = 0; i < 20; ++i)
            QVERIFY(!g.onBatch(batch(40.0, 0.001)));
        std::optional<TrainingHint> w;
        for (int i = 0; i < 5 && !w; ++i)
            w = g.onBatch(batch(200.0, 0.001));
        QVERIFY(w);
        QVERIFY2(QString::fromStdString(w->text).contains("this run had reached"), w->text.c_str());
    }

    // The validation images judge one-class collapse when there are any (the training batches
    // mix a whole epoch of a changing model), and the test images at the end.
    void oneClassOnValidationAndTestImages()
    {
        TrainingHints h({4, {"a", "b", "c", "d"}, 0});
        EpochMetrics m = epoch(2, 1e9, 1e9, {30, 30, 20, 20});
        m.valPredictedCounts = {0, 0, 197, 3};
        m.learningRate = 10;
        const auto w = h.onEpoch(m);
        QVERIFY(w);
        QCOMPARE(int(w->kind), int(TrainingHint::Kind::OneClass));
        QCOMPARE(w->epoch, 2);
        QVERIFY2(
            QString::fromStdString(w->text).contains("\"c\" for 99 % of the validation images"),
            w->text.c_str());
        QVERIFY(!h.onEpoch(m)); // once

        TrainingHints t({4, {"a", "b", "c", "d"}, 0});
        Evaluation e;
        e.numClasses = 4;
        e.confusion = {0, 50, 0, 0, 0, 50, 0, 0, 0, 49, 1, 0, 0, 50, 0, 0};
        const auto wt = t.onTest(e, 3);
        QVERIFY(wt);
        QVERIFY2(QString::fromStdString(wt->text).contains("199 of 200"), wt->text.c_str());
        QCOMPARE(predictedCounts(e), (std::vector<std::int64_t>{0, 199, 1, 0}));
        QCOMPARE(int(wt->kind), int(TrainingHint::Kind::OneClassTest));
        // After the validation images' warning (class "c"), the test pass still says its own.
        const auto last = h.onTest(e, 3);
        QVERIFY(last);
        QVERIFY2(QString::fromStdString(last->text).contains("\"b\""), last->text.c_str());
        e.confusion = {40, 10, 0, 0, 0, 50, 0, 0, 0, 9, 41, 0, 0, 10, 0, 40};
        QVERIFY(!TrainingHints({4, {}, 0}).onTest(e, 3));
    }

    // Random frozen layers: one class is their doing, not the learning rate's.
    void oneClassWithFrozenRandomLayersNamesThem()
    {
        TrainingHints h({3, {"disc", "square", "triangle"}, 927008});
        QVERIFY(h.onStart());
        const auto w = h.onEpoch(epoch(1, 1.1, 1.1, {0, 240, 0}));
        QVERIFY(w);
        const QString text = QString::fromStdString(w->text);
        QVERIFY2(text.contains("random weights") && !text.contains("learning rate"),
                 w->text.c_str());
    }

    void predictedCountsAddUp()
    {
        const auto [x, y] = noise(96, 4);
        TensorBatchSource train(x, y, 32, true, 0);
        Trainer trainer(tinyModel(), torch::kCPU);
        FitOptions o;
        o.epochs = 1;
        const FitResult r = trainer.fit(train, nullptr, o);
        QCOMPARE(int(r.epochs.front().predictedCounts.size()), 4);
        std::int64_t total = 0;
        for (auto c : r.epochs.front().predictedCounts)
            total += c;
        QCOMPARE(total, std::int64_t(96));
    }
};

QTEST_GUILESS_MAIN(TestTrainingHints)
#include "tst_training_hints.moc"
