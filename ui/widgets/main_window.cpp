#include "widgets/main_window.h"

#include "platform/cpu_cores.h"
#include "base/error.h"
#include "experiment/freeze.h"
#include "io/files.h"
#include "orchestration/recipes.h"
#include "run/run_experiment.h"
#include "rundir/run_reader.h"
#include "orchestration/sweep.h"
#include "orchestration/sweep_results.h"
#include "session/run_queue.h"
#include "session/training_session.h"
#include "weights/weight_catalog.h"
#include "widgets/background.h"
#include "widgets/calibration_panel.h"
#include "widgets/compare_view.h"
#include "widgets/data_panel.h"
#include "widgets/inspect_panel.h"
#include "widgets/lesson_dialog.h"
#include "widgets/model_panel.h"
#include "widgets/onnx_export_dialog.h"
#include "widgets/predict_panel.h"
#include "widgets/queue_panel.h"
#include "widgets/results_panel.h"
#include "widgets/runs_panel.h"
#include "widgets/sweep_dialog.h"
#include "widgets/training_panel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>

#include <filesystem>
#include <utility>

namespace tl::ui {

namespace {

// What the window starts with: the CLI's defaults plus a 10 % validation split, so the first
// demo draws a validation curve next to the training one.
experiment::ExperimentConfig defaultExperiment()
{
    experiment::ExperimentConfig c;
    c.data.valSplit = 0.1;
    return c;
}

QString deviceText()
{
    // The worker picks CUDA when LibTorch sees it; the CPU uses every core.
    return QObject::tr("CPU, up to %1 threads (CUDA when available)").arg(usableCores());
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_session(new TrainingSession(this))
{
    setWindowTitle(tr("TransferLab"));
    m_baseFont = QApplication::font();
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_data = new DataPanel;
    m_model = new ModelPanel;
    m_model->setRunsFolder(runsFolder());
    m_training = new TrainingPanel;
    m_results = new ResultsPanel;
    // The two form pages scroll vertically when the screen is short (a 1280x720 projector in
    // presentation mode); the others fit it as they are (their charts, matrix and galleries
    // shrink, their forms and lists scroll inside). No page needs horizontal scrolling.
    auto page = [](QWidget *w) {
        auto *area = new QScrollArea;
        area->setWidget(w);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        return area;
    };
    m_tabs->addTab(page(m_data), tr("1 · Data"));
    m_tabs->addTab(page(m_model), tr("2 · Model"));
    m_tabs->addTab(m_training, tr("3 · Training"));
    m_tabs->addTab(m_results, tr("4 · Results"));
    m_runs = new RunsPanel(runsFolder());
    m_tabs->addTab(m_runs, tr("Runs"));
    m_predict = new PredictPanel(runsFolder());
    m_tabs->addTab(m_predict, tr("Predict"));
    m_queue = new RunQueue(this);
    m_queuePanel = new QueuePanel(m_queue, runsFolder());
    m_tabs->addTab(m_queuePanel, tr("Queue"));
    connectQueue();
    connect(m_results, &ResultsPanel::explainRequested, this,
            [this](const QString &dir, const QImage &image, const QString &title) {
                m_predict->explainImage(dir, image, title);
                showPanel(m_predict);
            });
    connect(m_results, &ResultsPanel::reportWritten, this, [this](const QString &f) {
        statusBar()->showMessage(tr("Report written: %1").arg(f), 8000);
    });
    connect(m_results, &ResultsPanel::reportFailed, this,
            [this](const QString &e) { showError(tr("Cannot write the report"), e); });
    connect(m_training, &TrainingPanel::liveViewToggled, m_session, &TrainingSession::setLiveView);
    connect(m_session, &TrainingSession::networkView, m_training, &TrainingPanel::onNetworkView);
    connect(m_results->inspectPanel(), &InspectPanel::failed, this,
            [this](const QString &e) { statusBar()->showMessage(e, 10000); });
    connect(m_results->inspectPanel(), &InspectPanel::excludeRequested, this,
            [this](const std::vector<std::int64_t> &indices) {
                std::vector<std::int64_t> all = m_data->excluded();
                all.insert(all.end(), indices.begin(), indices.end());
                m_data->setExcluded(all);
                statusBar()->showMessage(
                    tr("The next run leaves out %n training image(s) (Data tab)", "",
                       int(m_data->excluded().size())),
                    8000);
            });
    connect(m_runs, &RunsPanel::reportWritten, this, [this](const QString &f) {
        statusBar()->showMessage(tr("Report written: %1").arg(f), 8000);
    });
    connect(m_predict, &PredictPanel::failed, this,
            [this](const QString &e) { statusBar()->showMessage(e, 8000); });
    connect(m_results->calibrationPanel(), &CalibrationPanel::calibrated, m_predict,
            &PredictPanel::runCalibrated);
    connect(m_runs, &RunsPanel::runOpened, this,
            [this](std::shared_ptr<const runs::RunResult> r,
                   std::shared_ptr<const data::DatasetSplits> d) {
                m_results->setResult(r, d);
                m_training->showHistory(r->epochs);
                showPanel(m_results);
                statusBar()->showMessage(
                    tr("Opened %1")
                        .arg(QString::fromStdString(
                            std::filesystem::path(r->runDir).filename().string())),
                    5000);
            });
    connect(m_runs, &RunsPanel::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_runs, &RunsPanel::failed, this,
            [this](const QString &e) { showError(tr("Cannot open the run"), e); });
    setCentralWidget(m_tabs);
    m_deviceLabel = new QLabel(deviceText());
    statusBar()->addPermanentWidget(m_deviceLabel);
    m_training->setDeviceText(deviceText());
    buildMenus();

    connect(m_data, &DataPanel::datasetLoaded, this,
            [this](std::shared_ptr<const data::DatasetSplits> d) {
                m_model->setDataShape(d->train.channels, d->train.height, d->train.numClasses());
                m_predict->setTestData(d);
                m_training->setTrainingImages(qint64(d->train.size()));
                m_training->clearRefusal();
                statusBar()->showMessage(
                    tr("%1 loaded").arg(QString::fromStdString(data::datasetInfo(d->name).title)),
                    4000);
                if (std::exchange(m_startWhenLoaded, false))
                    startTraining();
            });
    connect(m_data, &DataPanel::loadFailed, this, [this](const QString &error) {
        if (std::exchange(m_startWhenLoaded, false))
            m_training->showRefusal(tr("The data could not be loaded: %1").arg(error));
    });
    connect(m_training, &TrainingPanel::seedChanged, m_data, &DataPanel::setSeed);
    connect(m_model, &ModelPanel::specChanged, this, &MainWindow::syncPreprocess);
    connect(m_model, &ModelPanel::specChanged, m_training, &TrainingPanel::clearRefusal);

    connect(m_training, &TrainingPanel::startRequested, this, &MainWindow::startTraining);
    connect(m_training, &TrainingPanel::pauseRequested, m_session, &TrainingSession::pause);
    connect(m_training, &TrainingPanel::resumeRequested, m_session, &TrainingSession::resume);
    connect(m_training, &TrainingPanel::stopRequested, m_session, &TrainingSession::stop);
    connect(m_session, &TrainingSession::runningChanged, m_training, &TrainingPanel::setRunning);
    connect(m_session, &TrainingSession::pausedChanged, m_training, &TrainingPanel::setPaused);
    connect(m_session, &TrainingSession::stageStarted, m_training, &TrainingPanel::onStageStarted);
    connect(m_session, &TrainingSession::batchProgress, m_training, &TrainingPanel::onBatch);
    connect(m_session, &TrainingSession::epochFinished, m_training, &TrainingPanel::onEpoch);
    connect(m_session, &TrainingSession::message, m_training, &TrainingPanel::onMessage);
    connect(m_session, &TrainingSession::warning, m_training, &TrainingPanel::onWarning);
    connect(m_training, &TrainingPanel::freezeEdited, this, &MainWindow::checkFreeze);
    connect(m_session, &TrainingSession::phaseProgress, m_training, &TrainingPanel::onPhase);
    connect(
        m_session, &TrainingSession::finished, this,
        [this](std::shared_ptr<const runs::RunResult> r) {
            if (r->discarded) {
                m_training->onDiscarded();
                return;
            }
            if (r->interrupted) {
                m_training->onInterrupted(int(r->epochs.size()), QString::fromStdString(r->runDir));
                m_runs->refresh();
                return;
            }
            m_training->onFinished(r->test.accuracy, r->test.loss,
                                   r->stopped ? int(r->epochs.size()) : 0);
            m_results->setResult(r, m_data->dataset());
            m_runs->refresh();
            m_predict->refreshRuns();
            statusBar()->showMessage(tr("Run saved: %1")
                                         .arg(QString::fromStdString(
                                             std::filesystem::path(r->runDir).filename().string())),
                                     15000);
            showPanel(m_results);
        });
    connect(m_session, &TrainingSession::failed, this, [this](const QString &error) {
        m_training->onFailed(error);
        showError(tr("Training failed"), error);
    });

    QSettings settings;
    m_geometryRestored = restoreGeometry(settings.value("window/geometry").toByteArray());
    fitToScreen();
    const QString last = settings.value("experiment/last").toString();
    experiment::ExperimentConfig config = defaultExperiment();
    if (!last.isEmpty()) {
        try {
            config = experiment::ExperimentConfig::fromJson(last.toStdString(), "saved settings");
        } catch (const Error &) {
            config = defaultExperiment();
        }
    }
    setExperiment(config);
    m_tabs->setCurrentIndex(settings.value("window/tab", 0).toInt());
    m_data->reload();
}

MainWindow::~MainWindow() = default;

QString MainWindow::runsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/runs");
}

LessonDialog *MainWindow::openTransferLesson()
{
    if (!m_lesson) {
        m_lesson = new LessonDialog(runsFolder(), this);
        // The lesson's runs are ordinary runs: the Runs tab lists them when it ends.
        connect(m_lesson, &LessonDialog::finished, m_runs, &RunsPanel::refresh);
        m_lesson->setLargeText(QApplication::font().pointSizeF() > m_baseFont.pointSizeF());
    }
    m_lesson->show();
    m_lesson->raise();
    m_lesson->activateWindow();
    return m_lesson;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open experiment…"), QKeySequence::Open, this, &MainWindow::openExperiment);
    file->addAction(tr("&Save experiment…"), QKeySequence::Save, this, &MainWindow::saveExperiment);
    // A run's model for other programs: the run shown in Results, or one chosen in the dialog.
    file->addMenu(tr("&Export"))->addAction(tr("&ONNX (OpenCV, ONNX Runtime)…"), this, [this] {
        auto *dialog = new OnnxExportDialog(runsFolder(), this);
        dialog->setObjectName("onnxExportDialog");
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setRun(m_results->runDir());
        connect(dialog, &OnnxExportDialog::exported, this, [this](const QString &f) {
            statusBar()->showMessage(tr("Exported: %1").arg(f), 8000);
        });
        dialog->show();
    });
    QMenu *recipeMenu = file->addMenu(tr("&Recipes from the notebooks"));
    QMenu *sweepRecipes = recipeMenu->addMenu(tr("&Sweeps (into the queue)"));
    for (const auto &r : runs::recipes()) {
        if (r.sweep) {
            sweepRecipes->addAction(
                QString::fromStdString(r.title), this,
                [this, name = QString::fromStdString(r.name)] { queueSweepRecipe(name); });
            continue;
        }
        recipeMenu->addAction(QString::fromStdString(r.title), this, [this, name = r.name] {
            try {
                setExperiment(runs::recipeConfig(name));
                m_data->reload();
                statusBar()->showMessage(tr("Recipe %1 loaded").arg(QString::fromStdString(name)),
                                         5000);
            } catch (const Error &e) {
                showError(tr("Cannot load the recipe"), QString::fromStdString(e.what()));
            }
        });
    }
    QMenu *lessons = file->addMenu(tr("&Lessons"));
    lessons->addAction(tr("Why &transfer learning (offline, a few minutes)…"), this,
                       &MainWindow::openTransferLesson);
    file->addAction(tr("Reset to &defaults"), this, &MainWindow::resetToDefaults);
    file->addAction(tr("Show &runs folder"), this, [this] {
        QDir().mkpath(runsFolder());
        QMessageBox::information(this, tr("Runs folder"),
                                 tr("Runs are saved in\n%1").arg(runsFolder()));
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *train = menuBar()->addMenu(tr("&Training"));
    train->addAction(tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                     &MainWindow::startTraining);
    train->addAction(tr("S&top"), QKeySequence(Qt::CTRL | Qt::Key_Period), m_session,
                     &TrainingSession::stop);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *presentation = view->addAction(tr("&Presentation mode"));
    presentation->setCheckable(true);
    presentation->setShortcut(QKeySequence(Qt::Key_F5));
    presentation->setObjectName(QStringLiteral("presentationMode"));
    connect(presentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
    m_presentationAction = presentation;
    view->addAction(tr("&Classroom set-up"), this, &MainWindow::classroomSetup)
        ->setObjectName(QStringLiteral("classroomSetup"));
    for (int i = 0; i < m_tabs->count(); ++i)
        view->addAction(m_tabs->tabText(i), QKeySequence(QStringLiteral("Alt+%1").arg(i + 1)), this,
                        [this, i] { m_tabs->setCurrentIndex(i); });
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TransferLab"), this, [this] {
        QMessageBox::about(
            this, tr("About TransferLab"),
            tr("<b>TransferLab</b> %1<br>A workbench for transfer learning on images.<br>"
               "Go left to right: pick the data, the model and what to freeze, train, "
               "then click the confusion matrix to see the mistakes.")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::syncPreprocess()
{
    data::PreprocessOptions pre = m_loadedConfig.preprocess;
    pre.imageSize = m_model->inputSize();
    pre.channels = m_model->inputChannels();
    m_data->setPreprocess(pre);
}

experiment::ExperimentConfig MainWindow::experiment() const
{
    experiment::ExperimentConfig c = m_loadedConfig;
    c.data = m_data->datasetOptions();
    c.augment = m_data->augmentOptions();
    c.model = m_model->spec();
    c.preprocess.imageSize = m_model->inputSize();
    c.preprocess.channels = m_model->inputChannels();
    c.seed = m_training->seed();
    c.stages = m_training->stages();
    c.name = m_training->runName().trimmed().toStdString();
    c.threads = m_training->threads();
    return c;
}

void MainWindow::setExperiment(const experiment::ExperimentConfig &config)
{
    m_loadedConfig = config;
    m_data->setOptions(config.data, config.augment);
    models::ModelSpec spec = config.model;
    if (spec.inputSize <= 0)
        spec.inputSize = config.preprocess.imageSize;
    // The first stage's freeze replaces the model's (experiment/freeze.h): shown as the ticks
    // in the Model tab, so a recipe's "backbone" is not hidden behind "Frozen 0". The same
    // layers freeze in every stage either way.
    std::vector<experiment::StageConfig> stages = config.stages;
    if (!stages.empty() && !stages.front().freeze.empty()) {
        spec.freeze = stages.front().freeze;
        spec.frozen.clear();
        stages.front().freeze.clear();
    }
    m_model->setSpec(spec);
    m_training->setStages(stages);
    m_training->setSeed(config.seed);
    m_training->setRunName(QString::fromStdString(config.name));
    m_training->setThreads(config.threads);
    syncPreprocess();
}

QString MainWindow::dataProblem(const experiment::ExperimentConfig &config) const
{
    const auto data = m_data->dataset();
    const QString title = QString::fromStdString(data::datasetInfo(config.data.name).title);
    if (!data)
        return m_data->lastError().isEmpty()
                   ? tr("%1 is not loaded.").arg(title)
                   : tr("%1 could not be loaded: %2").arg(title, m_data->lastError());
    data::DatasetOptions wanted = config.data;
    wanted.seed = config.seed;
    const std::string why = data::datasetMismatch(data->options, wanted);
    return why.empty() ? QString() : QString::fromStdString(why);
}

void MainWindow::startTraining()
{
    if (m_session->isRunning())
        return;
    showPanel(m_training);
    experiment::ExperimentConfig config = experiment();
    try {
        config.validate();
    } catch (const Error &e) {
        m_training->showRefusal(tr("Check the settings: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    if (m_data->isLoading()) {
        // A teacher presses Start at once: the run begins as soon as the data is there.
        m_startWhenLoaded = true;
        m_training->setWaitingForData(
            QString::fromStdString(data::datasetInfo(config.data.name).title));
        return;
    }
    // A run must describe exactly what it trained on: never the previous dataset, subset or
    // seed when the chosen one is not loaded.
    if (const QString problem = dataProblem(config); !problem.isEmpty()) {
        m_training->showRefusal(problem + " " +
                                tr("Choose or download the data in the Data tab, then Start."));
        return;
    }
    if (const QString problem = weightsProblem(config); !problem.isEmpty()) {
        m_training->showRefusal(problem);
        return;
    }
    auto data = m_data->dataset();
    const QString dir = runsFolder() + "/" + newRunName(config);
    m_training->resetCharts();
    showPanel(m_training);
    m_session->start(config, data, dir);
}

void MainWindow::resumeRun(const QString &dir)
{
    if (m_session->isRunning()) {
        QMessageBox::information(this, tr("Training is running"),
                                 tr("Stop the current run before resuming another."));
        return;
    }
    try {
        const auto config =
            experiment::ExperimentConfig::fromFile((dir + "/config.json").toStdString());
        // The window shows the run's settings and loads its data for the Results panel; the
        // worker reads the state and loads its own copy of the data.
        setExperiment(config);
        m_data->reload();
        // The epochs it already has, so the resumed curves continue them.
        runs::RunResult done;
        try {
            runs::parseMetricsCsv(readFile((dir + "/metrics.csv").toStdString()),
                                  (dir + "/metrics.csv").toStdString(), done);
        } catch (const Error &) {
            done.epochs.clear(); // the engine checks the folder and says what is wrong
        }
        m_training->showHistory(done.epochs);
        showPanel(m_training);
        m_session->start(config, nullptr, dir, true);
    } catch (const Error &e) {
        showError(tr("Cannot resume the run"), QString::fromStdString(e.what()));
    }
}

void MainWindow::openExperiment()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(),
                                     tr("Experiments (*.tlexp.json *.json);;All files (*)"));
    if (!path.isEmpty())
        openExperimentFile(path);
}

bool MainWindow::openExperimentFile(const QString &path)
{
    try {
        setExperiment(experiment::ExperimentConfig::fromFile(path.toStdString()));
        m_data->reload();
        return true;
    } catch (const Error &e) {
        showError(tr("Cannot open the experiment"), QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, but the event loop (and a running training) go on
}

void MainWindow::saveExperiment()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save experiment"), QStringLiteral("experiment.tlexp.json"),
        tr("Experiments (*.tlexp.json);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    try {
        writeFileAtomic(path.toStdString(), experiment().toJson());
    } catch (const Error &e) {
        showError(tr("Cannot save the experiment"), QString::fromStdString(e.what()));
    }
}

void MainWindow::showPanel(QWidget *panel)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *area = qobject_cast<QScrollArea *>(m_tabs->widget(i));
        if (m_tabs->widget(i) == panel || (area && area->widget() == panel)) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
}

QString MainWindow::weightsProblem(const experiment::ExperimentConfig &config) const
{
    if (config.model.weights != "imagenet" || !weights::findWeights(config.model.name).empty())
        return {};
    return tr("The ImageNet weights of %1 are not on this computer. In the Model tab, press "
              "Download (needs the internet once), or set Weights to \"Random "
              "initialisation\".")
        .arg(QString::fromStdString(config.model.name));
}

void MainWindow::checkFreeze(const QString &spec)
{
    // Checked against the model's real layers, in the background (a VGG takes a second to
    // build); only the latest edit's answer is shown.
    const int ticket = ++m_freezeCheck;
    if (spec.isEmpty()) {
        m_training->setFreezeProblem({});
        return;
    }
    const models::ModelSpec model = m_model->spec();
    auto problem = std::make_shared<QString>();
    runInBackground<MainWindow>(
        this,
        [model, spec, problem] {
            try {
                experiment::checkFreezeSpec(model, spec.toStdString());
            } catch (const Error &e) {
                *problem = QString::fromStdString(e.what());
                (*problem)[0] = (*problem)[0].toUpper();
            }
        },
        [ticket, problem](MainWindow *w, const QString &error) {
            if (ticket != w->m_freezeCheck)
                return;
            w->m_training->setFreezeProblem(error.isEmpty() ? *problem : error);
        });
}

void MainWindow::fitToScreen()
{
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect avail = screen->availableGeometry();
    const QRect frame = frameGeometry();
    // Title bar and borders: known once shown; before that, a typical window manager's.
    const QSize margin = isVisible() ? frame.size() - geometry().size() : QSize(16, 40);
    if (m_geometryRestored && avail.contains(frame))
        return;                // a saved geometry that fits this screen is kept
    m_geometryRestored = true; // from now on, the user's size is kept while it fits
    const QSize wanted(std::min(1500, avail.width() - margin.width()),
                       std::min(900, avail.height() - margin.height()));
    resize(wanted);
    move(avail.topLeft() + QPoint((avail.width() - wanted.width() - margin.width()) / 2,
                                  (avail.height() - wanted.height() - margin.height()) / 2));
}

void MainWindow::classroomSetup()
{
    experiment::ExperimentConfig c = experiment();
    c.data = defaultExperiment().data;
    c.data.name = "fashion-mnist";
    c.data.root.clear();
    c.data.trainFraction = 0.1;
    c.data.valSplit = 0.1;
    c.data.testFraction = 0.2;
    c.model = experiment::ExperimentConfig{}.model; // the small CNN: about a minute on a laptop
    c.preprocess = experiment::ExperimentConfig{}.preprocess;
    c.stages = experiment::ExperimentConfig{}.stages;
    c.stages.front().epochs = 3;
    c.name = tr("class demo").toStdString();
    setExperiment(c);
    m_training->setRunName(QString::fromStdString(c.name));
    m_data->reload();
    if (m_presentationAction && !m_presentationAction->isChecked())
        m_presentationAction->setChecked(true);
    fitToScreen();
    m_tabs->setCurrentIndex(0);
    statusBar()->showMessage(tr("Classroom set-up: Fashion-MNIST, 10 % of the training images "
                                "with a validation split, the small CNN for 3 epochs, "
                                "presentation mode. Press Start in the Training tab."),
                             10000);
}

void MainWindow::resetToDefaults()
{
    setExperiment(defaultExperiment());
    m_training->setRunName({});
    if (!m_session->isRunning())
        m_training->clearWarnings();
    m_data->reload();
    statusBar()->showMessage(tr("Settings reset to the defaults."), 5000);
}

void MainWindow::setPresentationMode(bool on)
{
    QFont f = m_baseFont;
    if (on)
        f.setPointSizeF(f.pointSizeF() * 1.4);
    QApplication::setFont(f);
    m_training->setPresentation(on);
    m_data->setPresentation(on);
    m_results->setHighContrast(on);
    m_runs->compareView()->setPresentation(on);
    m_predict->setPresentation(on);
    m_queuePanel->setPresentation(on);
    if (m_lesson)
        m_lesson->setLargeText(on);
    // Larger text may need more room: stay inside the screen.
    QMetaObject::invokeMethod(this, &MainWindow::fitToScreen, Qt::QueuedConnection);
}

// The Queue tab: its buttons ask the window for the current experiment, a sweep or a recipe;
// the runs it trains show in the Runs tab and open in Results.
void MainWindow::connectQueue()
{
    connect(m_queuePanel, &QueuePanel::addCurrentRequested, this, &MainWindow::queueCurrent);
    connect(m_queuePanel, &QueuePanel::sweepRequested, this, &MainWindow::openSweepDialog);
    connect(m_queuePanel, &QueuePanel::sweepRecipeRequested, this, &MainWindow::queueSweepRecipe);
    connect(m_queuePanel, &QueuePanel::openRunRequested, m_runs, &RunsPanel::openRun);
    connect(m_queuePanel, &QueuePanel::compareRequested, this, [this](const QStringList &dirs) {
        m_runs->compareRuns(dirs);
        showPanel(m_runs);
    });
    connect(m_queuePanel, &QueuePanel::failed, this,
            [this](const QString &e) { statusBar()->showMessage(e, 8000); });
    connect(m_queue, &RunQueue::runEnded, this, [this](const QString &dir, bool finished) {
        m_runs->refresh();
        statusBar()->showMessage(
            (finished ? tr("Queued run finished: %1") : tr("Queued run ended: %1"))
                .arg(QFileInfo(dir).fileName()),
            6000);
    });
}

QString MainWindow::newRunName(const experiment::ExperimentConfig &config) const
{
    QString label = QString::fromStdString(config.name).trimmed();
    label.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) + "-" +
           QString::fromStdString(config.model.name) + "-" +
           QString::fromStdString(config.data.name) +
           (label.isEmpty() ? QString() : "-" + label.left(40));
}

int MainWindow::queueCurrent()
{
    experiment::ExperimentConfig config = experiment();
    try {
        config.validate();
    } catch (const Error &e) {
        showError(tr("Cannot queue this experiment"), QString::fromStdString(e.what()));
        return -1;
    }
    QString dir = runsFolder() + "/" + newRunName(config);
    for (int n = 2; QFileInfo::exists(dir); ++n) // two in the same second
        dir = runsFolder() + "/" + newRunName(config) + "-" + QString::number(n);
    const int row = m_queue->add(config, dir);
    showPanel(m_queuePanel);
    return row;
}

double MainWindow::estimateRunSeconds(const experiment::ExperimentConfig &config,
                                      const std::vector<runs::RunInfo> &measured) const
{
    // Images per epoch: the loaded data's training split, scaled to the run's own fraction or
    // per-class count (the same dataset only).
    const auto data = m_data->dataset();
    if (!data || data->options.name != config.data.name || data->train.size() == 0)
        return -1;
    double images = double(data->train.size());
    if (config.data.perClass > 0)
        images = double(config.data.perClass) * data->train.numClasses();
    else if (data->options.perClass == 0 && data->options.trainFraction > 0)
        images *= config.data.trainFraction / data->options.trainFraction;
    int epochs = 0;
    for (const auto &s : config.stages)
        epochs += s.epochs;
    return runs::estimateRunSeconds(measured, config.model.name, images, epochs);
}

SweepDialog *MainWindow::openSweepDialog()
{
    auto measured =
        std::make_shared<std::vector<runs::RunInfo>>(runs::listRuns(runsFolder().toStdString()));
    auto *dialog = new SweepDialog(
        experiment(),
        [this, measured](const experiment::ExperimentConfig &c) {
            return estimateRunSeconds(c, *measured);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("sweepDialog"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!dialog->isValid())
            return;
        const QString dir =
            runsFolder() + "/sweep-" +
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) + "-" +
            dialog->sweepName();
        m_queue->addSweep(dialog->plan(), dir);
        showPanel(m_queuePanel);
    });
    dialog->open();
    return dialog;
}

void MainWindow::queueSweepRecipe(const QString &name)
{
    try {
        const runs::Recipe &recipe = runs::recipe(name.toStdString());
        runs::SweepPlan plan = runs::planSweep(recipe.json, "recipe " + recipe.name);
        QMessageBox ask(
            QMessageBox::Question, tr("Sweep recipe"),
            tr("%1\n\n%2 runs. Quick runs use 2 % of the data and one epoch a stage (a classroom "
               "laptop); full runs are the notebook's.")
                .arg(QString::fromStdString(recipe.title))
                .arg(plan.points.size()),
            QMessageBox::Cancel, this);
        QPushButton *quick = ask.addButton(tr("Quick"), QMessageBox::AcceptRole);
        QPushButton *full = ask.addButton(tr("Full"), QMessageBox::AcceptRole);
        ask.setDefaultButton(quick);
        ask.exec();
        if (ask.clickedButton() != quick && ask.clickedButton() != full)
            return;
        const bool isQuick = ask.clickedButton() == quick;
        if (isQuick)
            for (auto &p : plan.points)
                runs::makeQuick(p.config);
        m_queue->addSweep(plan, runsFolder() + "/sweep-" + name + (isQuick ? "-quick" : ""));
        showPanel(m_queuePanel);
    } catch (const Error &e) {
        showError(tr("Cannot queue the recipe"), QString::fromStdString(e.what()));
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_session->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Training is running"),
            tr("Stop the training and quit? Completed epochs are already saved."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_session->stopAndWait();
    }
    if (m_queue->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("A queued run is training"),
            tr("Stop it and quit? It keeps its completed epochs; the queue itself is not kept."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    m_queue->stopAll();
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/tab", m_tabs->currentIndex());
    settings.setValue("experiment/last", QString::fromStdString(experiment().toJson()));
    event->accept();
}

} // namespace tl::ui
