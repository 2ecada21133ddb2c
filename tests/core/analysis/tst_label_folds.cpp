// K-fold out-of-sample label scores (core/analysis/label_folds.h): folds disjoint and stratified,
// each row scored by a head that never saw its label, planted wrong labels ranked first.

#include "analysis/label_fold_runs.h"
#include "analysis/label_folds.h"
#include "experiment/experiment_config.h"
#include "inspect/feature_space.h"
#include "io/files.h"
#include "rundir/run_dir.h"
#include "rundir/run_summary.h"
#include "support/expect_error.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

using namespace tl;

namespace {

// `perClass` points per class around well-separated centres in `dims` dimensions.
struct Blobs
{
    std::vector<float> x;
    std::vector<std::int64_t> y;
    std::int64_t rows = 0, dims = 0, classes = 0;
};

Blobs blobs(int classes, int perClass, int dims, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.f, 1.f);
    Blobs b;
    b.classes = classes;
    b.dims = dims;
    for (int c = 0; c < classes; ++c)
        for (int i = 0; i < perClass; ++i) {
            for (int d = 0; d < dims; ++d)
                b.x.push_back(noise(rng) + (d % classes == c ? 4.f : 0.f));
            b.y.push_back(c);
            ++b.rows;
        }
    return b;
}

} // namespace

class TestLabelFolds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void foldsAreDisjointAndStratified()
    {
        std::vector<std::int64_t> labels;
        for (int c = 0; c < 3; ++c)
            for (int i = 0; i < 50 + 10 * c; ++i)
                labels.push_back(c);
        const std::vector<int> fold = runs::stratifiedFolds(labels, 5, 7);
        QCOMPARE(fold.size(), labels.size());
        // Each row in exactly one fold (a vector gives one each); each class spread evenly.
        std::map<std::pair<int, std::int64_t>, int> count;
        for (std::size_t r = 0; r < fold.size(); ++r) {
            QVERIFY(fold[r] >= 0 && fold[r] < 5);
            ++count[{fold[r], labels[r]}];
        }
        for (int c = 0; c < 3; ++c) {
            const int n = 50 + 10 * c;
            for (int k = 0; k < 5; ++k) {
                const int got = count[{k, c}];
                QVERIFY2(got == n / 5 || got == n / 5 + 1,
                         qPrintable(QString("class %1 fold %2: %3").arg(c).arg(k).arg(got)));
            }
        }
        // Another seed deals differently; the same seed the same.
        QVERIFY(runs::stratifiedFolds(labels, 5, 8) != fold);
        QVERIFY(runs::stratifiedFolds(labels, 5, 7) == fold);
    }

    void badFoldCountsAreRefused()
    {
        TL_EXPECT_ERROR(runs::stratifiedFolds({0, 1}, 1, 0), (QStringList{"2..20", "1"}));
        TL_EXPECT_ERROR(runs::stratifiedFolds({0, 1}, 21, 0), (QStringList{"2..20"}));
        TL_EXPECT_ERROR(runs::stratifiedFolds({0, -3}, 2, 0), (QStringList{"negative", "row 1"}));
        TL_EXPECT_ERROR(runs::crossValidatedProbabilities({1.f, 2.f}, 2, 1, {0, 1}, 2, {0}, {}),
                        (QStringList{"do not fit"}));
    }

    // A row's own probabilities come from the head of the other folds: changing its label (the
    // folds kept) leaves them exactly as they were, while rows of other folds see the change.
    void aRowIsScoredByAHeadThatNeverSawItsLabel()
    {
        const Blobs b = blobs(3, 40, 6, 1);
        const std::vector<int> fold = runs::stratifiedFolds(b.y, 4, 3);
        runs::LabelFoldOptions o;
        o.iterations = 30;
        const auto before =
            runs::crossValidatedProbabilities(b.x, b.rows, b.dims, b.y, b.classes, fold, o);
        auto flipped = b.y;
        const std::size_t row = 17;
        flipped[row] = (flipped[row] + 1) % b.classes;
        const auto after =
            runs::crossValidatedProbabilities(b.x, b.rows, b.dims, flipped, b.classes, fold, o);
        QCOMPARE(before.size(), std::size_t(b.rows * b.classes));
        double ownChange = 0, otherChange = 0;
        for (std::int64_t r = 0; r < b.rows; ++r)
            for (std::int64_t c = 0; c < b.classes; ++c) {
                const double d = std::abs(before[std::size_t(r * b.classes + c)] -
                                          after[std::size_t(r * b.classes + c)]);
                if (fold[std::size_t(r)] == fold[row])
                    ownChange += d;
                else
                    otherChange += d;
            }
        QCOMPARE(ownChange, 0.0);
        QVERIFY2(otherChange > 1e-4, qPrintable(QString::number(otherChange)));
        // Rows sum to one.
        for (std::int64_t r = 0; r < b.rows; ++r) {
            double s = 0;
            for (std::int64_t c = 0; c < b.classes; ++c)
                s += before[std::size_t(r * b.classes + c)];
            QVERIFY(std::abs(s - 1.0) < 1e-4);
        }
    }

    // 5 % of the labels flipped on purpose: confident learning over the out-of-sample scores
    // puts them first; the in-sample head of all rows hides some of them.
    void plantedWrongLabelsComeFirst()
    {
        Blobs b = blobs(4, 100, 12, 2);
        std::mt19937_64 rng(5);
        std::set<std::int64_t> planted;
        while (planted.size() < 20)
            planted.insert(std::int64_t(rng() % std::uint64_t(b.rows)));
        for (const auto r : planted)
            b.y[std::size_t(r)] = (b.y[std::size_t(r)] + 1 + std::int64_t(rng() % 3)) % 4;
        runs::LabelFoldOptions o;
        const std::vector<int> fold = runs::stratifiedFolds(b.y, 5, 0);
        std::vector<float> p =
            runs::crossValidatedProbabilities(b.x, b.rows, b.dims, b.y, b.classes, fold, o);
        const inspect::LabelSuspicion s = inspect::rankLabelSuspicion(
            torch::from_blob(p.data(), {b.rows, b.classes}, torch::kFloat32),
            torch::tensor(b.y, torch::kInt64));
        int found = 0;
        for (int k = 0; k < 20; ++k)
            found += int(planted.count(s.order[std::size_t(k)]));
        QVERIFY2(found >= 18, qPrintable(QString("%1 of the 20 planted in the top 20").arg(found)));
    }

    // The fold runs (label_fold_runs.h): each leaves out its fold (and the run's own
    // exclusions), together they leave out every image once; shortened as asked; the estimate
    // from the run's own times; folders made for other folds are found.
    void foldRunsLeaveTheirFoldOut()
    {
        runs::RunFeatures f;
        for (std::int64_t r = 0; r < 50; ++r) {
            runs::FeatureSplit &s = r < 40 ? f.train : f.val;
            s.labels.push_back(r % 2);
            s.sourceIndex.push_back(1000 + r);
            s.storeRow.push_back(r);
            ++s.rows;
        }
        runs::LabelFoldOptions o;
        const runs::FoldRunPlan plan = runs::planFoldRuns(f, o);
        experiment::ExperimentConfig base;
        base.data.exclude = {7};
        base.stages.resize(2);
        base.stages[0].epochs = 3;
        base.stages[1].epochs = 2;
        const QTemporaryDir dir;
        const std::string run = dir.path().toStdString() + "/run";
        const auto points = runs::foldRunPoints(run, base, plan, 0);
        QCOMPARE(points.size(), std::size_t(5));
        std::multiset<std::int64_t> leftOut;
        for (int k = 0; k < 5; ++k) {
            const runs::PointSpec &p = points[std::size_t(k)];
            QCOMPARE(p.runDir, run + "/label-folds/fold-" + std::to_string(k + 1));
            QCOMPARE(p.configFile, p.runDir + ".json");
            QCOMPARE(p.config.stages[0].epochs, 3);
            const auto &ex = p.config.data.exclude;
            QVERIFY(std::is_sorted(ex.begin(), ex.end()));
            QVERIFY(std::binary_search(ex.begin(), ex.end(), std::int64_t(7)));
            QCOMPARE(ex.size(), plan.exclude[std::size_t(k)].size() + 1);
            leftOut.insert(ex.begin(), ex.end());
        }
        leftOut.erase(7);
        QCOMPARE(leftOut.size(), std::size_t(50));
        QCOMPARE(std::set<std::int64_t>(leftOut.begin(), leftOut.end()).size(), std::size_t(50));
        const auto shortened = runs::foldRunPoints(run, base, plan, 4);
        QCOMPARE(shortened[0].config.stages[0].epochs, 2);
        QCOMPARE(shortened[0].config.stages[1].epochs, 2);
        QCOMPARE(runs::foldRunPoints(run, base, plan, 1)[0].config.stages[1].epochs, 1);

        // 0.8 of each epoch's time (the fold run trains on 4/5 of the images), the rest as is.
        runs::RunSummary done;
        done.totalSeconds = 100;
        done.stages.resize(2);
        done.stages[0].secondsPerEpoch = 10;
        done.stages[0].epochs = 3;
        done.stages[0].trainSeconds = 30;
        done.stages[1].epochs = 2;
        done.stages[1].trainSeconds = 10; // 5 s per epoch, from the stage's total
        QCOMPARE(runs::estimateFoldRunSeconds(done, shortened[0].config, 5),
                 0.8 * (10 * 2 + 5 * 2) + 60);
        QCOMPARE(runs::estimateFoldRunSeconds(runs::RunSummary{}, base, 5), -1.0);

        // Fold 1 made for these folds, fold 2 for others (as after --folds 2): only fold 2.
        for (int k : {0, 1}) {
            std::filesystem::create_directories(points[std::size_t(k)].runDir);
            experiment::ExperimentConfig c = points[0].config;
            writeFileAtomic(runs::RunDir(points[std::size_t(k)].runDir).config(), c.toJson());
        }
        QCOMPARE(runs::staleFoldRuns(run, base, plan), std::vector<std::string>{points[1].runDir});

        experiment::ExperimentConfig frozen;
        frozen.model.freeze = "backbone";
        QVERIFY(runs::headOnlyRun(frozen));
        frozen.stages.front().freeze = "none";
        QVERIFY(!runs::headOnlyRun(frozen));
    }

    void stopsWhenAsked()
    {
        const Blobs b = blobs(2, 10, 3, 3);
        const auto fold = runs::stratifiedFolds(b.y, 2, 0);
        const auto p =
            runs::crossValidatedProbabilities(b.x, b.rows, b.dims, b.y, b.classes, fold, {},
                                              [](double, const std::string &) { return false; });
        QVERIFY(p.empty());
    }
};

QTEST_GUILESS_MAIN(TestLabelFolds)
#include "tst_label_folds.moc"
