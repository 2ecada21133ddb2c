#pragma once

#include <QDialog>
#include <QStringList>
#include <QTimer>

#include <memory>

QT_BEGIN_NAMESPACE
class QCategoryAxis;
class QChartView;
class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QValueAxis;
QT_END_NAMESPACE

namespace tl::runs {
class Scheduler;
class TransferLesson;
struct LessonCallbacks;
struct LessonResult;
struct LessonPoint;
} // namespace tl::runs

namespace tl::ui {

class QProcessLauncher;

// File > Lessons > "Why transfer learning": runs the transfer lesson (orchestration/lesson.h) in the
// background, explains each step as it starts, fills the table as runs finish and ends on the
// accuracy-against-images-per-class chart. The runs land in the runs folder like any other.
class LessonDialog : public QDialog
{
    Q_OBJECT

public:
    LessonDialog(const QString &runsFolder, QWidget *parent = nullptr);
    ~LessonDialog() override;

    bool isRunning() const { return m_running; }
    // The lesson's folder (quick or full).
    QString lessonFolder() const;
    // Starts (or continues) the lesson; `quick`: one seed at 20 images per class.
    void start(bool quick);
    void stop();
    // The transferlab-cli that trains the steps (default: QProcessLauncher::cliPath()).
    void setCliPath(const QString &path) { m_cli = path; }
    // The chart as drawn (tests, screenshots).
    QChartView *chartView() const { return m_chart; }
    // Shows a finished lesson read from its folder (no training).
    void showResult(const runs::LessonResult &result);
    // Presentation mode: larger chart text and markers (the rest follows the application font).
    void setLargeText(bool on);
    // What the dialog says before Start (the estimated duration on this computer).
    QString stepText() const;

Q_SIGNALS:
    void finished(bool stopped, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPoint(const runs::LessonPoint &p);
    void updateChart();
    void updateTable();
    void fitAxes();
    void estimateDurations();
    void showIdleText();
    runs::LessonCallbacks lessonCallbacks();
    void lessonEnded(const runs::LessonResult &result, const QString &error);

    QString m_runsFolder;
    QLabel *m_step;
    QLabel *m_explanation;
    QProgressBar *m_progress;
    QTableWidget *m_table;
    QChartView *m_chart;
    QCategoryAxis *m_x = nullptr; // images per class, at log10 positions
    QValueAxis *m_y = nullptr;
    QStringList m_xLabels; // every count, before fitAxes drops crowded ones
    QList<double> m_xPositions;
    double m_yLo = 0.5, m_yHi = 0.9; // the accuracies shown
    bool m_large = false;
    double m_estimateFull = -1, m_estimateQuick = -1; // seconds on this computer; -1: unknown
    QLabel *m_conclusion;
    QCheckBox *m_quick;
    QPushButton *m_start;
    QPushButton *m_stop;
    bool m_running = false;
    QString m_stepText; // "step 3 of 28", the progress bar's text
    QString m_cli;
    std::unique_ptr<QProcessLauncher> m_launcher;
    std::unique_ptr<runs::Scheduler> m_scheduler;
    std::unique_ptr<runs::TransferLesson> m_lesson;
    QTimer m_poll; // reads the running step's progress.csv
    std::unique_ptr<runs::LessonResult> m_result; // the points so far
};

} // namespace tl::ui
