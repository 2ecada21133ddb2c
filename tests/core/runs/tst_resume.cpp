// Resume, fork and feature caching, through runExperiment as the CLI and the GUI use it.

#include "platform/cpu_cores.h"
#include "base/error.h"
#include "run/resolve_config.h"
#include "run/run_experiment.h"
#include "rundir/run_reader.h"
#include "rundir/run_state.h"
#include "rundir/run_summary.h"
#include "support/expect_error.h"
#include "support/fixtures.h"
#include "weights/checkpoint.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

using namespace tl;

namespace {

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

// Stops the run at the first progress report of `phase` (an end-of-epoch pass).
class StopInPhase : public train::TrainingObserver
{
public:
    StopInPhase(train::RunControl &control, std::string phase)
        : m_control(control), m_phase(std::move(phase))
    {
    }
    void onPhase(const train::PhaseProgress &p) override
    {
        if (!stopped && p.phase == m_phase && p.done < p.total) {
            stopped = true;
            m_control.requestStop();
        }
    }
    bool stopped = false;

private:
    train::RunControl &m_control;
    std::string m_phase;
};

// Stops the run once global epoch `at` is complete (the Stop button, not Ctrl-C).
class StopAt : public train::TrainingObserver
{
public:
    StopAt(train::RunControl &control, int at) : m_control(control), m_at(at) {}
    void onEpoch(const train::EpochMetrics &m) override
    {
        if (m.globalEpoch == m_at)
            m_control.requestStop();
    }
    std::vector<std::string> warnings;
    void onWarning(const std::string &w) override { warnings.push_back(w); }

private:
    train::RunControl &m_control;
    int m_at;
};

void compareEpochs(const std::vector<train::EpochMetrics> &a,
                   const std::vector<train::EpochMetrics> &b, double tolerance)
{
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto &x = a[i], &y = b[i];
        QCOMPARE(x.stage, y.stage);
        QCOMPARE(x.epoch, y.epoch);
        QCOMPARE(x.globalEpoch, y.globalEpoch);
        QVERIFY2(std::abs(x.trainLoss - y.trainLoss) <= tolerance,
                 qPrintable(QString("epoch %1 train loss %2 vs %3")
                                .arg(x.globalEpoch)
                                .arg(x.trainLoss, 0, 'g', 10)
                                .arg(y.trainLoss, 0, 'g', 10)));
        QVERIFY(std::abs(x.trainAccuracy - y.trainAccuracy) <= tolerance);
        QVERIFY(std::abs(x.valLoss - y.valLoss) <= tolerance);
        QVERIFY(std::abs(x.valAccuracy - y.valAccuracy) <= tolerance);
        QVERIFY(std::abs(x.learningRate - y.learningRate) <= 1e-12);
        QCOMPARE(x.testConfusion, y.testConfusion);
        QCOMPARE(x.trainableParams, y.trainableParams);
    }
}

} // namespace

class TestResume : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string path(const std::string &name) const
    {
        return (m_dir.path() + "/").toStdString() + name;
    }

    // Two stages as the notebooks run them: the head on a frozen body (cached features), then
    // everything with SGD + momentum, a step schedule and early stopping watching.
    experiment::ExperimentConfig twoStages() const
    {
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = path("data");
        c.data.valSplit = 0.2;
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.seed = 7;
        // A fixed thread count: the comparisons below are to the last digits, which differ
        // between counts (the default follows the machine's load).
        c.threads = usableCores();
        experiment::StageConfig head;
        head.name = "head";
        head.epochs = 3;
        head.batchSize = 32;
        head.freeze = "features";
        head.optimizer.name = "adam";
        head.optimizer.lr = 2e-3;
        experiment::StageConfig tune;
        tune.name = "fine-tune";
        tune.epochs = 3;
        tune.batchSize = 16;
        tune.freeze = "none";
        tune.optimizer.name = "sgd";
        tune.optimizer.lr = 1e-2;
        tune.optimizer.momentum = 0.9;
        tune.schedule.type = "step";
        tune.schedule.stepSize = 1;
        tune.schedule.gamma = 0.5;
        tune.earlyStopping.enabled = true;
        tune.earlyStopping.patience = 10;
        c.stages = {head, tune};
        return c;
    }

    runs::RunResult resume(const std::string &dir)
    {
        const runs::RunState state = runs::readRunState(runs::runStatePath(dir));
        const auto config = experiment::ExperimentConfig::fromJson(state.configJson, dir);
        runs::StartFrom from{&state, true, runs::runStatePath(dir)};
        return runs::runExperiment(config, dir, nullptr, nullptr, nullptr, from);
    }

    runs::RunResult m_whole;
    train::RunControl m_never; // a control nobody stops

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::writeIdxFolder(path("data"), 300, 60);
        auto c = twoStages();
        c.keepCheckpoints = true;
        m_whole = runs::runExperiment(c, path("whole"));
        QCOMPARE(m_whole.epochs.size(), std::size_t(6));
        QVERIFY(!m_whole.stopped);
    }

    void stoppedAndResumedRunEqualsUninterruptedOne_data()
    {
        QTest::addColumn<int>("stopAfter");
        QTest::newRow("inside stage 1") << 2;
        QTest::newRow("at the stage boundary") << 3;
        QTest::newRow("inside stage 2") << 4;
    }
    void stoppedAndResumedRunEqualsUninterruptedOne()
    {
        QFETCH(int, stopAfter);
        const std::string dir = path("stopped-" + std::to_string(stopAfter));
        train::RunControl control;
        AbortAt abort(control, stopAfter);
        const runs::RunResult first = runs::runExperiment(twoStages(), dir, &abort, &control);
        QVERIFY(first.interrupted);
        QCOMPARE(int(first.epochs.size()), stopAfter);
        QVERIFY(!std::filesystem::exists(dir + "/summary.json"));
        QVERIFY(!std::filesystem::exists(dir + "/run.lock"));
        // The first stage trains on cached features and paces its saves: the stop still wrote
        // the last completed epoch, in the state and in model.pth alike.
        const runs::RunState saved = runs::readRunState(runs::runStatePath(dir));
        QCOMPARE(int(saved.epochs.size()), stopAfter);
        const auto pth = weights::readCheckpoint(dir + "/model.pth").tensors;
        QCOMPARE(pth.size(), saved.model.size());
        for (std::size_t i = 0; i < pth.size(); ++i) {
            QCOMPARE(pth[i].first, saved.model[i].first);
            QVERIFY2(torch::equal(pth[i].second, saved.model[i].second), pth[i].first.c_str());
        }
        // The Runs tab's view of it: interrupted and resumable; running while a live process
        // holds its lock; a stale lock (a crashed process) does not count.
        QCOMPARE(runs::readRun(dir).status(), std::string("interrupted"));
        QVERIFY(runs::readRun(dir).resumable);
        test::writeText(dir + "/run.lock", std::to_string(::getpid()) + "\n");
        QCOMPARE(runs::readRun(dir).status(), std::string("running"));
        test::writeText(dir + "/run.lock", "2147483646\n");
        QCOMPARE(runs::readRun(dir).status(), std::string("interrupted"));
        std::filesystem::remove(dir + "/run.lock");

        const runs::RunResult resumed = resume(dir);
        QVERIFY(!resumed.stopped);
        // Metric for metric, as if it had never stopped (CPU, same seed).
        compareEpochs(resumed.epochs, m_whole.epochs, 1e-6);
        QCOMPARE(resumed.test.confusion, m_whole.test.confusion);
        QVERIFY(std::abs(resumed.test.loss - m_whole.test.loss) < 1e-6);
        const auto summary = nlohmann::json::parse(std::ifstream(dir + "/summary.json"));
        QCOMPARE(summary.at("epochs").get<int>(), 6);
        QVERIFY(summary.contains("resumed_from"));
        // Per stage: epochs, trainable parameters (they change), speed, caching.
        const auto &stages = summary.at("stages");
        QCOMPARE(stages.size(), std::size_t(2));
        QCOMPARE(stages[0].at("epochs").get<int>(), 3);
        QVERIFY(stages[0].at("trainable_params").get<std::int64_t>() <
                stages[1].at("trainable_params").get<std::int64_t>());
        QVERIFY(stages[1].at("train_images_per_second").get<double>() > 0);
        QVERIFY(!stages[1].at("cached_features").get<bool>());
        QVERIFY(summary.at("most_confused").size() <= 5);
    }

    void resumingAFinishedRunSaysSo()
    {
        const std::string dir = path("whole");
        const std::string message = test::errorOf([&] { resume(dir); }).toStdString();
        QVERIFY2(message.find("already finished all 2 stage(s)") != std::string::npos,
                 message.c_str());
    }

    void forkContinuesFromAnyEpochWithChangedSettings()
    {
        // Epoch 4 (stage 2, epoch 1) of the whole run, with a gentler learning rate after it.
        const std::string from = path("whole/checkpoints/epoch-004.tlstate");
        QVERIFY(std::filesystem::exists(from));
        const runs::RunState state = runs::readRunState(from);
        QCOMPARE(state.epochs.size(), std::size_t(4));
        auto config = experiment::ExperimentConfig::fromJson(state.configJson, from);
        config.stages[1].optimizer.lr = 1e-3;
        const runs::RunResult fork = runs::runExperiment(config, path("fork"), nullptr, nullptr,
                                                         nullptr, {&state, false, from});
        QCOMPARE(fork.epochs.size(), std::size_t(6));
        compareEpochs({fork.epochs.begin(), fork.epochs.begin() + 4},
                      {m_whole.epochs.begin(), m_whole.epochs.begin() + 4}, 1e-12);
        // step schedule, gamma 0.5, from the new base rate: epoch 2 of stage 2 runs at 5e-4.
        QVERIFY(std::abs(fork.epochs[4].learningRate - 5e-4) < 1e-12);
        QVERIFY(std::abs(m_whole.epochs[4].learningRate - 5e-3) < 1e-12);
        const auto summary = nlohmann::json::parse(std::ifstream(path("fork/summary.json")));
        QCOMPARE(summary.at("forked_from").get<std::string>(), from);
    }

    void forkWithAnotherArchitectureIsRefused()
    {
        const std::string from = runs::runStatePath(path("whole"));
        const runs::RunState state = runs::readRunState(from);
        auto config = experiment::ExperimentConfig::fromJson(state.configJson, from);
        config.model.name = "vgg-style-cnn";
        config.model.poolSize = 2;
        config.stages[1].epochs = 5;
        const std::string message =
            test::errorOf([&] {
                runs::runExperiment(config, path("fork-vgg"), nullptr, nullptr, nullptr,
                                    {&state, false, from});
            }).toStdString();
        QVERIFY2(message.find("different model") != std::string::npos, message.c_str());
    }

    void featureCachingMatchesImages()
    {
        // The head alone on a frozen body, three epochs: once on cached features, once on images.
        auto c = twoStages();
        c.stages.resize(1);
        const runs::RunResult cached = runs::runExperiment(c, "");
        c.cacheFeatures = false;
        const runs::RunResult images = runs::runExperiment(c, "");
        QCOMPARE(cached.cachedStages, std::vector<std::string>{"head"});
        QVERIFY(images.cachedStages.empty());
        compareEpochs(cached.epochs, images.epochs, 1e-4);
        QVERIFY(std::abs(cached.test.accuracy - images.test.accuracy) < 1e-9);

        // Random augmentation changes the input every epoch: no caching.
        c.cacheFeatures = true;
        c.augment.hflip = true;
        QVERIFY(runs::runExperiment(c, "").cachedStages.empty());
    }

    void evaluationBatchKeepsActivationsSmall()
    {
        // simple-cnn at 28 px (32 x 28 x 28 floats an image): 250, about the former 256.
        QCOMPARE(runs::evaluationBatchSize(32 * 28 * 28, 64), 250);
        QCOMPARE(runs::evaluationBatchSize(1000, 64), 256);
        // ResNet-18 at 64 px (64 x 32 x 32): 96; VGG16 at 224 px: the floor.
        QCOMPARE(runs::evaluationBatchSize(64 * 32 * 32, 64), 96);
        QCOMPARE(runs::evaluationBatchSize(64 * 224 * 224, 32), 16);
        QCOMPARE(runs::evaluationBatchSize(64 * 224 * 224, 4), 4);
        QCOMPARE(runs::evaluationBatchSize(0, 64), 256); // shapes unknown
    }

    void aStageFreezeSpecReplacesTheModelsFreezing()
    {
        // As the window sends it: layers unticked in the Model tab, then a fine-tuning stage
        // with "none" that must train everything.
        auto c = twoStages();
        c.model.frozen = {"features"};
        c.stages[0].freeze.clear();
        c.stages[0].epochs = 1;
        c.stages[1].epochs = 1;
        c.stages[1].earlyStopping.enabled = false;
        const runs::RunResult r = runs::runExperiment(c, "");
        QCOMPARE(r.epochs.size(), std::size_t(2));
        QVERIFY(r.epochs[0].trainableParams < r.totalParams);
        QCOMPARE(r.epochs[1].trainableParams, r.totalParams);
    }

    // vgg16 stopped during the end-of-epoch pass over the test images said "nothing was saved"
    // although its epoch had ended: the epoch is kept, saved, and the run finishes with it.
    void stopDuringTheEndOfEpochPassKeepsTheEpoch_data()
    {
        QTest::addColumn<QString>("phase");
        QTest::newRow("confusion pass over the test images") << "confusion";
        QTest::newRow("validation") << "validation";
    }
    void stopDuringTheEndOfEpochPassKeepsTheEpoch()
    {
        QFETCH(QString, phase);
        if (!std::filesystem::exists(path("wide")))
            test::writeIdxFolder(path("wide"), 3000, 3000);
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = path("wide");
        c.data.valSplit = 0.9; // 2,700 validation images: a pass long enough to stop inside
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.threads = 1;
        c.confusionEveryEpoch = true;
        c.stages.front().epochs = 3;
        const std::string dir = path("stop-in-" + phase.toStdString());
        train::RunControl control;
        StopInPhase stop(control, phase.toStdString());
        const runs::RunResult r = runs::runExperiment(c, dir, &stop, &control);
        QVERIFY2(stop.stopped, "the pass was over before its first progress report");
        QVERIFY(!r.discarded);
        QVERIFY(r.stopped);
        QCOMPARE(int(r.epochs.size()), 1);
        QCOMPARE(r.epochs[0].hasValidation, phase == "confusion");
        QVERIFY(r.test.complete); // the test pass began after the stop: it ran
        const auto summary = nlohmann::json::parse(std::ifstream(dir + "/summary.json"));
        QCOMPARE(summary.at("epochs").get<int>(), 1);
        QVERIFY(summary.at("stopped").get<bool>());
        const runs::RunState saved = runs::readRunState(runs::runStatePath(dir));
        QCOMPARE(int(saved.epochs.size()), 1);
        QCOMPARE(saved.nextGlobalEpoch, 2);
    }

    // Learning rate 10 with Adam: the run itself warns (the window and the CLI only show it),
    // and summary.json keeps the warnings with their kind and epoch.
    void aHugeLearningRateIsWarnedAboutAndRecorded()
    {
        auto c = twoStages();
        c.stages.resize(1);
        c.stages[0].freeze = "none";
        c.stages[0].epochs = 6; // progress is reported a few times an epoch: enough reports
        c.stages[0].optimizer.lr = 10.0;
        c.cacheFeatures = false;
        const std::string dir = path("lr10");
        StopAt never(m_never, 1000);
        runs::RunResult r;
        try {
            r = runs::runExperiment(c, dir, &never);
        } catch (const DivergenceError &) {
            QSKIP("the loss overflowed on this data before the run ended");
        }
        std::set<std::string> kinds;
        for (const auto &w : r.warnings)
            kinds.insert(train::hintKindName(w.kind));
        QVERIFY2(kinds.count("loss_rising"), "no rising-loss warning");
        QVERIFY2(kinds.count("one_class") || kinds.count("one_class_test"), "no one-class warning");
        QCOMPARE(never.warnings.size(), r.warnings.size()); // what the window and CLI saw
        const auto summary = nlohmann::json::parse(std::ifstream(dir + "/summary.json"));
        const auto &warnings = summary.at("warnings");
        QCOMPARE(warnings.size(), r.warnings.size());
        for (const auto &w : warnings) {
            QVERIFY(!w.at("text").get<std::string>().empty());
            QVERIFY(w.at("epoch").get<int>() >= 1);
        }
        QVERIFY(runs::RunSummary::fromFile(dir + "/summary.json").warnings.size() ==
                r.warnings.size());
    }

    // Stopped after 2 epochs, resumed at the default rate: no "loss is rising" from comparing
    // with the first process's start, and seconds_per_epoch is the epochs' own mean.
    void aResumedRunIsJudgedAndTimedByItsOwnEpochs()
    {
        auto c = twoStages();
        c.stages.resize(1);
        c.stages[0].freeze = "none";
        c.stages[0].epochs = 4;
        c.stages[0].optimizer.lr = 3e-3;
        c.cacheFeatures = false;
        const std::string dir = path("resumed-quiet");
        train::RunControl control;
        StopAt stop(control, 2);
        const runs::RunResult first = runs::runExperiment(c, dir, &stop, &control);
        QCOMPARE(int(first.epochs.size()), 2);
        const runs::RunState state = runs::readRunState(runs::runStatePath(dir));
        auto config = experiment::ExperimentConfig::fromJson(state.configJson, dir);
        config.stages[0].optimizer.lr = 1e-3;
        StopAt listen(m_never, 1000);
        const runs::RunResult r = runs::runExperiment(config, dir, &listen, nullptr, nullptr,
                                                      {&state, true, runs::runStatePath(dir)});
        QCOMPARE(int(r.epochs.size()), 4);
        for (const auto &w : listen.warnings)
            QVERIFY2(w.find("loss is far too high") == std::string::npos, w.c_str());
        double mean = 0;
        for (const auto &e : r.epochs)
            mean += e.seconds / double(r.epochs.size());
        QVERIFY2(
            std::abs(r.secondsPerEpoch - mean) <= 0.3 * mean,
            qPrintable(QString("%1 s per epoch, epochs %2 s").arg(r.secondsPerEpoch).arg(mean)));
    }

    void damagedStateFilesAreRefusedByName()
    {
        const std::string good = runs::runStatePath(path("whole"));
        std::ifstream in(good, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const std::string cut = path("cut.tlstate");
        test::writeText(cut, bytes.substr(0, bytes.size() / 2));
        std::string message = test::errorOf([&] { runs::readRunState(cut); }).toStdString();
        QVERIFY2(message.find(cut) != std::string::npos, message.c_str());

        // A plain weights file is not a training state.
        message = test::errorOf([&] { runs::readRunState(path("whole/model.pth")); }).toStdString();
        QVERIFY2(message.find("is not a TransferLab training state") != std::string::npos,
                 message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
