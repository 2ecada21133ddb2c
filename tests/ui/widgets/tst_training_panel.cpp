// The stages editor of the Training tab: an experiment's stages survive a round trip through
// the form, and stages can be added, edited and removed.

#include "charts/metric_chart.h"
#include "widgets/training_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

class TestTrainingPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stagesRoundTripThroughTheForm()
    {
        experiment::StageConfig head;
        head.name = "head";
        head.freeze = "backbone";
        head.epochs = 3;
        head.optimizer.name = "adam";
        head.optimizer.lr = 1e-3;
        head.schedule.warmupEpochs = 1; // not on the form: must be kept
        head.labelSmoothing = 0.1;
        experiment::StageConfig tune;
        tune.name = "fine-tune";
        tune.freeze = "before:block5_conv1";
        tune.epochs = 5;
        tune.optimizer.name = "sgd";
        tune.optimizer.lr = 1e-4;
        tune.optimizer.momentum = 0.9;
        tune.schedule.type = "plateau";
        tune.earlyStopping.enabled = true;
        tune.earlyStopping.patience = 4;
        tune.classWeights = "balanced";

        TrainingPanel panel;
        panel.setStages({head, tune});
        QCOMPARE(panel.stageCount(), 2);
        auto out = panel.stages();
        QCOMPARE(out[0].name, std::string("head"));
        QCOMPARE(out[0].freeze, std::string("backbone"));
        QCOMPARE(out[0].schedule.warmupEpochs, 1);
        QCOMPARE(out[0].labelSmoothing, 0.1);
        QCOMPARE(out[1].freeze, std::string("before:block5_conv1"));
        QCOMPARE(out[1].optimizer.name, std::string("sgd"));
        QCOMPARE(out[1].optimizer.momentum, 0.9);
        QCOMPARE(out[1].schedule.type, std::string("plateau"));
        QVERIFY(out[1].earlyStopping.enabled);
        QCOMPARE(out[1].earlyStopping.patience, 4);
        QCOMPARE(out[0].classWeights, std::string("none"));
        QCOMPARE(out[1].classWeights, std::string("balanced"));

        // Select the second stage and change its epochs on the form.
        panel.selectStage(1);
        auto *epochs = panel.findChild<QSpinBox *>(QStringLiteral("epochs"));
        QVERIFY(epochs);
        auto *weights = panel.findChild<QComboBox *>(QStringLiteral("classWeights"));
        QVERIFY(weights);
        QCOMPARE(weights->currentData().toString(), QStringLiteral("balanced"));
        epochs->setValue(7);
        panel.selectStage(0);
        out = panel.stages();
        QCOMPARE(out[1].epochs, 7);
        QCOMPARE(out[0].epochs, 3);

        // The notebooks' second step, added: everything trainable, a tenth of the rate.
        panel.addStage();
        out = panel.stages();
        QCOMPARE(out.size(), std::size_t(3));
        QCOMPARE(out[2].freeze, std::string("none"));
        QVERIFY(std::abs(out[2].optimizer.lr - 1e-5) < 1e-12);
        panel.removeStage();
        QCOMPARE(panel.stages().size(), std::size_t(2));
    }

    void showsAFinishedRunsCurves()
    {
        TrainingPanel panel;
        std::vector<train::EpochMetrics> epochs;
        for (int g = 1; g <= 5; ++g) {
            train::EpochMetrics e;
            e.stage = g <= 2 ? 0 : 1;
            e.stageName = g <= 2 ? "head" : "fine-tune";
            e.globalEpoch = g;
            e.epoch = g <= 2 ? g : g - 2;
            e.trainLoss = 1.0 / g;
            e.trainAccuracy = 0.5 + 0.05 * g;
            e.hasValidation = true;
            e.valLoss = 1.1 / g;
            e.valAccuracy = 0.5 + 0.04 * g;
            e.learningRate = g <= 2 ? 1e-3 : 1e-4;
            epochs.push_back(e);
        }
        panel.showHistory(epochs);
        // Series 1 and 2: train and validation per epoch (series 0 is the per-batch curve).
        QCOMPARE(panel.lossChart()->pointCount(1), 5);
        QCOMPARE(panel.lossChart()->pointCount(2), 5);
        QCOMPARE(panel.accuracyChart()->pointCount(1), 5);
        QCOMPARE(panel.learningRateChart()->pointCount(0), 5);
        panel.showHistory({});
        QCOMPARE(panel.lossChart()->pointCount(1), 0);
    }

    // A 4-epoch run resumed after 2 epochs: its earlier epochs are shown, and the resumed
    // batches land between epoch 2 and 3, not one epoch to the right; the axis ends at 4.
    void resumedRunsBatchesLineUpWithItsEpochs()
    {
        TrainingPanel panel;
        std::vector<train::EpochMetrics> done;
        for (int g = 1; g <= 2; ++g) {
            train::EpochMetrics e;
            e.globalEpoch = e.epoch = g;
            e.trainLoss = 1.0 / g;
            e.trainAccuracy = 0.5;
            done.push_back(e);
        }
        panel.showHistory(done);
        panel.onStageStarted(0, "train", 4);
        for (int epoch = 3; epoch <= 4; ++epoch) {
            for (int b = 1; b <= 10; ++b) {
                train::BatchProgress p;
                p.epoch = p.globalEpoch = epoch;
                p.epochs = 4;
                p.batch = b;
                p.batches = 10;
                p.recentLoss = p.lastLoss = 0.4;
                p.recentAccuracy = 0.8;
                panel.onBatch(p);
            }
            train::EpochMetrics e;
            e.globalEpoch = e.epoch = epoch;
            e.trainLoss = 0.4;
            e.trainAccuracy = 0.8;
            panel.onEpoch(e);
        }
        const QList<QPointF> batches = panel.lossChart()->points(0);
        QCOMPARE(batches.size(), 20);
        QCOMPARE(batches.first().x(), 2.1);
        QCOMPARE(batches.last().x(), 4.0);
        QCOMPARE(panel.lossChart()->points(1).last().x(), 4.0);
        QCOMPARE(panel.lossChart()->maxX(), 4.0);
        // The accuracy curve is the latest batches, not the epoch's running mean.
        QCOMPARE(panel.accuracyChart()->points(0).last().y(), 0.8);
    }

    // The run judges its warnings (train/training_hints.h, tst_training_hints); the panel shows
    // each once and forgets them when a new run starts, a Start is refused or the settings are
    // reset.
    void showsTheRunsWarningsUntilTheNextRun()
    {
        TrainingPanel panel;
        panel.show();
        QVERIFY(panel.warnings().isEmpty());
        const QString text =
            QStringLiteral("The loss is rising: the learning rate 10 is too high.");
        panel.onWarning(text);
        panel.onWarning(text);
        QCOMPARE(panel.warnings().size(), 1);
        auto *box = panel.findChild<QLabel *>(QStringLiteral("warnings"));
        QVERIFY(box && box->isVisible());
        QVERIFY(box->text().contains("learning rate 10"));
        panel.resetCharts();
        QVERIFY(panel.warnings().isEmpty());
        QVERIFY(!box->isVisible());
        panel.onWarning(text);
        panel.showRefusal(QStringLiteral("Choose the data first."));
        QVERIFY(panel.warnings().isEmpty());
        QVERIFY(!box->isVisible());
    }

    // Issue 34, item 6: a refused value is not put back without a word: the field's range is
    // in its tooltip, and a note at the form says what was typed and what stays.
    void refusedValuesAreExplained()
    {
        TrainingPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *lr = panel.findChild<QDoubleSpinBox *>(QStringLiteral("learningRate"));
        QVERIFY(lr);
        QVERIFY2(lr->toolTip().contains("Accepts 0.000001 to 10"), qPrintable(lr->toolTip()));
        auto *note = panel.findChild<QLabel *>(QStringLiteral("fieldNote"));
        QVERIFY(note && !note->isVisible());
        // A box at its special text ("automatic") holds a value: leaving it says nothing.
        auto *threads = panel.findChild<QSpinBox *>(QStringLiteral("threads"));
        QVERIFY(threads && threads->value() == threads->minimum());
        threads->setFocus();
        QTest::keyClick(threads, Qt::Key_Return);
        lr->setFocus();
        QVERIFY2(!note->isVisible(), qPrintable(note->text()));
        lr->setValue(0.01);
        lr->setFocus();
        lr->selectAll();
        QTest::keyClicks(lr, QStringLiteral("0"));
        QTest::keyClick(lr, Qt::Key_Return);
        QCOMPARE(lr->value(), 0.01);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains("Learning rate accepts 0.000001 to 10") &&
                     note->text().contains("stays 0.01"),
                 qPrintable(note->text()));

        // A batch larger than the training set: clamped, with a note.
        const auto batch = panel.findChildren<QSpinBox *>();
        panel.setTrainingImages(5400);
        QSpinBox *batchBox = nullptr;
        for (QSpinBox *b : batch)
            if (b->toolTip().startsWith(QStringLiteral("Images per step")))
                batchBox = b;
        QVERIFY(batchBox);
        batchBox->setValue(10000);
        Q_EMIT batchBox->editingFinished();
        QCOMPARE(batchBox->value(), 5400);
        QVERIFY2(note->text().contains("5,400 training images") ||
                     note->text().contains("5400 training images"),
                 qPrintable(note->text()));
    }
};

QTEST_MAIN(TestTrainingPanel)
#include "tst_training_panel.moc"
