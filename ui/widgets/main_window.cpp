#include "widgets/main_window.h"

#include "a11y/accessibility.h"
#include "base/error.h"
#include "platform/cpu_cores.h"
#include "rundir/run_dir.h"
#include "session/run_list.h"
#include "session/run_queue.h"
#include "session/training_session.h"
#include "session/workbench.h"
#include "widgets/calibration_panel.h"
#include "widgets/compare_view.h"
#include "widgets/data_health_panel.h"
#include "widgets/data_panel.h"
#include "widgets/experiment_form.h"
#include "widgets/fold_runs_bar.h"
#include "widgets/inspect_panel.h"
#include "widgets/lesson_dialog.h"
#include "widgets/main_menus.h"
#include "widgets/model_panel.h"
#include "widgets/predict_panel.h"
#include "widgets/queue_panel.h"
#include "widgets/results_panel.h"
#include "widgets/runs_panel.h"
#include "widgets/teach_panel.h"
#include "widgets/training_panel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace tl::ui {

namespace {

QString deviceText()
{
    // The worker picks CUDA when LibTorch sees it; the CPU uses every core.
    return QObject::tr("CPU, up to %1 threads (CUDA when available)").arg(usableCores());
}

QString folderName(const std::string &dir)
{
    return QFileInfo(QString::fromStdString(dir)).fileName();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_bench(new Workbench(Workbench::defaultRunsFolder(), this))
{
    setWindowTitle(tr("TransferLab"));
    m_baseFont = QApplication::font();
    buildTabs();
    setCentralWidget(m_tabs);
    m_deviceLabel = new QLabel(deviceText());
    statusBar()->addPermanentWidget(m_deviceLabel);
    m_training->setDeviceText(deviceText());
    m_menus = new MainMenus(this);
    connectQueue();
    a11y::prepareWindow(this); // the combo boxes' lists named, Tab leaves tables
    connectResults();
    connectData();
    connectTraining();
    restoreSettings();
}

void MainWindow::buildTabs()
{
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_data = new DataPanel;
    m_model = new ModelPanel;
    m_model->setRunsFolder(m_bench->runsFolder());
    m_training = new TrainingPanel;
    m_results = new ResultsPanel;
    m_form = new ExperimentForm(m_data, m_model, m_training, this);
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
    m_runs = new RunsPanel(m_bench->runList());
    m_tabs->addTab(m_runs, tr("Runs"));
    m_predict = new PredictPanel(m_bench->runList());
    m_tabs->addTab(m_predict, tr("Predict"));
    m_queuePanel = new QueuePanel(m_bench->queue(), m_bench->runsFolder());
    m_tabs->addTab(m_queuePanel, tr("Queue"));
    // Teach: classes recorded from a camera, a head trained in seconds, live predictions; its
    // project is a folder dataset the Data tab can take for a full experiment.
    auto *teach = new TeachPanel(QFileInfo(runsFolder()).absolutePath() + "/teach/classroom");
    m_tabs->addTab(teach, tr("Teach"));
    connect(teach, &TeachPanel::experimentRequested, this, [this](const QString &folder) {
        data::DatasetOptions o = m_data->datasetOptions();
        o.name = "folder";
        o.root = folder.toStdString();
        m_data->setOptions(o, m_data->augmentOptions());
        showPanel(m_data);
    });
}

// Results, Runs and Predict: an image explained in Predict, a run opened in Results, reports
// and failures in the status line.
void MainWindow::connectResults()
{
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
    // Data health found the classes imbalanced: the run shown again with the classes weighted,
    // queued beside it and compared with it (without a run: the next run weights them).
    connect(m_results->inspectPanel()->healthPanel(), &DataHealthPanel::classWeightsRequested, this,
            &MainWindow::retrainWithClassWeights);
    // Retrain with the applied label fixes: a queued run of the same experiment beside the run
    // it fixes; compared with it when it finishes (issue 28).
    connect(m_results->inspectPanel(), &InspectPanel::retrainRequested, this,
            &MainWindow::retrainWithFixes);
    // A fine-tuned run's label check: K short runs of it in the queue (issue 28).
    m_results->inspectPanel()->setQueue(m_bench->queue());
    connect(m_results->inspectPanel()->foldRuns(), &FoldRunsBar::queued, this, [this](int n) {
        statusBar()->showMessage(
            n > 0 ? tr("Queued %n fold run(s) for the label check: see the Queue tab.", "", n)
                  : tr("The fold runs have all finished: scoring the labels."),
            10000);
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
                statusBar()->showMessage(tr("Opened %1").arg(folderName(r->runDir)), 5000);
            });
    connect(m_runs, &RunsPanel::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_runs, &RunsPanel::failed, this,
            [this](const QString &e) { showError(tr("Cannot open the run"), e); });
}

// The Data and Model tabs: the loaded data shapes the model and the training; a Start that
// waited for it goes on.
void MainWindow::connectData()
{
    connect(m_data, &DataPanel::datasetLoaded, this,
            [this](std::shared_ptr<const data::DatasetSplits> d) {
                m_model->setDataShape(d->train.channels, d->train.height, d->train.numClasses());
                m_predict->setTestData(d);
                m_training->setTrainingImages(qint64(d->train.size()));
                m_training->clearRefusal();
                statusBar()->showMessage(
                    tr("%1 loaded").arg(QString::fromStdString(data::datasetInfo(d->name).title)),
                    4000);
                if (m_bench->dataLoaded())
                    startTraining();
            });
    connect(m_data, &DataPanel::loadFailed, m_bench, &Workbench::dataFailed);
    connect(m_model, &ModelPanel::specChanged, m_training, &TrainingPanel::clearRefusal);
}

// The Training tab and the workbench's session: buttons in, progress and results out.
void MainWindow::connectTraining()
{
    TrainingSession *session = m_bench->session();
    connect(m_training, &TrainingPanel::liveViewToggled, session, &TrainingSession::setLiveView);
    connect(session, &TrainingSession::networkView, m_training, &TrainingPanel::onNetworkView);
    connect(m_training, &TrainingPanel::startRequested, this, &MainWindow::startTraining);
    connect(m_training, &TrainingPanel::pauseRequested, session, &TrainingSession::pause);
    connect(m_training, &TrainingPanel::resumeRequested, session, &TrainingSession::resume);
    connect(m_training, &TrainingPanel::stopRequested, session, &TrainingSession::stop);
    connect(m_training, &TrainingPanel::freezeEdited, this,
            [this](const QString &spec) { m_bench->checkFreeze(m_model->spec(), spec); });
    connect(m_bench, &Workbench::freezeChecked, m_training, &TrainingPanel::setFreezeProblem);
    connect(m_bench, &Workbench::refused, m_training, &TrainingPanel::showRefusal);
    connect(m_bench, &Workbench::waitingForData, m_training, &TrainingPanel::setWaitingForData);
    connect(m_bench, &Workbench::starting, m_training, [this] {
        m_training->resetCharts();
        showPanel(m_training);
    });
    connect(m_bench, &Workbench::resuming, this,
            [this](const experiment::ExperimentConfig &config,
                   const std::vector<train::EpochMetrics> &done) {
                m_form->load(config);
                m_training->showHistory(done);
                showPanel(m_training);
            });
    connect(session, &TrainingSession::runningChanged, m_training, &TrainingPanel::setRunning);
    connect(session, &TrainingSession::pausedChanged, m_training, &TrainingPanel::setPaused);
    connect(session, &TrainingSession::stageStarted, m_training, &TrainingPanel::onStageStarted);
    connect(session, &TrainingSession::batchProgress, m_training, &TrainingPanel::onBatch);
    connect(session, &TrainingSession::epochFinished, m_training, &TrainingPanel::onEpoch);
    connect(session, &TrainingSession::message, m_training, &TrainingPanel::onMessage);
    connect(session, &TrainingSession::warning, m_training, &TrainingPanel::onWarning);
    connect(session, &TrainingSession::phaseProgress, m_training, &TrainingPanel::onPhase);
    connect(session, &TrainingSession::finished, this,
            [this](std::shared_ptr<const runs::RunResult> r) {
                if (r->discarded) {
                    m_training->onDiscarded();
                    return;
                }
                if (r->interrupted) {
                    m_training->onInterrupted(int(r->epochs.size()),
                                              QString::fromStdString(r->runDir));
                    return;
                }
                m_training->onFinished(r->test.accuracy, r->test.loss,
                                       r->stopped ? int(r->epochs.size()) : 0);
                m_results->setResult(r, m_data->dataset());
                statusBar()->showMessage(tr("Run saved: %1").arg(folderName(r->runDir)), 15000);
                showPanel(m_results);
            });
    connect(session, &TrainingSession::failed, this, [this](const QString &error) {
        m_training->onFailed(error);
        showError(tr("Training failed"), error);
    });
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    m_geometryRestored = restoreGeometry(settings.value("window/geometry").toByteArray());
    fitToScreen();
    setExperiment(Workbench::savedExperiment(settings.value("experiment/last").toString()));
    m_tabs->setCurrentIndex(settings.value("window/tab", 0).toInt());
    m_data->reload();
}

LoadedData MainWindow::loadedData() const
{
    return {m_data->dataset(), m_data->isLoading(), m_data->lastError()};
}

LessonDialog *MainWindow::openTransferLesson()
{
    if (!m_lesson) {
        m_lesson = new LessonDialog(runsFolder(), this);
        // The lesson's runs are ordinary runs: the Runs tab lists them when it ends.
        connect(m_lesson, &LessonDialog::finished, m_bench->runList(), &RunList::refresh);
        m_lesson->setLargeText(QApplication::font().pointSizeF() > m_baseFont.pointSizeF());
    }
    m_lesson->show();
    m_lesson->raise();
    m_lesson->activateWindow();
    return m_lesson;
}

void MainWindow::startTraining()
{
    if (session()->isRunning())
        return;
    showPanel(m_training);
    m_bench->start(experiment(), loadedData());
}

void MainWindow::resumeRun(const QString &dir)
{
    if (session()->isRunning()) {
        QMessageBox::information(this, tr("Training is running"),
                                 tr("Stop the current run before resuming another."));
        return;
    }
    try {
        m_bench->resume(dir); // `resuming` shows its settings and epochs
    } catch (const Error &e) {
        showError(tr("Cannot resume the run"), QString::fromStdString(e.what()));
    }
}

bool MainWindow::openExperimentFile(const QString &path)
{
    try {
        m_form->load(experiment::ExperimentConfig::fromFile(path.toStdString()));
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
    m_form->load(Workbench::classroomExperiment(experiment())); // its run name too
    if (!m_menus->presentationAction()->isChecked())
        m_menus->presentationAction()->setChecked(true);
    fitToScreen();
    m_tabs->setCurrentIndex(0);
    statusBar()->showMessage(tr("Classroom set-up: Fashion-MNIST, 10 % of the training images "
                                "with a validation split, the small CNN for 3 epochs, "
                                "presentation mode. Press Start in the Training tab."),
                             10000);
}

void MainWindow::resetToDefaults()
{
    m_form->load(Workbench::defaultExperiment()); // no run name either
    if (!session()->isRunning())
        m_training->clearWarnings();
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
    if (auto *teach = findChild<TeachPanel *>())
        teach->setPresentation(on);
    if (m_lesson)
        m_lesson->setLargeText(on);
    // Larger text may need more room: stay inside the screen.
    QMetaObject::invokeMethod(this, &MainWindow::fitToScreen, Qt::QueuedConnection);
}

// The Queue tab: it queues the experiment the tabs show, a sweep or a recipe through the
// workbench; the runs it trains show in the Runs tab and open in Results.
void MainWindow::connectQueue()
{
    m_queuePanel->serve(m_bench, m_form);
    connect(m_queuePanel, &QueuePanel::queued, this, [this] { showPanel(m_queuePanel); });
    connect(m_queuePanel, &QueuePanel::refused, this, &MainWindow::showError);
    connect(m_queuePanel, &QueuePanel::openRunRequested, m_runs, &RunsPanel::openRun);
    connect(m_queuePanel, &QueuePanel::compareRequested, this, [this](const QStringList &dirs) {
        m_runs->compareRuns(dirs);
        showPanel(m_runs);
    });
    connect(m_queuePanel, &QueuePanel::failed, this,
            [this](const QString &e) { statusBar()->showMessage(e, 8000); });
    connect(queue(), &RunQueue::runEnded, this, [this](const QString &dir, bool finished) {
        statusBar()->showMessage(
            (finished ? tr("Queued run finished: %1") : tr("Queued run ended: %1"))
                .arg(QFileInfo(dir).fileName()),
            6000);
        compareAfterRetrain(dir, finished);
    });
}

void MainWindow::retrainWithFixes(const experiment::ExperimentConfig &config)
{
    queueRetrain(config, tr("Queued a run with the fixed labels beside %1; when it finishes, "
                            "Runs → Compare shows the two."));
}

void MainWindow::retrainWithClassWeights()
{
    const QString before = m_results->runDir();
    if (before.isEmpty()) {
        m_training->setClassWeights("balanced");
        statusBar()->showMessage(tr("The next run weights the classes: Class weights "
                                    "balanced in every stage (Training tab)"),
                                 8000);
        return;
    }
    try {
        auto config =
            experiment::ExperimentConfig::fromRunFile(runs::RunDir(before.toStdString()).config());
        for (auto &stage : config.stages)
            stage.classWeights = "balanced";
        config.name = (config.name.empty() ? std::string() : config.name + "-") + "class-weights";
        queueRetrain(config, tr("Queued %1 again with the classes weighted, beside it; when it "
                                "finishes, Runs → Compare shows the two."));
    } catch (const std::exception &e) {
        showError(tr("Cannot queue the run"), QString::fromStdString(e.what()));
    }
}

void MainWindow::queueRetrain(const experiment::ExperimentConfig &config, const QString &message)
{
    const QString before = m_results->runDir();
    const QString parent = before.isEmpty() ? QString() : QFileInfo(before).absolutePath();
    try {
        const int row = m_bench->queueRun(config, parent);
        if (!before.isEmpty())
            m_retrained.insert(QDir::cleanPath(queue()->item(row).runDir), before);
        showPanel(m_queuePanel);
        statusBar()->showMessage(message.arg(QFileInfo(before).fileName()), 10000);
    } catch (const std::exception &e) {
        showError(tr("Cannot queue the run"), QString::fromStdString(e.what()));
    }
}

void MainWindow::compareAfterRetrain(const QString &dir, bool finished)
{
    const QString before = m_retrained.take(QDir::cleanPath(dir));
    if (before.isEmpty() || !finished)
        return;
    // The runs beside each other: the Runs tab lists their folder and compares them (the
    // images whose prediction changed are under "Images that flipped").
    const QString parent = QFileInfo(before).absolutePath();
    if (QDir::cleanPath(m_runs->folder()) != QDir::cleanPath(parent))
        m_runs->setFolder(parent);
    m_runs->compareRuns({before, dir});
    if (m_tabs->currentWidget() == m_queuePanel)
        showPanel(m_runs);
    statusBar()->showMessage(tr("The new run finished: Runs → Compare shows it beside %1.")
                                 .arg(QFileInfo(before).fileName()),
                             10000);
}

SweepDialog *MainWindow::openSweepDialog()
{
    return m_queuePanel->openSweepDialog();
}

void MainWindow::queueSweepRecipe(const QString &name)
{
    m_queuePanel->queueSweepRecipe(name);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (session()->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Training is running"),
            tr("Stop the training and quit? Completed epochs are already saved."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        session()->stopAndWait();
    }
    if (queue()->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("A queued run is training"),
            tr("Stop it and quit? It keeps its completed epochs; the queue itself is not kept."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    queue()->stopAll();
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/tab", m_tabs->currentIndex());
    settings.setValue("experiment/last", QString::fromStdString(experiment().toJson()));
    event->accept();
}

} // namespace tl::ui
