#pragma once

#include "data/dataset.h"
#include "run/run_experiment.h"
#include "rundir/run_reader.h"

#include <QWidget>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QListView;
class QRadioButton;
class QTabWidget;
class QTableView;
class QTextBrowser;
QT_END_NAMESPACE

namespace tl::ui {

class ConfusionDeltaModel;
class EmbeddingView;
class FlippedModel;
class MetricChart;

// Two to six finished runs side by side: the comparison table, their loss and accuracy curves
// overlaid (one colour per run, train dashed, stage boundaries marked), the difference of two
// runs' confusion matrices, and the test images that one of the two gets right and the other
// wrong, in both directions.
class CompareView : public QWidget
{
    Q_OBJECT

public:
    explicit CompareView(QWidget *parent = nullptr);

    // `data`: the runs' dataset (for thumbnails; may be null).
    void setRuns(std::vector<std::shared_ptr<const runs::RunResult>> results,
                 std::vector<runs::RunInfo> infos, std::shared_ptr<const data::DatasetSplits> data);
    void setTableHtml(const QString &html);
    QString tableHtml() const;
    void showMessage(const QString &text);
    // The pair the difference and the flipped images are about (indices into the runs).
    void setPair(int a, int b);
    void showTab(int index);
    void setPresentation(bool on);

    ConfusionDeltaModel *deltaModel() const { return m_delta; }
    MetricChart *lossChart() const { return m_loss; }
    MetricChart *accuracyChart() const { return m_accuracy; }
    QString curvesKey() const;
    FlippedModel *flippedModel() const { return m_flipped; }
    int runCount() const { return int(m_results.size()); }
    QString pairSummary() const;
    EmbeddingView *spaceA() const { return m_spaceA; }
    EmbeddingView *spaceB() const { return m_spaceB; }

Q_SIGNALS:
    // The "Feature spaces" tab has settled: both maps drawn, or the reason why not shown.
    void spacesShown();

private:
    QWidget *buildFlippedPage();
    QWidget *buildSpacesPage();
    void updatePair();
    void updateSpaces();

    std::vector<std::shared_ptr<const runs::RunResult>> m_results;
    std::vector<runs::RunInfo> m_infos;
    std::shared_ptr<const data::DatasetSplits> m_data;
    QTabWidget *m_tabs;
    QTextBrowser *m_table;
    MetricChart *m_loss;
    MetricChart *m_accuracy;
    QComboBox *m_a;
    QComboBox *m_b;
    QLabel *m_summary;
    QLabel *m_key;      // which run each letter in the curves' legend is
    QWidget *m_pairBox; // A, B and the sentence comparing them
    ConfusionDeltaModel *m_delta;
    QTableView *m_deltaView;
    FlippedModel *m_flipped;
    QListView *m_flippedView;
    QRadioButton *m_fixedButton;
    QRadioButton *m_brokenButton;
    EmbeddingView *m_spaceA = nullptr, *m_spaceB = nullptr;
    QLabel *m_spaceStatus = nullptr;
    QString m_spacePair; // the pair whose spaces are shown or being computed
    int m_spaceGeneration = 0;
};

// "A · simple-cnn 11/29 15:30" or "A · the name given": two runs of one model never read the
// same.
QString runLabel(const runs::RunInfo &info, int index);

// Okabe & Ito's colour-blind-safe palette, for one colour per run.
QColor runColour(int i);

} // namespace tl::ui
