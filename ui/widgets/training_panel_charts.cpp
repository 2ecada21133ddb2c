// The Training tab's charts: loss, accuracy and learning rate, their arrangement with the live
// view, and what each batch and epoch adds to them (training_panel.cpp holds the rest).

#include "widgets/training_panel.h"

#include "widgets/live_view.h"

#include "charts/chart_palette.h"
#include "charts/metric_chart.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>

namespace tl::ui {

// Loss, accuracy and learning-rate charts, the live view and the legend they share.
void TrainingPanel::buildCharts()
{
    m_loss = new MetricChart(tr("Loss"), tr("cross-entropy"));
    m_loss->setToolTip(tr("Loss: how wrong the model is, averaged over images (cross-entropy; "
                          "lower is better). Training minimises it."));
    m_lossBatch = m_loss->addSeries(tr("train (batches)"), palette::batchColor());
    m_lossTrain = m_loss->addSeries(tr("train (epoch)"), palette::seriesColor(0), false, true);
    m_lossVal = m_loss->addSeries(tr("validation"), palette::seriesColor(1), true, true);
    m_loss->setLegendVisible(false); // the accuracy chart's legend, below, names the same curves
    m_loss->setXTitleVisible(false);
    m_loss->setCaption(tr("How wrong the model is: lower is better. Line: the latest batches; "
                          "dot: an epoch's mean; orange: held-out images."));
    m_loss->setCaptionToolTip(
        tr("The thin line follows the latest batches, smoothed. A dot is the mean over a whole "
           "epoch, so it sits above the line while the model still improves during the epoch. "
           "Orange: the validation images, held out and never trained on."));
    m_accuracy = new MetricChart(tr("Accuracy"), tr("accuracy"));
    m_accuracy->setToolTip(tr("Accuracy: the share of images whose most likely class is the "
                              "right one."));
    m_accuracy->setFixedYRange(0, 1);
    m_accBatch = m_accuracy->addSeries(tr("train (batches)"), palette::batchColor());
    m_accTrain = m_accuracy->addSeries(tr("train (epoch)"), palette::seriesColor(0), false, true);
    m_accVal = m_accuracy->addSeries(tr("validation"), palette::seriesColor(1), true, true);
    m_accuracy->setCaption(tr("Share of images classified right. Orange falling while blue "
                              "rises: overfitting."));
    m_accuracy->setCaptionToolTip(
        tr("Validation (orange) is what counts: images the model never trains on. When it falls "
           "while training accuracy rises, the model memorises the training images "
           "(overfitting). Set a validation split in the Data tab to see it."));
    m_lrChart = new MetricChart(tr("Learning rate"), tr("lr"));
    m_lrChart->setToolTip(tr("The learning rate over time: schedules lower it as training "
                             "goes on."));
    m_lrChart->setMaximumHeight(180);
    m_lrChart->setYLabelFormat(QStringLiteral("%.2g"));
    m_lrSeries = m_lrChart->addSeries(tr("learning rate"), palette::seriesColor(3));
    m_lrChart->setCompact();
    m_liveView = new LiveView;
    // The live view scrolls rather than growing the window past a 720-line screen.
    m_liveArea = new QScrollArea;
    m_liveArea->setObjectName(QStringLiteral("liveViewArea"));
    m_liveArea->setWidget(m_liveView);
    m_liveArea->setWidgetResizable(true);
    m_liveArea->setFrameShape(QFrame::NoFrame);
    m_liveArea->setMinimumHeight(110);
    m_liveArea->hide();
    // Side by side (with the live view) the two charts are too narrow for three legend
    // entries each at a projector's text size: one shared legend line under both instead.
    m_sharedLegend = new QLabel;
    m_sharedLegend->setObjectName(QStringLiteral("sharedLegend"));
    m_sharedLegend->setTextFormat(Qt::RichText);
    m_sharedLegend->setWordWrap(true);
    m_sharedLegend->setAlignment(Qt::AlignCenter);
    // The charts' colours (chart_palette.h) with their line and marker: solid with squares,
    // dashed with triangles.
    m_sharedLegend->setText(QStringLiteral("<span style='color:#008ede'>━</span> %1 &nbsp; "
                                           "<span style='color:#0072b2'>━■</span> %2 &nbsp; "
                                           "<span style='color:#d55e00'>┅▲</span> %3")
                                .arg(tr("train (batches)"), tr("train (epoch)"), tr("validation")));
    m_sharedLegend->hide();
    m_charts = new QGridLayout;
    connect(m_liveCheck, &QCheckBox::toggled, this, [this](bool on) {
        arrangeCharts(on);
        Q_EMIT liveViewToggled(on);
    });
}

void TrainingPanel::arrangeCharts(bool liveView)
{
    // Without the live view: loss, accuracy and learning rate stacked. With it: loss and
    // accuracy side by side above the live view (the learning rate gives up its room), so
    // that every chart keeps the height its numbers need at a projector's 720 lines.
    for (QWidget *w : {static_cast<QWidget *>(m_loss), static_cast<QWidget *>(m_accuracy),
                       static_cast<QWidget *>(m_lrChart), static_cast<QWidget *>(m_liveArea),
                       static_cast<QWidget *>(m_sharedLegend)})
        m_charts->removeWidget(w);
    for (int r = 0; r < 3; ++r)
        m_charts->setRowStretch(r, 0);
    m_charts->setColumnStretch(1, 0);
    if (liveView) {
        m_charts->addWidget(m_loss, 0, 0);
        m_charts->addWidget(m_accuracy, 0, 1);
        m_charts->addWidget(m_sharedLegend, 1, 0, 1, 2);
        m_charts->addWidget(m_liveArea, 2, 0, 1, 2);
        m_charts->setRowStretch(0, 3);
        m_charts->setRowStretch(2, 2);
        m_charts->setColumnStretch(1, 1);
    } else {
        m_charts->addWidget(m_loss, 0, 0);
        m_charts->addWidget(m_accuracy, 1, 0);
        m_charts->addWidget(m_lrChart, 2, 0);
        m_charts->setRowStretch(0, 3);
        m_charts->setRowStretch(1, 3);
        // A row keeps its stretch with its widget hidden: none for the hidden rate chart.
        m_charts->setRowStretch(2, m_presentation ? 0 : 1);
    }
    m_charts->setColumnStretch(0, 1);
    m_lrChart->setVisible(!liveView && !m_presentation);
    m_liveArea->setVisible(liveView);
    m_sharedLegend->setVisible(liveView);
    // Stacked, the accuracy chart's legend and x title serve both; side by side, each chart
    // has its x title and the shared legend line names the curves.
    m_accuracy->setLegendVisible(!liveView);
    m_loss->setXTitleVisible(liveView);
}

void TrainingPanel::resetCharts()
{
    m_liveView->clear();
    m_loss->clear();
    m_accuracy->clear();
    m_lrChart->clear();
    m_pendingLoss.clear();
    m_pendingAcc.clear();
    m_pendingLr.clear();
    m_smoothLoss = m_smoothAcc = -1;
    m_lastStage = -1;
    m_lastGlobalEpoch = 0;
    clearWarnings();
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_log->clear();
}

void TrainingPanel::noteStage(int stage, double x)
{
    if (stage == m_lastStage)
        return;
    if (stage > 0) {
        m_loss->markBoundary(x);
        m_accuracy->markBoundary(x);
        m_lrChart->markBoundary(x);
    }
    m_lastStage = stage;
}

void TrainingPanel::onEpoch(const train::EpochMetrics &m)
{
    flush();
    noteStage(m.stage, m.globalEpoch - m.epoch);
    m_lastGlobalEpoch = m.globalEpoch;
    const double x = m.globalEpoch;
    m_loss->append(m_lossTrain, {QPointF(x, m.trainLoss)});
    m_accuracy->append(m_accTrain, {QPointF(x, m.trainAccuracy)});
    QString line = tr("epoch %1: loss %L2, accuracy %L3")
                       .arg(m.globalEpoch)
                       .arg(m.trainLoss, 0, 'f', 4)
                       .arg(m.trainAccuracy, 0, 'f', 4);
    if (m.hasValidation) {
        m_loss->append(m_lossVal, {QPointF(x, m.valLoss)});
        m_accuracy->append(m_accVal, {QPointF(x, m.valAccuracy)});
        line += tr(" | validation loss %L1, accuracy %L2")
                    .arg(m.valLoss, 0, 'f', 4)
                    .arg(m.valAccuracy, 0, 'f', 4);
    }
    line += tr(" | %L1 s, %L2 images/s")
                .arg(m.seconds, 0, 'f', 1)
                .arg(m.imagesPerSecond, 0, 'f', 0);
    m_log->appendPlainText(line);
}

void TrainingPanel::flush()
{
    if (!m_pendingLoss.isEmpty()) {
        m_loss->append(m_lossBatch, m_pendingLoss);
        m_pendingLoss.clear();
    }
    if (!m_pendingAcc.isEmpty()) {
        m_accuracy->append(m_accBatch, m_pendingAcc);
        m_pendingAcc.clear();
    }
    if (!m_pendingLr.isEmpty()) {
        m_lrChart->append(m_lrSeries, m_pendingLr);
        m_pendingLr.clear();
    }
}

void TrainingPanel::showHistory(const std::vector<train::EpochMetrics> &epochs)
{
    resetCharts();
    for (std::size_t i = 0; i < epochs.size(); ++i) {
        const auto &e = epochs[i];
        if (i == 0 || e.stage != epochs[i - 1].stage) {
            int count = 0;
            for (const auto &f : epochs)
                count += f.stage == e.stage;
            onStageStarted(e.stage, QString::fromStdString(e.stageName), count);
        }
        onEpoch(e);
        m_lrChart->append(m_lrSeries, {QPointF(e.globalEpoch, e.learningRate)});
    }
    // Warnings are about a run as it trains, not about one read back.
    clearWarnings();
}

} // namespace tl::ui
