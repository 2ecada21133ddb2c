// Calibration's numbers (core/inspect/calibration.h): the expected calibration error against a
// hand-computed example, temperature scaling recovering a known temperature, thresholds, the
// per-class precision/recall curve, the unfamiliar score and AUROC; calibration.json read back and
// refused when it lies.

#include "inspect/calibration.h"
#include "inference/run_calibration.h"
#include "support/expect_error.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <random>

using namespace tl;
using inspect::Scored;

class TestCalibration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eceOfAHandComputedExample()
    {
        // 15 bins of width 1/15. (0.9333, 1]: 0.95 right, 0.95 wrong -> gap |0.5 - 0.95| = 0.45;
        // (0.5333, 0.6]: 0.55 right -> 0.45; (0.2667, 0.3333]: 0.30 and 0.32 wrong -> 0.31.
        // ECE = 2/5 * 0.45 + 1/5 * 0.45 + 2/5 * 0.31 = 0.394.
        const std::vector<Scored> p = {
            {0.95f, 1, 1}, {0.95f, 2, 1}, {0.55f, 0, 0}, {0.30f, 3, 4}, {0.32f, 1, 2}};
        const inspect::Reliability r = inspect::reliability(p);
        QCOMPARE(int(r.bins.size()), 15);
        QVERIFY(std::abs(r.ece - 0.394) < 1e-6);
        QCOMPARE(r.bins[14].count, std::int64_t(2));
        QVERIFY(std::abs(r.bins[14].accuracy - 0.5) < 1e-9);
        QVERIFY(std::abs(r.bins[14].confidence - 0.95) < 1e-6);
        QCOMPARE(r.bins[8].count, std::int64_t(1));
        QCOMPARE(r.bins[4].count, std::int64_t(2));
        QVERIFY(std::abs(r.bins[4].confidence - 0.31) < 1e-6);
        QVERIFY(std::abs(r.maxGap - 0.45) < 1e-6);
        QVERIFY(std::abs(r.accuracy - 0.4) < 1e-9);
        QVERIFY(std::abs(r.meanConfidence - 0.614) < 1e-6);
        // Bins are (lower, upper]: 1/15 sits in the first, 1.0 in the last.
        const inspect::Reliability edges = inspect::reliability({{1.0f / 15, 0, 0}, {1.0f, 0, 0}});
        QCOMPARE(edges.bins[0].count, std::int64_t(1));
        QCOMPARE(edges.bins[14].count, std::int64_t(1));
        QCOMPARE(inspect::reliability({}).ece, 0.0);
    }

    void temperatureFitRecoversAKnownTemperature_data()
    {
        QTest::addColumn<double>("temperature");
        QTest::newRow("overconfident 2.5") << 2.5;
        QTest::newRow("underconfident 0.6") << 0.6;
        QTest::newRow("calibrated 1") << 1.0;
    }

    void temperatureFitRecoversAKnownTemperature()
    {
        // Labels drawn from softmax(z); the model reports z * T: the fit must find T.
        QFETCH(double, temperature);
        const std::int64_t rows = 20000, classes = 6;
        std::mt19937_64 rng(3);
        std::normal_distribution<double> normal(0.0, 2.0);
        std::vector<float> logits(static_cast<std::size_t>(rows * classes));
        std::vector<std::int64_t> labels(static_cast<std::size_t>(rows));
        for (std::int64_t r = 0; r < rows; ++r) {
            std::vector<double> z(static_cast<std::size_t>(classes)), w(z.size());
            for (std::int64_t c = 0; c < classes; ++c) {
                z[std::size_t(c)] = normal(rng);
                w[std::size_t(c)] = std::exp(z[std::size_t(c)]);
                logits[std::size_t(r * classes + c)] = float(z[std::size_t(c)] * temperature);
            }
            labels[std::size_t(r)] =
                std::discrete_distribution<std::int64_t>(w.begin(), w.end())(rng);
        }
        const inspect::TemperatureFit fit = inspect::fitTemperature(logits, classes, labels);
        qInfo("true T %.3f, fitted %.4f (NLL %.4f -> %.4f, %d evaluations)", temperature,
              fit.temperature, fit.nllBefore, fit.nllAfter, fit.evaluations);
        QVERIFY2(std::abs(fit.temperature / temperature - 1.0) < 0.04,
                 qPrintable(QString::number(fit.temperature)));
        QVERIFY(fit.nllAfter <= fit.nllBefore);
        QVERIFY(fit.evaluations < 80);

        // From probabilities instead of logits (what features.safetensors keeps): the same T.
        const std::vector<float> probs = inspect::softmaxWithTemperature(logits, classes, 1.0);
        const inspect::TemperatureFit again =
            inspect::fitTemperature(inspect::logProbabilities(probs), classes, labels);
        QVERIFY(std::abs(again.temperature / fit.temperature - 1.0) < 1e-3);

        // Scaling helps the ECE of these predictions when the model is miscalibrated.
        const auto before = inspect::reliability(inspect::scoredRows(probs, classes, labels));
        const auto after = inspect::reliability(inspect::scoredRows(
            inspect::softmaxWithTemperature(logits, classes, fit.temperature), classes, labels));
        qInfo("ECE %.4f -> %.4f", before.ece, after.ece);
        QVERIFY(after.ece < 0.02);
        if (temperature != 1.0)
            QVERIFY(after.ece < before.ece / 2);
    }

    void temperatureKeepsTheRanking()
    {
        const std::vector<float> z = {2.0f, -1.0f, 0.5f, 0.1f, 3.0f, 0.2f};
        for (const double t : {0.3, 1.0, 4.0}) {
            const auto p = inspect::softmaxWithTemperature(z, 3, t);
            QVERIFY(p[0] > p[2] && p[2] > p[1]);
            QVERIFY(p[4] > p[5] && p[5] > p[3]);
            QVERIFY(std::abs(p[0] + p[1] + p[2] - 1.0f) < 1e-6f);
        }
        TL_EXPECT_ERROR(inspect::softmaxWithTemperature(z, 3, 0.0), QStringList{"temperature"});
        TL_EXPECT_ERROR(inspect::fitTemperature(z, 3, {0, 7}), QStringList{"label 7"});
        TL_EXPECT_ERROR(inspect::fitTemperature(z, 4, {0, 1}), QStringList{"rows"});
    }

    void thresholdCountsAndPrecisionRecall()
    {
        const std::vector<Scored> p = {{0.9f, 0, 0}, {0.8f, 0, 1}, {0.7f, 0, 0}, {0.6f, 1, 1},
                                       {0.5f, 1, 0}, {0.4f, 0, 0}, {0.3f, 1, 1}};
        const auto at = [&](double t) { return inspect::countAtThreshold(p, t); };
        QCOMPARE(at(0.0).accepted, std::int64_t(5));
        QCOMPARE(at(0.0).wrong, std::int64_t(2));
        QCOMPARE(at(0.0).rejected, std::int64_t(0));
        QCOMPARE(at(0.65).accepted, std::int64_t(2)); // 0.9, 0.7
        QCOMPARE(at(0.65).wrong, std::int64_t(1));    // 0.8
        QCOMPARE(at(0.65).rejected, std::int64_t(4));
        QCOMPARE(at(0.9).accepted, std::int64_t(1)); // at the threshold counts as accepted
        QCOMPARE(at(0.95).rejected, std::int64_t(7));

        // Class 0: predicted at 0.9 (right), 0.8 (wrong), 0.7 (right), 0.4 (right); 4 images are
        // class 0 (0.9, 0.7, 0.5 predicted 1, 0.4).
        const auto curve = inspect::precisionRecallCurve(p, 0);
        QCOMPARE(int(curve.size()), 4);
        QCOMPARE(curve[0].threshold, double(0.9f));
        QCOMPARE(curve[0].precision, 1.0);
        QCOMPARE(curve[0].recall, 0.25);
        QCOMPARE(curve[1].precision, 0.5);
        QVERIFY(std::abs(curve[2].precision - 2.0 / 3) < 1e-12);
        QCOMPARE(curve[2].recall, 0.5);
        QCOMPARE(curve[3].precision, 0.75);
        QCOMPARE(curve[3].recall, 0.75);
        QVERIFY(inspect::precisionRecallCurve(p, 5).empty());
    }

    void unfamiliarScoresAndAuroc()
    {
        // Training images along x (any length), y and an all-zero one; the reference keeps
        // every other row, normalised, and a third direction is unlike all of them.
        const std::vector<float> train = {3, 0, 0, 1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 5, 0};
        QCOMPARE(inspect::referenceRows(train, 3, 2), (std::vector<float>{1, 0, 0, 0, 1, 0}));
        QCOMPARE(inspect::referenceRows(train, 3, 9).size(), std::size_t(15)); // all 5 rows
        QCOMPARE(inspect::referenceRows(train, 3, 5)[9], 0.0f); // the zero row stays zero
        TL_EXPECT_ERROR(inspect::referenceRows(train, 4, 2), QStringList{"15 values"});
        runs::UnfamiliarReference ref;
        ref.rows = 2;
        ref.dims = 3;
        ref.features = inspect::referenceRows(train, 3, 2);
        const auto s = runs::unfamiliarScores({2, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0}, ref);
        QVERIFY(std::abs(s[0]) < 1e-6);
        QVERIFY(std::abs(s[1] - 1.0f) < 1e-6);
        QVERIFY(std::abs(s[2] - float(1 - std::sqrt(0.5))) < 1e-6);
        QCOMPARE(s[3], 1.0f); // no direction at all
        // The nearest training image, not the nearest class: between x and y is unlike both.
        ref.rows = 3;
        ref.features = {1, 0, 0, 0, 1, 0, float(std::sqrt(0.5)), float(std::sqrt(0.5)), 0};
        QVERIFY(runs::unfamiliarScores({1, 1, 0}, ref)[0] < 1e-6);
        TL_EXPECT_ERROR(runs::unfamiliarScores({1, 1}, ref), QStringList{"3 features"});

        QVERIFY(std::abs(inspect::auroc({0.1f, 0.2f, 0.3f}, {0.25f, 0.4f}) - 5.0 / 6) < 1e-12);
        QCOMPARE(inspect::auroc({0.5f}, {0.5f}), 0.5); // a tie counts half
        QCOMPARE(inspect::auroc({0.1f}, {0.9f}), 1.0);
        QCOMPARE(inspect::quantile({3, 1, 2, 4, 5}, 0.5), 3.0);
        QCOMPARE(inspect::quantile({0, 10}, 0.95), 9.5);
    }

    void calibrateARunsFeatures()
    {
        // Two classes along two axes with some spread; the validation images like the training
        // ones: the threshold keeps 95 % of them familiar, and a run without validation images
        // is refused with a reason.
        runs::RunFeatures f;
        f.runDir = "run";
        f.classNames = {"a", "b"};
        std::mt19937_64 rng(5);
        std::normal_distribution<float> noise(0.0f, 0.3f);
        auto fill = [&](runs::FeatureSplit &s, int rows) {
            s.rows = rows;
            s.dims = 3;
            s.classes = 2;
            for (int r = 0; r < rows; ++r) {
                const int label = r % 2;
                s.labels.push_back(label);
                s.sourceIndex.push_back(r);
                s.features.insert(s.features.end(),
                                  {label == 0 ? 1.0f : 0.0f + noise(rng),
                                   label == 1 ? 1.0f : 0.0f + noise(rng), noise(rng)});
                const float p = 0.6f + 0.39f * float(rng() % 100) / 100.0f;
                s.probabilities.insert(s.probabilities.end(),
                                       {label == 0 ? p : 1 - p, label == 0 ? 1 - p : p});
            }
        };
        fill(f.train, 400);
        TL_EXPECT_ERROR(runs::calibrate(f), (QStringList{"run", "no validation images"}));
        fill(f.val, 400);
        fill(f.test, 200);
        runs::UnfamiliarReference reference;
        const runs::RunCalibration c = runs::calibrate(f, &reference);
        QCOMPARE(reference.rows, std::int64_t(400)); // every training image (under the caps)
        QCOMPARE(c.referenceImages, std::int64_t(400));
        QCOMPARE(reference.dims, std::int64_t(3));
        QVERIFY(std::abs(c.valUnfamiliarShare - 0.05) < 0.01);
        QVERIFY(c.unfamiliarThreshold > 0);
        QCOMPARE(c.valImages, std::int64_t(400));
        QCOMPARE(c.testImages, std::int64_t(200));
        QCOMPARE(c.testBefore.count, std::int64_t(200));
        // Every prediction here is right but unsure: cooling (T < 1) makes it surer.
        QVERIFY(c.temperature < 1);
        QVERIFY(c.testAfter.ece < c.testBefore.ece);
    }

    void calibrationFileRoundTrips()
    {
        runs::RunCalibration c;
        c.weightsDigest = "abc";
        c.temperature = 1.7;
        c.valImages = 1200;
        c.valNllBefore = 0.5;
        c.valNllAfter = 0.4;
        c.testImages = 5;
        c.testBefore = inspect::reliability(
            {{0.95f, 1, 1}, {0.95f, 2, 1}, {0.55f, 0, 0}, {0.30f, 3, 4}, {0.32f, 1, 2}});
        c.testAfter = c.testBefore;
        c.layer = "classifier.dense2";
        c.unfamiliarThreshold = 0.3;
        c.valUnfamiliarShare = 0.05;
        c.referenceImages = 4800;
        const runs::RunCalibration back = runs::RunCalibration::fromJson(c.toJson(), "c.json");
        QCOMPARE(back.temperature, 1.7);
        QCOMPARE(back.weightsDigest, std::string("abc"));
        QCOMPARE(back.testBefore.ece, c.testBefore.ece);
        QCOMPARE(back.testAfter.bins[14].count, std::int64_t(2));
        QCOMPARE(back.layer, c.layer);
        QCOMPARE(back.unfamiliarThreshold, 0.3);
        QCOMPARE(back.referenceImages, std::int64_t(4800));
    }

    // A calibration.json from elsewhere: every lie is a tl::Error naming the file and the key.
    void calibrationFileLies_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("named");
        QTest::newRow("not json") << "{"
                                  << "["
                                  << "not valid JSON";
        QTest::newRow("format") << "transferlab-calibration-2"
                                << "other"
                                << "format";
        QTest::newRow("class centres of an earlier version") << "transferlab-calibration-2"
                                                             << "transferlab-calibration-1"
                                                             << "calibrate the run again";
        QTest::newRow("no reference images") << "\"reference_images\": 100"
                                             << "\"reference_images\": 0"
                                             << "unfamiliar.reference_images";
        QTest::newRow("negative temperature") << "\"temperature\": 1.7"
                                              << "\"temperature\": -1"
                                              << "temperature";
        QTest::newRow("huge temperature") << "\"temperature\": 1.7"
                                          << "\"temperature\": 1e300"
                                          << "temperature";
        QTest::newRow("temperature a string") << "\"temperature\": 1.7"
                                              << "\"temperature\": \"hot\""
                                              << "temperature";
        QTest::newRow("ece above 1") << "\"ece\": 0.39"
                                     << "\"ece\": 7.39"
                                     << "test_after.ece";
        QTest::newRow("negative count") << "\"val_images\": 1200"
                                        << "\"val_images\": -3"
                                        << "val_images";
        QTest::newRow("bins overflow the count") << "\"count\": 2,"
                                                 << "\"count\": 900000,"
                                                 << "bins[";
        QTest::newRow("no unfamiliar") << "\"unfamiliar\""
                                       << "\"unfamiliar_\""
                                       << "unfamiliar";
        QTest::newRow("threshold") << "\"threshold\": 0.3"
                                   << "\"threshold\": 3"
                                   << "threshold";
    }

    void calibrationFileLies()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, named);
        runs::RunCalibration c;
        c.temperature = 1.7;
        c.valImages = 1200;
        c.testBefore = inspect::reliability(
            {{0.95f, 1, 1}, {0.95f, 2, 1}, {0.55f, 0, 0}, {0.30f, 3, 4}, {0.32f, 1, 2}});
        c.testAfter = c.testBefore;
        c.unfamiliarThreshold = 0.3;
        c.referenceImages = 100;
        QString text = QString::fromStdString(c.toJson());
        QVERIFY2(text.contains(from), qPrintable(text));
        // Only the first occurrence: one lie at a time.
        text.replace(text.indexOf(from), from.size(), to);
        TL_EXPECT_ERROR(runs::RunCalibration::fromJson(text.toStdString(), "run/calibration.json"),
                        (QStringList{"run/calibration.json", named}));
        // The bins must be the format's 15.
        nlohmann::json j = nlohmann::json::parse(c.toJson());
        j["test_after"]["bins"].erase(0);
        TL_EXPECT_ERROR(runs::RunCalibration::fromJson(j.dump(), "x.json"),
                        (QStringList{"x.json", "test_after.bins", "15"}));
    }
};

QTEST_GUILESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
