// Galleries of a streamed dataset (a folder of photos) decode their thumbnails on the loader's
// threads, never on the GUI thread, and fill them in as they arrive.

#include "data/dataset.h"
#include "itemmodels/gallery_model.h"
#include "itemmodels/image_list_model.h"
#include "itemmodels/thumbnail_loader.h"

#include <QDir>
#include <QPixmap>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace tl;
using namespace tl::ui;

class TestGalleryModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Red cats and blue dogs, 40 x 30 JPEGs.
    data::DatasetSplits photos()
    {
        const QString root = m_dir.path() + "/photos";
        for (const char *cls : {"cat", "dog"}) {
            QDir().mkpath(root + "/" + cls);
            for (int i = 0; i < 5; ++i) {
                QImage img(40, 30, QImage::Format_RGB888);
                img.fill(cls[0] == 'c' ? QColor(220, 30, 30) : QColor(30, 30, 220));
                img.save(root + "/" + cls + "/" + QString::number(i) + ".jpg");
            }
        }
        data::DatasetOptions o;
        o.name = "folder";
        o.root = root.toStdString();
        o.imageSize = 32;
        return data::loadDataset(o);
    }

private Q_SLOTS:
    void loaderRunsJobsOffTheGuiThread()
    {
        ThumbnailLoader loader;
        QSignalSpy ready(&loader, &ThumbnailLoader::imageReady);
        std::atomic<bool> onGuiThread{true};
        QThread *gui = QThread::currentThread();
        auto make = [&] {
            onGuiThread = QThread::currentThread() == gui;
            QImage img(8, 8, QImage::Format_RGB888);
            img.fill(Qt::green);
            return img;
        };
        QVERIFY(loader.image(7, make).isNull()); // not here yet
        QVERIFY(ready.wait(5000));
        QCOMPARE(ready.first().first().toLongLong(), qint64(7));
        QVERIFY(!onGuiThread);
        QCOMPARE(loader.image(7, make).pixelColor(0, 0), QColor(Qt::green));
        // A broken file (the job throws) is asked once, not again at every repaint.
        std::atomic<int> tries{0};
        auto broken = [&]() -> QImage {
            ++tries;
            throw std::runtime_error("truncated");
        };
        QVERIFY(loader.image(8, broken).isNull());
        QVERIFY(loader.waitForDone(5000));
        QCoreApplication::processEvents();
        QVERIFY(loader.image(8, broken).isNull());
        QVERIFY(loader.waitForDone(5000));
        QCOMPARE(tries.load(), 1);
        // clear(): what was on its way for the old images is dropped.
        auto slow = [] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            QImage img(8, 8, QImage::Format_RGB888);
            img.fill(Qt::red);
            return img;
        };
        ready.clear();
        QVERIFY(loader.image(9, slow).isNull());
        loader.clear();
        QVERIFY(loader.waitForDone(5000));
        QCoreApplication::processEvents();
        QVERIFY(ready.isEmpty());
        QVERIFY(loader.image(7, {}).isNull()); // forgotten
    }

    void mistakesGalleryFillsInAsImagesArrive()
    {
        const data::DatasetSplits d = photos();
        QVERIFY(d.test.streamed());
        QVERIFY(d.test.size() >= 1);
        std::vector<train::Prediction> predictions;
        for (std::size_t i = 0; i < d.test.size(); ++i) {
            train::Prediction p;
            p.index = d.test.sourceIndex[i];
            p.trueLabel = d.test.labels[i];
            p.predicted = 1 - p.trueLabel;
            p.confidence = 0.9f;
            predictions.push_back(p);
        }
        GalleryModel model;
        model.setSource(std::make_shared<data::ImageStore>(d.test), predictions, {"cat", "dog"});
        model.showWhere([](const train::Prediction &) { return true; });
        QCOMPARE(model.rowCount(), int(d.test.size()));
        QSignalSpy changed(&model, &GalleryModel::dataChanged);
        // The first ask returns at once with a grey square of the thumbnail's size.
        const QPixmap waiting = model.data(model.index(0), Qt::DecorationRole).value<QPixmap>();
        QCOMPARE(waiting.size(), QSize(84, 84));
        QCOMPARE(waiting.toImage().pixelColor(40, 40), QColor(60, 60, 60));
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 5000);
        const QImage shown =
            model.data(model.index(0), Qt::DecorationRole).value<QPixmap>().toImage();
        const QColor c = shown.pixelColor(shown.width() / 2, shown.height() / 2);
        const bool cat = d.test.labels[0] == 0;
        QVERIFY2(cat ? c.red() > 150 && c.blue() < 100 : c.blue() > 150 && c.red() < 100,
                 qPrintable(c.name()));
    }

    void featureSpaceListsTakeJobs()
    {
        ImageListModel model;
        std::vector<ImageListModel::Item> items(3);
        for (int i = 0; i < 3; ++i)
            items[std::size_t(i)].id = i;
        model.setItems(items);
        std::atomic<int> made{0};
        QThread *gui = QThread::currentThread();
        std::atomic<bool> onGuiThread{false};
        model.setImageProvider([&](int id) -> ImageListModel::ImageJob {
            if (id == 2)
                return {}; // no image for this one
            return [&] {
                onGuiThread = onGuiThread || QThread::currentThread() == gui;
                ++made;
                QImage img(10, 10, QImage::Format_Grayscale8);
                img.fill(200);
                return img;
            };
        });
        // Until its picture is made an item shows a blank of the final size (the view lays it
        // out whole); then the picture.
        auto blank = [&](int r) {
            const QPixmap p = model.data(model.index(r), Qt::DecorationRole).value<QPixmap>();
            return !p.isNull() && qAlpha(p.toImage().pixel(p.width() / 2, p.height() / 2)) == 0;
        };
        QSignalSpy changed(&model, &ImageListModel::dataChanged);
        for (int r = 0; r < 3; ++r)
            QVERIFY(blank(r));
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 5000);
        QVERIFY(!onGuiThread);
        QCOMPARE(made.load(), 2);
        QVERIFY(!blank(0));
        QVERIFY(blank(2)); // no image for it: the blank stays
    }
};

QTEST_MAIN(TestGalleryModel)
#include "tst_gallery_model.moc"
