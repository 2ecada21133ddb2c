#include "widgets/training_panel.h"

#include "widgets/live_view.h"

#include "a11y/accessibility.h"
#include "format/clock_text.h"
#include "widgets/field_note.h"

#include "charts/chart_palette.h"
#include "charts/metric_chart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace tl::ui {

TrainingPanel::TrainingPanel(QWidget *parent) : QWidget(parent)
{
    createFields();
    QVBoxLayout *left = buildControls(buildForm());
    buildCharts();
    auto *layout = new QHBoxLayout(this);
    auto *leftWidget = new QWidget;
    leftWidget->setLayout(left);
    leftWidget->setMaximumWidth(560);
    layout->addWidget(leftWidget);
    layout->addLayout(m_charts, 1);
    arrangeCharts(false); // now that the charts have their parent (showing them is safe)

    m_flushTimer = new QTimer(this);
    m_flushTimer->setInterval(250);
    connect(m_flushTimer, &QTimer::timeout, this, &TrainingPanel::flush);

    // Tab follows the page top down: Start, Pause, Stop, the form as it reads, the log.
    QWidget *order[] = {m_start,       m_pause,        m_stop,      m_runName,  m_stageBox,
                        m_addStage,    m_removeStage,  m_stageName, m_freeze,   m_epochs,
                        m_batch,       m_optimizer,    m_lr,        m_momentum, m_nesterov,
                        m_weightDecay, m_classWeights, m_schedule,  m_early,    m_patience,
                        m_seed,        m_threads,      m_log,       m_liveCheck};
    for (std::size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);
    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::startRequested);
    connect(m_pause, &QPushButton::clicked, this,
            [this] { Q_EMIT(m_paused ? resumeRequested() : pauseRequested()); });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        // The first press ends training (within a batch); the test images are then evaluated so
        // the run can be compared. A second press ends that too.
        ++m_stopPresses;
        m_status->setText(m_stopPresses == 1
                              ? tr("Stopping after this batch… (press Stop again to skip the "
                                   "test evaluation; the run can then be resumed later)")
                              : tr("Stopping…"));
        Q_EMIT stopRequested();
    });
    setRunning(false);
}

// The form's fields, with their ranges and what each means.
void TrainingPanel::createFields()
{
    m_epochs = new QSpinBox;
    m_epochs->setObjectName(QStringLiteral("epochs"));
    m_epochs->setRange(1, 10000);
    m_epochs->setValue(1);
    m_batch = new QSpinBox;
    m_batch->setRange(1, 65536);
    m_batch->setValue(64);
    m_optimizer = new QComboBox;
    m_optimizer->addItem(QStringLiteral("Adam"), QStringLiteral("adam"));
    m_optimizer->addItem(QStringLiteral("AdamW"), QStringLiteral("adamw"));
    m_optimizer->addItem(QStringLiteral("SGD"), QStringLiteral("sgd"));
    m_optimizer->addItem(QStringLiteral("RMSprop"), QStringLiteral("rmsprop"));
    m_lr = new QDoubleSpinBox;
    m_lr->setDecimals(6);
    m_lr->setRange(1e-6, 10);
    m_lr->setSingleStep(1e-4);
    m_lr->setValue(1e-3);
    m_momentum = new QDoubleSpinBox;
    m_momentum->setRange(0, 0.999);
    m_momentum->setDecimals(3);
    m_momentum->setSingleStep(0.05);
    m_nesterov = new QCheckBox(tr("Nesterov"));
    m_weightDecay = new QDoubleSpinBox;
    m_weightDecay->setDecimals(6);
    m_weightDecay->setRange(0, 1);
    m_weightDecay->setSingleStep(1e-4);
    m_seed = new QSpinBox;
    m_seed->setRange(0, 1000000);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setToolTip(tr("The same seed gives the same subset, shuffling, augmentation and "
                          "starting weights: a run can be repeated exactly."));
    m_epochs->setToolTip(tr("An epoch is one pass over every training image."));
    m_batch->setToolTip(tr("Images per step: the model's weights change once per batch."));
    m_optimizer->setToolTip(tr("How the weights are changed from the gradients. Adam is a safe "
                               "default; SGD with momentum is the classic."));
    m_lr->setToolTip(tr("Learning rate: how big each step is. Too high and the loss rises or "
                        "jumps; too low and nothing seems to happen. Adam: about 0.001."));
    m_lr->setObjectName(QStringLiteral("learningRate"));
    m_momentum->setToolTip(tr("SGD and RMSprop: how much of the previous step is kept."));
    m_weightDecay->setToolTip(tr("L2 regularisation: pulls the weights towards zero, against "
                                 "overfitting."));
    m_classWeights = new QComboBox;
    m_classWeights->setObjectName(QStringLiteral("classWeights"));
    m_classWeights->addItem(tr("none"), QStringLiteral("none"));
    m_classWeights->addItem(tr("balanced"), QStringLiteral("balanced"));
    m_classWeights->setToolTip(
        tr("Balanced: in the training loss each class counts as much as the others, however few "
           "images it has (a class with half the images weighs twice as much per image). For "
           "imbalanced data (Results → Data health); validation and test losses stay unweighted."));
    a11y::name(m_classWeights, tr("Class weights"));
    m_seed->setKeyboardTracking(false);
    connect(m_seed, &QSpinBox::valueChanged, this,
            [this](int v) { Q_EMIT seedChanged(quint64(v)); });
    m_device = new QLabel;
    m_threads = new QSpinBox;
    m_threads->setObjectName(QStringLiteral("threads"));
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("automatic"));
    m_threads->setToolTip(tr("Compute threads. Automatic: every core TransferLab may use on "
                             "this computer. Runs with different thread counts can differ in "
                             "the last digits: fix it to repeat a run exactly on another "
                             "machine."));

    m_stageBox = new QComboBox;
    m_addStage = new QPushButton(tr("+ Stage"));
    m_addStage->setToolTip(tr("Add a fine-tuning stage: everything trainable, a tenth of the "
                              "learning rate (the notebooks' second step)"));
    m_removeStage = new QPushButton(tr("−"));
    m_removeStage->setToolTip(tr("Remove the selected stage"));
    a11y::name(m_stageBox, tr("Stage"));
    a11y::name(m_addStage, tr("Add a fine-tuning stage"));
    a11y::name(m_removeStage, tr("Remove the selected stage"));
    m_stageName = new QLineEdit;
    m_freeze = new QLineEdit;
    m_freeze->setPlaceholderText(tr("as before (Model tab or earlier stage)"));
    m_freeze->setObjectName(QStringLiteral("freeze"));
    m_freeze->setToolTip(tr("Frozen layers keep their weights: only the rest learns. Applied "
                            "when the stage starts: backbone, none, before:LAYER (e.g. "
                            "before:block5_conv1), all-but-last:N or layer paths"));
    connect(m_freeze, &QLineEdit::editingFinished, this,
            [this] { Q_EMIT freezeEdited(m_freeze->text().trimmed()); });
    m_schedule = new QComboBox;
    m_schedule->addItem(tr("constant"), QStringLiteral("none"));
    m_schedule->addItem(tr("step (÷10 every 10 epochs)"), QStringLiteral("step"));
    m_schedule->addItem(tr("cosine"), QStringLiteral("cosine"));
    m_schedule->addItem(tr("one-cycle"), QStringLiteral("onecycle"));
    m_schedule->addItem(tr("reduce on plateau"), QStringLiteral("plateau"));
    m_early = new QCheckBox(tr("Early stopping"));
    m_early->setToolTip(tr("End the stage when validation accuracy has not improved for "
                           "`patience` epochs, and keep the best epoch's weights"));
    m_patience = new QSpinBox;
    m_patience->setRange(1, 1000);
    m_patience->setValue(3);
    m_patience->setPrefix(tr("patience "));
    a11y::name(m_patience, tr("Patience (epochs)"));
    m_runName = new QLineEdit;
    m_runName->setObjectName(QStringLiteral("runName"));
    m_runName->setPlaceholderText(tr("optional, e.g. \"frozen backbone\""));
    m_runName->setToolTip(tr("Names the run in the Runs tab and in comparisons."));
    m_runName->setMaxLength(80);
}

// The stages and hyperparameters form; refused values are named in m_note.
QWidget *TrainingPanel::buildForm()
{
    auto *stageRow = new QHBoxLayout;
    // The stage's name gets the room: "−" is one glyph, not a push button's minimum width.
    m_removeStage->setMaximumWidth(m_removeStage->fontMetrics().height() * 2 + 8);
    m_stageBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_stageBox->setMinimumContentsLength(7);
    stageRow->addWidget(m_stageBox, 1);
    stageRow->addWidget(m_addStage);
    stageRow->addWidget(m_removeStage);
    auto *earlyRow = new QHBoxLayout;
    earlyRow->addWidget(m_early);
    earlyRow->addWidget(m_patience);

    auto *hyper = new QGroupBox(tr("Stages and hyperparameters"));
    auto *form = new QFormLayout(hyper);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("&Run name:"), m_runName);
    form->addRow(tr("Stage:"), stageRow);
    form->addRow(tr("&Name:"), m_stageName);
    form->addRow(tr("&Freeze at start:"), m_freeze);
    form->addRow(tr("&Epochs:"), m_epochs);
    form->addRow(tr("&Batch size:"), m_batch);
    form->addRow(tr("&Optimizer:"), m_optimizer);
    form->addRow(tr("&Learning rate:"), m_lr);
    form->addRow(tr("&Momentum:"), m_momentum);
    form->addRow(QString(), m_nesterov);
    form->addRow(tr("&Weight decay:"), m_weightDecay);
    form->addRow(tr("Class wei&ghts:"), m_classWeights);
    form->addRow(tr("Sc&hedule:"), m_schedule);
    form->addRow(QString(), earlyRow);
    form->addRow(tr("&Seed:"), m_seed);
    form->addRow(tr("&Threads:"), m_threads);
    form->addRow(tr("Device:"), m_device);
    // What a refused value was, and what the field accepts (a spin box alone puts the old
    // value back without a word). Shown under the status line, in view (not at the end of the
    // scrolling form).
    m_note = new FieldNote;
    m_note->watch(m_epochs, tr("Epochs"));
    m_note->watch(m_batch, tr("Batch size"));
    m_note->watch(m_lr, tr("Learning rate"));
    m_note->watch(m_momentum, tr("Momentum"));
    m_note->watch(m_weightDecay, tr("Weight decay"));
    m_note->watch(m_seed, tr("Seed"));
    m_note->watch(m_threads, tr("Threads"));
    m_note->watch(m_patience, tr("Patience"));
    connect(m_batch, &QSpinBox::editingFinished, this, &TrainingPanel::clampBatch);
    auto syncOptimizer = [this] {
        const QString o = m_optimizer->currentData().toString();
        m_momentum->setEnabled(o == "sgd" || o == "rmsprop");
        m_nesterov->setEnabled(o == "sgd");
    };
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, syncOptimizer);
    syncOptimizer();
    connect(m_early, &QCheckBox::toggled, m_patience, &QSpinBox::setEnabled);
    m_patience->setEnabled(false);
    connect(m_stageBox, &QComboBox::activated, this, &TrainingPanel::selectStage);
    connect(m_addStage, &QPushButton::clicked, this, &TrainingPanel::addStage);
    connect(m_removeStage, &QPushButton::clicked, this, &TrainingPanel::removeStage);
    connect(m_stageName, &QLineEdit::editingFinished, this, [this] {
        readForm(m_stages[std::size_t(m_current)]);
        refreshStageBox();
    });
    writeForm(m_stages.front());
    refreshStageBox();
    return hyper;
}

// Start, Pause and Stop, the progress and status, the form (scrolling) and the log.
QVBoxLayout *TrainingPanel::buildControls(QWidget *hyper)
{
    m_start = new QPushButton(tr("&Start training"));
    m_start->setDefault(true);
    m_start->setMinimumHeight(36);
    m_pause = new QPushButton(tr("&Pause"));
    m_stop = new QPushButton(tr("S&top"));
    m_start->setObjectName(QStringLiteral("start"));
    m_pause->setObjectName(QStringLiteral("pause"));
    m_stop->setObjectName(QStringLiteral("stop"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start, 2);
    buttons->addWidget(m_pause, 1);
    buttons->addWidget(m_stop, 1);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("trainingProgress"));
    a11y::name(m_progress, tr("Training progress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_status = new QLabel(tr("Ready."));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_warningBox = new QLabel;
    m_warningBox->setObjectName(QStringLiteral("warnings"));
    m_warningBox->setWordWrap(true);
    m_warningBox->setTextFormat(Qt::RichText);
    m_warningBox->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3cd; color: #664d03; border: 1px solid #e0c36b; "
                       "border-radius: 4px; padding: 6px; }"));
    m_warningBox->setVisible(false);
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setPlaceholderText(tr("Epoch results appear here."));
    a11y::name(m_log, tr("Training log"), tr("One line per epoch: loss, accuracy, time."));

    // The form scrolls on its own: Start, Stop, the progress and the warnings stay in view on a
    // 720-pixel projector, next to charts that keep the full height.
    auto *formArea = new QScrollArea;
    formArea->setWidget(hyper);
    formArea->setWidgetResizable(true);
    formArea->setFrameShape(QFrame::NoFrame);
    formArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formArea->setObjectName(QStringLiteral("hyperparameters"));
    formArea->setMinimumWidth(hyper->minimumSizeHint().width() + 20);
    // Start, Pause and Stop first: warnings and notes appear under them and never move them
    // (a teacher reaching for Stop hit a warning that had pushed it up).
    auto *left = new QVBoxLayout;
    left->addLayout(buttons);
    left->addWidget(m_progress);
    left->addWidget(m_status);
    left->addWidget(m_note);
    left->addWidget(m_warningBox);
    left->addWidget(formArea, 3);
    left->addWidget(m_log, 1);
    m_log->setMinimumHeight(60);
    m_liveCheck = new QCheckBox(tr("&Live view inside the network"));
    m_liveCheck->setObjectName(QStringLiteral("liveView"));
    m_liveCheck->setToolTip(tr("After each epoch: the first layer's filters and what they make "
                               "of one test image (costs well under 1 % of the training time)"));
    left->addWidget(m_liveCheck);
    return left;
}

void TrainingPanel::readForm(experiment::StageConfig &s) const
{
    s.name = m_stageName->text().trimmed().toStdString();
    if (s.name.empty())
        s.name = "stage " + std::to_string(m_current + 1);
    s.freeze = m_freeze->text().trimmed().toStdString();
    s.epochs = m_epochs->value();
    s.batchSize = m_batch->value();
    s.optimizer.name = m_optimizer->currentData().toString().toStdString();
    s.optimizer.lr = m_lr->value();
    s.optimizer.momentum = m_momentum->isEnabled() ? m_momentum->value() : 0.0;
    s.optimizer.nesterov = m_nesterov->isEnabled() && m_nesterov->isChecked();
    s.optimizer.weightDecay = m_weightDecay->value();
    s.classWeights = m_classWeights->currentData().toString().toStdString();
    s.schedule.type = m_schedule->currentData().toString().toStdString();
    s.earlyStopping.enabled = m_early->isChecked();
    s.earlyStopping.patience = m_patience->value();
}

std::vector<experiment::StageConfig> TrainingPanel::stages() const
{
    std::vector<experiment::StageConfig> out = m_stages;
    readForm(out[std::size_t(m_current)]);
    return out;
}

void TrainingPanel::setStages(const std::vector<experiment::StageConfig> &stages)
{
    m_stages =
        stages.empty() ? std::vector<experiment::StageConfig>{experiment::StageConfig{}} : stages;
    m_current = 0;
    writeForm(m_stages.front());
    refreshStageBox();
}

void TrainingPanel::selectStage(int index)
{
    if (index < 0 || index >= int(m_stages.size()))
        return;
    readForm(m_stages[std::size_t(m_current)]);
    m_current = index;
    writeForm(m_stages[std::size_t(index)]);
    refreshStageBox();
}

void TrainingPanel::addStage()
{
    readForm(m_stages[std::size_t(m_current)]);
    experiment::StageConfig next = m_stages.back();
    next.name = m_stages.size() == 1 ? "fine-tune" : "stage " + std::to_string(m_stages.size() + 1);
    next.freeze = "none";
    next.optimizer.lr = m_stages.back().optimizer.lr / 10.0;
    if (m_stages.size() == 1 && m_stages.front().name == "train")
        m_stages.front().name = "head";
    m_stages.push_back(next);
    m_current = int(m_stages.size()) - 1;
    writeForm(m_stages.back());
    refreshStageBox();
}

void TrainingPanel::setClassWeights(const std::string &mode)
{
    readForm(m_stages[std::size_t(m_current)]);
    for (auto &stage : m_stages)
        stage.classWeights = mode;
    writeForm(m_stages[std::size_t(m_current)]);
}

void TrainingPanel::removeStage()
{
    if (m_stages.size() <= 1)
        return;
    m_stages.erase(m_stages.begin() + m_current);
    m_current = std::min(m_current, int(m_stages.size()) - 1);
    writeForm(m_stages[std::size_t(m_current)]);
    refreshStageBox();
}

void TrainingPanel::refreshStageBox()
{
    QSignalBlocker block(m_stageBox);
    m_stageBox->clear();
    for (std::size_t i = 0; i < m_stages.size(); ++i) {
        const auto &s = m_stages[i];
        m_stageBox->addItem(tr("%1 · %2").arg(i + 1).arg(QString::fromStdString(s.name)));
        m_stageBox->setItemData(
            int(i),
            tr("%1 epochs, freeze %2, %3 at %4")
                .arg(s.epochs)
                .arg(s.freeze.empty() ? tr("as before") : QString::fromStdString(s.freeze))
                .arg(QString::fromStdString(s.optimizer.name))
                .arg(s.optimizer.lr),
            Qt::ToolTipRole);
    }
    m_stageBox->setCurrentIndex(m_current);
    m_removeStage->setEnabled(m_stages.size() > 1);
}

void TrainingPanel::writeForm(const experiment::StageConfig &s)
{
    m_stageName->setText(QString::fromStdString(s.name));
    m_freeze->setText(QString::fromStdString(s.freeze));
    m_schedule->setCurrentIndex(
        std::max(0, m_schedule->findData(QString::fromStdString(s.schedule.type))));
    m_early->setChecked(s.earlyStopping.enabled);
    m_patience->setValue(s.earlyStopping.patience);
    m_epochs->setValue(s.epochs);
    m_batch->setValue(s.batchSize);
    m_optimizer->setCurrentIndex(
        std::max(0, m_optimizer->findData(QString::fromStdString(s.optimizer.name))));
    m_lr->setValue(s.optimizer.lr);
    m_momentum->setValue(s.optimizer.momentum);
    m_nesterov->setChecked(s.optimizer.nesterov);
    m_weightDecay->setValue(s.optimizer.weightDecay);
    m_classWeights->setCurrentIndex(
        std::max(0, m_classWeights->findData(QString::fromStdString(s.classWeights))));
}

int TrainingPanel::threads() const
{
    return m_threads->value();
}

void TrainingPanel::setThreads(int threads)
{
    m_threads->setValue(std::max(0, threads));
}

QString TrainingPanel::runName() const
{
    return m_runName->text();
}

void TrainingPanel::setRunName(const QString &name)
{
    m_runName->setText(name);
}

std::uint64_t TrainingPanel::seed() const
{
    return std::uint64_t(m_seed->value());
}
void TrainingPanel::setSeed(std::uint64_t seed)
{
    m_seed->setValue(int(seed));
}
void TrainingPanel::setDeviceText(const QString &text)
{
    m_device->setText(text);
}

void TrainingPanel::setPresentation(bool on)
{
    for (MetricChart *c : {m_loss, m_accuracy, m_lrChart}) {
        c->setLineWidth(on ? 4.0 : 2.0);
        c->setTextPixelSize(on ? 20 : 12);
        c->setYTitleVisible(!on); // the chart's title says it; the curves get the room
    }
    // Simplified for the back row: the two curves that matter, no learning-rate chart.
    m_presentation = on;
    arrangeCharts(m_liveCheck->isChecked());
    // The form's fields keep their right edge at the larger text size.
    if (auto *area = findChild<QScrollArea *>(QStringLiteral("hyperparameters")))
        QTimer::singleShot(0, area, [area] {
            area->setMinimumWidth(area->widget()->minimumSizeHint().width() +
                                  area->verticalScrollBar()->sizeHint().width() + 4);
        });
    QFont status = font();
    if (on)
        status.setPixelSize(20);
    m_status->setFont(status);
    m_warningBox->setFont(status);
}

void TrainingPanel::setRunning(bool running)
{
    m_running = running;
    if (running)
        m_stopPresses = 0;
    m_start->setEnabled(!running);
    m_pause->setEnabled(running);
    m_stop->setEnabled(running);
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_epochs, m_batch, m_optimizer, m_lr, m_momentum, m_nesterov, m_weightDecay,
             m_classWeights, m_seed, m_stageBox, m_stageName, m_freeze, m_schedule, m_early,
             m_patience, m_addStage, m_removeStage, m_runName, m_threads})
        w->setEnabled(!running);
    if (!running) {
        const QString o = m_optimizer->currentData().toString();
        m_momentum->setEnabled(o == "sgd" || o == "rmsprop");
        m_nesterov->setEnabled(o == "sgd");
        m_patience->setEnabled(m_early->isChecked());
        m_removeStage->setEnabled(m_stages.size() > 1);
    }
    if (running) {
        m_flushTimer->start();
    } else {
        flush();
        m_flushTimer->stop();
        setPaused(false);
    }
}

void TrainingPanel::setPaused(bool paused)
{
    m_paused = paused;
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    if (paused)
        m_status->setText(tr("Paused. Resume to go on from the same batch."));
}

void TrainingPanel::onNetworkView(const train::NetworkView &view)
{
    if (m_liveCheck->isChecked())
        m_liveView->showView(view);
}

void TrainingPanel::onStageStarted(int stage, const QString &name, int epochs)
{
    Q_UNUSED(stage)
    m_progress->setRange(0, 1000);
    m_log->appendPlainText(
        tr("Stage %1 (%2): %n epoch(s)", nullptr, epochs).arg(stage + 1).arg(name));
}

void TrainingPanel::onBatch(const train::BatchProgress &p)
{
    // Charts count epochs across stages, from the trainer's own numbering: a resumed run's
    // batches land on the same x as its epoch points.
    const double within = double(p.batch) / double(std::max<std::int64_t>(1, p.batches));
    const double x = (p.globalEpoch - 1) + within;
    noteStage(p.stage, p.globalEpoch - p.epoch);
    // Exponential smoothing of the latest batches' values (not the epoch's running mean, which
    // jumps at every epoch start), as TensorBoard's slider does.
    m_smoothLoss = m_smoothLoss < 0 ? p.recentLoss : 0.8 * m_smoothLoss + 0.2 * p.recentLoss;
    m_smoothAcc = m_smoothAcc < 0 ? p.recentAccuracy : 0.8 * m_smoothAcc + 0.2 * p.recentAccuracy;
    m_pendingLoss << QPointF(x, m_smoothLoss);
    m_pendingAcc << QPointF(x, m_smoothAcc);
    m_pendingLr << QPointF(x, p.learningRate);
    m_phase.clear(); // training again: the next pass starts its own clock
    const double frac =
        (double(p.epoch - 1) + double(p.batch) / double(std::max<std::int64_t>(1, p.batches))) /
        double(std::max(1, p.epochs));
    m_progress->setValue(int(frac * 1000));
    m_progress->setFormat(
        tr("epoch %1/%2 · batch %3/%4").arg(p.epoch).arg(p.epochs).arg(p.batch).arg(p.batches));
    announceProgress(int(p.epoch), p.epochs, int(frac * 100));
    if (!m_paused)
        m_status->setText(tr("loss %L1 · accuracy %L2 · %L3 images/s · lr %L4 · ETA %5")
                              .arg(p.loss, 0, 'f', 4)
                              .arg(p.accuracy, 0, 'f', 4)
                              .arg(p.imagesPerSecond, 0, 'f', 0)
                              .arg(p.learningRate, 0, 'g', 3)
                              .arg(clockText(p.etaSeconds)));
}

void TrainingPanel::announceProgress(int epoch, int epochs, int percent)
{
    const QLocale locale;
    const QString text =
        tr("epoch %1 of %2, %3 %")
            .arg(locale.toString(epoch), locale.toString(epochs), locale.toString(percent));
    if (m_progress->accessibleDescription() == text)
        return;
    a11y::describe(m_progress, text);
    a11y::announceValue(m_progress, m_progress->value());
}

void TrainingPanel::setTrainingImages(qint64 count)
{
    m_trainingImages = count;
    clampBatch();
}

void TrainingPanel::clampBatch()
{
    // A batch larger than the training set is one batch of every image: say so, and show the
    // size that will be used.
    if (m_trainingImages <= 0 || m_batch->value() <= m_trainingImages)
        return;
    const int asked = m_batch->value();
    m_batch->setValue(int(std::min<qint64>(m_trainingImages, m_batch->maximum())));
    m_note->say(tr("Batch size %1 is more than the %2 training images: it is now %3, one batch "
                   "of every image per epoch.")
                    .arg(QLocale().toString(asked), QLocale().toString(m_trainingImages),
                         QLocale().toString(m_batch->value())));
}

void TrainingPanel::clearWarnings()
{
    m_warningTexts.clear();
    m_warningBox->clear();
    m_warningBox->setVisible(false);
}

void TrainingPanel::onWarning(const QString &text)
{
    if (m_warningTexts.contains(text))
        return;
    m_warningTexts << text;
    QStringList html;
    for (const QString &t : m_warningTexts)
        html << QStringLiteral("⚠ ") + t.toHtmlEscaped();
    m_warningBox->setText(html.join(QStringLiteral("<br>")));
    m_warningBox->setVisible(true);
    m_log->appendPlainText(tr("Warning: %1").arg(text));
}

void TrainingPanel::setFreezeProblem(const QString &reason)
{
    m_freeze->setStyleSheet(
        reason.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 2px solid #c0392b; }"));
    m_freeze->setToolTip(reason.isEmpty()
                             ? tr("Frozen layers keep their weights: only the rest learns. "
                                  "Applied when the stage starts: backbone, none, before:LAYER "
                                  "(e.g. before:block5_conv1), all-but-last:N or layer paths")
                             : reason);
    if (!reason.isEmpty())
        m_status->setText(
            QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(reason.toHtmlEscaped()));
}

void TrainingPanel::onMessage(const QString &text)
{
    m_log->appendPlainText(text);
    m_status->setText(text);
}

void TrainingPanel::onFinished(double testAccuracy, double testLoss, int stoppedAfterEpochs)
{
    m_progress->setValue(1000);
    m_progress->setFormat(stoppedAfterEpochs > 0 ? tr("stopped") : tr("done"));
    QString text = tr("Test accuracy %1, loss %2. See the Results tab.")
                       .arg(testAccuracy, 0, 'f', 4)
                       .arg(testLoss, 0, 'f', 4);
    if (stoppedAfterEpochs > 0)
        text =
            tr("Stopped: the run keeps its %n completed epoch(s).", nullptr, stoppedAfterEpochs) +
            QLatin1Char(' ') + text;
    m_status->setText(text);
    m_log->appendPlainText(text);
}

void TrainingPanel::onPhase(const train::PhaseProgress &p)
{
    static const QMap<QString, QString> names = {
        {QStringLiteral("validation"), QObject::tr("validating")},
        {QStringLiteral("confusion"), QObject::tr("epoch's confusion matrix")},
        {QStringLiteral("test"), QObject::tr("testing")},
        {QStringLiteral("features"), QObject::tr("backbone features")}};
    const QString phase = QString::fromStdString(p.phase);
    if (phase != m_phase || p.done < m_phaseDone) { // a new pass: its own clock
        m_phase = phase;
        m_phaseClock.start();
    }
    m_phaseDone = p.done;
    const double frac = p.total > 0 ? double(p.done) / double(p.total) : 0.0;
    const QString counts =
        tr("%1 / %2 images")
            .arg(QLocale().toString(qlonglong(p.done)), QLocale().toString(qlonglong(p.total)));
    if (phase == "test") {
        m_progress->setValue(int(frac * 1000));
        m_progress->setFormat(tr("testing · %1").arg(counts));
    } else {
        m_progress->setFormat(tr("%1 · %2").arg(names.value(phase, phase), counts));
    }
    // The status line tells this pass's own time left: the last batch's ETA (often 0:00 after
    // the last epoch's training) is not the truth while the pass runs.
    if (m_paused)
        return;
    const double elapsed = double(m_phaseClock.elapsed()) / 1000.0;
    QString eta = tr("estimating the time left…");
    if (p.done > 0 && elapsed > 0.5)
        eta = tr("ETA %1").arg(clockText(elapsed / double(p.done) * double(p.total - p.done)));
    m_status->setText(tr("%1 · %2 · %3").arg(names.value(phase, phase), counts, eta));
}

void TrainingPanel::onDiscarded()
{
    m_progress->setValue(0);
    m_progress->setFormat(tr("stopped"));
    const QString text = tr("Stopped before the first epoch ended: nothing was saved.");
    m_status->setText(text);
    m_log->appendPlainText(text);
}

void TrainingPanel::onInterrupted(int epochs, const QString &runDir)
{
    m_progress->setFormat(tr("stopped"));
    const QString text = tr("Stopped during the test evaluation. The run keeps its %n completed "
                            "epoch(s) and is not finished: resume it from the Runs tab.",
                            nullptr, epochs);
    m_status->setText(text);
    m_log->appendPlainText(text + QStringLiteral(" (%1)").arg(runDir));
}

void TrainingPanel::setWaitingForData(const QString &what)
{
    m_progress->setRange(0, 0); // busy
    m_progress->setFormat(QString());
    m_status->setText(
        tr("Waiting for %1 to load; training starts as soon as it is ready…").arg(what));
}

void TrainingPanel::clearRefusal()
{
    // The settings changed since Start was refused: its reason may no longer hold.
    if (!m_refused || m_running)
        return;
    m_refused = false;
    m_status->setText(tr("Ready."));
}

void TrainingPanel::showRefusal(const QString &reason)
{
    clearWarnings(); // they were about an earlier run
    m_refused = true;
    m_progress->setRange(0, 1000);
    m_status->setText(
        QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(reason.toHtmlEscaped()));
    m_log->appendPlainText(tr("Not started: %1").arg(reason));
}

void TrainingPanel::onFailed(const QString &error)
{
    m_status->setText(
        QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(error.toHtmlEscaped()));
    m_log->appendPlainText(tr("Failed: %1").arg(error));
}

} // namespace tl::ui
