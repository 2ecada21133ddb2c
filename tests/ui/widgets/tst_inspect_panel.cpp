// Inside the network, in the window: the feature-space map (a click opens that image, a lasso
// lists exactly the dots inside), the suspicious labels marked and exported, and the Predict
// panel's feature maps (one per channel of the picked layer).

#include "itemmodels/image_list_model.h"
#include "run/run_experiment.h"
#include "analysis/run_inspect.h"
#include "inference/run_features.h"
#include "session/training_session.h"
#include "support/fixtures.h"
#include "widgets/embedding_view.h"
#include "widgets/feature_map_grid.h"
#include "widgets/inspect_panel.h"
#include "widgets/live_view.h"
#include "widgets/predict_panel.h"

#include <QApplication>
#include <QImage>
#include <QItemSelectionModel>
#include <QListView>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace tl;
using namespace tl::ui;

namespace {

void sendMouse(QWidget *w, QEvent::Type type, const QPointF &at, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent e(type, at, w->mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

} // namespace

class TestInspectPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_run;
    std::shared_ptr<const data::DatasetSplits> m_data;

    // A panel with its map computed.
    std::unique_ptr<InspectPanel> mappedPanel()
    {
        auto panel = std::make_unique<InspectPanel>();
        panel->resize(1300, 800);
        panel->show();
        QSignalSpy ready(panel.get(), &InspectPanel::mapReady);
        QSignalSpy failed(panel.get(), &InspectPanel::failed);
        panel->setRun(m_run, m_data);
        panel->compute();
        if (!ready.wait(60000))
            qWarning("no map: %s",
                     failed.isEmpty() ? "timeout" : qPrintable(failed.first().at(0).toString()));
        return panel;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::writeIdxFolder((m_dir.path() + "/data").toStdString(), 300, 120);
        experiment::ExperimentConfig c;
        c.data.name = "fashion-mnist";
        c.data.root = (m_dir.path() + "/data").toStdString();
        c.data.valSplit = 0.2;
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.stages.front().epochs = 1;
        m_run = m_dir.path() + "/runs/20260101-simple";
        runs::runExperiment(c, m_run.toStdString());
        m_data =
            std::make_shared<const data::DatasetSplits>(runs::loadRunData(m_run.toStdString()));
    }

    void clickingAPointOpensThatImage()
    {
        auto panel = mappedPanel();
        QVERIFY(panel->ready());
        EmbeddingView *map = panel->map();
        QCOMPARE(map->points().size(), std::size_t(120)); // every test image
        // A dot no other dot covers, clicked as a user would.
        int chosen = -1;
        for (std::size_t i = 0; i < map->points().size() && chosen < 0; ++i)
            if (map->pointAt(map->position(i)) == int(i))
                chosen = int(i);
        QVERIFY(chosen >= 0);
        QSignalSpy clicked(map, &EmbeddingView::pointClicked);
        QTest::mouseClick(map, Qt::LeftButton, {}, map->position(std::size_t(chosen)));
        QCOMPARE(clicked.count(), 1);
        const int row = map->points()[std::size_t(chosen)].id;
        QCOMPARE(clicked.first().at(0).toInt(), row);
        QCOMPARE(panel->shownImage(), (std::pair<QString, qint64>{"test", row}));
        // Its nearest training images are listed, nearest first.
        QCOMPARE(panel->neighboursModel()->rowCount(), 12);
        // Clicking empty space opens nothing new.
        QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(clicked.count(), 1);
    }

    void lassoFillsTheGalleryWithExactlyThosePoints()
    {
        auto panel = mappedPanel();
        EmbeddingView *map = panel->map();
        // A lasso drawn with the mouse: a diamond around one dot and whatever lies near it.
        const QPointF c = map->position(map->points().size() / 2);
        const double rx = 45, ry = 45;
        const QPolygonF lasso(
            {c + QPointF(-rx, 0), c + QPointF(0, -ry), c + QPointF(rx, 0), c + QPointF(0, ry)});
        sendMouse(map, QEvent::MouseButtonPress, lasso[0], Qt::LeftButton, Qt::LeftButton);
        for (int k = 1; k <= 4; ++k)
            for (int s = 1; s <= 10; ++s) {
                const QPointF a = lasso[k - 1], b = lasso[k % 4];
                sendMouse(map, QEvent::MouseMove, a + (b - a) * (s / 10.0), Qt::NoButton,
                          Qt::LeftButton);
            }
        QSignalSpy selected(map, &EmbeddingView::selectionChanged);
        sendMouse(map, QEvent::MouseButtonRelease, lasso[0], Qt::LeftButton, Qt::NoButton);
        QCOMPARE(selected.count(), 1);
        // Exactly the dots inside the drawn polygon, and the gallery shows them.
        QPolygonF drawn;
        drawn << lasso[0];
        for (int k = 1; k <= 4; ++k)
            for (int s = 1; s <= 10; ++s) {
                const QPointF a = lasso[k - 1], b = lasso[k % 4];
                drawn << a + (b - a) * (s / 10.0);
            }
        drawn << lasso[0];
        std::set<int> inside;
        for (std::size_t i = 0; i < map->points().size(); ++i)
            if (drawn.containsPoint(QPointF(map->position(i)), Qt::OddEvenFill))
                inside.insert(map->points()[i].id);
        QVERIFY(!inside.empty());
        QVERIFY(inside.size() < map->points().size());
        std::set<int> listed;
        for (const auto &item : panel->selectionModel()->items())
            listed.insert(item.id);
        QCOMPARE(listed, inside);
        QCOMPARE(std::size_t(panel->selectionModel()->rowCount()), inside.size());
        // Clicking a listed image shows it.
        const int first = panel->selectionModel()->item(0).id;
        panel->selectionView()->clicked(panel->selectionModel()->index(0));
        QCOMPARE(panel->shownImage(), (std::pair<QString, qint64>{"test", first}));
    }

    void suspiciousLabelsAreMarkedAndExported()
    {
        auto panel = mappedPanel();
        ImageListModel *suspects = panel->suspectsModel();
        // Out of sample (K-fold) by default: every training and validation image.
        QCOMPARE(suspects->rowCount(), 300);
        panel->setOutOfSample(false); // the quick view: the validation images, all ranked
        QCOMPARE(suspects->rowCount(), 60);
        QListView *view = panel->suspectsView();
        view->selectionModel()->select(suspects->index(0), QItemSelectionModel::Select);
        view->selectionModel()->select(suspects->index(2), QItemSelectionModel::Select);
        panel->markSelected("wrong label");
        const auto marked = panel->marked();
        QCOMPARE(marked.size(), std::size_t(2));
        QCOMPARE(suspects->data(suspects->index(0), ImageListModel::MarkRole).toString(),
                 QString("wrong label"));
        const QString file = m_dir.path() + "/marked.csv";
        panel->exportMarked(file);
        std::vector<std::int64_t> expected{marked[0].suspect.image.index,
                                           marked[1].suspect.image.index};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(runs::readIndexList(file.toStdString()), expected);
        QCOMPARE(marked[0].suspect.image.split, std::string("val"));
    }

    void liveViewFollowsTraining()
    {
        // Switched on during a run: after each epoch, the first convolution's maps of one test
        // image and its filters, as trained so far.
        experiment::ExperimentConfig c;
        c.data = m_data->options;
        c.model.name = "simple-cnn";
        c.device = "cpu";
        c.seed = m_data->options.seed;
        c.stages.front().epochs = 2;
        TrainingSession session;
        QSignalSpy views(&session, &TrainingSession::networkView);
        QSignalSpy finished(&session, &TrainingSession::finished);
        session.setLiveView(true);
        session.start(c, m_data, QString());
        QVERIFY(finished.wait(60000));
        QCOMPARE(views.count(), 2);
        const auto v1 = views.at(0).at(0).value<train::NetworkView>();
        const auto v2 = views.at(1).at(0).value<train::NetworkView>();
        QCOMPARE(v1.layer, std::string("features.conv1"));
        QCOMPARE(v1.channels, 32);
        QCOMPARE(v1.maps.size(), std::size_t(32 * v1.height * v1.width));
        QCOMPARE(v1.filterIn, 1);
        QCOMPARE(v1.filters.size(), std::size_t(32 * 1 * 3 * 3));
        QCOMPARE(v1.globalEpoch, 1);
        QCOMPARE(v2.globalEpoch, 2);
        QVERIFY(v1.filters != v2.filters); // the filters learned in between
        QCOMPARE(v1.image.size(), std::size_t(28 * 28));
        // Off: nothing is sent.
        QSignalSpy none(&session, &TrainingSession::networkView);
        QSignalSpy again(&session, &TrainingSession::finished);
        session.setLiveView(false);
        session.start(c, m_data, QString());
        QVERIFY(again.wait(60000));
        QCOMPARE(none.count(), 0);
        // The panel's view shows it.
        LiveView view;
        view.showView(v2);
        QCOMPARE(view.epochShown(), 2);
        QCOMPARE(view.grid()->channelCount(), 32);
        QCOMPARE(view.grid()->filtersShown(), 32);
    }

    void featureMapsHaveTheLayersChannelCount()
    {
        PredictPanel panel(m_dir.path() + "/runs");
        panel.resize(1200, 700);
        QSignalSpy ready(&panel, &PredictPanel::modelReady);
        panel.show();
        QVERIFY(ready.wait(30000));
        QImage img(28, 28, QImage::Format_Grayscale8);
        img.fill(0);
        for (int y = 6; y < 22; ++y)
            for (int x = 8; x < 20; ++x)
                img.setPixel(x, y, 255);
        QVERIFY(img.save(m_dir.path() + "/shape.png"));
        QSignalSpy shown(&panel, &PredictPanel::featureMapsShown);
        panel.addImages({m_dir.path() + "/shape.png"});
        panel.setCamLayer("features.conv1");
        panel.showFeatureMaps();
        QVERIFY(shown.wait(30000));
        FeatureMapGrid *grid = panel.featureMaps();
        QTRY_COMPARE_WITH_TIMEOUT(grid->channelCount(), 32, 30000); // the first convolution
        QCOMPARE(grid->mapsShown(), 32);
        QCOMPARE(grid->filtersShown(), 32); // it sees the image: its filters are drawn too
        panel.setCamLayer("features.pool2");
        QTRY_COMPARE_WITH_TIMEOUT(grid->channelCount(), 64, 30000);
        QCOMPARE(grid->filtersShown(), 0);
        // Clicking a map enlarges that channel; a second click goes back.
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(0).center());
        QVERIFY(grid->enlargedChannel() >= 0);
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(0).center());
        QCOMPARE(grid->enlargedChannel(), -1);
        // A layer of the head has no channel maps: said, not drawn wrong.
        QSignalSpy failed(&panel, &PredictPanel::failed);
        panel.setCamLayer("classifier.channels_last");
        auto saidHead = [&] {
            for (const auto &f : failed)
                if (f.at(0).toString().contains("classifier head"))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(saidHead(), 30000);
    }
};

QTEST_MAIN(TestInspectPanel)
#include "tst_inspect_panel.moc"
