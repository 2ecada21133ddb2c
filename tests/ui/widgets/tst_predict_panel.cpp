// The Predict panel: a finished run's model on new image files, top-5 and Grad-CAM.

#include "inference/predictor.h"
#include "run/run_experiment.h"
#include "support/fixtures.h"
#include "widgets/feature_map_grid.h"
#include "widgets/predict_panel.h"

#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

class TestPredictPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_run;

private Q_SLOTS:
    void initTestCase()
    {
        test::writeIdxFolder((m_dir.path() + "/data").toStdString(), 200, 40);
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = (m_dir.path() + "/data").toStdString();
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.stages.front().epochs = 1;
        m_run = m_dir.path() + "/runs/20260101-simple";
        runs::runExperiment(c, m_run.toStdString());
        // Images as a user would drop them: a colour PNG of another size, and a broken file.
        QImage img(40, 30, QImage::Format_RGB32);
        img.fill(QColor(200, 30, 30));
        for (int x = 0; x < 20; ++x)
            for (int y = 0; y < 30; ++y)
                img.setPixelColor(x, y, QColor(255, 255, 255));
        QVERIFY(img.save(m_dir.path() + "/shirt.png"));
        QFile broken(m_dir.path() + "/broken.png");
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not a png");
    }

    void classifiesDroppedImagesLikeTheRun()
    {
        PredictPanel panel(m_dir.path() + "/runs");
        panel.resize(1200, 700);
        QSignalSpy ready(&panel, &PredictPanel::modelReady);
        QTest::qWait(200);
        QCOMPARE(ready.count(), 0); // nothing loads until the tab is shown
        panel.show();
        QVERIFY(ready.wait(30000));
        QCOMPARE(panel.currentRun(), m_run);
        QSignalSpy predicted(&panel, &PredictPanel::predicted);
        QSignalSpy failed(&panel, &PredictPanel::failed);
        panel.addImages({m_dir.path() + "/shirt.png", m_dir.path() + "/broken.png"});
        // The broken file is named, the good one is classified.
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().at(0).toString().contains("broken.png"));
        QCOMPARE(panel.imageCount(), 1);
        QVERIFY(predicted.wait(30000));
        QCOMPARE(panel.topLabels().size(), 5);
        const auto p = panel.topProbabilities();
        for (std::size_t i = 1; i < p.size(); ++i)
            QVERIFY(p[i] <= p[i - 1]);

        // The same numbers as the core predictor on the same file (the CLI's predict --run).
        runs::RunPredictor direct(m_run.toStdString());
        const auto r = direct.predictFile((m_dir.path() + "/shirt.png").toStdString());
        QCOMPARE(panel.topLabels().first(),
                 QString::fromStdString(direct.classNames()[std::size_t(r.topClasses[0])]));
        QVERIFY(std::abs(p[0] - r.topProbabilities[0]) < 1e-5);

        // Grad-CAM is drawn over the image; the layer is the body's last convolutional block.
        QVERIFY(!panel.overlay().isNull());
        QCOMPARE(panel.camLayer(), QString("features.relu2"));
        const QImage withMap = panel.overlay();
        panel.setOpacity(0);
        QVERIFY(panel.overlay() != withMap);
        // Another class re-runs Grad-CAM for it.
        panel.setCamClass(3);
        QVERIFY(predicted.wait(30000));
        QCOMPARE(panel.camClass(), 3);
        // A layer picked in the tree: the first convolution's activation.
        panel.setCamLayer("features.relu1");
        QVERIFY(predicted.wait(30000));
        QCOMPARE(panel.camLayer(), QString("features.relu1"));

        // Issue 34: the feature maps open on a layer that has maps, the body's last (simple-cnn's
        // head has 4-D outputs too, a per-position Dense, which are not channel maps).
        QVERIFY(QString::fromStdString(direct.camLayers().back().path).startsWith("classifier."));
        QCOMPARE(direct.defaultMapLayer(), std::string("features.relu2"));
        panel.setCamLayer(QString()); // the default again
        QVERIFY(predicted.wait(30000));
        failed.clear();
        QSignalSpy maps(&panel, &PredictPanel::featureMapsShown);
        panel.showFeatureMaps();
        QVERIFY(maps.wait(30000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(panel.featureMaps()->channelCount(), 64);
        QVERIFY(panel.featureMaps()->mapsShown() > 0);

        // The webcam: this machine has none, so switching it on says so, in the panel itself
        // (not only in the status bar), and stays off.
        auto *webcam = panel.findChild<QPushButton *>(QStringLiteral("webcam"));
        QVERIFY(webcam);
        failed.clear();
        QVERIFY(panel.notice().isEmpty());
        webcam->click();
        if (!webcam->isChecked()) {
            QCOMPARE(failed.count(), 1);
            QVERIFY(failed.first().at(0).toString().contains("webcam"));
            QCOMPARE(panel.notice(), failed.first().at(0).toString());
            auto *notice = panel.findChild<QLabel *>(QStringLiteral("predictNotice"));
            QVERIFY(notice && notice->isVisible());
            // Showing an image again puts it away.
            panel.addImages({m_dir.path() + "/shirt.png"});
            QVERIFY(panel.notice().isEmpty());
        } else {
            webcam->click(); // a camera exists here: switch it off again
        }
    }
};

QTEST_MAIN(TestPredictPanel)
#include "tst_predict_panel.moc"
