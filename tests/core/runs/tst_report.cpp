// The HTML report: well-formed, self-contained, and holding the run's own numbers.

#include "base/error.h"
#include "analysis/report.h"
#include "data/dataset.h"
#include "inference/run_calibration.h"
#include "inference/run_features.h"
#include "run/run_experiment.h"
#include "support/expect_error.h"
#include "support/fixtures.h"

#include <QXmlStreamReader>
#include <QtTest>

using namespace tl;

class TestReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    runs::RunResult m_a, m_b;

    std::string path(const std::string &name) const
    {
        return (m_dir.path() + "/").toStdString() + name;
    }
    experiment::ExperimentConfig config(const std::string &model) const
    {
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = path("data");
        c.data.valSplit = 0.2;
        c.model.name = model;
        c.model.poolSize = 2;
        c.device = "cpu";
        experiment::StageConfig head;
        head.name = "head";
        head.epochs = 1;
        head.batchSize = 32;
        head.freeze = "features";
        experiment::StageConfig all;
        all.name = "all";
        all.epochs = 2;
        all.batchSize = 32;
        all.freeze = "none";
        c.stages = {head, all};
        return c;
    }

    // Parses the page as XML (XHTML): every tag closed, every entity escaped.
    static void checkWellFormed(const QString &html)
    {
        QXmlStreamReader xml(html);
        int elements = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement)
                ++elements;
        }
        QVERIFY2(!xml.hasError(),
                 qPrintable(xml.errorString() + " at line " + QString::number(xml.lineNumber())));
        QVERIFY(elements > 50);
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::writeIdxFolder(path("data"), 200, 40);
        m_a = runs::runExperiment(config("simple-cnn"), path("a-simple"));
        m_b = runs::runExperiment(config("vgg-style-cnn"), path("b-vgg"));
    }

    void singleRun()
    {
        const QString html =
            QString::fromStdString(runs::reportHtml({path("a-simple")}, runs::ReportOptions{}));
        checkWellFormed(html);
        // Its numbers: test accuracy, every confusion cell's row, the class names.
        QVERIFY(html.contains(QString::number(m_a.test.accuracy, 'f', 4)));
        QVERIFY(html.contains("Confusion matrix"));
        // Printed: the settings (collapsed on screen) print open, and the confusion matrix's
        // header row repeats on each page it spans.
        QVERIFY(html.contains("<details class=\"settings\">"));
        QVERIFY(html.contains("<div class=\"print-only\"><h3>Experiment settings"));
        QVERIFY(html.contains("<table class=\"confusion\"><thead>"));
        QVERIFY(html.contains("details.settings { display: none; }"));
        for (const auto &name : m_a.classNames)
            QVERIFY(html.contains(QString::fromStdString(name)));
        for (int t = 0; t < m_a.test.numClasses; ++t)
            QVERIFY(html.contains(QString(">%1</td>").arg(m_a.test.at(t, t))));
        // Curves as inline SVG with the stage boundary marked; images embedded, nothing fetched.
        QCOMPARE(html.count("<svg"), 2);
        QVERIFY(html.contains("stroke-dasharray=\"4 3\""));
        const qsizetype wrong = qsizetype(
            std::count_if(m_a.test.predictions.begin(), m_a.test.predictions.end(),
                          [](const train::Prediction &p) { return p.predicted != p.trueLabel; }));
        QCOMPARE(html.count("data:image/png;base64,"), std::min<qsizetype>(16, wrong));
        QVERIFY(!html.contains("http://") ||
                html.count("http://") == html.count("xmlns=\"http://"));
        QVERIFY(!html.contains("<script"));
        QVERIFY(html.contains("&quot;model&quot;")); // the settings, escaped
    }

    void comparison()
    {
        runs::ReportOptions o;
        o.images = false;
        o.title = "Simple <vs> VGG";
        const QString html =
            QString::fromStdString(runs::reportHtml({path("a-simple"), path("b-vgg")}, o));
        checkWellFormed(html);
        QVERIFY(html.contains("Simple &lt;vs&gt; VGG"));
        QVERIFY(html.contains("Comparison"));
        QVERIFY(html.contains(QString::number(m_a.test.accuracy, 'f', 4)));
        QVERIFY(html.contains(QString::number(m_b.test.accuracy, 'f', 4)));
        QVERIFY(html.contains("Images that flipped"));
        QCOMPARE(html.count("<svg"), 6); // overlaid loss + accuracy, then two per run
        QVERIFY(!html.contains("data:image/png"));
    }

    void unfinishedOrMissingRunsAreNamed()
    {
        TL_EXPECT_ERROR(runs::reportHtml({path("nowhere")}), QStringList{"nowhere"});
        TL_EXPECT_ERROR(runs::reportHtml({}), QStringList{"at least one"});
    }

    // Once a run is calibrated, its report's confidences are the calibrated ones, and it says so.
    void calibratedRunSaysSo()
    {
        const std::string dir = path("a-simple");
        const data::DatasetSplits data = runs::loadRunData(dir);
        const runs::RunCalibration c = runs::calibrateRun(dir, data);
        const QString html = QString::fromStdString(runs::reportHtml({dir}, runs::ReportOptions{}));
        checkWellFormed(html);
        QVERIFY2(html.contains(QString("Calibrated confidences: temperature %1, fitted on %2 "
                                       "validation images")
                                   .arg(c.temperature, 0, 'f', 3)
                                   .arg(c.valImages)),
                 qPrintable(html));
        // The worst mistake's caption: its calibrated confidence, not predictions.csv's.
        const auto calibrated = runs::testPredictions(runs::runFeatures(dir, data), c.temperature);
        const train::Prediction *worst = nullptr;
        for (const auto &p : calibrated) {
            const bool worse =
                !worst || p.loss > worst->loss || (p.loss == worst->loss && p.index < worst->index);
            if (p.predicted != p.trueLabel && worse)
                worst = &p;
        }
        QVERIFY(worst);
        const QString caption = QString("#%1<br/>").arg(worst->index);
        const qsizetype at = html.indexOf(caption);
        QVERIFY2(at > 0, qPrintable(caption));
        const QString figure = html.mid(at, html.indexOf("</figcaption>", at) - at);
        QVERIFY2(figure.endsWith(QString("</b> %1 %").arg(worst->confidence * 100.0, 0, 'f', 0)),
                 qPrintable(figure));
        // Without the run's images there is nothing to recompute: the report says so.
        runs::ReportOptions captionsOnly;
        captionsOnly.images = false;
        QVERIFY(QString::fromStdString(runs::reportHtml({dir}, captionsOnly))
                    .contains("the confidences below are the model's own"));
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
