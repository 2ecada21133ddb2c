#include "data/splits.h"

#include <QtTest>

using namespace tl::data;

class TestSplits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stratifiedSubsetKeepsProportions()
    {
        std::vector<std::int64_t> labels;
        for (int i = 0; i < 1000; ++i)
            labels.push_back(i < 900 ? 0 : 1); // 900 / 100
        const auto idx = stratifiedSubset(labels, 2, 0.1, 7);
        int zeros = 0, ones = 0;
        for (auto i : idx)
            (labels[i] == 0 ? zeros : ones)++;
        QCOMPARE(zeros, 90);
        QCOMPARE(ones, 10);
        QVERIFY(std::is_sorted(idx.begin(), idx.end()));
        QCOMPARE(stratifiedSubset(labels, 2, 0.1, 7), idx);  // seeded
        QVERIFY(stratifiedSubset(labels, 2, 0.1, 8) != idx); // another seed, another subset
    }

    void tinyClassKeepsOne()
    {
        const std::vector<std::int64_t> labels = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        const auto idx = stratifiedSubset(labels, 2, 0.1, 0);
        QCOMPARE(int(idx.size()), 2);
    }

    void tailSplitIsKeras()
    {
        const auto [head, tail] = tailSplit(100, 0.1);
        QCOMPARE(int(head.size()), 90);
        QCOMPARE(int(tail.size()), 10);
        QCOMPARE(int(tail.front()), 90);
    }

    void stratifiedSplitPartitions()
    {
        std::vector<std::int64_t> labels;
        for (int i = 0; i < 50; ++i)
            labels.push_back(i % 5);
        const auto [kept, held] = stratifiedSplit(labels, 5, 0.2, 1);
        QCOMPARE(int(kept.size()), 40);
        QCOMPARE(int(held.size()), 10);
        std::vector<std::size_t> all = kept;
        all.insert(all.end(), held.begin(), held.end());
        std::sort(all.begin(), all.end());
        for (std::size_t i = 0; i < all.size(); ++i)
            QCOMPARE(all[i], i);
    }

    void badFractions()
    {
        const std::vector<std::int64_t> labels = {0, 1};
        QVERIFY_THROWS_EXCEPTION(std::exception, stratifiedSubset(labels, 2, 0.0, 0));
        QVERIFY_THROWS_EXCEPTION(std::exception, tailSplit(10, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 stratifiedSubset({0, 5}, 2, 0.5, 0)); // label out of range
    }
};

QTEST_GUILESS_MAIN(TestSplits)
#include "tst_splits.moc"
