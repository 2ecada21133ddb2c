#include "widgets/model_panel.h"

#include "widgets/column_fit.h"

#include "a11y/accessibility.h"
#include "base/error.h"
#include "itemmodels/layer_tree_model.h"
#include "models/layer_tree.h"
#include "rundir/run_weights.h"
#include "weights/weight_catalog.h"
#include "widgets/background.h"

#include "rundir/run_dir.h"
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QCursor>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <thread>
#include <utility>

namespace tl::ui {

ModelPanel::ModelPanel(QWidget *parent) : QWidget(parent), m_tree(new LayerTreeModel(this))
{
    createFields();
    QGroupBox *options = buildOptions();
    auto *left = new QVBoxLayout;
    left->addWidget(options);
    left->addStretch(1);

    QGroupBox *treeBox = buildTreeBox();

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addWidget(treeBox, 1);
    connectFields();
    rebuild();
}

// The architecture's and the head's settings, and where the weights come from.
void ModelPanel::createFields()
{
    m_model = new QComboBox;
    m_model->setObjectName(QStringLiteral("architecture"));
    for (const auto &m : models::modelCatalog())
        m_model->addItem(QString::fromStdString(m.name), QString::fromStdString(m.name));
    m_description = new QLabel;
    m_description->setWordWrap(true);
    m_description->setMinimumWidth(280);
    m_inputSize = new QSpinBox;
    m_inputSize->setRange(0, 1024);
    m_inputSize->setSpecialValueText(tr("as stored"));
    m_inputSize->setSuffix(tr(" px"));
    m_inputSize->setKeyboardTracking(false);
    m_inputSize->setToolTip(tr("Images are resized to this size before the network (OpenCV; "
                               "%1 in the run folder names each step's interpolation).")
                                .arg(QString::fromLatin1(runs::RunDir::kPreprocessing)));
    m_rgb = new QCheckBox(tr("Gray images as RGB (3 channels)"));
    m_dropout = new QDoubleSpinBox;
    m_dropout->setRange(0, 0.9);
    m_dropout->setSingleStep(0.05);
    m_dropout->setValue(0.2);
    m_batchNorm = new QCheckBox(tr("BatchNorm after each convolution"));
    m_bnMomentum = new QDoubleSpinBox;
    m_bnMomentum->setRange(0.0, 0.999);
    m_bnMomentum->setDecimals(3);
    m_bnMomentum->setSingleStep(0.01);
    m_bnMomentum->setValue(0.99);
    m_bnMomentum->setToolTip(
        tr("Keras convention: the moving averages keep this share of their value per batch."));
    m_l2 = new QDoubleSpinBox;
    m_l2->setRange(0, 1);
    m_l2->setDecimals(4);
    m_l2->setSingleStep(0.0005);
    m_l2->setToolTip(tr("L2 penalty on convolution and dense kernels, added to the loss (Keras' "
                        "kernel_regularizer)."));
    for (auto *s : {m_dropout, m_bnMomentum, m_l2})
        s->setKeyboardTracking(false);

    m_weights = new QComboBox;
    m_weights->addItem(tr("Random initialisation"), QStringLiteral("none"));
    m_weights->addItem(tr("ImageNet (torchvision)"), QStringLiteral("imagenet"));
    m_weights->addItem(tr("From a file…"), QStringLiteral("file"));
    m_weights->addItem(tr("From a run…"), QStringLiteral("run"));
    m_weights->setObjectName(QStringLiteral("weights"));
    m_weights->setToolTip(
        tr("Where training starts. \"From a run\": a finished run of this model (transfer "
           "learning without a download: pretrain on some classes, then learn others)."));
    m_weightsStatus = new QLabel;
    m_weightsStatus->setWordWrap(true);
    m_download = new QPushButton(tr("Download"));
    m_download->setVisible(false);
    m_downloadProgress = new QProgressBar;
    m_downloadProgress->setVisible(false);
    m_head = new QComboBox;
    m_head->addItem(tr("Its own classifier, resized"), QStringLiteral("keep"));
    m_head->addItem(tr("Global average pooling + new layer"), QStringLiteral("gap"));
    m_head->addItem(tr("Flatten + new layer"), QStringLiteral("flatten"));
    m_head->addItem(tr("ImageNet's 1000 classes as is"), QStringLiteral("imagenet"));
    m_headHidden = new QSpinBox;
    m_headHidden->setRange(0, 8192);
    m_headHidden->setSpecialValueText(tr("none"));
    m_headHidden->setToolTip(
        tr("A Dense layer (+BatchNorm, ReLU) before the output, as seed 002's head."));
    m_headDropout = new QDoubleSpinBox;
    m_headDropout->setRange(0, 0.9);
    m_headDropout->setSingleStep(0.1);
    m_headHidden->setKeyboardTracking(false);
    m_headDropout->setKeyboardTracking(false);
}

// The fields in one form, with the weights' status and the errors.
QGroupBox *ModelPanel::buildOptions()
{
    auto *options = new QGroupBox(tr("Model"));
    auto *form = new QFormLayout(options);
    form->addRow(tr("&Architecture:"), m_model);
    form->addRow(m_description);
    form->addRow(tr("&Input size:"), m_inputSize);
    form->addRow(m_rgb);
    form->addRow(tr("&Dropout:"), m_dropout);
    form->addRow(m_batchNorm);
    form->addRow(tr("BatchNorm &momentum:"), m_bnMomentum);
    form->addRow(tr("&L2 on kernels:"), m_l2);
    form->addRow(tr("&Weights:"), m_weights);
    auto *weightsRow = new QHBoxLayout;
    weightsRow->addWidget(m_weightsStatus, 1);
    weightsRow->addWidget(m_download);
    form->addRow(weightsRow);
    form->addRow(m_downloadProgress);
    form->addRow(tr("&Head:"), m_head);
    form->addRow(tr("Hidden &units:"), m_headHidden);
    form->addRow(tr("Head d&ropout:"), m_headDropout);
    m_headHint = new QLabel;
    m_headHint->setObjectName(QStringLiteral("headHint"));
    m_headHint->setWordWrap(true);
    m_headHint->setVisible(false);
    form->addRow(m_headHint);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    form->addRow(m_error);
    return options;
}

// The layer tree (untick to freeze), its totals and Freeze/Unfreeze all.
QGroupBox *ModelPanel::buildTreeBox()
{
    m_view = new QTreeView;
    m_view->setModel(m_tree);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // Names in full (VGG's "features.0 (block1_conv1)" showed as "fe..."), every column in
    // view at a projector's text size; what still does not fit is in the tooltip.
    ColumnFit::attach(m_view);
    m_view->setToolTip(tr("Untick a layer to freeze it; right-click to freeze up to a layer."));
    m_view->setObjectName(QStringLiteral("layers"));
    a11y::name(m_view, tr("Layers"),
               tr("Space unticks a layer to freeze it, or ticks it to train it; the context "
                  "menu key freezes up to the current layer."));
    m_totals = new QLabel;
    m_totals->setObjectName(QStringLiteral("totals"));
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setWordWrap(true);
    m_totals->setToolTip(
        tr("Total: every weight of the network. Trainable: those training will change; frozen "
           "ones keep their values. Depth: how many layers with weights an image passes "
           "through."));
    auto *freezeAll = new QPushButton(tr("Freeze all"));
    auto *unfreezeAll = new QPushButton(tr("Unfreeze all"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_totals, 1);
    bottom->addWidget(freezeAll);
    bottom->addWidget(unfreezeAll);
    auto *treeBox = new QGroupBox(tr("Layers (untick to freeze)"));
    auto *treeLayout = new QVBoxLayout(treeBox);
    treeLayout->addWidget(m_view, 1);
    treeLayout->addLayout(bottom);

    connect(m_tree, &LayerTreeModel::totalsChanged, this,
            [this](qint64 total, qint64 trainable, qint64 frozen, int depth) {
                m_totals->setText(
                    tr("<b>Total</b> %1 · <b>Trainable</b> %2 · <b>Frozen</b> %3 · <b>Depth</b> %4")
                        .arg(formatCount(total), formatCount(trainable), formatCount(frozen))
                        .arg(depth));
                Q_EMIT specChanged();
            });
    connect(m_view, &QTreeView::customContextMenuRequested, this, &ModelPanel::showContextMenu);
    connect(freezeAll, &QPushButton::clicked, this, [this] { m_tree->setAllFrozen(true); });
    connect(unfreezeAll, &QPushButton::clicked, this, [this] { m_tree->setAllFrozen(false); });
    return treeBox;
}

// A changed field rebuilds the model (its layers and sizes) or changes the spec.
void ModelPanel::connectFields()
{
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        // Another architecture starts from its own sizes, not the previous one's (a simple CNN
        // left at 224 px has 4 M parameters and takes ten times as long).
        const QSignalBlocker block(m_inputSize);
        m_inputSize->setValue(0);
        rebuild();
    });
    connect(m_inputSize, &QSpinBox::valueChanged, this, &ModelPanel::rebuild);
    connect(m_rgb, &QCheckBox::toggled, this, &ModelPanel::rebuild);
    connect(m_batchNorm, &QCheckBox::toggled, this, &ModelPanel::rebuild);
    for (auto *s : {m_dropout, m_bnMomentum, m_l2})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ModelPanel::specChanged);
    connect(m_head, &QComboBox::currentIndexChanged, this, &ModelPanel::rebuild);
    connect(m_headHidden, &QSpinBox::valueChanged, this, &ModelPanel::rebuild);
    connect(m_headDropout, &QDoubleSpinBox::valueChanged, this, &ModelPanel::rebuild);
    connect(m_weights, &QComboBox::activated, this, [this] {
        if (m_weights->currentData().toString() == "run") {
            chooseRun();
        } else if (m_weights->currentData().toString() == "file") {
            const QString f =
                QFileDialog::getOpenFileName(this, tr("Checkpoint"), m_weightsFile,
                                             tr("Checkpoints (*.pth *.pt *.safetensors)"));
            if (f.isEmpty())
                m_weights->setCurrentIndex(0);
            else
                m_weightsFile = f;
        }
        updateWeightsStatus();
        Q_EMIT specChanged();
    });
    connect(m_download, &QPushButton::clicked, this, &ModelPanel::downloadWeights);
}

QString ModelPanel::totalsText() const
{
    return m_totals->text();
}

int ModelPanel::inputSize() const
{
    return m_inputSize->value() > 0 ? m_inputSize->value() : m_dataSize;
}

int ModelPanel::inputChannels() const
{
    return m_rgb->isChecked() ? 3 : m_dataChannels;
}

models::ModelSpec ModelPanel::spec() const
{
    models::ModelSpec s;
    s.name = m_model->currentData().toString().toStdString();
    s.numClasses = m_numClasses;
    s.inChannels = inputChannels();
    s.inputSize = inputSize();
    s.dropout = m_dropout->value();
    s.batchNorm = m_batchNorm->isChecked();
    s.bnMomentum = m_bnMomentum->value();
    s.l2 = m_l2->value();
    // While a new tree is being built, the old tree's frozen layers may not exist in this model.
    if (m_pendingFreeze) {
        s.frozen = m_pendingFreeze->paths;
        s.freeze = m_pendingFreeze->spec.empty() ? "none" : m_pendingFreeze->spec;
    } else if (!m_building || m_treeModel == s.name) {
        s.frozen = m_tree->frozenPaths();
    }
    const bool backbone = models::modelInfo(s.name).isBackbone();
    const QString w = m_weights->currentData().toString();
    if (w == "run" && !m_weightsRun.isEmpty())
        s.weights = "run:" + m_weightsRun.toStdString();
    else if (w == "file" && !m_weightsFile.isEmpty())
        s.weights = m_weightsFile.toStdString();
    else if (w == "imagenet" && backbone)
        s.weights = "imagenet";
    else
        s.weights = "none";
    if (backbone) {
        s.head = m_head->currentData().toString().toStdString();
        s.headHidden = m_headHidden->value();
        s.headDropout = m_headDropout->value();
        if (s.head == "imagenet")
            s.numClasses = 1000;
    }
    return s;
}

void ModelPanel::setSpec(const models::ModelSpec &s)
{
    {
        const QSignalBlocker b1(m_model), b2(m_inputSize), b3(m_rgb), b4(m_batchNorm),
            b5(m_dropout), b6(m_bnMomentum), b7(m_l2);
        m_model->setCurrentIndex(std::max(0, m_model->findData(QString::fromStdString(s.name))));
        m_inputSize->setValue(s.inputSize > 0 && s.inputSize != m_dataSize ? s.inputSize : 0);
        m_rgb->setChecked(s.inChannels == 3 && m_dataChannels == 1);
        m_batchNorm->setChecked(s.batchNorm);
        if (s.dropout >= 0)
            m_dropout->setValue(s.dropout);
        m_bnMomentum->setValue(s.bnMomentum);
        m_l2->setValue(s.l2);
        const QSignalBlocker b8(m_weights), b9(m_head), b10(m_headHidden), b11(m_headDropout);
        const QString w = QString::fromStdString(s.weights);
        if (w == "none" || w == "imagenet") {
            m_weights->setCurrentIndex(m_weights->findData(w));
        } else if (const std::string run = runs::runWeightsFolder(s.weights); !run.empty()) {
            m_weightsRun = QString::fromStdString(run);
            m_weights->setCurrentIndex(m_weights->findData(QStringLiteral("run")));
        } else {
            m_weightsFile = w;
            m_weights->setCurrentIndex(m_weights->findData(QStringLiteral("file")));
        }
        m_head->setCurrentIndex(std::max(0, m_head->findData(QString::fromStdString(s.head))));
        m_headHidden->setValue(s.headHidden);
        m_headDropout->setValue(s.headDropout);
    }
    // A freeze spec from an experiment file becomes ticks in the tree once the tree of this
    // model is built (in the background).
    m_pendingFreeze = PendingFreeze{s.freeze == "none" ? std::string() : s.freeze, s.frozen};
    rebuild();
}

void ModelPanel::setDataShape(int channels, int size, int numClasses)
{
    if (channels == m_dataChannels && size == m_dataSize && numClasses == m_numClasses)
        return;
    m_dataChannels = channels;
    m_dataSize = size;
    m_numClasses = numClasses;
    m_rgb->setEnabled(channels == 1);
    rebuild();
}

void ModelPanel::rebuild()
{
    const std::string name = m_model->currentData().toString().toStdString();
    const bool vgg = name == "vgg-style-cnn";
    m_batchNorm->setEnabled(vgg);
    m_bnMomentum->setEnabled(vgg);
    m_l2->setEnabled(vgg);
    const bool backbone = models::modelInfo(name).isBackbone();
    m_dropout->setEnabled(!backbone);
    m_head->setEnabled(backbone);
    // Every model can start from a file or a run; ImageNet weights exist for backbones only.
    if (auto *items = qobject_cast<QStandardItemModel *>(m_weights->model()))
        items->item(m_weights->findData(QStringLiteral("imagenet")))->setEnabled(backbone);
    if (!backbone && m_weights->currentData().toString() == "imagenet") {
        const QSignalBlocker block(m_weights);
        m_weights->setCurrentIndex(m_weights->findData(QStringLiteral("none")));
    }
    const bool newHead =
        backbone && (m_head->currentData() == "gap" || m_head->currentData() == "flatten");
    m_headHidden->setEnabled(newHead);
    m_headDropout->setEnabled(newHead);
    // torchvision's VGG classifier expects a 7x7 map (224 px): on small images the adaptive
    // pool copies each value up to 7x7 and the classifier keeps its ~120 M parameters.
    const bool bigVggHead = backbone && name.rfind("vgg", 0) == 0 &&
                            m_head->currentData() == "keep" && inputSize() < 224;
    m_headHint->setText(
        bigVggHead ? tr("At %1 px the last feature map is %2×%2, but VGG's own classifier expects "
                        "512×7×7: the pool repeats each value to fill 7×7, and the classifier "
                        "keeps its ~120 million parameters. The head \"Global average pooling + "
                        "new layer\" needs a few thousand.")
                         .arg(inputSize())
                         .arg(std::max(1, inputSize() / 32))
                   : QString());
    m_headHint->setVisible(bigVggHead);
    if (backbone && inputSize() < 32) {
        // torchvision's backbones downsample 32x: smaller images are enlarged to 32 px.
        const QSignalBlocker block(m_inputSize);
        m_inputSize->setValue(32);
    }
    updateWeightsStatus();
    m_description->setText(QString::fromStdString(models::modelInfo(name).description));
    models::ModelSpec s = spec();
    s.frozen.clear();
    const auto frozen = m_tree->frozenPaths();
    // Built on a worker thread: the window stays responsive while a big backbone is constructed.
    // Only the newest request's result is shown.
    const int generation = ++m_generation;
    m_building = true;
    auto summary = std::make_shared<models::ModelSummary>();
    runInBackground<ModelPanel>(
        this, [s, summary] { *summary = models::describeModel(s); },
        [generation, frozen, summary, name](ModelPanel *self, const QString &error) {
            if (generation != self->m_generation)
                return;
            self->m_building = false;
            if (!error.isEmpty()) {
                self->m_pendingFreeze.reset();
                self->m_error->setText(error);
                Q_EMIT self->specChanged();
                return;
            }
            self->m_tree->setSummary(*summary);
            self->m_treeModel = name;
            self->m_error->clear();
            std::vector<std::string> keep = frozen; // what the user froze, where it still exists
            if (auto pending = std::exchange(self->m_pendingFreeze, std::nullopt)) {
                keep = pending->paths;
                try {
                    const auto resolved = models::resolveFreezeSpec(*summary, pending->spec);
                    keep.insert(keep.end(), resolved.begin(), resolved.end());
                } catch (const Error &e) {
                    self->m_error->setText(QString::fromStdString(e.what()));
                }
            }
            try {
                self->m_tree->setFrozenPaths(keep);
            } catch (const Error &e) {
                self->m_error->setText(QString::fromStdString(e.what()));
            }
            self->m_view->expandToDepth(0);
            for (int c = 1; c < LayerTreeModel::ColumnCount; ++c)
                self->m_view->resizeColumnToContents(c);
            Q_EMIT self->specChanged();
            Q_EMIT self->summaryReady();
        });
    Q_EMIT specChanged();
}

void ModelPanel::setWeightsRun(const QString &runDir)
{
    m_weightsRun = runDir;
    {
        const QSignalBlocker block(m_weights);
        m_weights->setCurrentIndex(m_weights->findData(QStringLiteral("run")));
    }
    updateWeightsStatus();
    Q_EMIT specChanged();
}

void ModelPanel::chooseRun()
{
    const std::string name = m_model->currentData().toString().toStdString();
    std::vector<runs::RunInfo> found;
    try {
        found = runs::runsUsableAsWeights(m_runsFolder.toStdString(), name);
    } catch (const Error &) {
    }
    QStringList items;
    for (const auto &r : found)
        items << tr("%1  —  %2, test accuracy %3")
                     .arg(QString::fromStdString(r.experimentName.empty() ? r.name
                                                                          : r.experimentName))
                     .arg(QString::fromStdString(r.dataset))
                     .arg(r.testAccuracy, 0, 'f', 3);
    const QString other = tr("Another folder…");
    items << other;
    bool ok = false;
    const QString picked = QInputDialog::getItem(
        this, tr("Weights from a run"),
        found.empty()
            ? tr("No finished %1 run in %2 yet.").arg(QString::fromStdString(name), m_runsFolder)
            : tr("Finished runs of %1 (the newest first):").arg(QString::fromStdString(name)),
        items, 0, false, &ok);
    QString dir;
    if (ok && picked == other)
        dir = QFileDialog::getExistingDirectory(this, tr("Run folder"), m_runsFolder);
    else if (ok)
        dir = QString::fromStdString(found[std::size_t(items.indexOf(picked))].dir);
    if (dir.isEmpty()) {
        if (m_weightsRun.isEmpty()) {
            const QSignalBlocker block(m_weights);
            m_weights->setCurrentIndex(m_weights->findData(QStringLiteral("none")));
        }
        return;
    }
    m_weightsRun = dir;
}

void ModelPanel::updateWeightsStatus()
{
    const std::string name = m_model->currentData().toString().toStdString();
    m_download->setVisible(false);
    m_weightsStatus->setToolTip(QString());
    const QString choice = m_weights->currentData().toString();
    if (choice == "run") {
        if (m_weightsRun.isEmpty()) {
            m_weightsStatus->setText(tr("No run chosen."));
            return;
        }
        try {
            const runs::SourceRun source = runs::readSourceRun(m_weightsRun.toStdString());
            const QString runName = QFileInfo(m_weightsRun).fileName();
            if (source.model != name)
                m_weightsStatus->setText(
                    QStringLiteral("<span style='color:#c0392b'>%1</span>")
                        .arg(tr("%1 trained %2, not %3: choose a run of this model.")
                                 .arg(runName, QString::fromStdString(source.model),
                                      QString::fromStdString(name))
                                 .toHtmlEscaped()));
            else
                m_weightsStatus->setText(
                    tr("Starts from run %1 (%2 classes of %3). Layers that fit are taken; the "
                       "output layer starts fresh when the classes differ.")
                        .arg(runName)
                        .arg(source.classNames.size())
                        .arg(QString::fromStdString(source.dataset)));
        } catch (const Error &e) {
            m_weightsStatus->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>")
                                         .arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
        }
        m_weightsStatus->setToolTip(m_weightsRun);
        return;
    }
    if (choice == "file") {
        m_weightsStatus->setText(m_weightsFile.isEmpty() ? tr("No file chosen.") : m_weightsFile);
        return;
    }
    if (!models::modelInfo(name).isBackbone()) {
        m_weightsStatus->setText(tr("Our own small CNN: it trains from scratch, or starts from "
                                    "one of your runs (\"From a run…\")."));
        return;
    }
    if (choice == "none") {
        m_weightsStatus->setText(tr("Trains from scratch (random weights)."));
    } else if (choice == "file") {
        m_weightsStatus->setText(m_weightsFile.isEmpty() ? tr("No file chosen.") : m_weightsFile);
    } else {
        const std::string path = weights::findWeights(name);
        const QString file = QString::fromStdString(weights::weightInfo(name).fileName);
        if (path.empty()) {
            m_weightsStatus->setText(tr("%1 is not on this computer yet.").arg(file));
            m_download->setVisible(true);
        } else {
            m_weightsStatus->setText(tr("✔ %1 (in PyTorch's cache)").arg(file));
            m_weightsStatus->setToolTip(QString::fromStdString(path));
        }
    }
}

void ModelPanel::downloadWeights()
{
    const std::string name = m_model->currentData().toString().toStdString();
    m_download->setEnabled(false);
    m_downloadProgress->setVisible(true);
    m_downloadProgress->setRange(0, 0);
    const QPointer<ModelPanel> guard(this);
    runInBackground<ModelPanel>(
        this,
        [guard, name] {
            weights::downloadWeights(name, [guard](const tl::DownloadProgress &p) {
                postTo(guard, [p](ModelPanel *self) {
                    if (p.total <= 0)
                        return;
                    self->m_downloadProgress->setRange(0, 1000);
                    self->m_downloadProgress->setValue(
                        int(1000.0 * double(p.received) / double(p.total)));
                });
                return !guard.isNull() && !BackgroundJobs::cancelled();
            });
        },
        [](ModelPanel *self, const QString &error) {
            self->m_download->setEnabled(true);
            self->m_downloadProgress->setVisible(false);
            self->updateWeightsStatus();
            if (!error.isEmpty()) {
                // In the window's words; the details (address, system error) in the tooltip.
                self->m_weightsStatus->setText(
                    QStringLiteral("<span style='color:#c0392b'>%1</span>")
                        .arg(tr("The download failed (no network?). Try again later, or set "
                                "Weights to \"Random initialisation\" to train offline.")
                                 .toHtmlEscaped()));
                self->m_weightsStatus->setToolTip(error);
            }
        });
}

void ModelPanel::showContextMenu(const QPoint &requested)
{
    // The menu key asks at the middle of the view, not where the mouse is: then the menu is for
    // the current layer, shown beside it.
    QPoint pos = requested;
    QModelIndex index = m_view->indexAt(pos);
    const bool fromMouse = m_view->viewport()->mapFromGlobal(QCursor::pos()) == requested;
    if (!fromMouse && m_view->currentIndex().isValid()) {
        index = m_view->currentIndex();
        pos = m_view->visualRect(index).bottomLeft();
    }
    if (!index.isValid())
        return;
    QMenu menu(this);
    menu.addAction(tr("Freeze up to here"), this, [this, index] { m_tree->freezeUpTo(index); });
    menu.addAction(tr("Unfreeze from here"), this, [this, index] { m_tree->unfreezeFrom(index); });
    menu.addSeparator();
    menu.addAction(tr("Freeze all"), this, [this] { m_tree->setAllFrozen(true); });
    menu.addAction(tr("Unfreeze all"), this, [this] { m_tree->setAllFrozen(false); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace tl::ui
