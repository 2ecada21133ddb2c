#include "itemmodels/confusion_model.h"
#include "itemmodels/gallery_model.h"
#include "widgets/results_panel.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QTableView>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

class TestResultsPanel : public QObject
{
    Q_OBJECT

private:
    // Three classes, 30 test images whose source indices are 100..129.
    std::shared_ptr<data::DatasetSplits> m_data;
    std::shared_ptr<runs::RunResult> m_result;

private Q_SLOTS:
    void initTestCase()
    {
        m_data = std::make_shared<data::DatasetSplits>();
        auto &test = m_data->test;
        test.height = test.width = 4;
        test.channels = 1;
        test.classNames = {"cat", "dog", "fox"};
        test.resize(30);
        for (int i = 0; i < 30; ++i) {
            test.labels[std::size_t(i)] = i % 3;
            test.sourceIndex[std::size_t(i)] = 100 + i;
            std::fill(test.image(std::size_t(i)), test.image(std::size_t(i)) + 16,
                      std::uint8_t(i * 8));
        }
        m_result = std::make_shared<runs::RunResult>();
        m_result->classNames = test.classNames;
        auto &e = m_result->test;
        e.numClasses = 3;
        e.confusion.assign(9, 0);
        for (int i = 0; i < 30; ++i) {
            train::Prediction p;
            p.index = 100 + i;
            p.trueLabel = i % 3;
            // Every image of class 1 with an index divisible by 4 is taken for class 2.
            p.predicted = (p.trueLabel == 1 && i % 4 == 0) ? 2 : p.trueLabel;
            p.confidence = 0.5f + 0.01f * float(i);
            p.loss = float(i % 7) * 0.1f + 0.01f * float(i);
            p.topClasses = {p.predicted, (p.predicted + 1) % 3, (p.predicted + 2) % 3, -1, -1};
            p.topProbabilities = {p.confidence, 0.2f, 0.1f, 0, 0};
            ++e.confusion[std::size_t(p.trueLabel * 3 + p.predicted)];
            e.predictions.push_back(p);
        }
        e.count = 30;
        e.accuracy = 0.9;
        train::computeClassMetrics(e);
        // Two epochs: after the first, everything was predicted as class 0.
        train::EpochMetrics first, second;
        first.globalEpoch = 1;
        first.testConfusion = {10, 0, 0, 10, 0, 0, 10, 0, 0};
        second.globalEpoch = 2;
        second.testConfusion = e.confusion;
        m_result->epochs = {first, second};
    }

    void modelsPassTheTester()
    {
        ConfusionModel confusion;
        QAbstractItemModelTester t1(&confusion,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList names{"cat", "dog", "fox"};
        confusion.setEvaluation(m_result->test, names);
        confusion.setNormalized(true);
        QCOMPARE(confusion.rowCount(), 3);
        GalleryModel gallery;
        QAbstractItemModelTester t2(&gallery,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        gallery.setSource(std::shared_ptr<const data::ImageStore>(m_data, &m_data->test),
                          m_result->test.predictions, names);
        gallery.showCell(1, 2);
        QVERIFY(gallery.rowCount() > 0);
    }

    void clickingACellFillsTheGallery()
    {
        ResultsPanel panel;
        panel.resize(1400, 800);
        panel.setResult(m_result, m_data);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        QTableView *view = panel.confusionView();
        const QModelIndex cell = view->model()->index(1, 2);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell).center());

        GalleryModel *g = panel.galleryModel();
        std::vector<const train::Prediction *> expected;
        for (const auto &p : m_result->test.predictions)
            if (p.trueLabel == 1 && p.predicted == 2)
                expected.push_back(&p);
        QCOMPARE(g->rowCount(), int(expected.size()));
        QVERIFY(g->rowCount() > 0);
        float lastLoss = 1e9f;
        for (int r = 0; r < g->rowCount(); ++r) {
            const auto &p = g->prediction(r);
            QCOMPARE(p.trueLabel, 1);
            QCOMPARE(p.predicted, 2);
            QVERIFY(p.loss <= lastLoss); // sorted by loss, highest first
            lastLoss = p.loss;
            // The thumbnail is the right test image (its pixels encode its position).
            const QImage img = g->image(r);
            QCOMPARE(img.pixelColor(0, 0).red(), int(p.index - 100) * 8);
        }
        // Scrubbing back to epoch 1 shows that epoch's matrix.
        auto *model = view->model();
        QCOMPARE(model->index(1, 0).data(Qt::UserRole).toLongLong(), qint64(0));
        panel.showEpoch(1);
        QCOMPARE(model->index(1, 0).data(Qt::UserRole).toLongLong(), qint64(10));
        QCOMPARE(model->index(1, 1).data(Qt::UserRole).toLongLong(), qint64(0));
        panel.showEpoch(2);
        QCOMPARE(model->index(1, 2).data(Qt::UserRole).toLongLong(), qint64(expected.size()));
        // The diagonal cell lists the correct ones.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(view->model()->index(0, 0)).center());
        QCOMPARE(g->rowCount(), 10);
    }
};

QTEST_MAIN(TestResultsPanel)
#include "tst_results_panel.moc"
