#pragma once

#include "models/model_spec.h"

#include <optional>
#include <string>
#include <vector>

#include <QWidget>

QT_BEGIN_NAMESPACE
class QGroupBox;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTreeView;
QT_END_NAMESPACE

namespace tl::ui {

class LayerTreeModel;

// Step 2: the model. Picker with description, the architecture's options, and the layer tree
// with a checkbox per layer to freeze or unfreeze it, and live totals.
class ModelPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ModelPanel(QWidget *parent = nullptr);

    // The spec as chosen, frozen layers included. Input size / channels / classes come from the
    // data (setDataShape) unless the user overrides the input size.
    models::ModelSpec spec() const;
    void setSpec(const models::ModelSpec &spec);
    void setDataShape(int channels, int size, int numClasses);
    // Where finished runs are listed for "Weights: from a run…".
    void setRunsFolder(const QString &folder) { m_runsFolder = folder; }
    // Chooses a run folder as the starting weights (as the "from a run…" list does).
    void setWeightsRun(const QString &runDir);
    int inputSize() const;
    int inputChannels() const;
    LayerTreeModel *layerModel() const { return m_tree; }
    QString totalsText() const;

    // True while the layer tree of the current settings is being built (in the background: a
    // VGG takes a second or two to construct).
    bool isBuilding() const { return m_building; }

Q_SIGNALS:
    void specChanged();
    // The layer tree shows the current settings.
    void summaryReady();

private:
    void createFields();
    QGroupBox *buildOptions();
    QGroupBox *buildTreeBox();
    void connectFields();
    void rebuild();
    void showContextMenu(const QPoint &pos);
    void updateWeightsStatus();
    void downloadWeights();

    QComboBox *m_model;
    QLabel *m_description;
    QSpinBox *m_inputSize;
    QCheckBox *m_rgb;
    QDoubleSpinBox *m_dropout;
    QCheckBox *m_batchNorm;
    QDoubleSpinBox *m_bnMomentum;
    QDoubleSpinBox *m_l2;
    QComboBox *m_weights;
    QLabel *m_weightsStatus;
    QPushButton *m_download;
    QProgressBar *m_downloadProgress;
    QComboBox *m_head;
    QSpinBox *m_headHidden;
    QDoubleSpinBox *m_headDropout;
    QString m_weightsFile;
    QString m_weightsRun; // a finished run's folder ("Weights: from a run…")
    QString m_runsFolder;
    void chooseRun();
    QTreeView *m_view;
    LayerTreeModel *m_tree;
    int m_generation = 0;
    bool m_building = false;
    std::string m_treeModel; // the model the tree shows
    QLabel *m_totals;
    QLabel *m_error;
    QLabel *m_headHint = nullptr;
    int m_dataChannels = 1;
    int m_dataSize = 28;
    int m_numClasses = 10;
    // A freeze from setSpec (spec and paths) waiting for the new model's tree to be built.
    struct PendingFreeze
    {
        std::string spec;
        std::vector<std::string> paths;
    };
    std::optional<PendingFreeze> m_pendingFreeze;
};

} // namespace tl::ui
