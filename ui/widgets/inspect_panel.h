#pragma once

#include "analysis/run_inspect.h"
#include "data/dataset.h"
#include "inference/run_features.h"
#include "widgets/label_fix_list.h"

#include <QImage>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QHBoxLayout;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;
QT_END_NAMESPACE

namespace tl::ui {

class DataHealthPanel;
class EmbeddingView;
class FoldRunsBar;
class ImageListModel;
class LabelFixBar;
class RunQueue;

// Results → Feature space: what the trained network's penultimate layer makes of the images.
// The test set as a 2-D map (PCA at once, t-SNE on request), each dot an image; clicking one shows
// it with its top-5 and its nearest training images; a lasso lists the dots inside; the training
// labels the model finds least likely, to mark and export or leave out of the next run. Computed
// on a background thread from the run folder (features.safetensors caches the features).
class InspectPanel : public QWidget
{
    Q_OBJECT

public:
    explicit InspectPanel(QWidget *parent = nullptr);
    ~InspectPanel() override;

    // The run to look at and its data (null: images unavailable; the panel says so). Nothing is
    // computed until compute() (the Results panel calls it when this page is first shown).
    void setRun(const QString &runDir, std::shared_ptr<const data::DatasetSplits> data);
    void compute();
    void computeTsne();
    void cancel();
    void setLargeText(bool on);
    // The queue that trains the label check's fold runs for a fine-tuned run (FoldRunsBar).
    void setQueue(RunQueue *queue);

    bool ready() const { return bool(m_features); }
    EmbeddingView *map() const { return m_map; }
    QListView *selectionView() const { return m_selectionView; }
    ImageListModel *selectionModel() const { return m_selection; }
    ImageListModel *neighboursModel() const { return m_neighbours; }
    ImageListModel *suspectsModel() const { return m_suspects; }
    QListView *suspectsView() const { return m_suspectsView; }
    // The image shown beside the map: its split and row (-1: none).
    std::pair<QString, qint64> shownImage() const { return {m_shownSplit, m_shownRow}; }
    void showImage(const QString &split, qint64 row);
    // Marks the suspicious images selected in their gallery ("wrong label": the suggested class,
    // "ambiguous", "leave out", "→ CLASS": relabel as CLASS, "": none); the pending fixes follow.
    void markSelected(const QString &mark);
    void relabelSelected(int classIndex);
    // The suspicious labels from the out-of-sample K-fold scores (true, the default) or the
    // model's own in-sample view (quick). Marks stay on the images that are in both lists.
    void setOutOfSample(bool on);
    // The list shown: kOutOfSample, kInSample or kTestImages (the score chooser's items).
    enum ScoreList { kOutOfSample = 0, kInSample = 1, kTestImages = 2 };
    void showScores(int list);
    bool outOfSample() const;
    const runs::SuspicionReport &report() const { return m_report; }
    std::vector<LabelFixList::Pending> pendingFixes() const;
    LabelFixList *fixList() const { return m_fixes; }
    // The label fixes of the images selected on the map (test images; as the confusion
    // gallery's): the selected ones of the "On the map" gallery, all of them after a lasso.
    LabelFixBar *mapFixBar() const { return m_mapFixBar; }
    void fixMapSelection(tl::runs::FixAction action, int newClass = -1);
    // The pending fixes: the Suspicious labels tab, where they are listed.
    void showFixes();
    DataHealthPanel *healthPanel() const { return m_health; }
    FoldRunsBar *foldRuns() const { return m_foldRuns; }
    // The out-of-sample list came from K runs of the experiment (label_fold_runs.h), not heads.
    bool scoresFromRuns() const { return m_oosFromRuns; }
    std::vector<runs::MarkedImage> marked() const;
    // The marked list as CSV into `file` (tl::Error shown by the caller).
    void exportMarked(const QString &file) const;

Q_SIGNALS:
    void featuresReady();
    void mapReady();
    void failed(const QString &error);
    void explainRequested(const QString &runDir, const QImage &image, const QString &title);
    // Training images (their indices) to leave out of the next run.
    void excludeRequested(const std::vector<std::int64_t> &indices);
    // Queue a run of this experiment with the applied label fixes.
    void retrainRequested(const tl::experiment::ExperimentConfig &config);

private:
    QHBoxLayout *buildTop();
    QWidget *buildSide();
    QWidget *buildSuspectsPage();
    QWidget *buildMarkButtons();
    QWidget *buildSelectionPage();
    std::vector<int> chosenMapRows() const; // rows of the "On the map" gallery
    void syncMapFixes();
    void syncFixes();
    void connectViews();
    void showScoreChoices();
    void takeFoldRunScores(const runs::SuspicionReport &report, const QString &basis, int folds);
    struct Job; // what a background computation shares with the panel
    void startJob(bool tsne);
    void finishJob(const QString &error);
    void showMap();
    void showSuspects();
    QString suspectToolTip(const runs::SuspectLabel &s, bool outOfSampleList) const;
    QString detailText(const QString &split, qint64 row) const;
    QString probabilityLine(const std::vector<float> &p, int label) const;
    void showSelection(const std::vector<int> &rows);
    QImage imageOf(const QString &split, qint64 row) const;
    // What makes that image, holding what it reads (a gallery runs it on another thread).
    std::function<QImage()> imageJob(const QString &split, qint64 row) const;
    QString className(int c) const;
    // The Suspicious labels tab's name: short, with the number of fixes pending.
    static QString labelsTabTitle(int pending);
    // A probability as a caption shows it: "< 0.1 %" rather than "0.0 %" for the tiny ones (out
    // of sample a wrong label's is often 1e-20), "> 99.9 %", else "2.3 %" or "87 %".
    static QString percentText(double p);

    QString m_runDir;
    std::shared_ptr<const data::DatasetSplits> m_data;
    std::shared_ptr<const runs::RunFeatures> m_features;
    std::shared_ptr<const runs::Embedding> m_embedding;
    // Refers to m_features and m_data: declared after them, reset before them.
    std::shared_ptr<const runs::NeighbourIndex> m_index;
    runs::SuspicionReport m_report, m_quickReport, m_oosReport, m_testReport;
    const runs::SuspicionReport &scoresShown() const; // the chooser's list
    QString m_oosBasis;
    bool m_haveOutOfSample = false;
    bool m_oosFromRuns = false;
    int m_oosFolds = 5;
    std::shared_ptr<Job> m_job;
    int m_generation = 0;

    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_computeButton, *m_tsneButton, *m_cancelButton;
    QTimer *m_poll;
    EmbeddingView *m_map;
    QLabel *m_image, *m_imageText;
    QPushButton *m_explainButton;
    QWidget *m_detailBox; // the image shown and its text, under the map
    QTabWidget *m_side;
    QListView *m_selectionView, *m_neighboursView, *m_suspectsView;
    ImageListModel *m_selection, *m_neighbours, *m_suspects;
    QLabel *m_neighboursTitle, *m_suspectsTitle;
    QComboBox *m_scores;
    QPushButton *m_relabelButton;
    LabelFixList *m_fixes;
    LabelFixBar *m_mapFixBar = nullptr;
    FoldRunsBar *m_foldRuns;
    QWidget *m_foldRunsBox; // holds m_foldRuns: hidden with the test images' list
    DataHealthPanel *m_health;
    QString m_shownSplit;
    qint64 m_shownRow = -1;
    bool m_large = false;
};

} // namespace tl::ui
