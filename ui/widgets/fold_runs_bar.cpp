#include "widgets/fold_runs_bar.h"

#include "a11y/accessibility.h"
#include "format/clock_text.h"
#include "session/run_queue.h"
#include "widgets/background.h"

#include "analysis/label_folds.h"
#include "rundir/run_dir.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <numeric>

namespace tl::ui {

struct FoldRunsBar::Job
{
    std::atomic<bool> cancel{false};
    std::atomic<int> permille{0};
    runs::SuspicionReport report; // read by the GUI thread once the job has finished
    std::string basis;
    bool stopped = false;
};

namespace {

constexpr std::size_t kListed = 300; // as the panel's other lists

int totalEpochs(const experiment::ExperimentConfig &c)
{
    return std::accumulate(c.stages.begin(), c.stages.end(), 0,
                           [](int n, const experiment::StageConfig &s) { return n + s.epochs; });
}

} // namespace

FoldRunsBar::FoldRunsBar(QWidget *parent)
    : QWidget(parent), m_text(new QLabel), m_button(new QPushButton), m_poll(new QTimer(this))
{
    m_text->setWordWrap(true);
    m_button->setObjectName(QStringLiteral("foldRunsButton"));
    // Its text is its accessible name (refresh() changes it with the runs' state).
    m_button->setText(tr("Score with %1 short runs…").arg(runs::LabelFoldOptions{}.folds));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_button);
    connect(m_button, &QPushButton::clicked, this, &FoldRunsBar::confirm);
    m_poll->setInterval(200);
    connect(m_poll, &QTimer::timeout, this, &FoldRunsBar::refresh);
    hide();
}

FoldRunsBar::~FoldRunsBar()
{
    if (m_job)
        m_job->cancel = true;
}

void FoldRunsBar::setQueue(RunQueue *queue)
{
    if (m_queue)
        disconnect(m_queue, nullptr, this, nullptr);
    m_queue = queue;
    if (!queue)
        return;
    // A fold run that ended (finished, failed or stopped) and the progress of those running.
    connect(queue, &RunQueue::runEnded, this, [this] { refresh(); });
    connect(queue, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &row) {
        // Only this run's fold runs: a sweep's rows change twice a second each.
        if (m_active && m_queue->item(row.row()).runDir.startsWith(m_runDir + QLatin1Char('/')))
            refresh();
    });
}

void FoldRunsBar::clear()
{
    if (m_job)
        m_job->cancel = true;
    m_job.reset();
    m_poll->stop();
    ++m_generation;
    m_active = false;
    m_runDir.clear();
    m_data.reset();
    m_features.reset();
    m_plan = {};
    m_problem.clear();
    hide();
}

void FoldRunsBar::setRun(const QString &runDir, std::shared_ptr<const data::DatasetSplits> data,
                         std::shared_ptr<const runs::RunFeatures> features, bool headOnly,
                         bool fromRuns)
{
    clear();
    if (!data || !features || headOnly || fromRuns)
        return;
    try {
        const runs::RunDir dir(runDir.toStdString());
        m_base = experiment::ExperimentConfig::fromFile(dir.config());
        m_summary = runs::RunSummary::fromFile(dir.summary());
        // Stratified folds over the labels: milliseconds for 60,000 images.
        m_plan = runs::planFoldRuns(*features, runs::LabelFoldOptions{});
    } catch (const std::exception &e) {
        Q_EMIT failed(tr("Cannot plan the fold runs: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    m_runDir = QDir::cleanPath(runDir);
    m_data = std::move(data);
    m_features = std::move(features);
    m_active = true;
    show();
    refresh();
}

std::vector<std::string> FoldRunsBar::foldDirs() const
{
    std::vector<std::string> dirs;
    for (int k = 0; k < m_plan.folds; ++k)
        dirs.push_back(runs::foldRunDir(m_runDir.toStdString(), k));
    return dirs;
}

int FoldRunsBar::finishedFolds() const
{
    int n = 0;
    for (const std::string &dir : foldDirs())
        n += runs::RunDir(dir).isFinished();
    return n;
}

int FoldRunsBar::queuedFolds() const
{
    if (!m_queue)
        return 0;
    int n = 0;
    const std::vector<std::string> dirs = foldDirs();
    for (int r = 0; r < m_queue->count(); ++r) {
        const RunQueue::Item it = m_queue->item(r);
        const bool waiting = it.state == RunQueue::State::Queued ||
                             it.state == RunQueue::State::Running ||
                             it.state == RunQueue::State::Stopping;
        if (waiting && std::find(dirs.begin(), dirs.end(),
                                 QDir::cleanPath(it.runDir).toStdString()) != dirs.end())
            ++n;
    }
    return n;
}

QString FoldRunsBar::text() const
{
    return m_text->text();
}

int FoldRunsBar::epochsOf(int epochsPerRun) const
{
    experiment::ExperimentConfig c = m_base;
    runs::shortenFoldRun(c, epochsPerRun);
    return totalEpochs(c);
}

double FoldRunsBar::estimateSeconds(int epochsPerRun) const
{
    experiment::ExperimentConfig c = m_base;
    runs::shortenFoldRun(c, epochsPerRun);
    return runs::estimateFoldRunSeconds(m_summary, c, m_plan.folds);
}

// What the bar says: why the scores are partly in sample and what the fold runs are doing.
void FoldRunsBar::refresh()
{
    if (!m_active)
        return;
    const int k = m_plan.folds;
    if (m_job) {
        m_text->setText(tr("Scoring every image with the %1 fold runs: %2 %…")
                            .arg(k)
                            .arg(m_job->permille / 10));
        m_button->setEnabled(false);
        return;
    }
    const int done = finishedFolds();
    const int waiting = queuedFolds();
    if (done == k && m_problem.isEmpty()) {
        startScoring();
        return;
    }
    m_button->setText(done > 0 ? tr("Continue the %1 short runs…").arg(k)
                               : tr("Score with %1 short runs…").arg(k));
    m_button->setEnabled(waiting == 0);
    // One or two short lines (a projector's side panel is narrow); why, in the tooltip.
    m_text->setToolTip(tr("These scores are partly in sample: the backbone trained on these "
                          "labels, so its features have seen them.") +
                       QLatin1Char(' ') +
                       tr("%1 short runs of the experiment, each leaving a fold out, score "
                          "every image by a model that never trained on it.")
                           .arg(k));
    if (waiting > 0)
        m_text->setText(tr("The %1 fold runs are in the Queue tab: %2 finished, %3 to go.")
                            .arg(k)
                            .arg(done)
                            .arg(k - done));
    else if (!m_problem.isEmpty())
        m_text->setText(tr("The fold runs could not be scored: %1").arg(m_problem));
    else if (done > 0)
        m_text->setText(
            tr("Partly in sample; %1 of the %2 fold runs finished earlier.").arg(done).arg(k));
    else
        m_text->setText(tr("Partly in sample: the backbone learnt these labels too."));
    m_button->setToolTip(
        tr("Queue %1 runs of this experiment in the Queue tab, each trained without one fold "
           "of the training images; finished ones are kept when they are queued again.")
            .arg(k));
}

void FoldRunsBar::confirm()
{
    if (!m_active || m_job)
        return;
    const int k = m_plan.folds;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Score with %1 short runs").arg(k));
    auto *intro = new QLabel(
        tr("%1 runs of this experiment, each trained on %2 % of its training images and "
           "scoring the other %3 %, so that every image is scored by a model that never saw "
           "its label. They run in the Queue tab; Cancel there stops them, and queued again "
           "they continue where they stopped.")
            .arg(k)
            .arg(100 * (k - 1) / k)
            .arg(100 / k));
    intro->setWordWrap(true);
    auto *epochs = new QSpinBox;
    epochs->setObjectName(QStringLiteral("foldRunEpochs"));
    epochs->setRange(1, std::max(1000, epochsOf(0)));
    epochs->setValue(epochsOf(0));
    a11y::name(epochs, tr("Epochs per run"));
    auto *estimate = new QLabel;
    estimate->setObjectName(QStringLiteral("foldRunEstimate"));
    estimate->setWordWrap(true);
    const int left = k - finishedFolds(); // queued again: the finished ones are skipped
    auto update = [this, k, left, epochs, estimate] {
        const double each = estimateSeconds(epochs->value());
        if (left < k && each >= 0) {
            estimate->setText(tr("%n run(s) left of %1 epochs each: about %2, one after another "
                                 "(at this run's own speed); the finished ones are kept.",
                                 "", left)
                                  .arg(epochsOf(epochs->value()))
                                  .arg(clockText(left * each)));
            return;
        }
        estimate->setText(
            each < 0 ? tr("%1 runs of %2 epochs each; this run's summary gives no times to "
                          "estimate from.")
                           .arg(k)
                           .arg(epochsOf(epochs->value()))
                     : tr("%1 runs of %2 epochs each: about %3 in all, one after another "
                          "(about %4 each, at this run's own speed).")
                           .arg(k)
                           .arg(epochsOf(epochs->value()))
                           .arg(clockText(k * each), clockText(each)));
    };
    connect(epochs, &QSpinBox::valueChanged, &dialog, update);
    update();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->addButton(tr("Queue %1 runs").arg(k), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(tr("Epochs per run:"), epochs);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(estimate);
    layout->addWidget(buttons);
    if (dialog.exec() == QDialog::Accepted)
        queueFoldRuns(epochs->value() == epochsOf(0) ? 0 : epochs->value());
}

int FoldRunsBar::queueFoldRuns(int epochsPerRun)
{
    if (!m_active || !m_queue)
        return 0;
    int willRun = 0;
    try {
        const std::string run = m_runDir.toStdString();
        // Folders made for other folds (the CLI's --folds 2, say) would score images in sample.
        for (const std::string &stale : runs::staleFoldRuns(run, m_base, m_plan))
            std::filesystem::remove_all(stale);
        std::vector<runs::PointSpec> points =
            runs::foldRunPoints(run, m_base, m_plan, epochsPerRun);
        const QString folder = QDir(m_runDir).dirName();
        for (std::size_t k = 0; k < points.size(); ++k)
            points[k].name = tr("label check %1/%2 · %3")
                                 .arg(k + 1)
                                 .arg(points.size())
                                 .arg(folder)
                                 .toStdString();
        const double each =
            points.empty()
                ? -1
                : runs::estimateFoldRunSeconds(m_summary, points.front().config, m_plan.folds);
        willRun = m_queue->addResumable(points, each);
    } catch (const std::exception &e) {
        Q_EMIT failed(tr("Cannot queue the fold runs: %1").arg(QString::fromStdString(e.what())));
        return 0;
    }
    m_problem.clear();
    Q_EMIT queued(willRun);
    refresh();
    return willRun;
}

// Every image's probabilities from the fold run that left it out, on a background thread; the
// scores cached in the run folder as the CLI caches them.
void FoldRunsBar::startScoring()
{
    auto job = std::make_shared<Job>();
    m_job = job;
    m_poll->start();
    refresh();
    const auto features = m_features;
    const auto data = m_data;
    const runs::FoldRunPlan plan = m_plan;
    const std::vector<std::string> dirs = foldDirs();
    const int generation = m_generation;
    runInBackground<FoldRunsBar>(
        this,
        [job, features, data, plan, dirs] {
            const runs::FeatureProgress progress = [job](double fraction, const std::string &) {
                job->permille = int(1000 * fraction);
                return !job->cancel && !BackgroundJobs::cancelled();
            };
            const runs::OutOfSampleProbabilities scores =
                runs::probabilitiesFromFoldRuns(*features, *data, plan, dirs, progress);
            if (scores.stopped) {
                job->stopped = true;
                return;
            }
            runs::writeOutOfSampleCache(*features, runs::LabelFoldOptions{}, scores);
            job->report = runs::suspiciousLabelsOutOfSample(*features, scores, *data, kListed);
            job->basis = scores.basis;
        },
        [job, generation](FoldRunsBar *self, const QString &error) {
            if (generation != self->m_generation) // another run was opened meanwhile
                return;
            self->m_job.reset();
            self->m_poll->stop();
            if (!error.isEmpty()) {
                self->m_problem = error;
                self->refresh();
                Q_EMIT self->failed(error);
                return;
            }
            if (job->stopped) {
                self->m_problem = tr("stopped");
                self->refresh();
                return;
            }
            self->m_active = false;
            self->hide();
            Q_EMIT self->scored(job->report, QString::fromStdString(job->basis),
                                self->m_plan.folds);
        });
}

} // namespace tl::ui
