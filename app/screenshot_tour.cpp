#include "screenshot_tour.h"

#include "itemmodels/gallery_model.h"
#include "itemmodels/layer_tree_model.h"
#include "orchestration/lesson.h"
#include "orchestration/sweep.h"
#include "session/run_queue.h"
#include "session/training_session.h"
#include "widgets/compare_view.h"
#include "widgets/data_panel.h"
#include "widgets/draw_pad.h"
#include "widgets/embedding_view.h"
#include "widgets/inspect_panel.h"
#include "widgets/lesson_dialog.h"
#include "widgets/main_window.h"
#include "widgets/model_panel.h"
#include "widgets/predict_panel.h"
#include "widgets/queue_panel.h"
#include "widgets/results_panel.h"
#include "widgets/runs_panel.h"
#include "widgets/training_panel.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace tl::ui {

namespace {

void shoot(MainWindow *w, const QString &dir, const QString &name)
{
    QApplication::processEvents();
    const QString path = dir + "/" + name + ".png";
    if (!w->grab().save(path))
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
    std::fflush(stdout);
}

// Predict's drawing pad: a boot drawn in three strokes, and what the model says about it.
void drawAShoe(MainWindow *w, const QString &dir)
{
    PredictPanel *predict = w->predictPanel();
    predict->setDrawing(true);
    auto stroke = [predict](std::vector<std::pair<double, double>> points) {
        DrawPad *pad = predict->drawPad();
        const double u = std::min(pad->width(), pad->height()) / 10.0;
        const QPointF o((pad->width() - 10 * u) / 2, (pad->height() - 10 * u) / 2);
        QList<QPointF> line;
        for (const auto &[x, y] : points)
            line << o + QPointF(x * u, y * u);
        pad->stroke(line);
    };
    // A boot: the shaft and the foot, filled in, then the collar; the model answers each stroke.
    QTimer::singleShot(300, w, [stroke] {
        stroke({{3, 1.5}, {3, 6.5}, {8.5, 6.5}, {8.5, 5.5}, {5, 4.5}, {4.5, 1.5}, {3, 1.5}});
    });
    QTimer::singleShot(900, w, [stroke] { stroke({{3.4, 5}, {8, 6}, {4, 3}, {4, 5.5}}); });
    QTimer::singleShot(1500, w, [stroke] { stroke({{3.5, 2.5}, {4.3, 2.5}}); });
    QTimer::singleShot(3500, w, [w, dir] {
        shoot(w, dir, "predict-draw");
        // The transfer lesson's result, when a finished lesson is given (it takes minutes to
        // run: packaging/screenshots.sh runs it first with the CLI).
        const QString lesson = qEnvironmentVariable("TL_LESSON_DIR");
        if (!lesson.isEmpty()) {
            try {
                LessonDialog *d = w->openTransferLesson();
                d->resize(1000, 700);
                d->showResult(runs::readLesson(lesson.toStdString()));
                QApplication::processEvents();
                const QString path = dir + "/lesson.png";
                if (d->grab().save(path))
                    std::printf("%s\n", qPrintable(path));
            } catch (const std::exception &e) {
                std::fprintf(stderr, "lesson: %s\n", e.what());
            }
        }
        // The Queue tab with a finished sweep (packaging/screenshots.sh runs it first with the
        // CLI): queued again, its points show as finished, and its results below.
        const QString sweepFile = qEnvironmentVariable("TL_SWEEP_FILE");
        const QString sweepDir = qEnvironmentVariable("TL_SWEEP_DIR");
        if (!sweepFile.isEmpty() && !sweepDir.isEmpty()) {
            try {
                w->queue()->addSweep(runs::planSweepFile(sweepFile.toStdString()), sweepDir);
                w->showPanel(w->queuePanel());
                w->queuePanel()->showSweep(sweepDir);
                QApplication::processEvents();
                shoot(w, dir, "queue");
                w->queuePanel()->showChart(2);
                shoot(w, dir, "queue-heatmap");
                // The same sweep again into a fresh folder: the queue while it trains, and its
                // results filling in.
                while (w->queue()->count() > 0)
                    w->queue()->remove(0);
                w->queue()->addSweep(runs::planSweepFile(sweepFile.toStdString()),
                                     sweepDir + "-live");
                w->queuePanel()->showSweep(sweepDir + "-live");
                QTimer::singleShot(12000, w, [w, dir] {
                    shoot(w, dir, "queue-running");
                    w->queue()->stopAll(20000);
                    QTimer::singleShot(200, qApp, &QApplication::quit);
                });
                return;
            } catch (const std::exception &e) {
                std::fprintf(stderr, "sweep: %s\n", e.what());
            }
        }
        QTimer::singleShot(200, qApp, &QApplication::quit);
    });
}

// Clicks the first dot of the map whose image is `trueClass` taken for `predicted`.
void showAMistakeOnTheMap(InspectPanel *inspect, int trueClass, int predicted)
{
    EmbeddingView *map = inspect->map();
    const auto &points = map->points();
    for (std::size_t i = 0; i < points.size(); ++i)
        if (points[i].label == trueClass && points[i].predicted == predicted) {
            inspect->showImage(QStringLiteral("test"), points[i].id);
            map->highlight(points[i].id);
            return;
        }
}

// The second run finished: Grad-CAM on the most confused cell's worst image in Predict, the
// first convolution's feature maps and filters, then the drawing pad.
void showPredictions(MainWindow *w, const QString &dir)
{
    shoot(w, dir, "compare-spaces");
    // Grad-CAM on the most confused cell's worst image, in Predict.
    ResultsPanel *results = w->resultsPanel();
    results->showCell(6, 0);
    PredictPanel *predict = w->predictPanel();
    QObject::connect(predict, &PredictPanel::predicted, w, [w, dir] {
        static bool once = false;
        if (once)
            return;
        once = true;
        QTimer::singleShot(300, w, [w, dir] {
            shoot(w, dir, "predict");
            // The first convolution's feature maps and filters.
            PredictPanel *predict = w->predictPanel();
            QObject::connect(predict, &PredictPanel::featureMapsShown, w, [w, dir, predict] {
                static bool shown = false;
                if (shown)
                    return;
                shown = true;
                QTimer::singleShot(300, w, [w, dir, predict] {
                    shoot(w, dir, "feature-maps");
                    predict->findChild<QTabWidget *>()->setCurrentIndex(0);
                    drawAShoe(w, dir);
                });
            });
            // The model's first layer with maps: its first convolution.
            const QStringList layers = predict->mapLayers();
            if (layers.isEmpty()) {
                drawAShoe(w, dir);
                return;
            }
            predict->setCamLayer(layers.front());
            predict->showFeatureMaps();
        });
    });
    if (results->galleryModel()->rowCount() > 0)
        results->explain(0);
}

// The first run finished: its results, the test set's map with a mistake on it, the suspicious
// labels; then a second backbone on the same data.
void inspectFirstRun(MainWindow *w, const QString &dir)
{
    w->tabs()->setCurrentIndex(2);
    shoot(w, dir, "training-done");
    w->tabs()->setCurrentIndex(3);
    // Click the most confused cell: Shirt (6) predicted as T-shirt/top (0).
    QTableView *view = w->resultsPanel()->confusionView();
    view->setCurrentIndex(view->model()->index(6, 0));
    w->resultsPanel()->showCell(6, 0);
    shoot(w, dir, "results");
    // Inside the network: the test set's map, a Shirt called a T-shirt and its
    // nearest training images, then the suspicious labels.
    InspectPanel *inspect = w->resultsPanel()->inspectPanel();
    QObject::connect(inspect, &InspectPanel::mapReady, w, [w, dir, inspect] {
        // PCA first, then the t-SNE map the screenshot shows.
        static int maps = 0;
        if (++maps == 1) {
            inspect->computeTsne();
            return;
        }
        if (maps > 2)
            return;
        showAMistakeOnTheMap(inspect, 6, 0);
        shoot(w, dir, "feature-space");
        inspect->findChild<QTabWidget *>()->setCurrentIndex(2);
        shoot(w, dir, "suspicious-labels");
        w->resultsPanel()->findChild<QTabWidget *>()->setCurrentIndex(0);
        // A second backbone on the same data, to compare with.
        models::ModelSpec spec = w->experiment().model;
        spec.name = "vgg-style-cnn";
        spec.batchNorm = true;
        spec.frozen.clear(); // the small CNN's frozen block does not exist here
        spec.freeze = "none";
        w->modelPanel()->setSpec(spec);
        w->startTraining();
    });
    w->resultsPanel()->showFeatureSpace();
}

// Both runs finished: the Runs tab compares them (curves, difference, flipped images, both
// feature spaces), then Predict.
void compareRuns(MainWindow *w, const QString &dir)
{
    RunsPanel *runs = w->runsPanel();
    w->showPanel(runs);
    QObject::connect(runs, &RunsPanel::comparisonLoaded, w, [w, dir, runs] {
        QTimer::singleShot(300, w, [w, dir, runs] {
            runs->compareView()->showTab(0);
            shoot(w, dir, "runs");
            runs->compareView()->showTab(1);
            shoot(w, dir, "compare-curves");
            runs->compareView()->showTab(2);
            shoot(w, dir, "compare-difference");
            runs->compareView()->showTab(3);
            shoot(w, dir, "compare-flipped");
            // Both models' feature spaces on the same test images.
            QObject::connect(runs->compareView(), &CompareView::spacesShown, w, [w, dir] {
                static bool spaces = false;
                if (spaces)
                    return;
                spaces = true;
                QTimer::singleShot(300, w, [w, dir] { showPredictions(w, dir); });
            });
            runs->compareView()->showTab(4);
        });
    });
    runs->view()->selectAll();
    runs->compareSelected();
}

} // namespace

void startScreenshotTour(MainWindow *w, const QString &dir)
{
    QDir().mkpath(dir);
    // A quick, real run: 20 % of Fashion-MNIST, 2 epochs, 10 % held out for validation.
    experiment::ExperimentConfig c = w->experiment();
    c.data = data::DatasetOptions{};
    c.data.trainFraction = 0.2;
    c.data.valSplit = 0.1;
    c.augment = data::AugmentOptions::parse("hflip,rotation=10");
    c.model = models::ModelSpec{};
    c.model.numClasses = c.model.inChannels = c.model.inputSize = 0;
    c.stages = {experiment::StageConfig{}};
    c.stages.front().epochs = 2;
    w->setExperiment(c);
    w->dataPanel()->reload();

    QObject::connect(w->dataPanel(), &DataPanel::datasetLoaded, w, [w, dir] {
        static bool once = false;
        if (once)
            return;
        once = true;
        QTimer::singleShot(500, w, [w, dir] {
            w->tabs()->setCurrentIndex(0);
            shoot(w, dir, "data");
            w->tabs()->setCurrentIndex(1);
            auto *tree = w->modelPanel()->layerModel();
            tree->freezeUpTo(tree->index(0, 0)); // freeze the convolutional block
            shoot(w, dir, "model");
            w->trainingPanel()->liveViewCheck()->setChecked(true); // the filters as they learn
            w->startTraining();
            // Mid-run, then the results.
            QTimer::singleShot(9000, w, [w, dir] { shoot(w, dir, "training"); });
        });
    });
    QObject::connect(w->session(), &TrainingSession::finished, w, [w, dir] {
        static int finished = 0;
        if (++finished == 1) {
            QTimer::singleShot(300, w, [w, dir] { inspectFirstRun(w, dir); });
            return;
        }
        QTimer::singleShot(300, w, [w, dir] { compareRuns(w, dir); });
    });
    QObject::connect(w->session(), &TrainingSession::failed, qApp, [](const QString &e) {
        std::fprintf(stderr, "training failed: %s\n", qPrintable(e));
        QApplication::exit(1);
    });
}

} // namespace tl::ui
