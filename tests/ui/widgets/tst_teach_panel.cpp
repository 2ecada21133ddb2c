// The Teach tab (issue 31) with a video file as the camera: recording into two classes, training
// the head, the live view naming the class of each video's frames; deleting a frame; a project
// saved and reopened; files dropped in.

#include "session/teach_session.h"
#include "support/shape_videos.h"
#include "widgets/teach_panel.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QVector>
#include <QtTest>

#include <algorithm>

using namespace tl::ui;
using namespace tl::test;

class TestTeachPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.path() + "/" + name; }

    static void addClass(TeachPanel &panel, const QString &name)
    {
        auto *edit = panel.findChild<QLineEdit *>(QStringLiteral("teachNewClass"));
        edit->setText(name);
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("teachAddClass")),
                          Qt::LeftButton);
    }
    static void useSource(TeachPanel &panel, const QString &source)
    {
        auto *combo = panel.findChild<QComboBox *>(QStringLiteral("teachSource"));
        combo->setEditText(source);
        Q_EMIT combo->lineEdit()->editingFinished();
    }
    // Holds class `cls`'s record button until it has `frames` images.
    static void record(TeachPanel &panel, int cls, int frames)
    {
        auto *button = panel.findChild<QPushButton *>(QStringLiteral("teachRecord%1").arg(cls));
        QVERIFY(button);
        QTest::mousePress(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel.session()->project().files(cls).size() >= frames, 60000);
        QTest::mouseRelease(button, Qt::LeftButton);
        QCOMPARE(panel.session()->recordingClass(), -1);
    }
    // The class the live view shows most often over `n` predictions; `confidence`: the mean
    // probability of the top class.
    static QString liveClass(TeachPanel &panel, int n, double &confidence)
    {
        QSignalSpy spy(panel.session(), &TeachSession::predicted);
        QMap<QString, int> votes;
        confidence = 0;
        for (int i = 0; i < n; ++i) {
            if (!spy.wait(10000))
                return QStringLiteral("(no prediction)");
            votes[panel.topClass()]++;
            const auto p = spy.takeFirst().at(0).value<QVector<float>>();
            confidence += *std::max_element(p.begin(), p.end()) / double(n);
        }
        QString best;
        for (auto it = votes.begin(); it != votes.end(); ++it)
            if (best.isEmpty() || it.value() > votes[best])
                best = it.key();
        qInfo("live votes: %s", qPrintable(QStringList(votes.keys()).join(' ')));
        return best;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeShapeVideo(path("red.avi").toStdString(), Shape::RedDisc, 80, 1);
        writeShapeVideo(path("green.avi").toStdString(), Shape::GreenSquare, 80, 2);
        writeShapeVideo(path("red-unseen.avi").toStdString(), Shape::RedDisc, 60, 101);
        writeShapeVideo(path("green-unseen.avi").toStdString(), Shape::GreenSquare, 60, 102);
    }

    void recordTrainAndWatchLive()
    {
        TeachPanel panel(path("project"));
        panel.resize(1280, 720);
        QSignalSpy backbone(panel.session(), &TeachSession::backboneChanged);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(backbone.wait(30000));
        addClass(panel, QStringLiteral("red-disc"));
        addClass(panel, QStringLiteral("green-square"));
        QCOMPARE(panel.session()->project().classNames(),
                 QStringList({"green-square", "red-disc"}));
        // Too few images: a hint says so.
        QTRY_VERIFY(panel.findChild<QLabel *>(QStringLiteral("teachHint0"))->isVisible());
        useSource(panel, path("green.avi"));
        record(panel, 0, 20);
        useSource(panel, path("red.avi"));
        record(panel, 1, 20);
        QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("teachHint0"))->isVisible());
        // A frame written just before the button came up reaches the project a moment later
        // (the worker writes it, then tells the window): the folder and the project agree once
        // it has arrived.
        QTRY_COMPARE(QDir(path("project/red-disc")).entryList({"*.png"}, QDir::Files).size(),
                     panel.session()->project().files(1).size());
        QTRY_COMPARE_WITH_TIMEOUT(panel.session()->featuresDone(),
                                  panel.session()->project().imageCount(), 30000);

        QSignalSpy trained(panel.session(), &TeachSession::trained);
        QSignalSpy predicted(panel.session(), &TeachSession::predicted);
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("teachTrain")),
                          Qt::LeftButton);
        QVERIFY(trained.wait(30000));
        const double trainSeconds = trained.at(0).at(0).toDouble();
        QTRY_VERIFY_WITH_TIMEOUT(predicted.size() > 0, 10000);
        qInfo("Train to the first live prediction: %lld ms (the head's training %.3f s)",
              clock.elapsed(), trainSeconds);
        QVERIFY(trainSeconds < 3.0);

        double confidence = 0;
        useSource(panel, path("red-unseen.avi"));
        QCOMPARE(liveClass(panel, 15, confidence), QStringLiteral("red-disc"));
        qInfo("red video: top class at %.2f on average", confidence);
        QVERIFY(confidence > 0.7); // not a near-uniform guess that happens to lean right
        useSource(panel, path("green-unseen.avi"));
        QCOMPARE(liveClass(panel, 15, confidence), QStringLiteral("green-square"));
        qInfo("green video: top class at %.2f on average", confidence);
        QVERIFY(confidence > 0.7);
        QTest::qWait(2000);
        qInfo("live view: %.1f frames/s", panel.session()->framesPerSecond());
        QVERIFY(panel.session()->framesPerSecond() > 0);
        panel.session()->stopCamera();
    }

    void clickingAThumbnailDeletesTheFrame()
    {
        TeachPanel panel(path("project"));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *thumbs = panel.findChild<QListWidget *>(QStringLiteral("teachThumbs1"));
        QVERIFY(thumbs);
        const int before = thumbs->count();
        QVERIFY(before >= 20);
        QCOMPARE(before, panel.session()->project().files(1).size());
        const QString file = thumbs->item(0)->data(Qt::UserRole).toString();
        QVERIFY(QFileInfo::exists(file));
        QTest::mouseClick(thumbs->viewport(), Qt::LeftButton, {},
                          thumbs->visualItemRect(thumbs->item(0)).center());
        QTRY_COMPARE(thumbs->count(), before - 1);
        QCOMPARE(panel.session()->project().files(1).size(), before - 1);
        QVERIFY(!QFileInfo::exists(file));
    }

    void savedProjectReopens()
    {
        int red = 0;
        {
            TeachPanel panel(path("project"));
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            red = int(panel.session()->project().files(1).size());
            tl::teach::Backbone b = panel.session()->backbone();
            b.model = "mobilenet_v2";
            panel.session()->setBackbone(b); // the project remembers it
            panel.session()->saveProjectAs(path("copy"));
        }
        TeachPanel again(path("copy"));
        QSignalSpy backbone(again.session(), &TeachSession::backboneChanged);
        again.show();
        QVERIFY(backbone.wait(30000));
        const auto &p = again.session()->project();
        QCOMPARE(p.classNames(), QStringList({"green-square", "red-disc"}));
        QCOMPARE(int(p.files(1).size()), red);
        QCOMPARE(p.backbone.model, std::string("mobilenet_v2"));
        QCOMPARE(again.findChild<QListWidget *>(QStringLiteral("teachThumbs1"))->count(), red);
        // The features of every image are computed again with the project's backbone.
        QTRY_COMPARE_WITH_TIMEOUT(again.session()->featuresDone(), p.imageCount(), 60000);
    }

    void droppedFilesJoinAClass()
    {
        TeachPanel panel(path("drop"));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        addClass(panel, QStringLiteral("shapes"));
        QDir().mkpath(path("loose"));
        const QStringList red = QDir(path("project/red-disc")).entryList({"*.png"}, QDir::Files);
        QVERIFY(red.size() >= 3);
        for (int i = 0; i < 3; ++i)
            QFile::copy(path("project/red-disc/") + red[i], path("loose/") + red[i]);
        QFile notes(path("loose/notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not an image");
        notes.close();
        QSignalSpy failed(panel.session(), &TeachSession::failed);
        panel.session()->addFiles(0, {path("loose")});
        QTRY_COMPARE_WITH_TIMEOUT(panel.session()->project().files(0).size(), 3, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("notes.txt")));
    }
};

QTEST_MAIN(TestTeachPanel)
#include "tst_teach_panel.moc"
