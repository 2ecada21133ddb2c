#pragma once

#include "data/augment_options.h"
#include "data/dataset.h"

#include <QMap>
#include <QWidget>

#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QGroupBox;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QChartView;
QT_END_NAMESPACE

namespace tl::ui {

// Step 1: which images, how many, and how they are augmented. Shows the class counts and a
// grid of samples next to the same samples exactly as the network will receive them (after
// augmentation, resize and normalisation, de-normalised for display).
class DataPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DataPanel(QWidget *parent = nullptr);
    ~DataPanel() override;

    data::DatasetOptions datasetOptions() const;
    data::AugmentOptions augmentOptions() const;
    void setOptions(const data::DatasetOptions &dataset, const data::AugmentOptions &augment);
    std::shared_ptr<const data::DatasetSplits> dataset() const { return m_data; }
    bool isLoading() const { return m_loading; }
    // Why the last load failed ("" after a successful one).
    QString lastError() const { return m_lastError; }
    // The experiment's seed draws the subsets (train fraction, test fraction): a new one reloads.
    void setSeed(std::uint64_t seed);

    // What the model will see (size, channels, normalisation): the preview follows it.
    void setPreprocess(const data::PreprocessOptions &preprocess);
    // The preview's augmented images as shown (for tests and screenshots).
    QList<QImage> previewImages() const { return m_previewAugmented; }

    // Training images left out (data.exclude; Results → Feature space marks them); reloads.
    void setExcluded(std::vector<std::int64_t> indices);
    const std::vector<std::int64_t> &excluded() const { return m_exclude; }

    // Presentation mode: the class-count chart's text large enough for the back of a room.
    void setPresentation(bool on);

public Q_SLOTS:
    void reload();
    void newSamples();
    void refreshPreview();

Q_SIGNALS:
    void datasetLoaded(std::shared_ptr<const tl::data::DatasetSplits> data);
    void loadFailed(const QString &error);
    void settingsChanged();
    void previewUpdated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::uint64_t m_seed = 0;
    QString m_lastError;
    void buildUi();
    QGroupBox *buildSourceBox();
    QGroupBox *buildAugmentBox();
    QGroupBox *buildPreviewBox();
    void connectFields();
    void updateChart();
    void startDownload();
    void setBusy(bool busy, const QString &text);

    QComboBox *m_dataset;
    QLineEdit *m_root;
    QPushButton *m_browse;
    QDoubleSpinBox *m_trainFraction;
    QDoubleSpinBox *m_valSplit;
    QDoubleSpinBox *m_testFraction;
    QListWidget *m_classList;            // the dataset's classes, checkable (a class subset)
    QSpinBox *m_perClass;                // few-shot: training images per class (0: all)
    QSpinBox *m_cacheMiB = nullptr;      // folder and CSV: decoded-image cache (data.cache_mib)
    void updateCacheRow();               // shown for folder and CSV datasets only
    std::vector<std::string> m_classes;  // the chosen classes (empty: all)
    void showExcluded();                 // the "Left out" row, from m_exclude
    std::vector<std::int64_t> m_exclude; // training images left out
    QLabel *m_excludeLabel = nullptr;
    QWidget *m_excludeRow = nullptr;
    void fillClassList();
    // Empties what shows the data (class list, counts, samples): nothing stale on screen.
    void clearDisplays();
    // A note in the status when the training fraction leaves very few images.
    void noteSmallTraining(const data::DatasetSplits &d, const data::DatasetOptions &o);
    QLabel *m_status;
    QPushButton *m_download;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QCheckBox *m_hflip;
    QCheckBox *m_vflip;
    QDoubleSpinBox *m_rotation;
    QDoubleSpinBox *m_zoom;
    QDoubleSpinBox *m_translate;
    QDoubleSpinBox *m_brightness;
    QDoubleSpinBox *m_contrast;
    QSpinBox *m_cutout;
    QCheckBox *m_autoAugment;
    QChartView *m_chart;
    QGridLayout *m_previewGrid;
    QWidget *m_previewBox = nullptr;
    int m_chartPixels = 11;      // the class-count chart's text (larger in presentation mode)
    QList<QLabel *> m_rowTitles; // "original" / "augmented" for each row of samples
    int m_previewColumns = 0;
    void relayoutPreviews(int columns);
    QList<QLabel *> m_originalLabels;
    QList<QLabel *> m_augmentedLabels;
    QList<QLabel *> m_captionLabels;
    QList<QImage> m_previewAugmented;

    std::shared_ptr<const data::DatasetSplits> m_data;
    data::PreprocessOptions m_preprocess;
    std::vector<std::size_t> m_sampleIndices;
    std::uint64_t m_sampleSeed = 1;
    int m_generation = 0;
    bool m_loading = false;
    std::shared_ptr<std::atomic<bool>> m_cancelDownload;
    QMap<QString, QString> m_rootFor; // each dataset's folder, as last typed
    QString m_rootOwner;              // the dataset the folder field belongs to
};

} // namespace tl::ui
