#pragma once

#include <QDateTime>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTimer;
QT_END_NAMESPACE

namespace tl::runs {
class ProgressTail;
}

namespace tl::ui {

class MetricChart;

// Follows a run this window did not start (a CLI run, a cluster job writing into a shared
// folder): its status and live loss and accuracy curves, from the per-batch progress.csv and the
// epochs of metrics.csv, polled once a second (only what was appended is read). When the run
// finishes, Open in Results shows it as usual.
class RunFollower : public QWidget
{
    Q_OBJECT

public:
    explicit RunFollower(const QString &runDir, QWidget *parent = nullptr);
    ~RunFollower() override;

    QString runDir() const { return m_dir; }
    QString status() const;
    MetricChart *lossChart() const { return m_loss; }
    MetricChart *accuracyChart() const { return m_accuracy; }
    // Reads what changed since the last poll (the timer calls it every second).
    void poll();

Q_SIGNALS:
    void openRequested(const QString &runDir);
    void finished(const QString &runDir);

private:
    void reloadEpochs();

    QString m_dir;
    std::unique_ptr<runs::ProgressTail> m_tail;
    QLabel *m_title;
    QLabel *m_status;
    QPushButton *m_open;
    MetricChart *m_loss;
    MetricChart *m_accuracy;
    int m_lossBatch, m_lossTrain, m_lossVal, m_accBatch, m_accTrain, m_accVal;
    QTimer *m_timer;
    QDateTime m_metricsTime;
    QDateTime m_lastProgress; // when the last progress row arrived
    QString m_progressText;
    QString m_state;
    bool m_finished = false;
};

} // namespace tl::ui
