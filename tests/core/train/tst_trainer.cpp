#include "base/error.h"
#include "models/model_factory.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include <QtTest>

#include <atomic>
#include <thread>

using namespace tl;
using namespace tl::train;

namespace {

// Four classes of 1x8x8 images: a bright 4x4 quadrant (which one is the class) plus noise.
std::pair<torch::Tensor, torch::Tensor> separable(int n, std::uint64_t seed)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::Tensor x = torch::randn({n, 1, 8, 8}, gen) * 0.3;
    torch::Tensor y = torch::randint(0, 4, {n}, gen);
    auto ya = y.accessor<std::int64_t, 1>();
    for (int i = 0; i < n; ++i) {
        const int q = int(ya[i]);
        x[i][0].slice(0, (q / 2) * 4, (q / 2) * 4 + 4).slice(1, (q % 2) * 4, (q % 2) * 4 + 4) +=
            1.5;
    }
    return {x, y};
}

std::shared_ptr<models::NetworkImpl> smallModel(std::uint64_t seed)
{
    torch::manual_seed(seed);
    models::ModelSpec s;
    s.inChannels = 1;
    s.inputSize = 8;
    s.numClasses = 4;
    return models::createModel(s);
}

// A source that calls `hook(k)` as it hands out batch k (0-based).
class HookedSource : public TensorBatchSource
{
public:
    using TensorBatchSource::TensorBatchSource;
    std::function<void(int)> hook;
    int delivered = 0;
    bool next(Batch &batch) override
    {
        if (!TensorBatchSource::next(batch))
            return false;
        if (hook)
            hook(delivered);
        ++delivered;
        return true;
    }
};

class Recording : public TrainingObserver
{
public:
    std::function<void(const BatchProgress &)> batchHook;
    std::vector<BatchProgress> batches;
    std::vector<EpochMetrics> epochs;
    void onBatch(const BatchProgress &p) override
    {
        batches.push_back(p);
        if (batchHook)
            batchHook(p);
    }
    void onEpoch(const EpochMetrics &m) override { epochs.push_back(m); }
};

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void learnsASeparableSet()
    {
        auto [x, y] = separable(800, 1);
        auto [tx, ty] = separable(400, 2);
        TensorBatchSource train(x, y, 32, true, 0), val(tx, ty, 100, false),
            test(tx, ty, 100, false);
        Recording rec;
        Trainer trainer(smallModel(0), torch::kCPU, &rec);
        FitOptions o;
        o.epochs = 4;
        o.optimizer.lr = 3e-3;
        const FitResult r = trainer.fit(train, &val, o);
        QCOMPARE(int(r.epochs.size()), 4);
        QCOMPARE(int(rec.epochs.size()), 4);
        QVERIFY(r.epochs.back().trainLoss < r.epochs.front().trainLoss);
        QVERIFY(r.epochs.back().hasValidation);
        const Evaluation e = trainer.evaluate(test, 4, true);
        QVERIFY2(e.accuracy > 0.95, qPrintable(QString::number(e.accuracy)));
        QCOMPARE(e.count, std::int64_t(400));
        QCOMPARE(int(e.predictions.size()), 400);
        std::int64_t sum = 0;
        for (auto c : e.confusion)
            sum += c;
        QCOMPARE(sum, std::int64_t(400));
        QCOMPARE(e.top5Accuracy, 1.0); // 4 classes: always in the top 5
        for (const auto &p : e.predictions) {
            QVERIFY(p.confidence >= 0.25f && p.confidence <= 1.f);
            QVERIFY(p.loss >= 0.f);
        }
    }

    void sameSeedSameMetrics_data()
    {
        QTest::addColumn<QString>("optimizer");
        QTest::newRow("sgd nesterov") << "sgd";
        QTest::newRow("adam") << "adam";
        QTest::newRow("adamw") << "adamw";
    }
    void sameSeedSameMetrics()
    {
        QFETCH(QString, optimizer);
        auto once = [&] {
            auto [x, y] = separable(256, 3);
            TensorBatchSource train(x, y, 32, true, 9);
            Trainer trainer(smallModel(42), torch::kCPU);
            FitOptions o;
            o.epochs = 2;
            o.optimizer.name = optimizer.toStdString();
            o.optimizer.momentum = 0.9;
            o.optimizer.nesterov = optimizer == "sgd";
            o.optimizer.weightDecay = 1e-4;
            return trainer.fit(train, nullptr, o);
        };
        const FitResult a = once(), b = once();
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(a.epochs[std::size_t(i)].trainLoss, b.epochs[std::size_t(i)].trainLoss);
            QCOMPARE(a.epochs[std::size_t(i)].trainAccuracy,
                     b.epochs[std::size_t(i)].trainAccuracy);
        }
    }

    void stopTakesEffectWithinOneBatch()
    {
        auto [x, y] = separable(640, 4);
        TensorBatchSource train(x, y, 16, true);
        RunControl control;
        Recording rec;
        rec.batchHook = [&](const BatchProgress &p) {
            if (p.batch == 3)
                control.requestStop();
        };
        Trainer trainer(smallModel(0), torch::kCPU, &rec, &control);
        FitOptions o;
        o.epochs = 3;
        o.progressInterval = 0; // report every batch
        const FitResult r = trainer.fit(train, nullptr, o);
        QVERIFY(r.stopped);
        QCOMPARE(int(rec.batches.size()), 3);
        QCOMPARE(rec.batches.back().globalStep, std::int64_t(3));
        QVERIFY(r.epochs.empty()); // the partial epoch is not reported as an epoch
    }

    // Evaluation passes (validation, the confusion pass, the test set) end at a stop requested
    // while they run, within the batch; a stop requested before one began does not end it (the
    // test pass after a stopped training runs until the user stops again).
    void evaluationStopsWithinOneBatch()
    {
        auto [x, y] = separable(160, 5);
        RunControl control;
        Trainer trainer(smallModel(0), torch::kCPU, nullptr, &control);
        HookedSource during(x, y, 16, false);
        during.hook = [&](int k) {
            if (k == 3)
                control.requestStop();
        };
        const Evaluation stopped = trainer.evaluate(during, 4, true);
        QVERIFY(!stopped.complete);
        QCOMPARE(stopped.count, std::int64_t(3 * 16)); // batches 0-2, not the one in hand
        QCOMPARE(int(stopped.predictions.size()), 3 * 16);

        HookedSource after(x, y, 16, false); // the stop above was before this pass began
        const Evaluation whole = trainer.evaluate(after, 4, false);
        QVERIFY(whole.complete);
        QCOMPARE(whole.count, std::int64_t(160));
    }

    void pauseBlocksUntilResumed()
    {
        auto [x, y] = separable(320, 5);
        TensorBatchSource train(x, y, 16, true);
        RunControl control;
        std::atomic<int> seen{0};
        Recording rec;
        rec.batchHook = [&](const BatchProgress &) { ++seen; };
        Trainer trainer(smallModel(0), torch::kCPU, &rec, &control);
        FitOptions o;
        o.epochs = 1;
        o.progressInterval = 0;
        control.pause();
        std::thread worker([&] { trainer.fit(train, nullptr, o); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        QCOMPARE(seen.load(), 0);
        control.resume();
        worker.join();
        QCOMPARE(seen.load(), 20);
    }

    // Stop keeps a finished epoch in every phase: a stop after its last batch lets the
    // end-of-epoch validation run; a stop during validation ends that pass, and the epoch is
    // still kept (without validation numbers) and saved.
    void stopAfterAnEpochsTrainingKeepsIt_data()
    {
        QTest::addColumn<bool>("duringValidation");
        QTest::newRow("after the last batch") << false;
        QTest::newRow("during validation") << true;
    }
    void stopAfterAnEpochsTrainingKeepsIt()
    {
        QFETCH(bool, duringValidation);
        auto [x, y] = separable(160, 4);
        TensorBatchSource train(x, y, 16, true);
        HookedSource val(x, y, 16, false);
        RunControl control;
        Recording rec;
        if (duringValidation)
            val.hook = [&](int k) {
                if (k == 2)
                    control.requestStop();
            };
        else
            rec.batchHook = [&](const BatchProgress &p) {
                if (p.batch == p.batches)
                    control.requestStop();
            };
        Trainer trainer(smallModel(0), torch::kCPU, &rec, &control);
        FitOptions o;
        o.epochs = 3;
        o.progressInterval = 0;
        int saved = 0;
        o.onEpochState = [&](const StageState &st) { saved = st.epochsDone; };
        const FitResult r = trainer.fit(train, &val, o);
        QVERIFY(r.stopped);
        QCOMPARE(int(r.epochs.size()), 1);
        QCOMPARE(int(rec.epochs.size()), 1);
        QCOMPARE(saved, 1);
        QCOMPARE(rec.batches.back().batch, rec.batches.back().batches); // trained whole
        QCOMPARE(r.epochs[0].hasValidation, !duringValidation);
        QCOMPARE(r.stoppedAfterEpoch, duringValidation);
    }

    // A pause is not training time: neither the epoch's seconds nor its speed count it.
    void pausedTimeIsNotTrainingTime()
    {
        auto [x, y] = separable(320, 5);
        TensorBatchSource train(x, y, 16, true);
        RunControl control;
        Recording rec;
        std::thread resumer;
        rec.batchHook = [&](const BatchProgress &p) {
            if (p.batch == 5) {
                control.pause();
                resumer = std::thread([&] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(600));
                    control.resume();
                });
            }
        };
        Trainer trainer(smallModel(0), torch::kCPU, &rec, &control);
        FitOptions o;
        o.epochs = 1;
        o.progressInterval = 0;
        const auto start = std::chrono::steady_clock::now();
        trainer.fit(train, nullptr, o);
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        resumer.join();
        QVERIFY(control.pausedSeconds() >= 0.55);
        QCOMPARE(int(rec.epochs.size()), 1);
        QVERIFY2(rec.epochs[0].seconds <= wall - 0.5,
                 qPrintable(QString("epoch %1 s of %2 s").arg(rec.epochs[0].seconds).arg(wall)));
        QVERIFY(rec.batches.back().elapsedSeconds <= wall - 0.5);
    }

    void frozenEverythingIsAnError()
    {
        auto model = smallModel(0);
        for (auto &p : model->parameters())
            p.set_requires_grad(false);
        auto [x, y] = separable(32, 1);
        TensorBatchSource train(x, y, 16, true);
        Trainer trainer(model, torch::kCPU);
        QVERIFY_THROWS_EXCEPTION(Error, trainer.fit(train, nullptr, FitOptions{}));
    }

    void divergenceIsReported()
    {
        auto [x, y] = separable(64, 1);
        x[3][0][0][0] = std::numeric_limits<float>::quiet_NaN();
        TensorBatchSource train(x, y, 16, false);
        Trainer trainer(smallModel(0), torch::kCPU);
        try {
            trainer.fit(train, nullptr, FitOptions{});
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("diverged"), e.what());
        }
    }

    void frozenBackboneKeepsBatchNormStatistics()
    {
        models::ModelSpec s;
        s.name = "resnet18";
        s.inputSize = 32;
        s.numClasses = 4;
        s.freeze = "backbone";
        torch::manual_seed(0);
        auto model = models::createModel(s);
        auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(model->named_modules()["bn1"].get());
        QVERIFY(bn);
        const torch::Tensor meanBefore = bn->running_mean.clone();
        const torch::Tensor fcBefore = model->named_parameters()["fc.weight"].clone();
        const torch::Tensor convBefore = model->named_parameters()["conv1.weight"].clone();
        auto gen = at::make_generator<at::CPUGeneratorImpl>(3);
        TensorBatchSource train(torch::randn({64, 3, 32, 32}, gen) * 2 + 1,
                                torch::randint(0, 4, {64}, gen), 16, true);
        Trainer trainer(model, torch::kCPU);
        trainer.fit(train, nullptr, FitOptions{});
        // Seed 001's point: a frozen BatchNorm's running statistics do not move.
        QVERIFY(torch::equal(bn->running_mean, meanBefore));
        QVERIFY(torch::equal(model->named_parameters()["conv1.weight"], convBefore));
        QVERIFY(!torch::equal(model->named_parameters()["fc.weight"], fcBefore));
    }

    void schedules()
    {
        ScheduleConfig step;
        step.type = "step";
        step.stepSize = 2;
        step.gamma = 0.5;
        QCOMPARE(scheduledLr(step, 1.0, 0, 10), 1.0);
        QCOMPARE(scheduledLr(step, 1.0, 3, 10), 0.5);
        QCOMPARE(scheduledLr(step, 1.0, 4, 10), 0.25);
        ScheduleConfig cosine;
        cosine.type = "cosine";
        QCOMPARE(scheduledLr(cosine, 1.0, 0, 4), 1.0);
        QVERIFY(std::abs(scheduledLr(cosine, 1.0, 2, 4) - 0.5) < 1e-12);

        // One-cycle, seen through the progress reports: starts at lr/25, peaks at lr near 30 %.
        auto [x, y] = separable(320, 7);
        TensorBatchSource train(x, y, 16, true);
        Recording rec;
        Trainer trainer(smallModel(0), torch::kCPU, &rec);
        FitOptions o;
        o.epochs = 2;
        o.progressInterval = 0;
        o.optimizer.lr = 0.01;
        o.schedule.type = "onecycle";
        trainer.fit(train, nullptr, o);
        QVERIFY(std::abs(rec.batches.front().learningRate - 0.01 / 25) < 1e-6);
        double peak = 0;
        std::size_t peakAt = 0;
        for (std::size_t i = 0; i < rec.batches.size(); ++i)
            if (rec.batches[i].learningRate > peak) {
                peak = rec.batches[i].learningRate;
                peakAt = i;
            }
        QVERIFY(peak > 0.0099);
        QVERIFY(peakAt > rec.batches.size() / 5 && peakAt < rec.batches.size() / 2);
        QVERIFY(rec.batches.back().learningRate < 1e-4);
    }

    void plateauAndEarlyStopping()
    {
        // A learning rate so small that nothing changes: the monitored loss never improves.
        // Validation loss: the training loss moves with each epoch's dropout masks.
        auto [x, y] = separable(128, 8);
        TensorBatchSource train(x, y, 32, false), val(x, y, 32, false);
        Recording rec;
        Trainer trainer(smallModel(0), torch::kCPU, &rec);
        FitOptions o;
        o.epochs = 20;
        o.optimizer.name = "sgd";
        o.optimizer.lr = 1e-30;
        o.schedule.type = "plateau";
        o.schedule.monitor = "val_loss";
        o.schedule.patience = 1;
        o.earlyStopping.enabled = true;
        o.earlyStopping.monitor = "val_loss";
        o.earlyStopping.patience = 3;
        const FitResult r = trainer.fit(train, &val, o);
        QVERIFY(r.stoppedEarly);
        QCOMPARE(int(r.epochs.size()), 4); // the first epoch, then 3 without improvement
        QCOMPARE(r.bestEpoch, 1);
        // ReduceLROnPlateau halved the rate after each epoch without improvement.
        QVERIFY(r.epochs[3].learningRate < r.epochs[1].learningRate);
    }

    void learningRateGroups()
    {
        auto model = smallModel(0);
        std::vector<torch::Tensor> backbone, head;
        for (const auto &p : model->named_parameters())
            (p.key().rfind("classifier.", 0) == 0 ? head : backbone).push_back(p.value());
        OptimizerConfig c;
        c.lr = 0.01;
        auto opt = makeOptimizer(c, backbone, head, 0.1);
        QCOMPARE(int(opt->param_groups().size()), 2);
        QCOMPARE(opt->param_groups()[0].options().get_lr(), 0.01);
        QVERIFY(std::abs(opt->param_groups()[1].options().get_lr() - 0.001) < 1e-15);
        // Label smoothing and gradient clipping run.
        auto [x, y] = separable(64, 2);
        TensorBatchSource train(x, y, 16, true);
        Trainer trainer(model, torch::kCPU);
        FitOptions o;
        o.labelSmoothing = 0.1;
        o.gradClip = 1.0;
        o.backboneLrMultiplier = 0.1;
        QCOMPARE(int(trainer.fit(train, nullptr, o).epochs.size()), 1);
    }

    void classMetricsByHand()
    {
        Evaluation e;
        e.numClasses = 2;
        // true 0: 8 right, 2 predicted 1; true 1: 1 predicted 0, 4 right
        e.confusion = {8, 2, 1, 4};
        computeClassMetrics(e);
        QCOMPARE(e.perClass[0].precision, 8.0 / 9.0);
        QCOMPARE(e.perClass[0].recall, 0.8);
        QCOMPARE(e.perClass[1].precision, 4.0 / 6.0);
        QCOMPARE(e.perClass[1].recall, 0.8);
        QCOMPARE(e.perClass[1].support, std::int64_t(5));
        QVERIFY(std::abs(e.perClass[0].f1 - 2 * (8.0 / 9) * 0.8 / (8.0 / 9 + 0.8)) < 1e-12);
    }

    void badOptimizerSettings()
    {
        auto params = smallModel(0)->parameters();
        OptimizerConfig c;
        c.name = "lbfgs";
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer(c, params));
        c.name = "sgd";
        c.lr = -1;
        QVERIFY_THROWS_EXCEPTION(Error, makeOptimizer(c, params));
        QVERIFY_THROWS_EXCEPTION(Error, chooseDevice("tpu"));
        QCOMPARE(chooseDevice("cpu").type(), torch::kCPU);
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
