// Fixing labels in the window (issue 28): Results → Feature space → Suspicious labels lists every
// training and validation image scored out of sample; two images marked and applied as a
// label-override file give exactly those lines; on a generated folder dataset, applying moves
// the two files into their new class folders and Undo puts them back byte for byte; the Data
// health panel lists planted duplicates, leakage first.

#include "a11y/accessibility.h"
#include "analysis/data_health.h"
#include "data/label_overrides.h"
#include "io/files.h"
#include "itemmodels/image_list_model.h"
#include "run/run_experiment.h"
#include "support/fixtures.h"
#include "widgets/data_health_panel.h"
#include "widgets/inspect_panel.h"
#include "widgets/label_fix_list.h"

#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

using namespace tl;
using namespace tl::ui;
namespace fs = std::filesystem;

class TestLabelFixesPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string path(const std::string &name) const
    {
        return (m_dir.path() + "/").toStdString() + name;
    }

    // A run of `c` into `name`, and a panel with its suspicious labels computed.
    std::unique_ptr<InspectPanel> panelFor(const experiment::ExperimentConfig &c,
                                           const std::string &name)
    {
        runs::runExperiment(c, path(name));
        auto data = std::make_shared<const data::DatasetSplits>(runs::loadRunData(path(name)));
        auto panel = std::make_unique<InspectPanel>();
        panel->resize(1280, 720);
        panel->show();
        QSignalSpy ready(panel.get(), &InspectPanel::featuresReady);
        QSignalSpy failed(panel.get(), &InspectPanel::failed);
        panel->setRun(QString::fromStdString(path(name)), data);
        panel->compute();
        if (!ready.wait(120000))
            qWarning("no features: %s",
                     failed.isEmpty() ? "timeout" : qPrintable(failed.first().at(0).toString()));
        return panel;
    }

    // Selects rows a and b of the suspects gallery.
    static void select(InspectPanel &panel, int a, int b)
    {
        QListView *view = panel.suspectsView();
        view->selectionModel()->clearSelection();
        view->selectionModel()->select(panel.suspectsModel()->index(a),
                                       QItemSelectionModel::Select);
        view->selectionModel()->select(panel.suspectsModel()->index(b),
                                       QItemSelectionModel::Select);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::writeIdxFolder(path("idx"), 300, 120);
        // A folder dataset: three classes of 24 grey 20 x 20 PNGs, textured differently.
        std::mt19937 rng(5);
        const char *classes[] = {"circles", "lines", "noise"};
        for (int c = 0; c < 3; ++c) {
            fs::create_directories(path("folder/") + classes[c]);
            for (int i = 0; i < 24; ++i) {
                QImage img(20, 20, QImage::Format_Grayscale8);
                for (int y = 0; y < 20; ++y)
                    for (int x = 0; x < 20; ++x) {
                        const bool disc = (x - 10) * (x - 10) + (y - 10) * (y - 10) < 40;
                        const int v = c == 0   ? (disc ? 230 : 20) + int(rng() % 20)
                                      : c == 1 ? (x % 4 < 2 ? 220 : 30) + int(rng() % 20)
                                               : int(rng() % 256);
                        img.scanLine(y)[x] = uchar(v);
                    }
                QVERIFY(img.save(QString::fromStdString(path("folder/") + classes[c] + "/" +
                                                        classes[c] + "-" + std::to_string(i) +
                                                        ".png")));
            }
        }
    }

    void outOfSampleListAndOverrides()
    {
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = path("idx");
        c.data.valSplit = 0.2;
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.stages.front().epochs = 1;
        auto panel = panelFor(c, "runs/idx");
        QVERIFY(panel->ready());
        // Out of sample by default: every training and validation image (240 + 60), each with
        // a split of its own; the quick view ranks the 60 validation images.
        QVERIFY(panel->outOfSample());
        QCOMPARE(panel->suspectsModel()->rowCount(), 300);
        std::set<std::string> splits;
        for (const auto &s : panel->report().images)
            splits.insert(s.image.split);
        QCOMPARE(splits, (std::set<std::string>{"train", "val"}));

        // Two images: one to the suggested class, one relabelled by hand; the pending list
        // shows both, and taking one back and marking it again works item by item.
        select(*panel, 0, 1);
        panel->markSelected("wrong label");
        const int other = (panel->report().images[1].image.label + 1) % 10;
        select(*panel, 1, 1);
        panel->relabelSelected(other);
        QCOMPARE(panel->fixList()->pending().size(), std::size_t(2));
        QSignalSpy removed(panel->fixList(), &LabelFixList::removeRequested);
        Q_EMIT panel->fixList()->removeRequested(panel->fixList()->pending()[1].key);
        QCOMPARE(panel->fixList()->pending().size(), std::size_t(1));
        select(*panel, 1, 1);
        panel->relabelSelected(other);
        const auto pending = panel->fixList()->pending();
        QCOMPARE(pending.size(), std::size_t(2));
        const auto &report = panel->report();
        std::map<std::int64_t, std::string> expected{
            {report.images[0].image.index, pending[0].fix.newLabel},
            {report.images[1].image.index, pending[1].fix.newLabel}};
        QVERIFY(pending[1].fix.newLabel != pending[1].fix.label);
        QCOMPARE(removed.count(), 1);

        // Built-in data: only overrides. Applied to a file: its lines are the two fixes.
        QVERIFY(!panel->fixList()->canApplyOnDisk());
        const QString file = m_dir.path() + "/overrides.csv";
        QSignalSpy applied(panel->fixList(), &LabelFixList::applied);
        panel->fixList()->apply(LabelFixList::Mode::Overrides, file);
        QVERIFY(applied.wait(10000));
        const auto overrides = data::readLabelOverrides(file.toStdString());
        std::map<std::int64_t, std::string> got;
        for (const auto &o : overrides) {
            QVERIFY(!o.exclude);
            got[o.index] = o.label;
        }
        QCOMPARE(got, expected);
        const Bytes text = readFile(file.toStdString());
        QCOMPARE(std::string(text.begin(), text.begin() + 18), std::string("split,index,label\n"));
        // Applied: the list and the marks are cleared, and a retrain uses the file.
        QVERIFY(panel->fixList()->pending().empty());
        QVERIFY(panel->marked().empty());
        // Every control of the panel, the fix list and the health tab has a name.
        const QStringList unnamed = a11y::unnamedControls(panel.get());
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        QCOMPARE(panel->fixList()->retrainConfig().data.labelOverrides, file.toStdString());
        QSignalSpy retrain(panel.get(), &InspectPanel::retrainRequested);
        Q_EMIT panel->fixList()->retrainRequested(panel->fixList()->retrainConfig());
        QCOMPARE(retrain.count(), 1);

        // One more fix applied later: its file holds the first two too (a retrain uses all of
        // them), and the retrain's name says "fixed-labels" once.
        select(*panel, 2, 1);
        panel->markSelected("wrong label");
        QCOMPARE(panel->fixList()->pending().size(), std::size_t(1));
        expected[report.images[2].image.index] = panel->fixList()->pending()[0].fix.newLabel;
        const QString second = m_dir.path() + "/overrides-2.csv";
        panel->fixList()->apply(LabelFixList::Mode::Overrides, second);
        QVERIFY(applied.wait(10000));
        got.clear();
        for (const auto &o : data::readLabelOverrides(second.toStdString()))
            got[o.index] = o.label;
        QCOMPARE(got, expected);
        const auto again = panel->fixList()->retrainConfig();
        QCOMPARE(again.data.labelOverrides, second.toStdString());
        QVERIFY(QString::fromStdString(again.name).endsWith(QStringLiteral("fixed-labels")));
        QVERIFY(!QString::fromStdString(again.name).contains(QStringLiteral("fixed-labels-fixed")));

        // The quick in-sample view is still there, labelled as such.
        panel->setOutOfSample(false);
        QVERIFY(!panel->outOfSample());
        QCOMPARE(panel->suspectsModel()->rowCount(), 60);

        // The test images, which the model never trained on: their own list, and a mark makes
        // a fix of a test image.
        panel->showScores(InspectPanel::kTestImages);
        QVERIFY(panel->suspectsModel()->rowCount() > 0);
        QCOMPARE(std::size_t(panel->suspectsModel()->rowCount()), panel->report().images.size());
        for (const auto &suspect : panel->report().images)
            QCOMPARE(suspect.image.split, std::string("test"));
        const std::size_t pendingBefore = panel->fixList()->pending().size();
        select(*panel, 0, 0);
        panel->markSelected("wrong label");
        QCOMPARE(panel->fixList()->pending().size(), pendingBefore + 1);
        const runs::LabelFix testFix = panel->fixList()->pending().back().fix;
        QCOMPARE(testFix.split, std::string("test"));
        QCOMPARE(testFix.index, panel->report().images[0].image.index);
        // Another list, which does not hold the test image: its fix stays pending; marking a
        // training image there adds to it; back in the test list both are still pending, once.
        panel->showScores(InspectPanel::kOutOfSample);
        QCOMPARE(panel->fixList()->pending().size(), pendingBefore + 1);
        QVERIFY(panel->fixList()->addedFix("test", testFix.index));
        select(*panel, 5, 5);
        panel->markSelected("wrong label");
        QCOMPARE(panel->fixList()->pending().size(), pendingBefore + 2);
        panel->showScores(InspectPanel::kTestImages);
        QCOMPARE(panel->fixList()->pending().size(), pendingBefore + 2);
        select(*panel, 0, 0); // marked again here: one fix for the image, not two
        panel->markSelected("ambiguous");
        QCOMPARE(panel->fixList()->pending().size(), pendingBefore + 2);
        QVERIFY(!panel->fixList()->addedFix("test", testFix.index));
    }

    void folderFixesMoveAndUndo()
    {
        experiment::ExperimentConfig c;
        c.data.name = "folder";
        c.data.root = path("folder");
        c.data.valSplit = 0.2;
        c.model.name = "simple-cnn";
        c.preprocess.imageSize = 16;
        c.device = "cpu";
        c.threads = 1;
        c.stages.front().epochs = 1;
        c.stages.front().batchSize = 8;
        auto panel = panelFor(c, "runs/folder");
        QVERIFY(panel->ready());
        QVERIFY(panel->fixList()->canApplyOnDisk());
        // Each of the first two relabelled as the next class (by hand, as from Relabel as).
        for (int row = 0; row < 2; ++row) {
            select(*panel, row, row);
            panel->relabelSelected((panel->report().images[std::size_t(row)].image.label + 1) % 3);
        }
        const auto pending = panel->fixList()->pending();
        QCOMPARE(pending.size(), std::size_t(2));
        std::vector<std::pair<fs::path, Bytes>> before;
        for (const auto &p : pending) {
            QVERIFY(fs::exists(p.fix.path));
            QVERIFY(p.fix.newLabel != p.fix.label);
            before.push_back({p.fix.path, readFile(p.fix.path, 1 << 20)});
        }
        // Pending: one line says how many until opened.
        LabelFixList *fixes = panel->fixList();
        QVERIFY(!fixes->expanded());
        QVERIFY(fixes->toggleButton()->text().contains(QStringLiteral("2")));
        panel->showFixes(); // the Labels tab, the list opened
        QVERIFY(fixes->expanded());
        // The detail beside the map names the file and says whose probabilities it shows.
        QListView *view = panel->suspectsView();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(panel->suspectsModel()->index(0)).center());
        const auto *detail = panel->findChild<QLabel *>(QStringLiteral("shownImageText"));
        QVERIFY(detail);
        QVERIFY2(detail->text().contains(QString::fromStdString(
                     fs::path(panel->report().images[0].image.path).filename().string())),
                 qPrintable(detail->text()));
        QVERIFY(detail->text().contains(QStringLiteral("Out of sample")));
        QVERIFY(detail->text().contains(QStringLiteral("Trained model")));
        // Captions give a readable figure, never "0.0 %".
        for (int r = 0; r < panel->suspectsModel()->rowCount(); ++r)
            QVERIFY(!panel->suspectsModel()->item(r).caption.contains(QStringLiteral("0.0 %")));
        // Opened: Apply and Retrain are offered, Undo is not.
        QVERIFY(fixes->applyButton()->isVisible() && fixes->applyButton()->isEnabled());
        QVERIFY(fixes->retrainButton()->isEnabled());
        QVERIFY(!fixes->undoButton()->isEnabled());
        QSignalSpy applied(panel->fixList(), &LabelFixList::applied);
        QSignalSpy failed(panel->fixList(), &LabelFixList::failed);
        panel->fixList()->apply(LabelFixList::Mode::OnDisk);
        QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty() || !failed.isEmpty(), 10000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        const fs::path journal = panel->fixList()->lastJournal().toStdString();
        QVERIFY(fs::exists(journal));
        QCOMPARE(journal.parent_path(), fs::path(path("runs/folder")));
        for (std::size_t k = 0; k < pending.size(); ++k) {
            const fs::path moved =
                fs::path(path("folder")) / pending[k].fix.newLabel / before[k].first.filename();
            QVERIFY(!fs::exists(before[k].first));
            QVERIFY2(fs::exists(moved), moved.c_str());
            QVERIFY(readFile(moved.string(), 1 << 20) == before[k].second);
        }
        // Applied: the two images show their new labels (tinted), cannot be marked again, and
        // Undo and Retrain are offered.
        QCOMPARE(fixes->appliedFixes().size(), std::size_t(2));
        for (int row = 0; row < 2; ++row) {
            const auto &item = panel->suspectsModel()->item(row);
            const QString now = QString::fromStdString(pending[std::size_t(row)].fix.newLabel);
            QVERIFY2(item.caption.startsWith(now) && item.caption.contains(QStringLiteral("was")),
                     qPrintable(item.caption));
            QVERIFY(panel->suspectsModel()
                        ->data(panel->suspectsModel()->index(row), Qt::BackgroundRole)
                        .isValid());
        }
        select(*panel, 0, 1);
        panel->markSelected("ambiguous");
        QVERIFY(panel->fixList()->pending().empty());
        QVERIFY(fixes->undoButton()->isEnabled() && fixes->retrainButton()->isEnabled());
        QVERIFY(fixes->applyButton()->isVisible());
        // The run opened again later: its last apply can still be undone.
        LabelFixList reopened;
        reopened.setRun(QString::fromStdString(path("runs/folder")));
        QCOMPARE(reopened.lastJournal(), panel->fixList()->lastJournal());
        // Undo: both files back, byte for byte.
        QSignalSpy undone(panel->fixList(), &LabelFixList::undone);
        panel->fixList()->undoLastApply();
        QVERIFY(undone.wait(10000));
        for (const auto &[file, bytes] : before) {
            QVERIFY(fs::exists(file));
            QVERIFY(readFile(file.string(), 1 << 20) == bytes);
        }
        QVERIFY(panel->fixList()->lastJournal().isEmpty());
        // Undone: the old labels again, the buttons still there (nothing to retrain with until
        // a fix is marked again, then Retrain applies it first and queues the run).
        QVERIFY(fixes->appliedFixes().empty());
        QVERIFY(panel->suspectsModel()->item(0).caption.contains(QStringLiteral("→")));
        QVERIFY(fixes->applyButton()->isVisible() && fixes->retrainButton()->isVisible());
        QVERIFY(!fixes->undoButton()->isEnabled());
        QVERIFY(!fixes->retrainButton()->isEnabled());
        select(*panel, 0, 0);
        panel->relabelSelected((panel->report().images[0].image.label + 1) % 3);
        QVERIFY(fixes->retrainButton()->isEnabled());
        QSignalSpy retrain(fixes, &LabelFixList::retrainRequested);
        QTimer::singleShot(300, [] { // the apply's question: move the files
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            for (QAbstractButton *b : box->buttons())
                if (b->text() == QStringLiteral("&Move the files"))
                    b->click();
        });
        fixes->retrainButton()->click();
        QVERIFY(retrain.wait(10000));
        QVERIFY(!fixes->lastJournal().isEmpty());
        QVERIFY(fixes->pending().empty());
        QSignalSpy undoneAgain(fixes, &LabelFixList::undone);
        fixes->undoLastApply();
        QVERIFY(undoneAgain.wait(10000));
        for (const auto &[file, bytes] : before)
            QVERIFY(readFile(file.string(), 1 << 20) == bytes);
        // Opened again: both journals undone, nothing to undo.
        LabelFixList later;
        later.setRun(QString::fromStdString(path("runs/folder")));
        QVERIFY(later.lastJournal().isEmpty());
    }

    void healthPanelListsPlantedDuplicates()
    {
        auto d = std::make_shared<data::DatasetSplits>();
        auto noise = [](std::size_t n, std::uint64_t seed) {
            data::ImageStore s;
            s.height = s.width = 28;
            s.channels = 1;
            s.classNames = {"a", "b"};
            s.resize(n);
            std::mt19937_64 rng(seed);
            for (std::size_t i = 0; i < n; ++i) {
                for (std::size_t b = 0; b < s.imageBytes(); ++b)
                    s.image(i)[b] = std::uint8_t(40 + (rng() % 170));
                s.labels[i] = std::int64_t(i % 2);
            }
            return s;
        };
        d->train = noise(200, 1);
        d->test = noise(60, 2);
        for (std::size_t k = 0; k < 5; ++k) // five training images repeated in the test set
            std::copy(d->train.image(k * 3), d->train.image(k * 3) + d->train.imageBytes(),
                      d->test.image(k));
        // and one pair inside the training set
        std::copy(d->train.image(100), d->train.image(100) + d->train.imageBytes(),
                  d->train.image(101));
        DataHealthPanel panel;
        panel.resize(800, 600);
        panel.show();
        panel.setInputs(std::make_shared<runs::RunFeatures>(), d);
        // Shown: the check starts by itself (no button to press), off the GUI thread.
        QSignalSpy checked(&panel, &DataHealthPanel::checked);
        QVERIFY(checked.wait(30000));
        QVERIFY(panel.health());
        QCOMPARE(panel.health()->leakedImages, std::int64_t(5));
        // Leakage is shown first: ten thumbnails, five train/test pairs.
        QCOMPARE(panel.imagesModel()->rowCount(), 10);
        std::set<std::string> splits;
        for (const auto &g : panel.health()->duplicates)
            if (g.leakage)
                for (const auto &i : g.images)
                    splits.insert(i.split);
        QCOMPARE(splits, (std::set<std::string>{"test", "train"}));
        // The duplicates inside the training set: one group of two.
        panel.showSection(DataHealthPanel::Duplicates);
        QCOMPARE(panel.imagesModel()->rowCount(), 2);
        // Thumbnails arrive from the loader's threads.
        // (a transparent blank of the same size holds the place until then)
        auto picture = [&panel] {
            return panel.imagesModel()
                ->data(panel.imagesModel()->index(0), Qt::DecorationRole)
                .value<QPixmap>()
                .toImage();
        };
        QVERIFY(!picture().isNull());
        QTRY_VERIFY_WITH_TIMEOUT(picture().pixelColor(picture().width() / 2, 10).alpha() == 255,
                                 5000);
        // Clicking one names it; "Leave out" makes a left-out fix of each selected one.
        QSignalSpy chosen(&panel, &DataHealthPanel::imageChosen);
        QSignalSpy leaveOut(&panel, &DataHealthPanel::leaveOutRequested);
        QVERIFY(!panel.leaveOutButton()->isEnabled());
        QTest::mouseClick(panel.imagesView()->viewport(), Qt::LeftButton, {},
                          panel.imagesView()->visualRect(panel.imagesModel()->index(1)).center());
        QCOMPARE(chosen.count(), 1);
        const auto group =
            std::find_if(panel.health()->duplicates.begin(), panel.health()->duplicates.end(),
                         [](const runs::DuplicateGroup &g) { return !g.leakage; });
        const runs::HealthImage &second = group->images[1];
        QVERIFY(panel.leaveOutButton()->isEnabled());
        panel.leaveOutButton()->click();
        QCOMPARE(leaveOut.count(), 1);
        const auto fixes = leaveOut.first().first().value<std::vector<runs::LabelFix>>();
        QCOMPARE(fixes.size(), std::size_t(1));
        QVERIFY(fixes[0].action == runs::FixAction::LeaveOut);
        QCOMPARE(fixes[0].split, second.split);
        QCOMPARE(fixes[0].index, second.index);
        QCOMPARE(chosen.first().at(1).toLongLong(), qint64(second.index));
    }
};

QTEST_MAIN(TestLabelFixesPanel)
#include "tst_label_fixes_panel.moc"
