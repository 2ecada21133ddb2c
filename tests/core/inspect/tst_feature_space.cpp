// The feature-space tools: PCA against known axes, cosine neighbours against brute force,
// label suspicion on labels flipped on purpose.

#include "base/error.h"
#include "inspect/feature_space.h"
#include "inspect/tsne.h"
#include "platform/malloc_policy.h"
#include "support/expect_error.h"

#include <torch/torch.h>

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace tl;

class TestFeatureSpace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { keepFreedMemoryForReuse(); } // as the programs run

    void pcaFindsTheKnownAxes_data()
    {
        QTest::addColumn<int>("dims");
        QTest::newRow("6 dimensions (exact)") << 6;
        QTest::newRow("800 dimensions (randomized)") << 800;
    }

    void pcaFindsTheKnownAxes()
    {
        // Points spread 3 along u1 and 1 along u2 (orthonormal), plus a little noise.
        QFETCH(int, dims);
        torch::manual_seed(1);
        const torch::Tensor basis =
            std::get<0>(torch::linalg::qr(torch::randn({dims, dims}, torch::kFloat64)));
        const torch::Tensor u1 = basis.select(1, 0), u2 = basis.select(1, 1);
        const std::int64_t n = 4000;
        const torch::Tensor a = torch::randn({n, 1}, torch::kFloat64) * 3;
        const torch::Tensor b = torch::randn({n, 1}, torch::kFloat64);
        const torch::Tensor x =
            a * u1 + b * u2 + 0.05 * torch::randn({n, dims}, torch::kFloat64) + 7;
        const inspect::Projection p = inspect::pca(x.to(torch::kFloat32));
        QCOMPARE(p.points.sizes().vec(), (std::vector<std::int64_t>{n, 2}));
        const double d1 = p.axes[0].to(torch::kFloat64).dot(u1).abs().item<double>();
        const double d2 = p.axes[1].to(torch::kFloat64).dot(u2).abs().item<double>();
        QVERIFY2(d1 > 0.999 && d2 > 0.999, qPrintable(QString("%1 %2").arg(d1).arg(d2)));
        const double v1 = p.variance[0].item<double>(), v2 = p.variance[1].item<double>();
        QVERIFY2(std::abs(v1 - 9) < 0.6 && std::abs(v2 - 1) < 0.1,
                 qPrintable(QString("%1 %2").arg(v1).arg(v2)));
        QVERIFY(p.totalVariance > v1 + v2);
        // The map is the centred data on the axes: its variance along x is the first axis's.
        QVERIFY(std::abs(p.points.select(1, 0).var().item<double>() - v1) < 1e-2 * v1);
        QVERIFY(std::abs(p.points.mean(0).abs().max().item<double>()) < 1e-3);
        // Signs fixed: the same data (even rows reordered) gives the same axes.
        const inspect::Projection again = inspect::pca(x.flip(0).to(torch::kFloat32));
        QVERIFY(torch::allclose(again.axes, p.axes, 1e-4, 1e-4));
        TL_EXPECT_ERROR(inspect::pca(x.narrow(0, 0, 1)), (QStringList{"two"}));
        TL_EXPECT_ERROR(
            inspect::pca(x, dims + 1),
            (QStringList{QString::number(dims + 1), QString("%1 dimensions").arg(dims)}));
    }

    void neighboursMatchBruteForce()
    {
        torch::manual_seed(2);
        const torch::Tensor base = torch::randn({300, 16});
        torch::Tensor queries = torch::randn({50, 16});
        queries[3] = base[17] * 2.5; // the same direction: distance 0 to row 17
        const int k = 5;
        // Blocks of 7 queries (small blockBytes) give what one block gives.
        const inspect::Neighbours got = inspect::nearestByCosine(queries, base, k, 7 * 300 * 4);
        const inspect::Neighbours whole = inspect::nearestByCosine(queries, base, k);
        QVERIFY(torch::equal(got.indices, whole.indices));
        for (std::int64_t i = 0; i < queries.size(0); ++i) {
            std::vector<std::pair<double, std::int64_t>> all;
            for (std::int64_t j = 0; j < base.size(0); ++j) {
                const double c = queries[i].dot(base[j]).item<double>() /
                                 (queries[i].norm().item<double>() * base[j].norm().item<double>());
                all.emplace_back(1 - c, j);
            }
            std::sort(all.begin(), all.end());
            for (int r = 0; r < k; ++r) {
                QCOMPARE(got.indices[i][r].item<std::int64_t>(), all[std::size_t(r)].second);
                QVERIFY(std::abs(got.distances[i][r].item<double>() - all[std::size_t(r)].first) <
                        1e-5);
            }
        }
        QCOMPARE(got.indices[3][0].item<std::int64_t>(), std::int64_t(17));
        QVERIFY(got.distances[3][0].item<double>() < 1e-6);
        // k above the base's size is capped; a zero query is at distance 1 from everything.
        const inspect::Neighbours few =
            inspect::nearestByCosine(torch::zeros({1, 16}), base.narrow(0, 0, 3), 10);
        QCOMPARE(few.indices.size(1), std::int64_t(3));
        QVERIFY(torch::allclose(few.distances, torch::ones({1, 3})));
        TL_EXPECT_ERROR(inspect::nearestByCosine(queries, torch::randn({4, 15}), 1),
                        (QStringList{"m x d"}));
    }

    void tsneKeepsSeparatedClustersApart_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("per");
        QTest::newRow("exact, 400 points") << int(inspect::TsneMethod::Exact) << 80;
        QTest::newRow("Barnes-Hut, 400 points") << int(inspect::TsneMethod::BarnesHut) << 80;
        QTest::newRow("automatic (Barnes-Hut), 4000 points")
            << int(inspect::TsneMethod::Auto) << 800;
    }

    void tsneKeepsSeparatedClustersApart()
    {
        // Five Gaussian clusters in 20-D, centres 8 standard deviations apart: in the 2-D map
        // each point's 5 nearest neighbours mostly share its cluster.
        QFETCH(int, method);
        QFETCH(int, per);
        inspect::TsneOptions options;
        options.method = inspect::TsneMethod(method);
        torch::manual_seed(4);
        const int clusters = 5;
        const torch::Tensor centres = torch::randn({clusters, 20}) * 8;
        torch::Tensor x = torch::empty({clusters * per, 20});
        std::vector<int> label(clusters * per);
        for (int c = 0; c < clusters; ++c)
            for (int i = 0; i < per; ++i) {
                x[c * per + i] = centres[c] + torch::randn({20});
                label[std::size_t(c * per + i)] = c;
            }
        int calls = 0;
        const torch::Tensor y = inspect::tsne(x, options, [&](int, int) { return ++calls > 0; });
        QCOMPARE(y.sizes().vec(), (std::vector<std::int64_t>{clusters * per, 2}));
        QVERIFY(calls >= 10);
        QVERIFY(torch::isfinite(y).all().item<bool>());
        // k-NN (k = 5, Euclidean, leave one out) accuracy in 2-D.
        const torch::Tensor d = torch::cdist(y, y) + torch::eye(y.size(0)) * 1e9;
        const torch::Tensor near = std::get<1>(d.topk(5, 1, false));
        int right = 0;
        for (int i = 0; i < clusters * per; ++i) {
            int votes[5] = {};
            for (int j = 0; j < 5; ++j)
                ++votes[label[std::size_t(near[i][j].item<std::int64_t>())]];
            right += int(std::max_element(votes, votes + 5) - votes) == label[std::size_t(i)];
        }
        const double accuracy = double(right) / (clusters * per);
        QVERIFY2(accuracy > 0.95, qPrintable(QString::number(accuracy)));
        // Deterministic for a seed; stopping early returns the layout so far.
        inspect::TsneOptions shortRun = options;
        shortRun.iterations = 100;
        const torch::Tensor once = inspect::tsne(x, shortRun);
        QVERIFY(torch::equal(inspect::tsne(x, shortRun), once));
        const torch::Tensor early =
            inspect::tsne(x, shortRun, [](int step, int) { return step < 50; });
        QVERIFY(!torch::equal(early, once));
        TL_EXPECT_ERROR(inspect::tsne(torch::zeros({3, 2})), (QStringList{"at least 4"}));
        inspect::TsneOptions exact;
        exact.method = inspect::TsneMethod::Exact;
        TL_EXPECT_ERROR(inspect::tsne(torch::zeros({inspect::kMaxExactTsnePoints + 1, 2}), exact),
                        (QStringList{"exact", "at most", "sample"}));
        TL_EXPECT_ERROR(inspect::tsne(torch::zeros({inspect::kMaxTsnePoints + 1, 2})),
                        (QStringList{"Barnes-Hut", "at most", "sample"}));
    }

    void flippedLabelsComeFirst()
    {
        // 2,000 rows of 10 classes; the model gives the true class 0.6-0.95. 200 labels are
        // flipped to another class: every one must rank among the first 200.
        torch::manual_seed(3);
        const std::int64_t n = 2000, classes = 10;
        const torch::Tensor truth = torch::randint(classes, {n}, torch::kInt64);
        const torch::Tensor confidence = 0.6 + 0.35 * torch::rand({n});
        torch::Tensor probs =
            ((1 - confidence) / double(classes - 1)).unsqueeze(1).repeat({1, classes});
        probs.scatter_(1, truth.unsqueeze(1), confidence.unsqueeze(1));
        torch::Tensor labels = truth.clone();
        const torch::Tensor flipped = torch::randperm(n, torch::kInt64).narrow(0, 0, 200);
        const auto shift = torch::randint(1, classes, {200}, torch::kInt64);
        labels.index_put_({flipped}, (truth.index_select(0, flipped) + shift).remainder(classes));
        const inspect::LabelSuspicion s = inspect::rankLabelSuspicion(probs, labels);
        std::set<std::int64_t> top(s.order.begin(), s.order.begin() + 200);
        for (std::int64_t i = 0; i < 200; ++i)
            QVERIFY(top.count(flipped[i].item<std::int64_t>()));
        // Confident learning flags a flipped row when the model's probability of its true class
        // reaches that class's mean self-confidence (about 0.7 here): most of them, and no
        // clean row.
        const torch::Tensor isFlipped =
            torch::zeros({n}, torch::kBool).index_fill_(0, flipped, true);
        QVERIFY(s.likelyWrong.sum().item<std::int64_t>() >= 100);
        QVERIFY(!s.likelyWrong.logical_and(isFlipped.logical_not()).any().item<bool>());
        // The suggestion is the true class.
        QVERIFY(torch::equal(s.suggested.index_select(0, flipped), truth.index_select(0, flipped)));
        TL_EXPECT_ERROR(inspect::rankLabelSuspicion(probs, labels + 10), (QStringList{"0..9"}));
    }
};

QTEST_GUILESS_MAIN(TestFeatureSpace)
#include "tst_feature_space.moc"
