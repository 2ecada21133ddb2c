#include "widgets/run_follower.h"

#include "base/error.h"
#include "charts/chart_palette.h"
#include "charts/metric_chart.h"
#include "io/files.h"
#include "itemmodels/runs_model.h"
#include "run/run_experiment.h"
#include "rundir/progress_log.h"
#include "rundir/run_reader.h"

#include "rundir/run_dir.h"
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace tl::ui {

RunFollower::RunFollower(const QString &runDir, QWidget *parent)
    : QWidget(parent), m_dir(runDir),
      m_tail(std::make_unique<runs::ProgressTail>(runs::RunDir(runDir.toStdString()).progress()))
{
    m_title = new QLabel;
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_open = new QPushButton(tr("&Open in Results"));
    m_open->setEnabled(false);
    m_open->setToolTip(tr("Available when the run has finished"));
    auto *closeButton = new QPushButton(tr("Stop following"));
    m_loss = new MetricChart(tr("Loss"), tr("cross-entropy"));
    m_lossBatch = m_loss->addSeries(tr("train (batches)"), palette::batchColor());
    m_lossTrain = m_loss->addSeries(tr("train (epoch)"), palette::seriesColor(0), false, true);
    m_lossVal = m_loss->addSeries(tr("validation"), palette::seriesColor(1), true, true);
    m_accuracy = new MetricChart(tr("Accuracy"), tr("accuracy"));
    m_accuracy->setFixedYRange(0, 1);
    m_accBatch = m_accuracy->addSeries(tr("train (batches)"), palette::batchColor());
    m_accTrain = m_accuracy->addSeries(tr("train (epoch)"), palette::seriesColor(0), false, true);
    m_accVal = m_accuracy->addSeries(tr("validation"), palette::seriesColor(1), true, true);
    m_loss->setCaption(tr("Read from the run's folder: %1 (batches) and %2 (epochs).")
                           .arg(QString::fromLatin1(runs::RunDir::kProgress),
                                QString::fromLatin1(runs::RunDir::kMetrics)));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_open);
    buttons->addWidget(closeButton);
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_loss, 1);
    charts->addWidget(m_accuracy, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(buttons);
    layout->addLayout(charts, 1);
    // The finished run opens in the window's Results; this window has done its job.
    connect(m_open, &QPushButton::clicked, this, [this] {
        Q_EMIT openRequested(m_dir);
        close();
    });
    connect(closeButton, &QPushButton::clicked, this, &QWidget::close);
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &RunFollower::poll);
    m_timer->start();
    setWindowTitle(tr("Following %1").arg(QFileInfo(runDir).fileName()));
    poll();
}

RunFollower::~RunFollower() = default;

QString RunFollower::status() const
{
    return m_state;
}

void RunFollower::reloadEpochs()
{
    const std::string path = runs::RunDir(m_dir.toStdString()).metrics();
    runs::RunResult done;
    try {
        runs::parseMetricsCsv(readFile(path, std::uint64_t(64) << 20), path, done);
    } catch (const Error &) {
        return; // being rewritten, or damaged: the next poll tries again
    }
    QList<QPointF> lossTrain, lossVal, accTrain, accVal;
    for (const auto &e : done.epochs) {
        lossTrain << QPointF(e.globalEpoch, e.trainLoss);
        accTrain << QPointF(e.globalEpoch, e.trainAccuracy);
        if (e.hasValidation) {
            lossVal << QPointF(e.globalEpoch, e.valLoss);
            accVal << QPointF(e.globalEpoch, e.valAccuracy);
        }
    }
    // Epoch series are redrawn whole (a resumed run rewrites metrics.csv); batches accumulate.
    const QList<QPointF> lossBatches = m_loss->points(m_lossBatch);
    const QList<QPointF> accBatches = m_accuracy->points(m_accBatch);
    m_loss->clear();
    m_accuracy->clear();
    m_loss->append(m_lossBatch, lossBatches);
    m_accuracy->append(m_accBatch, accBatches);
    m_loss->append(m_lossTrain, lossTrain);
    m_loss->append(m_lossVal, lossVal);
    m_accuracy->append(m_accTrain, accTrain);
    m_accuracy->append(m_accVal, accVal);
}

void RunFollower::poll()
{
    const std::vector<runs::ProgressRow> rows = m_tail->readNew();
    if (!rows.empty()) {
        QList<QPointF> loss, acc;
        for (const auto &r : rows) {
            loss << QPointF(r.x(), r.recentLoss);
            acc << QPointF(r.x(), r.recentAccuracy);
        }
        m_loss->append(m_lossBatch, loss);
        m_accuracy->append(m_accBatch, acc);
        const runs::ProgressRow &r = rows.back();
        m_lastProgress = QDateTime::currentDateTime();
        m_progressText = tr("epoch %1 (stage %2, %3 of %4), batch %5 of %6, loss %7, accuracy "
                            "%8, %9 images/s")
                             .arg(r.globalEpoch)
                             .arg(r.stage + 1)
                             .arg(r.epoch)
                             .arg(r.epochs)
                             .arg(r.batch)
                             .arg(r.batches)
                             .arg(r.loss, 0, 'f', 4)
                             .arg(r.accuracy, 0, 'f', 4)
                             .arg(r.imagesPerSecond, 0, 'f', 0);
    }
    const QFileInfo metrics(QString::fromStdString(runs::RunDir(m_dir.toStdString()).metrics()));
    if (metrics.exists() && metrics.lastModified() != m_metricsTime) {
        m_metricsTime = metrics.lastModified();
        reloadEpochs();
    }
    runs::RunInfo info;
    try {
        info = runs::readRun(m_dir.toStdString());
    } catch (const Error &e) {
        m_state = QStringLiteral("damaged");
        m_title->setText(tr("Following %1").arg(QFileInfo(m_dir).fileName()));
        m_status->setText(QString::fromStdString(e.what()));
        return;
    }
    m_state = QString::fromStdString(info.status());
    QString where = m_state;
    if (info.running && !info.host.empty())
        where = tr("running on %1").arg(QString::fromStdString(info.host));
    m_title->setText(
        tr("%1: %2, %3").arg(runTitle(info), QString::fromStdString(info.model), where));
    QString text =
        m_progressText.isEmpty() ? tr("waiting for the first progress report") : m_progressText;
    if (m_lastProgress.isValid())
        text += tr(" (%1 s ago)").arg(m_lastProgress.secsTo(QDateTime::currentDateTime()));
    if (info.finished)
        text = tr("finished: test accuracy %1 after %2 epochs")
                   .arg(info.testAccuracy, 0, 'f', 4)
                   .arg(info.epochs);
    m_status->setText(text);
    if (info.finished && !m_finished) {
        m_finished = true;
        m_open->setEnabled(true);
        m_open->setToolTip(QString());
        Q_EMIT finished(m_dir);
    }
}

} // namespace tl::ui
