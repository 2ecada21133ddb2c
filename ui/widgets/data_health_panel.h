#pragma once

#include "analysis/data_health.h"
#include "analysis/label_fixes.h"
#include "data/dataset.h"
#include "inference/run_features.h"

#include <QWidget>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QTimer;
QT_END_NAMESPACE

namespace tl::ui {

class ImageListModel;

// Results → Feature space → Data health (issue 28; cleanlab's Datalab, Roboflow's health check):
// checkDataHealth runs on a background thread (progress, Cancel) when the panel is first shown
// for a run (the button checks again), then the panel lists
// test images leaked from training first, duplicate groups, outliers in feature space, very dark,
// very bright and blurry images as thumbnails (made by the thumbnail loader, never on the GUI
// thread), and the training images per class with the imbalance advice (and, when imbalanced, a
// button that weights the classes in the next run).
class DataHealthPanel : public QWidget
{
    Q_OBJECT

public:
    enum Section { Leakage, Duplicates, Outliers, Dark, Bright, Blurry };

    explicit DataHealthPanel(QWidget *parent = nullptr);
    ~DataHealthPanel() override;

    // The run's features (for the outliers) and its data; null features: not computed yet.
    void setInputs(std::shared_ptr<const runs::RunFeatures> features,
                   std::shared_ptr<const data::DatasetSplits> data);
    void check();
    void cancel();
    void showSection(Section s);
    void setLargeText(bool on);
    // The fixes "Leave out" makes of the selected images (split, index, path, label).
    std::vector<runs::LabelFix> leaveOutFixes() const;
    QPushButton *leaveOutButton() const { return m_leaveOut; }

    const runs::DataHealth *health() const { return m_health.get(); }
    ImageListModel *imagesModel() const { return m_images; }
    QListView *imagesView() const { return m_view; }

Q_SIGNALS:
    void checked();
    void failed(const QString &error);
    // "Weight the classes in the next run" (shown when the classes are imbalanced): the window
    // sets every stage's class weights to balanced.
    void classWeightsRequested();
    // An image clicked (its split and source index): the panel above shows it.
    void imageChosen(const QString &split, qint64 index);
    // "Leave out": the selected images, for the run's pending label fixes.
    void leaveOutRequested(const std::vector<tl::runs::LabelFix> &fixes);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Job;
    void finish(const QString &error);
    void showSummary();
    void fitSummary();
    std::vector<runs::HealthImage> sectionImages(Section s, std::vector<QString> *captions) const;

    std::shared_ptr<const runs::RunFeatures> m_features;
    std::shared_ptr<const data::DatasetSplits> m_data;
    std::shared_ptr<const runs::DataHealth> m_health;
    std::shared_ptr<Job> m_job;
    std::vector<runs::HealthImage> m_shown;
    int m_generation = 0;
    bool m_started = false; // checked (or checking) for these inputs

    QPushButton *m_check, *m_cancel, *m_weightClasses, *m_leaveOut;
    QProgressBar *m_progress;
    QTimer *m_poll;
    QLabel *m_summary;
    QWidget *m_summaryArea;
    QComboBox *m_section;
    QListView *m_view;
    ImageListModel *m_images;
};

} // namespace tl::ui
