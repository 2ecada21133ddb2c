#pragma once

#include "inspect/calibration.h"
#include "train/training_types.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QSlider;
QT_END_NAMESPACE

namespace tl::data {
struct DatasetSplits;
}
namespace tl::runs {
struct RunCalibration;
}

namespace tl::ui {

class GalleryModel;
class UnitChart;

// Results > Confidence: how far the run's confidence can be trusted. The test images' reliability
// diagram (accuracy against confidence, with the expected calibration error), temperature scaling
// fitted on the validation images (Calibrate; calibration.json), a confidence threshold whose
// accepted, rejected ("not sure") and wrong images are counted and shown live, and each class's
// precision/recall as the threshold moves. Once the run is calibrated, everything here uses the
// calibrated probabilities (read from the run's feature cache in the background).
class CalibrationPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CalibrationPanel(QWidget *parent = nullptr);
    ~CalibrationPanel() override;

    // The run Results shows: its folder and data (for the features; empty or null: no
    // calibrating) and its test predictions (predictions.csv).
    void setRun(const QString &runDir, std::shared_ptr<const data::DatasetSplits> data,
                std::vector<train::Prediction> predictions, const QStringList &classNames);
    // Fits the temperature and the unfamiliar threshold in the background (calibrated follows).
    void calibrate();

    // 0..1: a prediction at or above it is accepted.
    void setThreshold(double threshold);
    double threshold() const;
    inspect::ThresholdCounts counts() const { return m_counts; }
    // The predictions the view uses: calibrated once the run is, else the model's own.
    const std::vector<train::Prediction> &predictions() const;
    bool isCalibrated() const { return !m_calibrated.empty(); }
    double temperature() const { return m_temperature; }
    // 0 accepted and right, 1 accepted but wrong, 2 not sure: the gallery's images.
    void showGroup(int group);
    GalleryModel *galleryModel() const { return m_gallery; }
    UnitChart *reliabilityChart() const { return m_reliability; }
    UnitChart *precisionRecallChart() const { return m_pr; }
    QSlider *thresholdSlider() const { return m_slider; }
    QString countsText() const;
    QString statusText() const;
    void setLargeText(bool on);

Q_SIGNALS:
    // calibration.json was written for the run in `runDir`.
    void calibrated(const QString &runDir);
    // The calibrated predictions are in (predictions() has them), or the run is not calibrated.
    void calibrationShown();
    void failed(const QString &error);

private:
    void loadCalibration();
    void showCalibration(const runs::RunCalibration *c, std::vector<train::Prediction> calibrated,
                         double temperature, const QString &note);
    void updateReliability();
    void updateThreshold();
    void updatePrecisionRecall();

    QString m_runDir;
    std::shared_ptr<const data::DatasetSplits> m_data;
    QStringList m_names;
    std::vector<train::Prediction> m_raw, m_calibrated;
    std::vector<inspect::Scored> m_scored; // of predictions()
    double m_temperature = 1;
    std::unique_ptr<runs::RunCalibration> m_calibration;
    inspect::ThresholdCounts m_counts;
    int m_generation = 0; // a background load for an older run is ignored
    bool m_busy = false;

    UnitChart *m_reliability;
    int m_bars = -1, m_before = -1, m_diagonal = -1;
    UnitChart *m_pr;
    int m_prLine = -1, m_prPoint = -1;
    QComboBox *m_class;
    QLabel *m_status;
    QPushButton *m_calibrate;
    QSlider *m_slider;
    QLabel *m_thresholdLabel;
    QLabel *m_countsLabel;
    QComboBox *m_group;
    QLabel *m_groupLabel;
    QWidget *m_prBox;
    QListView *m_images;
    GalleryModel *m_gallery;
};

} // namespace tl::ui
