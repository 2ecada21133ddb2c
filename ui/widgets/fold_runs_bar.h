#pragma once

#include "analysis/label_fold_runs.h"
#include "analysis/run_inspect.h"
#include "experiment/experiment_config.h"
#include "rundir/run_summary.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTimer;
QT_END_NAMESPACE

namespace tl::data {
struct DatasetSplits;
}

namespace tl::ui {

class RunQueue;

// Results → Feature space → Suspicious labels for a run whose backbone trained on the labels
// (issue 28): the K-fold heads' scores are out of sample for the head only, so this bar offers
// K short runs of the experiment, each leaving a fold out (label_fold_runs.h). They are queued
// in the window's Queue tab through its scheduler (progress there, Cancel stops them; finished
// folds are skipped and stopped ones resumed when queued again, after a restart too). When the
// K runs have finished it scores every image by the run that never saw it, off the GUI thread,
// caches the scores in the run folder as `inspect --fold-runs` does (label_folds.safetensors,
// read by `inspect --suspicious` and by this window alike) and hands the ranked list on.
class FoldRunsBar : public QWidget
{
    Q_OBJECT

public:
    explicit FoldRunsBar(QWidget *parent = nullptr);
    ~FoldRunsBar() override;

    // The queue the fold runs go to (the Workbench's).
    void setQueue(RunQueue *queue);
    // The run, its data and features. Hidden when the heads' scores are out of sample already
    // (`headOnly`: the backbone never trained) or when the scores came from the fold runs.
    void setRun(const QString &runDir, std::shared_ptr<const data::DatasetSplits> data,
                std::shared_ptr<const runs::RunFeatures> features, bool headOnly, bool fromRuns);
    void clear();

    int folds() const { return m_plan.folds; }
    // The epochs of one fold run (over its stages) when `epochsPerRun` is asked (0: the run's).
    int epochsOf(int epochsPerRun) const;
    // How long one fold run of `epochsPerRun` epochs should take (-1: not known).
    double estimateSeconds(int epochsPerRun) const;
    // "Score with 5 short runs…": a confirmation stating K, the epochs per run and the time;
    // its Queue button queues them.
    void confirm();
    // Queues the fold runs (0 epochs: as the run trained) without asking; how many will run.
    int queueFoldRuns(int epochsPerRun);
    // The fold runs that have finished (their summary.json is there).
    int finishedFolds() const;
    bool scoring() const { return bool(m_job); }
    QPushButton *button() const { return m_button; }
    QString text() const;

Q_SIGNALS:
    // Every training and validation image scored by the fold run that left it out, least
    // likely label first (300 at most), with what the scores are (`basis`).
    void scored(const tl::runs::SuspicionReport &report, const QString &basis, int folds);
    void queued(int runs);
    void failed(const QString &error);

private:
    struct Job;
    void refresh();
    void startScoring();
    std::vector<std::string> foldDirs() const;
    int queuedFolds() const; // queued or running in the Queue tab

    RunQueue *m_queue = nullptr;
    QString m_runDir;
    std::shared_ptr<const data::DatasetSplits> m_data;
    std::shared_ptr<const runs::RunFeatures> m_features;
    experiment::ExperimentConfig m_base; // the run's config.json
    runs::RunSummary m_summary;          // its summary.json (the times)
    runs::FoldRunPlan m_plan;
    bool m_active = false;      // the bar applies to this run (fine-tuned, not scored by runs)
    QString m_problem;          // why scoring failed last ("" when it did not)
    std::shared_ptr<Job> m_job; // the scoring under way
    int m_generation = 0;
    QLabel *m_text;
    QPushButton *m_button;
    QTimer *m_poll;
};

} // namespace tl::ui
