#pragma once

#include <QImage>
#include <QWidget>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QHBoxLayout;
class QComboBox;
class QGroupBox;
class QTabWidget;
class QLabel;
class QListWidget;
class QPushButton;
class QSlider;
class QTimer;
class QTreeWidget;
QT_END_NAMESPACE

namespace tl::data {
class Camera;
struct DatasetSplits;
} // namespace tl::data
namespace tl::runs {
class RunPredictor;
}

namespace tl::ui {

class TopBars;
class DrawPad;
class RunList;
class FeatureMapGrid;

// Classify new images with a finished run's model, exactly with its training preprocessing:
// open or drop images (or a folder), or point a webcam at something; top-5 as bars, and
// Grad-CAM over the image (opacity slider, any class, any convolutional layer).
class PredictPanel : public QWidget
{
    Q_OBJECT

public:
    // The finished runs of `runs` (shared with other views; listed off the GUI thread).
    explicit PredictPanel(RunList *runs, QWidget *parent = nullptr);
    // The finished runs of `runsFolder`, with a list of its own.
    explicit PredictPanel(const QString &runsFolder, QWidget *parent = nullptr);
    ~PredictPanel() override;

    // Shows the finished runs the list holds (keeps the current one when it is still there);
    // the list calls it whenever it has read the folder again.
    void refreshRuns();
    // Picks the run (loads its model in the background; modelReady follows).
    void setRun(const QString &runDir);
    QString currentRun() const;
    // Adds image files (and the images in folders) and shows the first one.
    void addImages(const QStringList &paths);
    // Shows and classifies an image that is already decoded (a gallery's test image).
    void explainImage(const QString &runDir, const QImage &image, const QString &title);
    void setPresentation(bool on);
    // The data the window has loaded: "A random test image" picks from its test set.
    void setTestData(std::shared_ptr<const data::DatasetSplits> data);
    // Adds one test image, picked at random, and classifies it; false when there is no data.
    bool showRandomTestImage();
    // The drawing pad (shown with Draw): each stroke classifies the drawing.
    DrawPad *drawPad() const { return m_pad; }
    void setDrawing(bool on);
    // The message shown in the panel (no camera), empty when none is.
    QString notice() const;

    // What is on screen (tests, screenshots).
    int imageCount() const;
    QStringList topLabels() const;
    std::vector<float> topProbabilities() const;
    QImage overlay() const { return m_overlay; }
    QString camLayer() const { return m_camLayer; }
    int camClass() const { return m_camClass; }
    void setCamClass(int cls); // -1: the predicted class
    void setOpacity(int percent);
    // Grad-CAM at this layer ("layer4.1"); empty: the last convolutional block.
    void setCamLayer(const QString &path);
    // The picked layer's feature maps (and filters) for the shown image, in the view's second
    // page; featureMapsShown follows.
    void showFeatureMaps();
    FeatureMapGrid *featureMaps() const { return m_featureMaps; }
    // The layers with feature maps (4-D outputs) of the current run's model, in forward order.
    QStringList mapLayers() const;
    // What it says about the shown image's familiarity (calibrated runs: "I don't know" above
    // the run's unfamiliar threshold), and whether it said "I don't know".
    QString verdict() const;
    bool saysUnfamiliar() const { return m_unfamiliar; }
    // The run was calibrated (Results > Confidence): reloads it when it is the one shown.
    void runCalibrated(const QString &runDir);

Q_SIGNALS:
    void modelReady();
    void predicted();
    void featureMapsShown();
    void failed(const QString &error);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QHBoxLayout *buildTopRow();
    QWidget *buildSideColumn();
    QHBoxLayout *buildBody(QWidget *sideWidget);
    void connectControls();
    void showImage(int row);
    void classify();
    void redraw();
    void toggleCamera(bool on);
    void grabFrame();
    void updateFeatureMaps();
    void fitLeftColumn();
    void showNotice(const QString &text);

    RunList *m_list;
    std::shared_ptr<runs::RunPredictor> m_predictor;
    std::unique_ptr<data::Camera> m_camera;
    QComboBox *m_runs;
    QLabel *m_runInfo;
    QListWidget *m_images;
    QLabel *m_view;
    QSlider *m_opacity;
    QComboBox *m_class;
    QTreeWidget *m_layer;
    QString m_layerPath; // chosen in the tree; empty: the default
    TopBars *m_bars;
    QPushButton *m_cameraButton;
    QTimer *m_cameraTimer;
    QImage m_image;   // what is being classified, as decoded
    QImage m_heat;    // Grad-CAM at the model's resolution, colour-mapped with alpha
    QImage m_overlay; // the two blended, as shown
    QString m_camLayer;
    int m_camClass = -1; // chosen (-1: predicted)
    bool m_busy = false, m_again = false, m_loading = false;
    std::vector<QImage> m_decoded; // per list row (files decoded when added)
    std::shared_ptr<const data::DatasetSplits> m_testData;
    QPushButton *m_randomButton = nullptr;
    QPushButton *m_drawButton = nullptr;
    QWidget *m_padBox = nullptr;
    DrawPad *m_pad = nullptr;
    int m_drawingRow = -1; // the list row that holds the drawing
    QTabWidget *m_viewTabs = nullptr;
    FeatureMapGrid *m_featureMaps = nullptr;
    bool m_mapsBusy = false, m_mapsAgain = false;
    QLabel *m_verdict = nullptr;
    QGroupBox *m_barBox = nullptr;
    bool m_unfamiliar = false;
    bool m_presentation = false;
    QLabel *m_notice = nullptr;
};

} // namespace tl::ui
