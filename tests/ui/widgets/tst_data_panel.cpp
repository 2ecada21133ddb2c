#include "support/fixtures.h"
#include "widgets/data_panel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

class TestDataPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void previewFollowsTheAugmentationSettings()
    {
        QTemporaryDir dir;
        test::writeIdxFolder(dir.path().toStdString(), 60, 20);
        DataPanel panel;
        data::DatasetOptions o;
        o.name = "fashion-mnist";
        o.root = dir.path().toStdString();
        panel.setOptions(o, {});
        QSignalSpy loaded(&panel, &DataPanel::datasetLoaded);
        panel.reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(int(panel.dataset()->train.size()), 60);

        data::PreprocessOptions pre;
        pre.imageSize = 28;
        panel.setPreprocess(pre);
        const QList<QImage> before = panel.previewImages();
        QCOMPARE(before.size(), 8);
        QCOMPARE(before.first().width(), 28);

        // Turning on a rotation must change what the network would see.
        QSignalSpy updated(&panel, &DataPanel::previewUpdated);
        auto *rotation = panel.findChild<QDoubleSpinBox *>(QStringLiteral("rotation"));
        QVERIFY(rotation);
        rotation->setValue(45);
        QVERIFY(updated.size() >= 1);
        const QList<QImage> after = panel.previewImages();
        int changed = 0;
        for (int i = 0; i < before.size(); ++i)
            changed += before[i] != after[i];
        QVERIFY2(changed >= 6, qPrintable(QString::number(changed)));
        QCOMPARE(panel.augmentOptions().rotation, 45.0);

        // A larger model input: the preview is what the network gets.
        pre.imageSize = 64;
        pre.channels = 3;
        panel.setPreprocess(pre);
        QCOMPARE(panel.previewImages().first().width(), 64);
        QCOMPARE(panel.previewImages().first().format(), QImage::Format_RGB888);
    }

    void badFolderShowsTheError()
    {
        DataPanel panel;
        data::DatasetOptions o;
        o.name = "fashion-mnist";
        o.root = "/nonexistent/fashion";
        panel.setOptions(o, {});
        QSignalSpy failed(&panel, &DataPanel::loadFailed);
        panel.reload();
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.first().first().toString().contains("/nonexistent/fashion"));
    }
};

QTEST_MAIN(TestDataPanel)
#include "tst_data_panel.moc"
