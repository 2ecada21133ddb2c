#include "support/fixtures.h"
#include "widgets/data_panel.h"

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
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

    void classSubsetAndImagesPerClass()
    {
        QTemporaryDir dir;
        test::writeIdxFolder(dir.path().toStdString(), 200, 50); // 20 of each class
        DataPanel panel;
        data::DatasetOptions o;
        o.name = "fashion-mnist";
        o.root = dir.path().toStdString();
        panel.setOptions(o, {});
        QSignalSpy loaded(&panel, &DataPanel::datasetLoaded);
        panel.reload();
        QVERIFY(loaded.wait(20000));
        auto *list = panel.findChild<QListWidget *>(QStringLiteral("classes"));
        QVERIFY(list);
        QCOMPARE(list->count(), 10);
        for (int i = 0; i < list->count(); ++i)
            QCOMPARE(list->item(i)->checkState(), Qt::Checked);
        // Untick all but Dress, Coat and Bag: the data reloads with three classes.
        for (int i = 0; i < list->count(); ++i) {
            const QString name = list->item(i)->text();
            if (name != "Dress" && name != "Coat" && name != "Bag")
                list->item(i)->setCheckState(Qt::Unchecked);
        }
        QVERIFY(loaded.wait(20000));
        while (panel.isLoading() || panel.dataset()->train.numClasses() != 3)
            QVERIFY(loaded.wait(20000));
        QCOMPARE(panel.dataset()->train.classNames,
                 (std::vector<std::string>{"Dress", "Coat", "Bag"}));
        QCOMPARE(panel.datasetOptions().classes.size(), std::size_t(3));
        QCOMPARE(list->count(), 10); // the list still offers every class
        // Few-shot: 5 images per class.
        auto *perClass = panel.findChild<QSpinBox *>(QStringLiteral("perClass"));
        QVERIFY(perClass);
        perClass->setValue(5);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(panel.dataset()->train.classCounts(), (std::vector<std::size_t>{5, 5, 5}));
        QCOMPARE(panel.datasetOptions().perClass, 5);
        // One class is not a classifier: the last tick stays.
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->text() == "Dress" || list->item(i)->text() == "Coat")
                list->item(i)->setCheckState(Qt::Unchecked);
        int checked = 0;
        for (int i = 0; i < list->count(); ++i)
            checked += list->item(i)->checkState() == Qt::Checked;
        QCOMPARE(checked, 2); // Coat (refused to untick) and Bag
        QVERIFY(loaded.wait(20000));
        QCOMPARE(panel.dataset()->train.classNames, (std::vector<std::string>{"Coat", "Bag"}));
    }

    // A folder with broken files loads the rest, and the tab says how many were left out and
    // why, in the words of the CLI; the preview shows the folder's images as the loader
    // prepares them (torchvision's crop at the model's size).
    void skippedFilesAreCounted()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        for (const char *cls : {"cat", "dog"})
            for (int i = 0; i < 6; ++i) {
                QDir().mkpath(QString::fromStdString(root + "/" + cls));
                QImage img(40 + i, 30, QImage::Format_RGB888);
                img.fill(QColor(cls[0] == 'c' ? 200 : 20, 80, 40));
                QVERIFY(img.save(
                    QString::fromStdString(root + "/" + cls + "/" + std::to_string(i) + ".jpg")));
            }
        test::writeText(root + "/cat/empty.png", "");
        test::writeText(root + "/dog/notes.jpg", "a text file named like a photo");
        DataPanel panel;
        data::DatasetOptions o;
        o.name = "folder";
        o.root = root;
        panel.setOptions(o, {});
        QSignalSpy loaded(&panel, &DataPanel::datasetLoaded);
        panel.reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(panel.dataset()->train.size() + panel.dataset()->test.size(), std::size_t(12));
        QString status;
        for (const QLabel *label : panel.findChildren<QLabel *>())
            if (label->text().contains(QStringLiteral("Skipped")))
                status = label->text() + label->toolTip();
        QVERIFY2(status.contains(QStringLiteral(
                     "Skipped 2 of 14 files: 1 empty, 1 not an image — see skipped.csv")),
                 qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("notes.jpg: not an image")));
        data::PreprocessOptions pre;
        pre.imageSize = 32;
        panel.setPreprocess(pre);
        QCOMPARE(panel.previewImages().first().width(), 32);

        // The decoded-image cache's budget (data.cache_mib): a field for folders and CSV files
        // only, applied to the loaded images at once and part of the experiment.
        auto *cache = panel.findChild<QSpinBox *>(QStringLiteral("cacheMiB"));
        QVERIFY(cache);
        QVERIFY(!cache->isHidden());
        QCOMPARE(cache->value(), data::kDefaultImageCacheMiB);
        QVERIFY(cache->toolTip().contains(QStringLiteral("decoded again")));
        QCOMPARE(panel.dataset()->images->cacheBudget(),
                 std::uint64_t(data::kDefaultImageCacheMiB) << 20);
        QSignalSpy changed(&panel, &DataPanel::settingsChanged);
        cache->setValue(64);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.dataset()->images->cacheBudget(), std::uint64_t(64) << 20);
        QCOMPARE(panel.datasetOptions().cacheMiB, 64);
        cache->setValue(0);
        QCOMPARE(cache->text(), QStringLiteral("none"));
        QCOMPARE(panel.dataset()->images->cacheBudget(), std::uint64_t(0));
        o.name = "fashion-mnist";
        o.root.clear();
        o.cacheMiB = 300;
        panel.setOptions(o, {});
        QVERIFY(cache->isHidden()); // the built-in datasets are in memory
        QCOMPARE(panel.datasetOptions().cacheMiB, 300);
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
