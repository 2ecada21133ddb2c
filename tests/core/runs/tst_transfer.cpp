// Transfer learning offline: a run as the starting point of another, class subsets and
// few-shot data, and the transfer lesson's plan.

#include "data/dataset.h"
#include "data/splits.h"
#include "base/error.h"
#include "models/model_factory.h"
#include "models/network.h"
#include "orchestration/lesson.h"
#include "run/run_experiment.h"
#include "rundir/run_reader.h"
#include "rundir/run_weights.h"
#include "support/expect_error.h"
#include "support/fixtures.h"
#include "weights/checkpoint.h"

#include <torch/torch.h>

#include <QtTest>

#include <map>
#include <set>

using namespace tl;

namespace {

// Collects what a run says (the weights report is one of its messages).
class Messages : public train::TrainingObserver
{
public:
    void onMessage(const std::string &s) override { lines.push_back(s); }
    std::vector<std::string> lines;
    bool any(const std::string &fragment) const
    {
        for (const auto &l : lines)
            if (l.find(fragment) != std::string::npos)
                return true;
        return false;
    }
};

std::map<std::string, torch::Tensor> tensorsOf(models::NetworkImpl &m)
{
    std::map<std::string, torch::Tensor> out;
    for (const auto &[k, v] : weights::stateDictOf(m))
        out[k] = v.detach().clone();
    return out;
}

} // namespace

class TestTransfer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const std::string &name) const
    {
        return (m_dir.path() + "/").toStdString() + name;
    }
    data::DatasetOptions dataOptions() const
    {
        data::DatasetOptions o;
        o.name = "fashion-mnist";
        o.root = path("data");
        return o;
    }
    experiment::ExperimentConfig smallRun() const
    {
        experiment::ExperimentConfig c;
        c.data = dataOptions();
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.threads = 1;
        c.seed = 3;
        c.stages[0].epochs = 1;
        c.stages[0].batchSize = 32;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::writeIdxFolder(path("data"), 400, 100); // labels cycle 0..9
        // The source run: ten classes.
        const auto r = runs::runExperiment(smallRun(), path("source"));
        QVERIFY(!r.stopped);
    }

    void classesByNameAndIndex()
    {
        auto o = dataOptions();
        o.classes = {"sneaker", "0", "Bag"}; // case-insensitive names, and an index
        const auto ds = data::loadDataset(o);
        QCOMPARE(ds.train.classNames, (std::vector<std::string>{"Sneaker", "T-shirt/top", "Bag"}));
        QCOMPARE(ds.test.classNames, ds.train.classNames);
        QCOMPARE(ds.allClassNames.size(), std::size_t(10));
        QCOMPARE(ds.train.size(), std::size_t(120)); // 40 of each of the three
        QCOMPARE(ds.test.size(), std::size_t(30));
        // Relabelled in the order given: Sneaker (7) -> 0, T-shirt/top (0) -> 1, Bag (8) -> 2;
        // sourceIndex still points at the original file's rows.
        for (std::size_t i = 0; i < ds.train.size(); ++i) {
            const std::int64_t original = ds.train.sourceIndex[i] % 10;
            const std::int64_t expected = original == 7 ? 0 : original == 0 ? 1 : 2;
            QCOMPARE(ds.train.labels[i], expected);
            QVERIFY(original == 7 || original == 0 || original == 8);
        }
    }

    void unknownOrRepeatedClassIsRefused()
    {
        auto o = dataOptions();
        o.classes = {"Trouser", "Jacket"};
        TL_EXPECT_ERROR(data::loadDataset(o),
                        (QStringList{"unknown class 'Jacket'", "Ankle boot", "data"}));
        o.classes = {"1", "Trouser"};
        TL_EXPECT_ERROR(data::loadDataset(o), QStringList{"'Trouser' is named twice"});
        o.classes = {"10", "1"};
        TL_EXPECT_ERROR(data::loadDataset(o), QStringList{"unknown class '10'"});
    }

    void perClassIsExactAndSeeded()
    {
        auto o = dataOptions();
        o.classes = {"Pullover", "Coat", "Shirt"};
        o.perClass = 7;
        o.seed = 1;
        const auto a = data::loadDataset(o);
        QCOMPARE(a.train.size(), std::size_t(21));
        QCOMPARE(a.train.classCounts(), (std::vector<std::size_t>{7, 7, 7}));
        QCOMPARE(a.test.size(), std::size_t(30)); // the test set is never thinned
        const auto again = data::loadDataset(o);
        QCOMPARE(again.train.sourceIndex, a.train.sourceIndex);
        o.seed = 2;
        const auto other = data::loadDataset(o);
        QVERIFY(other.train.sourceIndex != a.train.sourceIndex);
        o.perClass = 41; // each class has 40
        TL_EXPECT_ERROR(data::loadDataset(o),
                        (QStringList{"class 'Pullover' has 40 training images", "41"}));
        // What the run checks before using data kept in memory.
        auto w = o;
        w.perClass = 5;
        QVERIFY(data::datasetMismatch(o, w).find("per class") != std::string::npos);
        w = o;
        w.classes = {"Coat", "Shirt"};
        QVERIFY(data::datasetMismatch(o, w).find("classes") != std::string::npos);
    }

    void runIntoOtherClassCountRenewsExactlyTheClassifier()
    {
        const runs::SourceRun source = runs::readSourceRun(path("source"));
        QCOMPARE(source.model, std::string("simple-cnn"));
        QCOMPARE(source.classNames.size(), std::size_t(10));
        models::ModelSpec spec;
        spec.name = "simple-cnn";
        spec.inChannels = 1;
        spec.inputSize = 28;
        spec.numClasses = 5;
        auto model = models::createModel(spec, 11);
        const auto before = tensorsOf(*model);
        const std::vector<std::string> five = {"T-shirt/top", "Pullover", "Dress", "Coat", "Shirt"};
        const auto report = runs::loadRunWeights(*model, "simple-cnn", five, source);
        std::set<std::string> fresh;
        for (const auto &[name, why] : report.fresh) {
            fresh.insert(name);
            QVERIFY2(why.find("[10, 6272] in the run, [5, 6272] here") != std::string::npos ||
                         why.find("[10] in the run, [5] here") != std::string::npos,
                     why.c_str());
            QVERIFY2(why.find("not this data's (T-shirt/top, Pullover") != std::string::npos,
                     why.c_str());
        }
        QCOMPARE(fresh,
                 (std::set<std::string>{"classifier.dense2.weight", "classifier.dense2.bias"}));
        QCOMPARE(report.taken.size(), std::size_t(6));
        QVERIFY(report.unused.empty());
        const auto saved = weights::readCheckpoint(path("source/model.pth")).tensors;
        std::map<std::string, torch::Tensor> file(saved.begin(), saved.end());
        const auto after = tensorsOf(*model);
        for (const auto &name : report.taken)
            QVERIFY2(torch::equal(after.at(name), file.at(name)), name.c_str());
        for (const auto &name : fresh) // left as the fresh model had them
            QVERIFY(torch::equal(after.at(name), before.at(name)));
        const std::string text = report.summary("run X");
        QVERIFY2(text.find("6 of 8 tensors from run X") != std::string::npos, text.c_str());
        QVERIFY2(text.find("classifier.dense2.weight") != std::string::npos, text.c_str());
    }

    void sameCountOtherClassesStillRenewsTheOutputLayer()
    {
        const runs::SourceRun source = runs::readSourceRun(path("source"));
        models::ModelSpec spec;
        spec.name = "simple-cnn";
        spec.inChannels = 1;
        spec.inputSize = 28;
        spec.numClasses = 10;
        auto model = models::createModel(spec, 11);
        // The same classes: everything is taken.
        auto same = runs::loadRunWeights(*model, "simple-cnn", source.classNames, source);
        QCOMPARE(same.taken.size(), std::size_t(8));
        QVERIFY(same.fresh.empty());
        // Ten other classes (e.g. MNIST's digits): the output layer's rows mean other things.
        std::vector<std::string> digits;
        for (int i = 0; i < 10; ++i)
            digits.push_back(std::to_string(i));
        auto other = runs::loadRunWeights(*model, "simple-cnn", digits, source);
        QCOMPARE(other.taken.size(), std::size_t(6));
        QCOMPARE(other.fresh.size(), std::size_t(2));
        QVERIFY(other.fresh[0].second.find("the run's classes") != std::string::npos);
    }

    void otherArchitectureIsRefused()
    {
        const runs::SourceRun source = runs::readSourceRun(path("source"));
        models::ModelSpec spec;
        spec.name = "vgg-style-cnn";
        spec.inChannels = 1;
        spec.inputSize = 28;
        spec.numClasses = 10;
        auto model = models::createModel(spec, 1);
        TL_EXPECT_ERROR(runs::loadRunWeights(*model, "vgg-style-cnn", source.classNames, source),
                        (QStringList{"a run of simple-cnn", "builds vgg-style-cnn"}));
        // An experiment asking for it fails before any training, leaving nothing behind.
        auto c = smallRun();
        c.model.name = "vgg-style-cnn";
        c.model.weights = "run:" + path("source");
        TL_EXPECT_ERROR(runs::runExperiment(c, path("refused")), QStringList{"simple-cnn"});
        QVERIFY(!QFileInfo::exists(QString::fromStdString(path("refused"))));
        TL_EXPECT_ERROR(runs::readSourceRun(path("data")), QStringList{"no config.json"});
    }

    void aRunStartsAnotherOnOtherClasses()
    {
        auto c = smallRun();
        c.data.classes = {"Dress", "Coat", "Shirt"};
        c.data.perClass = 10;
        c.model.weights = path("source"); // the folder itself works too
        c.model.freeze = "backbone";
        Messages said;
        const auto r = runs::runExperiment(c, path("target"), &said);
        QVERIFY(!r.stopped);
        QCOMPARE(r.classNames, (std::vector<std::string>{"Dress", "Coat", "Shirt"}));
        QCOMPARE(r.test.numClasses, 3);
        QVERIFY(said.any("6 of 8 tensors from run " + path("source")));
        QVERIFY(said.any("starting fresh: classifier.dense2.weight"));
        // The features were learned on images normalised the source run's way.
        const auto config = experiment::ExperimentConfig::fromFile(path("target/config.json"));
        const runs::SourceRun source = runs::readSourceRun(path("source"));
        QCOMPARE(config.preprocess.mean, source.mean);
        QCOMPARE(config.preprocess.std, source.std);
        QCOMPARE(config.data.perClass, 10);
        QCOMPARE(config.data.classes.size(), std::size_t(3));
        // ... and the frozen convolutions are still the source run's.
        const auto target = weights::readCheckpoint(path("target/model.pth")).tensors;
        const auto src = weights::readCheckpoint(path("source/model.pth")).tensors;
        std::map<std::string, torch::Tensor> a(target.begin(), target.end()),
            b(src.begin(), src.end());
        QVERIFY(torch::equal(a.at("features.conv1.weight"), b.at("features.conv1.weight")));
        // A run of it lists as usable weights for simple-cnn, not for another model.
        QCOMPARE(runs::runsUsableAsWeights(m_dir.path().toStdString(), "simple-cnn").size(),
                 std::size_t(2));
        QVERIFY(runs::runsUsableAsWeights(m_dir.path().toStdString(), "resnet18").empty());
    }

    void lessonPlan()
    {
        runs::LessonOptions o;
        const auto steps = runs::transferLessonSteps(o, "/tmp/lesson");
        QCOMPARE(steps.size(), std::size_t(1 + 3 * 3 * 3)); // pretrain + N x seeds x methods
        QCOMPARE(steps[0].method, std::string("pretrain"));
        QCOMPARE(steps[0].config.data.classes, runs::lessonSourceClasses());
        std::set<std::string> ids;
        for (const auto &s : steps) {
            ids.insert(s.id);
            if (s.method == "pretrain")
                continue;
            QCOMPARE(s.config.data.classes, runs::lessonTargetClasses());
            QCOMPARE(s.config.data.perClass, s.perClass);
            QCOMPARE(s.config.seed, s.seed);
            const bool transfers = s.method != "scratch";
            QCOMPARE(s.config.model.weights == "run:/tmp/lesson/pretrain", transfers);
            QCOMPARE(s.config.model.freeze == "backbone", s.method == "frozen");
            // Every method trains the same way on the same images.
            QCOMPARE(s.config.stages[0].epochs, steps[1].config.stages[0].epochs);
            QCOMPARE(s.config.stages[0].batchSize, steps[1].config.stages[0].batchSize);
        }
        QCOMPARE(ids.size(), steps.size());
        // No class is in both halves.
        for (const auto &c : runs::lessonSourceClasses())
            QVERIFY(std::find(runs::lessonTargetClasses().begin(),
                              runs::lessonTargetClasses().end(),
                              c) == runs::lessonTargetClasses().end());
        o.quick = true;
        QCOMPARE(runs::transferLessonSteps(o, "/tmp/l").size(), std::size_t(4));
    }

    // Issue 34: the lesson's duration from this machine's earlier runs, not a fixed "two
    // minutes": training images x epochs at their speed, plus their time outside the epochs.
    void lessonEstimateFromMeasuredSpeed()
    {
        runs::RunInfo r;
        r.finished = true;
        r.model = "simple-cnn";
        r.dataset = "fashion-mnist";
        r.imagesPerSecond = 1000;
        r.epochs = 2;
        r.secondsPerEpoch = 5;
        r.totalSeconds = 12; // 2 s outside the epochs
        runs::LessonOptions quick;
        quick.quick = true;
        // Pretraining: 30,000 images, 1 epoch; three target runs of 100 images x 15 epochs.
        QCOMPARE(runs::estimateLessonSeconds(quick, {r}), 30.0 + 2 + 3 * (1.5 + 2));
        // Twice as fast: about half.
        runs::RunInfo fast = r;
        fast.imagesPerSecond = 2000;
        fast.totalSeconds = 7;
        QVERIFY(runs::estimateLessonSeconds(quick, {fast}) < 25);
        QVERIFY(runs::estimateLessonSeconds({}, {r}) > runs::estimateLessonSeconds(quick, {r}));
        // Nothing measured for the lesson's model: no estimate.
        r.model = "resnet18";
        QCOMPARE(runs::estimateLessonSeconds(quick, {r}), -1.0);
        QCOMPARE(runs::estimateLessonSeconds(quick, {}), -1.0);
    }

    void lessonRunsAndContinues()
    {
        // The real lesson on the generated data, shrunk: one N, one seed.
        runs::LessonOptions o;
        o.perClass = {5};
        o.seeds = 1;
        o.threads = 1;
        o.dataRoot = path("data");
        // Each step a transferlab-cli train process, through the scheduler.
        runs::LessonResult r = runs::runTransferLesson(o, path("lesson"), TL_CLI_PATH);
        QVERIFY(!r.stopped);
        QCOMPARE(r.points.size(), std::size_t(3));
        for (const auto &p : r.points)
            QVERIFY2(p.status == "finished", p.error.c_str());
        QVERIFY(QFileInfo::exists(QString::fromStdString(path("lesson/lesson.md"))));
        const auto back = runs::readLesson(path("lesson"));
        QCOMPARE(back.points.size(), std::size_t(3));
        QCOMPARE(back.points[1].testAccuracy, r.points[1].testAccuracy);
        QVERIFY(r.table().find("| 5 |") != std::string::npos);
        // Again: every step is read back, nothing trains.
        int started = 0;
        runs::LessonCallbacks cb;
        cb.stepStarted = [&](std::size_t, std::size_t, const runs::LessonStep &) { ++started; };
        const auto again = runs::runTransferLesson(o, path("lesson"), TL_CLI_PATH, cb);
        QCOMPARE(started, 4);
        QVERIFY(again.seconds < 5.0);
        QCOMPARE(again.points[2].testAccuracy, r.points[2].testAccuracy);
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
