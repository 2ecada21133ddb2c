// The Data tab's sample preview: training images as stored and as the network sees them after
// augmentation and preprocessing, reflowed four or eight to a row (data_panel.cpp holds the rest).

#include "widgets/data_panel.h"

#include "data/transform.h"
#include "itemmodels/gallery_model.h"

#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QVBoxLayout>

namespace tl::ui {

namespace {

constexpr int kPreviewCount = 8;
constexpr int kPreviewSide = 96;

} // namespace

// Samples as stored and as the network sees them, with their buttons.
QGroupBox *DataPanel::buildPreviewBox()
{
    auto *previewBox = new QGroupBox(tr("Samples: as stored, and as the network sees them"));
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_previewGrid = new QGridLayout;
    m_previewGrid->setSpacing(6);
    for (int i = 0; i < kPreviewCount; ++i) {
        auto *caption = new QLabel;
        caption->setAlignment(Qt::AlignCenter);
        auto *orig = new QLabel;
        auto *augd = new QLabel;
        for (auto *l : {orig, augd}) {
            l->setFixedSize(kPreviewSide, kPreviewSide);
            l->setAlignment(Qt::AlignCenter);
            l->setStyleSheet(QStringLiteral("background: #202020; border-radius: 3px;"));
        }
        m_captionLabels << caption;
        m_originalLabels << orig;
        m_augmentedLabels << augd;
    }
    // Row titles for up to two rows of samples (a narrow window shows 4 per row).
    for (int b = 0; b < 2; ++b)
        m_rowTitles << new QLabel(tr("original")) << new QLabel(tr("augmented"));
    previewLayout->addLayout(m_previewGrid);
    auto *newSamplesButton = new QPushButton(tr("&New samples"));
    auto *againButton = new QPushButton(tr("Augment &again"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newSamplesButton);
    buttons->addWidget(againButton);
    buttons->addStretch(1);
    previewLayout->addLayout(buttons);
    // Four samples per row at the least: the box's minimum, so a narrow window reflows the
    // samples instead of scrolling sideways; wider boxes show all eight in one row.
    relayoutPreviews(kPreviewCount / 2);
    previewBox->setMinimumWidth(previewBox->minimumSizeHint().width());
    previewBox->installEventFilter(this);
    m_previewBox = previewBox;
    connect(newSamplesButton, &QPushButton::clicked, this, &DataPanel::newSamples);
    connect(againButton, &QPushButton::clicked, this, [this] {
        ++m_sampleSeed;
        refreshPreview();
    });
    return previewBox;
}

bool DataPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_previewBox && event->type() == QEvent::Resize) {
        // As many samples per row as fit, at least four: the tab never needs to scroll sideways.
        const int cell = kPreviewSide + m_previewGrid->spacing();
        const int width = static_cast<QResizeEvent *>(event)->size().width();
        // Four or eight per row: two even rows rather than six and two.
        relayoutPreviews((width - 100) / cell >= kPreviewCount ? kPreviewCount : kPreviewCount / 2);
    }
    return QWidget::eventFilter(watched, event);
}

void DataPanel::relayoutPreviews(int columns)
{
    if (columns == m_previewColumns)
        return;
    m_previewColumns = columns;
    while (QLayoutItem *item = m_previewGrid->takeAt(0))
        delete item; // the widgets stay, re-added below
    const int blocks = (kPreviewCount + columns - 1) / columns;
    for (int b = 0; b < m_rowTitles.size() / 2; ++b) {
        QLabel *original = m_rowTitles[2 * b], *augmented = m_rowTitles[2 * b + 1];
        original->setVisible(b < blocks);
        augmented->setVisible(b < blocks);
        if (b < blocks) {
            m_previewGrid->addWidget(original, 3 * b + 1, 0);
            m_previewGrid->addWidget(augmented, 3 * b + 2, 0);
        }
    }
    for (int c = 0; c <= kPreviewCount + 1; ++c)
        m_previewGrid->setColumnStretch(c, c == columns + 1 ? 1 : 0); // spare room to the right
    for (int i = 0; i < kPreviewCount; ++i) {
        const int b = i / columns, c = i % columns + 1;
        m_previewGrid->addWidget(m_captionLabels[i], 3 * b, c);
        m_previewGrid->addWidget(m_originalLabels[i], 3 * b + 1, c);
        m_previewGrid->addWidget(m_augmentedLabels[i], 3 * b + 2, c);
    }
}

void DataPanel::newSamples()
{
    if (!m_data || m_data->train.empty())
        return;
    data::Rng rng(m_sampleSeed * 7919 + 17);
    m_sampleIndices.clear();
    for (int i = 0; i < kPreviewCount; ++i)
        m_sampleIndices.push_back(std::size_t(rng.below(m_data->train.size())));
    ++m_sampleSeed;
    refreshPreview();
}

void DataPanel::refreshPreview()
{
    m_previewAugmented.clear();
    if (!m_data || m_sampleIndices.empty())
        return;
    const data::ImageStore &store = m_data->train;
    data::PreprocessOptions pre = m_preprocess;
    if (pre.channels == 1 && store.channels == 3)
        pre.channels = 3;
    QString error;
    try {
        pre = data::resolvePreprocess(pre, store);
        const data::SampleTransform transform(store.height, store.width, store.channels,
                                              augmentOptions(), pre);
        std::vector<float> out(transform.outFloats());
        std::vector<std::uint8_t> pixels(std::size_t(transform.outHeight()) * transform.outWidth() *
                                         transform.outChannels());
        for (int i = 0; i < int(m_sampleIndices.size()); ++i) {
            const std::size_t s = m_sampleIndices[std::size_t(i)];
            const QImage original = toQImage(store, s);
            data::Rng rng = data::Rng::derive(m_sampleSeed, s);
            // What the loader gives the network (a folder's image: torchvision's crop).
            if (!transform.applyTo(store, s, out.data(), rng, true))
                std::fill(out.begin(), out.end(), 0.0f); // a file that broke since listing
            transform.denormalize(out.data(), pixels.data());
            const QImage seen = toQImage(pixels.data(), transform.outHeight(), transform.outWidth(),
                                         transform.outChannels());
            m_previewAugmented << seen;
            const auto mode = original.width() < kPreviewSide / 2 ? Qt::FastTransformation
                                                                  : Qt::SmoothTransformation;
            m_originalLabels[i]->setPixmap(QPixmap::fromImage(
                original.scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, mode)));
            m_augmentedLabels[i]->setPixmap(QPixmap::fromImage(
                seen.scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, mode)));
            m_augmentedLabels[i]->setToolTip(
                tr("%1×%2×%3 as the network receives it (shown de-normalised)")
                    .arg(transform.outChannels())
                    .arg(transform.outHeight())
                    .arg(transform.outWidth()));
            m_captionLabels[i]->setText(
                QString::fromStdString(store.classNames[std::size_t(store.labels[s])]));
        }
    } catch (const std::exception &e) {
        error = QString::fromStdString(e.what());
        m_status->setText(
            QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(error.toHtmlEscaped()));
    }
    Q_EMIT previewUpdated();
}

} // namespace tl::ui
