#pragma once

#include "analysis/label_fixes.h"
#include "data/dataset.h"
#include "run/run_experiment.h"

#include <QImage>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QSplitter;
class QGroupBox;
class QCheckBox;
class QTabWidget;
class QLabel;
class QListView;
class QListWidget;
class QSlider;
class QTableView;
class QTableWidget;
QT_END_NAMESPACE

namespace tl::ui {

class CalibrationPanel;
class ConfusionModel;
class GalleryModel;
class InspectPanel;
class LabelFixBar;

// Step 4: what the model gets right and wrong. The confusion matrix as a heat map; clicking a
// cell lists the test images behind it, worst first; clicking an image shows it large with its
// top-5 classes; the images selected there can be relabelled (as the predicted class first),
// marked ambiguous or left out, into the run's one list of label fixes (InspectPanel's). Per-class
// precision / recall / F1 and the most confused pairs.
class ResultsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ResultsPanel(QWidget *parent = nullptr);

    void setResult(std::shared_ptr<const runs::RunResult> result,
                   std::shared_ptr<const data::DatasetSplits> data);
    QTableView *confusionView() const { return m_confusion; }
    QListView *galleryView() const { return m_gallery; }
    GalleryModel *galleryModel() const { return m_galleryModel; }
    InspectPanel *inspectPanel() const { return m_inspect; }
    // The gallery's label fixes (its menu is the gallery's context menu).
    LabelFixBar *fixBar() const { return m_fixBar; }
    // Adds a fix of the gallery images selected (or the current one) to the pending list:
    // Relabel to `newClass` (-1: each image's predicted class), Ambiguous or LeaveOut.
    void fixSelected(tl::runs::FixAction action, int newClass = -1);
    // The folder of the run shown ("" before one is).
    QString runDir() const
    {
        return m_result ? QString::fromStdString(m_result->runDir) : QString();
    }
    // The Confidence page: reliability, calibration, thresholds.
    CalibrationPanel *calibrationPanel() const { return m_calibration; }
    void showConfidence();
    // The feature-space page (computes the map the first time it is shown).
    void showFeatureSpace();
    void setHighContrast(bool on);

public Q_SLOTS:
    void showCell(int trueClass, int predicted);
    void showImage(int row);
    // Grad-CAM for gallery image `row` (emits explainRequested).
    void explain(int row);
    // The shown run as an HTML report (in the background; reportWritten or reportFailed).
    void exportReport(const QString &file);
    // 1..epochs: the test confusion matrix after that epoch (the last is the final model's).
    void showEpoch(int epoch);

Q_SIGNALS:
    // Grad-CAM for a gallery image of the run in `runDir`.
    void explainRequested(const QString &runDir, const QImage &image, const QString &title);
    void reportWritten(const QString &file);
    void reportFailed(const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QGroupBox *buildConfusionBox();
    QGroupBox *buildGalleryBox();
    QSplitter *buildTables();
    QWidget *buildFixBar();
    std::vector<int> selectedGalleryRows() const;
    // The bar's selection, the count and the gallery's tints follow the pending fixes.
    void syncFixes();
    // The matrix's numbers sized to its rows (and the presentation mode's largest).
    void fitCellFont();
    bool m_presentation = false;
    std::shared_ptr<const runs::RunResult> m_result;
    std::shared_ptr<const data::DatasetSplits> m_data;
    QStringList m_names;
    QLabel *m_headline;
    QCheckBox *m_normalized;
    QSlider *m_epochSlider;
    QLabel *m_epochLabel;
    QTableView *m_confusion;
    ConfusionModel *m_confusionModel;
    QLabel *m_galleryTitle;
    QListView *m_gallery;
    QWidget *m_tables = nullptr;
    GalleryModel *m_galleryModel;
    LabelFixBar *m_fixBar = nullptr;
    QLabel *m_image;
    QLabel *m_top5;
    QTableWidget *m_perClass;
    QListWidget *m_pairs;
    QLabel *m_confusionCaption = nullptr;
    QTabWidget *m_pages = nullptr;
    InspectPanel *m_inspect = nullptr;
    CalibrationPanel *m_calibration = nullptr;
};

} // namespace tl::ui
