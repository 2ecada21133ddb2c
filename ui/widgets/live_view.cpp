#include "widgets/live_view.h"

#include "a11y/accessibility.h"
#include "widgets/feature_map_grid.h"

#include "itemmodels/gallery_model.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace tl::ui {

LiveView::LiveView(QWidget *parent) : QWidget(parent)
{
    m_image = new QLabel;
    m_image->setFixedSize(84, 84);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setStyleSheet(QStringLiteral("background: #202020; border-radius: 4px;"));
    m_caption = new QLabel;
    m_caption->setWordWrap(true);
    m_caption->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_grid = new FeatureMapGrid;
    m_grid->setMinimumSize(260, 160);
    a11y::name(this, tr("Live view of the first layer"));
    a11y::name(m_grid, tr("First layer's feature maps"));
    auto *side = new QVBoxLayout;
    side->addWidget(m_image);
    side->addWidget(m_caption, 1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(side);
    layout->addWidget(m_grid, 1);
    clear();
}

void LiveView::clear()
{
    m_epoch = 0;
    m_image->clear();
    m_caption->setText(tr("The first layer's filters and what they make of this image, redrawn "
                          "after each epoch."));
    m_grid->clear(tr("Shown after the first epoch."));
    a11y::describe(this, m_caption->text());
}

void LiveView::showView(const train::NetworkView &v)
{
    m_epoch = v.globalEpoch;
    if (!v.image.empty())
        m_image->setPixmap(QPixmap::fromImage(
            toQImage(v.image.data(), v.imageHeight, v.imageWidth, v.imageChannels)
                .scaled(84, 84, Qt::KeepAspectRatio, Qt::FastTransformation)));
    m_caption->setText(
        tr("After epoch %1: layer %2").arg(v.globalEpoch).arg(QString::fromStdString(v.layer)));
    m_grid->setLayer(QString::fromStdString(v.layer), v.channels, v.height, v.width, v.maps,
                     v.order, v.means, v.filterIn, v.filterSize, v.filters);
    a11y::describe(this, m_caption->text());
}

} // namespace tl::ui
