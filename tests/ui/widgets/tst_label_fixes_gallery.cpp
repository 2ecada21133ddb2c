// Label fixes where users meet wrong labels outside the suspicious-labels list (issue 28): the
// confusion-matrix gallery of a small finished run and the images selected on the feature-space
// map. One image relabelled as the predicted class and one left out from the gallery, one more
// from the map's selection: the run's one pending list shows them, Take back removes one, applied
// as a label-override file they are "test,INDEX,LABEL" rows, and the retrain's data has the new
// test labels and lacks the image left out.

#include "data/label_overrides.h"
#include "inference/run_features.h"
#include "itemmodels/gallery_model.h"
#include "itemmodels/image_list_model.h"
#include "run/run_experiment.h"
#include "support/fixtures.h"
#include "widgets/embedding_view.h"
#include "widgets/inspect_panel.h"
#include "widgets/label_fix_bar.h"
#include "widgets/label_fix_list.h"
#include "widgets/results_panel.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QItemSelectionModel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWindow>
#include <QtTest>

#include <map>

using namespace tl;
using namespace tl::ui;

namespace {

QAction *actionNamed(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions()) {
        if (QString(a->text()).remove(QLatin1Char('&')) == text)
            return a;
        if (a->menu())
            if (QAction *inner = actionNamed(a->menu(), text))
                return inner;
    }
    return nullptr;
}

void selectOnly(QListView *view, int row)
{
    view->selectionModel()->clearSelection();
    view->setCurrentIndex(view->model()->index(row, 0));
    view->selectionModel()->select(view->model()->index(row, 0),
                                   QItemSelectionModel::ClearAndSelect);
}

} // namespace

class TestLabelFixesGallery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void confusionGalleryAndMapFixesReachTheRetrainedData()
    {
        QVERIFY(m_dir.isValid());
        const std::string root = (m_dir.path() + "/data").toStdString();
        test::writeIdxFolder(root, 200, 80);
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = root;
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.stages.front().epochs = 1;
        const std::string run = (m_dir.path() + "/runs/small").toStdString();
        auto result = std::make_shared<const runs::RunResult>(runs::runExperiment(c, run));
        auto data = std::make_shared<const data::DatasetSplits>(runs::loadRunData(run));

        ResultsPanel panel;
        panel.resize(1280, 720);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setResult(result, data);
        // The off-diagonal cell with the most images (a one-epoch model makes mistakes).
        const auto &e = result->test;
        int t = -1, p = -1;
        for (int i = 0; i < e.numClasses; ++i)
            for (int j = 0; j < e.numClasses; ++j)
                if (i != j && e.at(i, j) >= 2 && (t < 0 || e.at(i, j) > e.at(t, p)))
                    t = i, p = j;
        QVERIFY2(t >= 0, "no cell of two mistakes");
        panel.showCell(t, p);
        QListView *gallery = panel.galleryView();
        GalleryModel *model = panel.galleryModel();
        LabelFixBar *bar = panel.fixBar();
        LabelFixList *list = panel.inspectPanel()->fixList();
        const QString predicted = QString::fromStdString(result->classNames[std::size_t(p)]);
        const QString truth = QString::fromStdString(result->classNames[std::size_t(t)]);
        // "Relabel as <predicted>" comes first, in the bar and in the menu.
        QVERIFY(bar->relabelButton()->isVisible());
        QVERIFY(bar->relabelButton()->text().remove(QLatin1Char('&')).endsWith(predicted));
        QCOMPARE(bar->menu()->actions().first()->text(), tr("Relabel as %1").arg(predicted));
        QVERIFY(!bar->pendingButton()->isVisible());

        // Image 0 relabelled as the predicted class, image 1 left out.
        const std::int64_t first = model->prediction(0).index, second = model->prediction(1).index;
        selectOnly(gallery, 0);
        QTest::mouseClick(bar->relabelButton(), Qt::LeftButton);
        selectOnly(gallery, 1);
        actionNamed(bar->menu(), QStringLiteral("Leave out"))->trigger();
        QCOMPARE(list->count(), 2);
        auto pending = list->pending();
        QCOMPARE(pending[0].fix.split, std::string("test"));
        QCOMPARE(pending[0].fix.index, first);
        QCOMPARE(pending[0].fix.label, truth.toStdString());
        QCOMPARE(pending[0].fix.newLabel, predicted.toStdString());
        QVERIFY(pending[1].fix.index == second &&
                pending[1].fix.action == runs::FixAction::LeaveOut);
        QVERIFY(pending[0].text.contains(predicted));
        // The count beside the gallery; both images tinted, their fix in the tooltip.
        QVERIFY(bar->pendingButton()->isVisible());
        QVERIFY(bar->pendingButton()->text().contains(QLatin1Char('2')));
        QVERIFY(model->data(model->index(0), Qt::BackgroundRole).isValid());
        QVERIFY(model->data(model->index(1), Qt::ToolTipRole)
                    .toString()
                    .contains(LabelFixList::describe(pending[1].fix)));

        // The context menu (a right click, or the keyboard's menu key, which the platform
        // turns into this event) is the same menu.
        QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint(4, 4),
                                  gallery->viewport()->mapToGlobal(QPoint(4, 4)));
        QApplication::sendEvent(gallery->viewport(), &menuKey);
        QTRY_VERIFY(bar->menu()->isVisible());
        bar->menu()->close();

        // Any fix can be taken back: image 1's goes, and comes back.
        selectOnly(gallery, 1);
        actionNamed(bar->menu(), QStringLiteral("Take the fix back"))->trigger();
        QCOMPARE(list->count(), 1);
        QVERIFY(!model->data(model->index(1), Qt::BackgroundRole).isValid());
        actionNamed(bar->menu(), QStringLiteral("Leave out"))->trigger();
        QCOMPARE(list->count(), 2);

        // The map's selection: the same actions, into the same list. An image not yet fixed
        // relabelled as another class.
        InspectPanel *inspect = panel.inspectPanel();
        QSignalSpy mapped(inspect, &InspectPanel::mapReady);
        panel.showFeatureSpace();
        QVERIFY(mapped.wait(120000));
        EmbeddingView *map = inspect->map();
        map->selectInside(QPolygonF(QRectF(map->rect())));
        QCOMPARE(inspect->selectionModel()->rowCount(), int(map->points().size()));
        QCOMPARE(inspect->selectionView()->selectionModel()->selectedIndexes().size(),
                 inspect->selectionModel()->rowCount()); // the whole selection chosen
        // The gallery's ids are rows of the features' test split (read back from their cache).
        const runs::RunFeatures features = runs::runFeatures(run, *data);
        int row = 0;
        std::int64_t third = -1;
        for (; row < inspect->selectionModel()->rowCount(); ++row) {
            third = features.test.sourceIndex[std::size_t(inspect->selectionModel()->item(row).id)];
            if (third != first && third != second)
                break;
        }
        selectOnly(inspect->selectionView(), row);
        inspect->fixMapSelection(runs::FixAction::Relabel, (t + 1) % e.numClasses == p
                                                               ? (t + 2) % e.numClasses
                                                               : (t + 1) % e.numClasses);
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->pending()[2].fix.split, std::string("test"));
        QCOMPARE(list->pending()[2].fix.index, third);
        QVERIFY(inspect->mapFixBar()->pendingButton()->text().contains(QLatin1Char('3')));
        const std::string thirdLabel = list->pending()[2].fix.newLabel;

        // Applied as a label-override file: one row per fix, split test.
        const QString file = m_dir.path() + "/overrides.csv";
        QSignalSpy applied(list, &LabelFixList::applied);
        list->apply(LabelFixList::Mode::Overrides, file);
        QVERIFY(applied.wait(10000));
        QCOMPARE(list->count(), 0);
        QVERIFY(!bar->pendingButton()->isVisible());
        std::map<std::int64_t, std::string> rows;
        for (const auto &o : data::readLabelOverrides(file.toStdString())) {
            QCOMPARE(o.split, std::string("test"));
            rows[o.index] = o.exclude ? "exclude" : o.label;
        }
        QCOMPARE(rows,
                 (std::map<std::int64_t, std::string>{
                     {first, predicted.toStdString()}, {second, "exclude"}, {third, thirdLabel}}));

        // The retrain's data: the test labels changed, the image left out is gone.
        const experiment::ExperimentConfig again = list->retrainConfig();
        QCOMPARE(again.data.labelOverrides, file.toStdString());
        const data::DatasetSplits fixed = data::loadDataset(again.data);
        QCOMPARE(fixed.test.size(), data->test.size() - 1);
        QCOMPARE(fixed.train.size(), data->train.size());
        std::map<std::int64_t, std::string> label;
        for (std::size_t r = 0; r < fixed.test.size(); ++r)
            label[fixed.test.sourceIndex[r]] =
                fixed.test.classNames[std::size_t(fixed.test.labels[r])];
        QCOMPARE(label.count(second), std::size_t(0));
        QCOMPARE(label[first], predicted.toStdString());
        QCOMPARE(label[third], thirdLabel);
    }
};

QTEST_MAIN(TestLabelFixesGallery)
#include "tst_label_fixes_gallery.moc"
