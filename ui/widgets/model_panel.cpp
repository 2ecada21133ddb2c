#include "widgets/model_panel.h"

#include "error.h"
#include "models/layer_tree.h"
#include "models/layer_tree_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

namespace tl::ui {

ModelPanel::ModelPanel(QWidget *parent) : QWidget(parent), m_tree(new LayerTreeModel(this))
{
    m_model = new QComboBox;
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
    m_inputSize->setToolTip(tr("Images are resized (bilinear) to this size before the network."));
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
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    form->addRow(m_error);

    auto *left = new QVBoxLayout;
    left->addWidget(options);
    left->addStretch(1);

    m_view = new QTreeView;
    m_view->setModel(m_tree);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(LayerTreeModel::Name, QHeaderView::Stretch);
    m_view->setToolTip(tr("Untick a layer to freeze it; right-click to freeze up to a layer."));
    m_totals = new QLabel;
    m_totals->setTextFormat(Qt::RichText);
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

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addWidget(treeBox, 1);

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
    connect(m_model, &QComboBox::currentIndexChanged, this, &ModelPanel::rebuild);
    connect(m_inputSize, &QSpinBox::valueChanged, this, &ModelPanel::rebuild);
    connect(m_rgb, &QCheckBox::toggled, this, &ModelPanel::rebuild);
    connect(m_batchNorm, &QCheckBox::toggled, this, &ModelPanel::rebuild);
    for (auto *s : {m_dropout, m_bnMomentum, m_l2})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ModelPanel::specChanged);
    rebuild();
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
    s.frozen = m_tree->frozenPaths();
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
    }
    rebuild();
    m_tree->setFrozenPaths(s.frozen);
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
    try {
        const auto &info = models::modelInfo(name);
        m_description->setText(QString::fromStdString(info.description));
        models::ModelSpec s = spec();
        s.frozen.clear();
        const auto frozen = m_tree->frozenPaths();
        m_tree->setSummary(models::describeModel(s));
        try {
            m_tree->setFrozenPaths(
                frozen); // keep what the user froze, where the layers still exist
        } catch (const Error &) {
        }
        m_view->expandToDepth(0);
        for (int c = 1; c < LayerTreeModel::ColumnCount; ++c)
            m_view->resizeColumnToContents(c);
        m_error->clear();
    } catch (const std::exception &e) {
        m_error->setText(QString::fromStdString(e.what()));
    }
    Q_EMIT specChanged();
}

void ModelPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
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
