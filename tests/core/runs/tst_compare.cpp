// Confusion differences and flipped images between two runs.

#include "analysis/compare.h"
#include "base/error.h"
#include "data/image_store.h"
#include "rundir/run_reader.h"
#include "support/expect_error.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl;

namespace {

// A run over 3 classes whose predictions are given per test image (index = position * 10).
runs::RunResult run(const std::string &dir, const std::vector<int> &truth,
                    const std::vector<int> &predicted, float confidence)
{
    runs::RunResult r;
    r.runDir = dir;
    r.classNames = {"a", "b", "c"};
    r.test.numClasses = 3;
    r.test.confusion.assign(9, 0);
    for (std::size_t i = 0; i < truth.size(); ++i) {
        train::Prediction p;
        p.index = std::int64_t(i) * 10;
        p.trueLabel = truth[i];
        p.predicted = predicted[i];
        p.confidence = confidence + 0.01f * float(i);
        r.test.predictions.push_back(p);
        ++r.test.confusion[std::size_t(truth[i] * 3 + predicted[i])];
    }
    return r;
}

} // namespace

class TestCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flippedImagesAndConfusionDelta()
    {
        const std::vector<int> truth = {0, 0, 1, 1, 2, 2, 2};
        const auto a = run("A", truth, {0, 1, 1, 0, 2, 0, 1}, 0.5f);
        const auto b = run("B", truth, {0, 0, 0, 1, 2, 2, 0}, 0.7f);
        const auto d = runs::compareRuns(a, b);
        // Right in A only: image 2 (true 1). Right in B only: 1, 3, 5. Both right: 0, 4.
        // Both wrong: 6 (A says 1, B says 0).
        QCOMPARE(d.bothRight, std::int64_t(2));
        QCOMPARE(d.bothWrong, std::int64_t(1));
        QCOMPARE(d.brokenByB.size(), std::size_t(1));
        QCOMPARE(d.brokenByB[0].index, std::int64_t(20));
        QCOMPARE(d.brokenByB[0].predictedA, 1);
        QCOMPARE(d.brokenByB[0].predictedB, 0);
        QCOMPARE(d.fixedByB.size(), std::size_t(3));
        // Most confident mistake of A first: confidences grow with the position.
        QCOMPARE(d.fixedByB[0].index, std::int64_t(50));
        QCOMPARE(d.fixedByB[1].index, std::int64_t(30));
        QCOMPARE(d.fixedByB[2].index, std::int64_t(10));
        for (const auto &f : d.fixedByB) {
            QCOMPARE(f.predictedB, f.trueLabel);
            QVERIFY(f.predictedA != f.trueLabel);
        }
        // Every flipped image is one whose correctness differs, and no other.
        QCOMPARE(d.fixedByB.size() + d.brokenByB.size() + std::size_t(d.bothRight + d.bothWrong),
                 truth.size());
        // B - A, cell by cell: diagonal (0,0) 1 -> 2, (1,1) 1 -> 1, (2,2) 1 -> 2.
        QCOMPARE(d.delta(0, 0), std::int64_t(1));
        QCOMPARE(d.delta(0, 1), std::int64_t(-1));
        QCOMPARE(d.delta(1, 1), std::int64_t(0));
        QCOMPARE(d.delta(2, 2), std::int64_t(1));
        QCOMPARE(d.delta(2, 0), std::int64_t(0)); // 1 in both
        QCOMPARE(d.delta(2, 1), std::int64_t(-1));
        std::int64_t sum = 0;
        for (auto v : d.confusionDelta)
            sum += v;
        QCOMPARE(sum, std::int64_t(0));
    }

    void differentTestSetsAreRefused()
    {
        const auto a = run("runs/A", {0, 1, 2}, {0, 1, 2}, 0.5f);
        auto b = run("runs/B", {0, 1}, {0, 1}, 0.5f);
        TL_EXPECT_ERROR(runs::compareRuns(a, b), (QStringList{"runs/A", "runs/B", "3 and 2"}));
        b = run("runs/B", {0, 1, 2}, {0, 1, 2}, 0.5f);
        b.test.predictions[1].index = 99;
        TL_EXPECT_ERROR(runs::compareRuns(a, b), (QStringList{"different images", "99"}));
        b = run("runs/B", {0, 1, 2}, {0, 1, 2}, 0.5f);
        b.classNames = {"x", "y", "z"};
        TL_EXPECT_ERROR(runs::compareRuns(a, b), QStringList{"different classes"});
    }

    // A test set's identity: the same images with the same labels in any order match; another
    // label or another image does not. The comparison table says when runs differ in it.
    void testSetIdentityAndWarning()
    {
        QTemporaryDir tmp;
        const std::string d = QDir(tmp.path()).canonicalPath().toStdString();
        data::ImageStore s;
        s.classNames = {"cat", "dog"};
        s.labels = {0, 1, 1};
        s.sourcePaths = {d + "/cat/a.png", d + "/dog/b.png", d + "/dog/c.png"};
        const std::string id = s.identity();
        QCOMPARE(int(id.size()), 16);
        data::ImageStore shuffled = s;
        shuffled.labels = {1, 0, 1};
        shuffled.sourcePaths = {d + "/dog/c.png", d + "/cat/a.png", d + "/dog/b.png"};
        QCOMPARE(shuffled.identity(), id);
        data::ImageStore relabelled = s;
        relabelled.labels[2] = 0;
        QVERIFY(relabelled.identity() != id);
        // The same files by a path relative to the working directory: the same identity.
        data::ImageStore relative = s;
        const QString was = QDir::currentPath();
        QVERIFY(QDir::setCurrent(QString::fromStdString(d)));
        relative.sourcePaths = {"cat/a.png", "dog/b.png", "./dog/c.png"};
        const std::string relativeId = relative.identity();
        QDir::setCurrent(was);
        QCOMPARE(relativeId, id);
        data::ImageStore other = s;
        other.sourcePaths[0] = d + "/cat/z.png";
        QVERIFY(other.identity() != id);

        runs::RunInfo a, b, c, old;
        a.name = "before";
        b.name = "after";
        c.name = "same";
        old.name = "old";
        for (auto *r : {&a, &b, &c, &old})
            r->finished = true;
        a.testSet = c.testSet = id;
        b.testSet = relabelled.identity();
        QVERIFY(runs::testSetWarning({a, c, old}).empty()); // old: no test_set, no claim
        const std::string w = runs::testSetWarning({a, b, c});
        QVERIFY2(w.find("after was tested on other images") != std::string::npos, w.c_str());
        QVERIFY(runs::comparisonTable({a, b}, false).find(w) != std::string::npos);
        QVERIFY(runs::comparisonTable({a, b}, true).find("Not comparable") == std::string::npos);
    }

    // A test label fixed between the runs (image 10: a -> b): both runs are scored against B's
    // labels, so A's answer "a" now counts as a mistake B fixed.
    void relabelledImagesCountWithBsLabels()
    {
        const auto a = run("A", {0, 0, 1}, {0, 0, 1}, 0.5f);
        const auto b = run("B", {0, 1, 1}, {0, 1, 1}, 0.5f);
        const auto d = runs::compareRuns(a, b);
        QCOMPARE(d.relabelled, std::int64_t(1));
        QCOMPARE(d.bothRight, std::int64_t(2));
        QCOMPARE(d.fixedByB.size(), std::size_t(1));
        QCOMPARE(d.fixedByB[0].index, std::int64_t(10));
        QCOMPARE(d.fixedByB[0].trueLabel, 1);
        QCOMPARE(d.brokenByB.size(), std::size_t(0));
        QCOMPARE(d.accuracyA(), 2.0 / 3.0);
        QCOMPARE(d.accuracyB(), 1.0);
        QCOMPARE(d.delta(1, 1), std::int64_t(1));
        QCOMPARE(d.delta(1, 0), std::int64_t(-1));
        QCOMPARE(d.delta(0, 0), std::int64_t(0));
        // Nothing relabelled: the accuracies are the runs' own.
        const auto same = runs::compareRuns(a, a);
        QCOMPARE(same.relabelled, std::int64_t(0));
        QCOMPARE(same.accuracyA(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
