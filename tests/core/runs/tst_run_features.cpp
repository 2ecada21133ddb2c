// A run's feature space, from its folder: labels flipped on purpose in Fashion-MNIST are found
// among the most suspicious; features.safetensors is reused, and recomputed when the weights
// change or the file lies; neighbours, the map's sample, marked-image lists and data.exclude.

#include "data/dataset.h"
#include "base/error.h"
#include "io/files.h"
#include "io/hash.h"
#include "platform/malloc_policy.h"
#include "run/run_experiment.h"
#include "analysis/run_inspect.h"
#include "inference/run_features.h"
#include "support/expect_error.h"
#include "support/fixtures.h"
#include "weights/checkpoint.h"

#include <torch/torch.h>

#include <QtTest>

#include <filesystem>
#include <random>
#include <set>

using namespace tl;

class TestRunFeatures : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_run;
    data::DatasetSplits m_data;
    std::set<std::int64_t> m_flipped; // source indices of the flipped training labels

    std::string path(const std::string &name) const
    {
        return (m_dir.path() + "/").toStdString() + name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        keepFreedMemoryForReuse();
        QVERIFY(m_dir.isValid());
        // 6,000 Fashion-MNIST training images (Debian's dataset-fashion-mnist), 200 of their
        // labels changed to another class at random; no validation split: the check is in
        // sample, the harder case (the model has fitted the wrong labels too).
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.trainFraction = 0.1;
        c.data.testFraction = 0.2;
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.seed = 11;
        c.stages[0].epochs = 3;
        c.stages[0].batchSize = 64;
        c.data.seed = c.seed;
        m_data = data::loadDataset(c.data);
        QCOMPARE(m_data.train.size(), std::size_t(6000));
        std::mt19937_64 rng(5);
        while (m_flipped.size() < 200) {
            const std::size_t row = rng() % m_data.train.size();
            if (!m_flipped.insert(m_data.train.sourceIndex[row]).second)
                continue;
            auto &label = m_data.train.labels[row];
            label = (label + 1 + std::int64_t(rng() % 9)) % 10;
        }
        m_run = path("flipped");
        const runs::RunResult r = runs::runExperiment(c, m_run, nullptr, nullptr, &m_data);
        QVERIFY(!r.stopped);
        qInfo("trained on 200 flipped labels: test accuracy %.4f", r.test.accuracy);
    }

    void flippedLabelsAreAmongTheMostSuspicious()
    {
        const runs::RunFeatures f = runs::runFeatures(m_run, m_data);
        QVERIFY(!f.fromCache);
        QCOMPARE(f.layer, std::string("classifier.dense2"));
        QCOMPARE(f.train.rows, std::int64_t(6000));
        QCOMPARE(f.test.rows, std::int64_t(2000));
        QCOMPARE(f.val.rows, std::int64_t(0));
        const runs::SuspicionReport report = runs::suspiciousLabels(f, m_data, 400);
        QVERIFY(!report.outOfSample);
        QCOMPARE(report.split, std::string("train"));
        QCOMPARE(report.images.size(), std::size_t(400));
        int found = 0;
        for (const auto &s : report.images) {
            found += m_flipped.count(s.image.index) ? 1 : 0;
            // The row, its index and its label agree with the data.
            const auto row = std::size_t(f.train.storeRow[std::size_t(s.image.row)]);
            QCOMPARE(s.image.index, m_data.train.sourceIndex[row]);
            QCOMPARE(std::int64_t(s.image.label), m_data.train.labels[row]);
        }
        qInfo("flipped labels among the 400 most suspicious: %d of 200 (%.1f %%)", found,
              found / 2.0);
        QVERIFY2(found >= 160, qPrintable(QString::number(found)));
        // Most suspicious first.
        for (std::size_t k = 1; k < report.images.size(); ++k)
            QVERIFY(report.images[k - 1].likelyWrong >= report.images[k].likelyWrong);
    }

    void featuresAreCachedForTheseWeights()
    {
        const runs::RunFeatures first = runs::runFeatures(m_run, m_data);
        QVERIFY(first.fromCache);
        const runs::RunFeatures fresh = runs::runFeatures(m_run, m_data, {}, false);
        QVERIFY(!fresh.fromCache);
        QCOMPARE(first.test.features, fresh.test.features); // the cache stores what is computed
        QCOMPARE(first.train.probabilities, fresh.train.probabilities);
        QCOMPARE(first.weightsDigest, hashFile(m_run + "/model.pth", HashKind::Sha256));

        // Other weights: recomputed.
        const std::string cache = m_run + "/features.safetensors";
        const std::string model = m_run + "/model.pth";
        std::filesystem::copy_file(model, path("model.pth.saved"));
        auto sd = weights::readCheckpoint(model).tensors;
        for (auto &kv : sd)
            kv.second = kv.second * 1.01;
        weights::writeStateDict(sd, model);
        const runs::RunFeatures changed = runs::runFeatures(m_run, m_data);
        QVERIFY(!changed.fromCache);
        QVERIFY(changed.test.features != first.test.features);
        std::filesystem::copy_file(path("model.pth.saved"), model,
                                   std::filesystem::copy_options::overwrite_existing);

        // A damaged cache is computed again, never a crash or an error.
        test::writeText(cache, "not a safetensors file");
        const runs::RunFeatures again = runs::runFeatures(m_run, m_data);
        QVERIFY(!again.fromCache);
        QCOMPARE(again.test.features, first.test.features);
        QVERIFY(runs::runFeatures(m_run, m_data).fromCache);

        // A cache whose stamps are right but whose numbers lie: rows outside the data, a wrong
        // class count, a float32 tensor where float16 belongs.
        const weights::Checkpoint good = weights::readCheckpoint(cache);
        auto lie = [&](const std::string &name, const torch::Tensor &t) {
            weights::StateDict tensors = good.tensors;
            for (auto &kv : tensors)
                if (kv.first == name)
                    kv.second = t;
            weights::writeSafetensors(tensors, cache, good.metadata);
            const runs::RunFeatures r = runs::runFeatures(m_run, m_data);
            QVERIFY2(!r.fromCache, name.c_str());
            QVERIFY2(r.note.find("not used") != std::string::npos, r.note.c_str());
            QCOMPARE(r.test.features, first.test.features);
        };
        lie("test.store_row", torch::full({2000}, 2000, torch::kInt64));
        lie("test.store_row", torch::full({2000}, -1, torch::kInt64));
        lie("train.probabilities", torch::zeros({6000, 9}));
        lie("val.features", torch::zeros({5, 6272}, torch::kFloat16));
        lie("test.features", torch::zeros({2000, 6272}, torch::kFloat32));
        lie("train.store_row", torch::zeros({5999}, torch::kInt64));
    }

    void neighboursAndMap()
    {
        const runs::RunFeatures f = runs::runFeatures(m_run, m_data);
        const auto near = runs::trainingNeighbours(f, m_data, "test", 7, 6);
        QCOMPARE(near.size(), std::size_t(6));
        for (std::size_t k = 1; k < near.size(); ++k)
            QVERIFY(near[k - 1].distance <= near[k].distance);
        QCOMPARE(near.front().image.split, std::string("train"));
        // A training image is not its own neighbour.
        for (const auto &n : runs::trainingNeighbours(f, m_data, "train", 3, 5))
            QVERIFY(n.image.row != 3);
        TL_EXPECT_ERROR(runs::trainingNeighbours(f, m_data, "test", 2000, 3),
                        (QStringList{"2000", "test"}));
        TL_EXPECT_ERROR(runs::trainingNeighbours(f, m_data, "holdout", 0, 3),
                        (QStringList{"holdout"}));
        QCOMPARE(f.test.rowOfSourceIndex(f.test.sourceIndex[9]), std::int64_t(9));

        // At most 500 of the 2,000 test images, each class with its share.
        const runs::Embedding e = runs::embedTestSet(f, runs::EmbeddingMethod::Pca, 500);
        QVERIFY(e.points.size() <= 500 && e.points.size() >= 490);
        std::vector<int> perClass(10, 0);
        std::set<std::int64_t> rows;
        for (const auto &p : e.points) {
            ++perClass[std::size_t(p.label)];
            rows.insert(p.row);
            QCOMPARE(std::int64_t(p.label), f.test.labels[std::size_t(p.row)]);
            QCOMPARE(std::int64_t(p.predicted), f.test.predicted(p.row));
        }
        QCOMPARE(rows.size(), e.points.size());
        for (int n : perClass)
            QVERIFY2(n >= 45 && n <= 55, qPrintable(QString::number(n)));
        QVERIFY(e.explainedVariance > 0 && e.explainedVariance < 1);
    }

    void markedListExcludesImages()
    {
        const runs::RunFeatures f = runs::runFeatures(m_run, m_data);
        const runs::SuspicionReport report = runs::suspiciousLabels(f, m_data, 3);
        std::vector<runs::MarkedImage> marked;
        for (const auto &s : report.images)
            marked.push_back({s, "wrong label"});
        const std::string csv = runs::markedImagesCsv(marked, f.classNames);
        QVERIFY(csv.rfind("index,split,path,label,suggested,self_confidence,mark\n", 0) == 0);
        test::writeText(path("marked.csv"), csv);
        std::vector<std::int64_t> expected;
        for (const auto &s : report.images)
            expected.push_back(s.image.index);
        std::sort(expected.begin(), expected.end());
        QCOMPARE(runs::readIndexList(path("marked.csv")), expected);
        test::writeText(path("plain.txt"), "5\n3\n5\n\n");
        QCOMPARE(runs::readIndexList(path("plain.txt")), (std::vector<std::int64_t>{3, 5}));
        test::writeText(path("noindex.csv"), "row,label\n1,Bag\n");
        TL_EXPECT_ERROR(runs::readIndexList(path("noindex.csv")),
                        (QStringList{"noindex.csv", "index"}));
        test::writeText(path("bad.csv"), "index\n12\n-4\n");
        TL_EXPECT_ERROR(runs::readIndexList(path("bad.csv")), (QStringList{"bad.csv", "line 3"}));

        // An experiment leaves them out of its training set.
        data::DatasetOptions o = m_data.options;
        o.exclude = expected;
        const data::DatasetSplits fewer = data::loadDataset(o);
        QCOMPARE(fewer.train.size(), m_data.train.size() - expected.size());
        for (const std::int64_t index : fewer.train.sourceIndex)
            QVERIFY(!std::binary_search(expected.begin(), expected.end(), index));
        QVERIFY(!data::datasetMismatch(fewer.options, m_data.options).empty());
        o.exclude = {60000};
        TL_EXPECT_ERROR(data::loadDataset(o), (QStringList{"data.exclude", "60000"}));
    }
};

QTEST_GUILESS_MAIN(TestRunFeatures)
#include "tst_run_features.moc"
