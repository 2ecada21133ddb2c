// Results > Confidence and Predict's "I don't know": the threshold slider's counts are the test
// predictions' (accepted and right, accepted but wrong, not sure), its gallery shows exactly those
// images, the reliability diagram draws the test set's bins; Calibrate writes calibration.json and
// the panel then uses the calibrated probabilities; Predict says what the calibrated predictor
// says about an image's familiarity.

#include "charts/unit_chart.h"
#include "inspect/calibration.h"
#include "itemmodels/gallery_model.h"
#include "inference/predictor.h"
#include "inference/run_calibration.h"
#include "run/run_experiment.h"
#include "support/fixtures.h"
#include "widgets/calibration_panel.h"
#include "widgets/predict_panel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace tl;
using namespace tl::ui;

namespace {

// Counted by hand, the way the issue defines them.
inspect::ThresholdCounts byHand(const std::vector<train::Prediction> &p, double threshold)
{
    inspect::ThresholdCounts c;
    for (const auto &q : p) {
        if (q.confidence < float(threshold))
            ++c.rejected;
        else if (q.predicted == q.trueLabel)
            ++c.accepted;
        else
            ++c.wrong;
    }
    return c;
}

} // namespace

class TestCalibrationPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_run;
    runs::RunResult m_result;
    std::shared_ptr<data::DatasetSplits> m_data;

private Q_SLOTS:
    void initTestCase()
    {
        test::writeIdxFolder((m_dir.path() + "/data").toStdString(), 300, 60);
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = (m_dir.path() + "/data").toStdString();
        c.data.valSplit = 0.2;
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.threads = 2;
        c.stages.front().epochs = 2;
        m_run = m_dir.path() + "/runs/20260101-simple";
        m_result = runs::runExperiment(c, m_run.toStdString());
        m_data = std::make_shared<data::DatasetSplits>(runs::loadRunData(m_run.toStdString()));
        QCOMPARE(m_result.test.predictions.size(), std::size_t(60));
    }

    void sliderCountsMatchTheTestPredictions()
    {
        CalibrationPanel panel;
        QAbstractItemModelTester tester(panel.galleryModel());
        // Predictions as a long run has them: confidences across the range, right and wrong.
        std::vector<train::Prediction> p(2000);
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<float> u(0.1f, 1.0f);
        for (std::size_t i = 0; i < p.size(); ++i) {
            p[i].index = std::int64_t(i);
            p[i].confidence = i % 97 == 0 ? 0.5f : u(rng); // some exactly at a threshold
            p[i].trueLabel = int(rng() % 10);
            p[i].predicted = u(rng) < p[i].confidence ? p[i].trueLabel : int(rng() % 10);
        }
        QStringList names;
        for (int k = 0; k < 10; ++k)
            names << QString("class %1").arg(k);
        panel.setRun({}, nullptr, p, names);
        QVERIFY(!panel.isCalibrated());
        for (const int percent : {0, 13, 50, 71, 90, 100}) {
            panel.thresholdSlider()->setValue(percent); // as a user drags it
            const inspect::ThresholdCounts want = byHand(p, percent / 100.0);
            QCOMPARE(panel.counts().accepted, want.accepted);
            QCOMPARE(panel.counts().wrong, want.wrong);
            QCOMPARE(panel.counts().rejected, want.rejected);
            QCOMPARE(want.accepted + want.wrong + want.rejected, std::int64_t(p.size()));
            QVERIFY2(panel.countsText().contains(QString::number(want.wrong)),
                     qPrintable(panel.countsText()));
            // The gallery shows each group's images, and only them.
            const std::int64_t groups[3] = {want.accepted, want.wrong, want.rejected};
            for (int g = 0; g < 3; ++g) {
                panel.showGroup(g);
                QCOMPARE(std::int64_t(panel.galleryModel()->rowCount()), groups[g]);
                for (int row = 0; row < panel.galleryModel()->rowCount(); ++row) {
                    const auto &q = panel.galleryModel()->prediction(row);
                    const bool accepted = q.confidence >= float(percent / 100.0);
                    QCOMPARE(accepted, g != 2);
                    if (accepted)
                        QCOMPARE(q.predicted == q.trueLabel, g == 0);
                }
            }
        }
        // The reliability diagram: one bar (4 outline points) per non-empty bin, and its ECE.
        std::vector<inspect::Scored> scored;
        for (const auto &q : p)
            scored.push_back({q.confidence, q.predicted, q.trueLabel});
        const inspect::Reliability r = inspect::reliability(scored);
        int filled = 0;
        for (const auto &b : r.bins)
            filled += b.count > 0 ? 1 : 0;
        QCOMPARE(panel.reliabilityChart()->points(0).size(), 4 * filled);
        QVERIFY2(panel.reliabilityChart()->caption().contains(QString::number(r.ece, 'f', 4)),
                 qPrintable(panel.reliabilityChart()->caption()));
        QCOMPARE(panel.reliabilityChart()->legendEntries().size(), 2); // not "before calibrating"
    }

    void calibrateUsesTheCalibratedProbabilities()
    {
        CalibrationPanel panel;
        QSignalSpy shown(&panel, &CalibrationPanel::calibrationShown);
        QSignalSpy calibrated(&panel, &CalibrationPanel::calibrated);
        QStringList names;
        for (const auto &n : m_result.classNames)
            names << QString::fromStdString(n);
        panel.setRun(m_run, m_data, m_result.test.predictions, names);
        QVERIFY(shown.wait(30000)); // not calibrated yet
        QVERIFY(!panel.isCalibrated());
        panel.calibrate();
        QVERIFY(calibrated.wait(60000));
        QCOMPARE(calibrated.first().at(0).toString(), m_run);
        QVERIFY(shown.wait(30000));
        QVERIFY(panel.isCalibrated());
        QVERIFY2(panel.statusText().contains("Calibrated"), qPrintable(panel.statusText()));
        const auto c = runs::readRunCalibration(m_run.toStdString());
        QVERIFY(c.has_value());
        QCOMPARE(panel.temperature(), c->temperature);
        // The same images, the same predicted classes; the confidences are the calibrated ones.
        const auto &p = panel.predictions();
        QCOMPARE(p.size(), m_result.test.predictions.size());
        const auto expected =
            runs::testPredictions(runs::runFeatures(m_run.toStdString(), *m_data), c->temperature);
        for (std::size_t i = 0; i < p.size(); ++i) {
            QCOMPARE(p[i].index, expected[i].index);
            QCOMPARE(p[i].confidence, expected[i].confidence);
        }
        panel.setThreshold(0.6);
        const inspect::ThresholdCounts want = byHand(p, 0.6);
        QCOMPARE(panel.counts().accepted, want.accepted);
        QCOMPARE(panel.counts().wrong, want.wrong);
        QCOMPARE(panel.counts().rejected, want.rejected);
        QVERIFY(panel.reliabilityChart()->legendEntries().contains("before calibrating"));
    }

    void predictSaysWhatTheCalibratedPredictorSays()
    {
        QVERIFY(QFile::exists(m_run + "/calibration.json")); // from the test above
        QImage noise(28, 28, QImage::Format_RGB888);
        std::mt19937_64 rng(3);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const int v = int(rng() % 256);
                noise.setPixelColor(x, y, QColor(v, v, v));
            }
        QVERIFY(noise.save(m_dir.path() + "/noise.png"));
        PredictPanel panel(m_dir.path() + "/runs");
        QSignalSpy ready(&panel, &PredictPanel::modelReady);
        panel.show();
        QVERIFY(ready.wait(30000));
        QSignalSpy predicted(&panel, &PredictPanel::predicted);
        panel.addImages({m_dir.path() + "/noise.png"});
        QVERIFY(predicted.wait(30000));
        runs::RunPredictor direct(m_run.toStdString());
        QVERIFY(direct.calibration().calibrated);
        const auto r = direct.predictFile((m_dir.path() + "/noise.png").toStdString());
        QVERIFY(r.unfamiliar >= 0);
        QCOMPARE(panel.saysUnfamiliar(), r.unfamiliarImage);
        QVERIFY(!panel.verdict().isEmpty());
        QCOMPARE(panel.verdict().contains("I don't know"), r.unfamiliarImage);
        QVERIFY(std::abs(panel.topProbabilities()[0] - r.topProbabilities[0]) < 1e-5);
    }
};

QTEST_MAIN(TestCalibrationPanel)
#include "tst_calibration_panel.moc"
