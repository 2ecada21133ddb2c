#include "widgets/lesson_dialog.h"

#include "a11y/accessibility.h"
#include "charts/axis_fit.h"
#include "charts/chart_palette.h"
#include "orchestration/lesson.h"
#include "orchestration/scheduler.h"
#include "rundir/run_dir.h"
#include "rundir/run_reader.h"
#include "session/process_launcher.h"
#include "widgets/background.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

namespace tl::ui {

namespace {

const char *kMethods[] = {"scratch", "frozen", "finetune"};

// Okabe and Ito's colour-blind-safe palette (black, blue, vermillion: apart in grey too), and
// each method its own line style, marker shape and a small sideways offset, so two methods
// with the same accuracy (frozen and fine-tuned often are) both stay visible.
struct MethodStyle
{
    QColor colour;
    Qt::PenStyle line;
    QString shape; // "circle", "square", "triangle"
    double dodge;  // in log10 units of images per class (0.012: about 3 %)
};

MethodStyle methodStyle(const std::string &m)
{
    if (m == "scratch")
        return {QColor(0x00, 0x00, 0x00), Qt::DotLine, QStringLiteral("circle"), -0.012};
    if (m == "frozen")
        return {QColor(0x00, 0x72, 0xB2), Qt::DashLine, QStringLiteral("square"), 0.0};
    return {QColor(0xD5, 0x5E, 0x00), Qt::SolidLine, QStringLiteral("triangle"), 0.012};
}

// A filled marker with a white rim, drawn on each mean point of a line.
QImage markerImage(const MethodStyle &style, int side)
{
    QImage img(side, side, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(Qt::white, 1.5));
    p.setBrush(style.colour);
    const QRectF r(1.5, 1.5, side - 3, side - 3);
    if (style.shape == QLatin1String("square"))
        p.drawRect(r.adjusted(1, 1, -1, -1));
    else if (style.shape == QLatin1String("triangle"))
        p.drawPolygon(QPolygonF{{r.center().x(), r.top()}, r.bottomRight(), r.bottomLeft()});
    else
        p.drawEllipse(r);
    return img;
}

// "about 40 s", "about 3 minutes"
QString aboutDuration(double seconds)
{
    if (seconds < 90)
        return LessonDialog::tr("about %1 s").arg(std::max(5.0, std::round(seconds / 5) * 5));
    return LessonDialog::tr("about %1 minutes").arg(std::max(2L, std::lround(seconds / 60)));
}

} // namespace

LessonDialog::LessonDialog(const QString &runsFolder, QWidget *parent)
    : QDialog(parent), m_runsFolder(runsFolder), m_result(std::make_unique<runs::LessonResult>())
{
    setWindowTitle(tr("Lesson: why transfer learning"));
    auto *intro = new QLabel(
        tr("<b>Does knowing other clothes help to learn new ones from a few pictures?</b><br>"
           "A small CNN first learns five Fashion-MNIST classes (trouser, sandal, sneaker, bag, "
           "ankle boot) from all their images. Then the five tops (T-shirt/top, pullover, dress, "
           "coat, shirt) are learned from only 10, 20 or 50 images each: from scratch, with the "
           "pretrained features frozen and a new classifier, and fine-tuned. Every method trains "
           "the same way on the same images; the test set is the tops' 5,000 test images."));
    intro->setWordWrap(true);
    m_step = new QLabel;
    m_step->setObjectName(QStringLiteral("lessonStep"));
    m_step->setWordWrap(true);
    m_explanation = new QLabel;
    m_explanation->setWordWrap(true);
    m_explanation->setMinimumHeight(m_explanation->fontMetrics().lineSpacing() * 3);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("step %v of %m"));

    m_table = new QTableWidget(0, 4);
    m_table->setObjectName(QStringLiteral("lessonTable"));
    a11y::name(m_table, tr("Test accuracy by method and images per class"));
    // Two lines each: a quarter of the dialog cannot hold "Frozen features + new head" at a
    // projector's text size (it showed "rozen features + new hea").
    auto twoLines = [](QString title) {
        const int middle = int(title.size()) / 2;
        int at = title.lastIndexOf(QLatin1Char(' '), middle);
        const int after = title.indexOf(QLatin1Char(' '), middle);
        if (at < 0 || (after >= 0 && after - middle < middle - at))
            at = after;
        if (at > 0)
            title[at] = QLatin1Char('\n');
        return title;
    };
    m_table->setHorizontalHeaderLabels(
        {twoLines(tr("Images per class")),
         twoLines(QString::fromStdString(runs::lessonMethodTitle("scratch"))),
         twoLines(QString::fromStdString(runs::lessonMethodTitle("frozen"))),
         twoLines(QString::fromStdString(runs::lessonMethodTitle("finetune")))});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);

    m_chart = new QChartView(new QChart);
    m_chart->setObjectName(QStringLiteral("lessonChart"));
    a11y::makeFocusable(m_chart);
    a11y::name(m_chart, tr("Test accuracy on the five tops"), tr("No values yet."));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(250);
    m_chart->chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    m_chart->chart()->setTitle(tr("Test accuracy on the five tops"));
    m_x = new QCategoryAxis;
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_x->setTitleText(tr("training images per class"));
    m_y = new QValueAxis;
    m_y->setTitleText(tr("accuracy"));
    m_y->setLabelFormat(QStringLiteral("%.2f"));
    m_chart->chart()->addAxis(m_x, Qt::AlignBottom);
    m_chart->chart()->addAxis(m_y, Qt::AlignLeft);
    m_chart->chart()->legend()->setAlignment(Qt::AlignRight);
    m_chart->chart()->setMargins(QMargins(4, 4, 4, 4));
    m_conclusion = new QLabel;
    m_conclusion->setWordWrap(true);
    // Fewer ticks where the labels would not fit (queued: not inside the chart's own layout).
    connect(m_chart->chart(), &QChart::plotAreaChanged, this, &LessonDialog::fitAxes,
            Qt::QueuedConnection);

    m_quick = new QCheckBox(tr("Quick (20 images per class, one seed)"));
    m_start = new QPushButton(tr("&Start"));
    m_stop = new QPushButton(tr("S&top"));
    m_stop->setEnabled(false);
    auto *close = new QPushButton(tr("&Close"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_quick);
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_step);
    layout->addWidget(m_explanation);
    layout->addWidget(m_progress);
    layout->addWidget(m_table);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_conclusion);
    layout->addLayout(buttons);
    resize(900, 720);
    a11y::prepareWindow(this);

    connect(m_start, &QPushButton::clicked, this, [this] { start(m_quick->isChecked()); });
    connect(m_stop, &QPushButton::clicked, this, &LessonDialog::stop);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_quick, &QCheckBox::toggled, this, [this] {
        // Show what is already there for this choice.
        try {
            if (runs::RunDir(lessonFolder().toStdString()).has(runs::RunDir::kLesson))
                showResult(runs::readLesson(lessonFolder().toStdString()));
            else
                showResult(runs::LessonResult{});
        } catch (const std::exception &) {
            showResult(runs::LessonResult{});
        }
    });
    Q_EMIT m_quick->toggled(false);
    setLargeText(false);
    estimateDurations();
}

void LessonDialog::setLargeText(bool on)
{
    m_large = on;
    // Explicit fonts do not follow the application's: set again from it.
    QFont big = QApplication::font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_step->setFont(big);
    QFont bold = QApplication::font();
    bold.setBold(true);
    m_conclusion->setFont(bold);
    setChartTextPixels(m_chart->chart(), on ? 20 : 12);
    m_chart->setMinimumHeight(on ? 320 : 250);
    updateTable(); // its rows' height follows the font
    updateChart();
}

void LessonDialog::estimateDurations()
{
    // This computer's own speed: the simple CNN's earlier runs (the lessons' included).
    const QString folder = m_runsFolder;
    auto estimates = std::make_shared<std::pair<double, double>>(-1, -1);
    runInBackground<LessonDialog>(
        this,
        [folder, estimates] {
            std::vector<runs::RunInfo> measured;
            for (const QString &dir :
                 {folder, folder + "/transfer-lesson-quick", folder + "/transfer-lesson"})
                if (QFileInfo(dir).isDir())
                    for (auto &r : runs::listRuns(dir.toStdString()))
                        measured.push_back(std::move(r));
            runs::LessonOptions full, quick;
            quick.quick = true;
            *estimates = {runs::estimateLessonSeconds(full, measured),
                          runs::estimateLessonSeconds(quick, measured)};
        },
        [estimates](LessonDialog *self, const QString &) {
            self->m_estimateFull = estimates->first;
            self->m_estimateQuick = estimates->second;
            // The line above the table says it for the choice; the box stays short (it shares
            // its row with the buttons).
            self->m_quick->setToolTip(self->m_estimateQuick > 0
                                          ? tr("%1 on this computer (an estimate)")
                                                .arg(aboutDuration(self->m_estimateQuick))
                                          : QString());
            self->showIdleText();
        });
}

QString LessonDialog::stepText() const
{
    return m_step->text();
}

void LessonDialog::showIdleText()
{
    if (m_running || !m_result->points.empty())
        return;
    const double estimate = m_quick->isChecked() ? m_estimateQuick : m_estimateFull;
    if (estimate > 0)
        m_step->setText(tr("Press Start: %1 on this computer (an estimate from the speed of "
                           "its earlier runs).")
                            .arg(aboutDuration(estimate)));
    else
        m_step->setText(tr("Press Start. How long it takes depends on this computer: try Quick "
                           "first; after it, this line estimates the whole lesson from its "
                           "speed."));
}

void LessonDialog::fitAxes()
{
    QChart *chart = m_chart->chart();
    fitCategoryAxis(chart, m_x, m_xLabels, m_xPositions);
    fitValueAxis(chart, m_y, m_yLo, m_yHi, 0.0, 1.0, 8);
}

LessonDialog::~LessonDialog()
{
    // Quitting mid-lesson: the running step stops at its next batch (keeping its epochs; Start
    // continues it); the launcher waits for its process, then kills what is left.
    m_poll.stop();
    if (m_scheduler)
        m_scheduler->stopAll();
    m_lesson.reset();
    m_scheduler.reset();
    m_launcher.reset();
    // A step killed when the wait ran out (a loaded machine) leaves its run.lock naming a dead
    // process: it goes, so that the step is not taken for running when the lesson continues.
    const QDir folder(lessonFolder());
    for (const QString &step : folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        runs::removeDeadRunLock(folder.filePath(step).toStdString());
}

QString LessonDialog::lessonFolder() const
{
    return m_runsFolder + (m_quick->isChecked() ? "/transfer-lesson-quick" : "/transfer-lesson");
}

void LessonDialog::showResult(const runs::LessonResult &result)
{
    *m_result = result;
    updateTable();
    updateChart();
    m_conclusion->setText(QString::fromStdString(m_result->conclusion()));
    m_progress->setVisible(m_running);
    showIdleText();
    if (m_running || result.points.empty() || result.stopped)
        return;
    m_step->setText(tr("Done in %1 s: what the chart shows").arg(result.seconds, 0, 'f', 0));
    m_explanation->setText(
        tr("Each line is a method's mean test accuracy, the small dots its single runs (other "
           "images, other start), drawn a little apart where they would overlap. The "
           "pretraining reached %1 on its own five classes. The runs "
           "are in %2.")
            .arg(result.pretrainAccuracy, 0, 'f', 3)
            .arg(QString::fromStdString(result.dir)));
}

void LessonDialog::start(bool quick)
{
    if (m_running)
        return;
    {
        const QSignalBlocker block(m_quick);
        m_quick->setChecked(quick);
    }
    m_running = true;
    m_progress->setVisible(true);
    m_start->setEnabled(false);
    m_quick->setEnabled(false);
    m_stop->setEnabled(true);
    showResult(runs::LessonResult{});
    m_conclusion->clear();
    runs::LessonOptions options;
    options.quick = quick;
    QDir().mkpath(m_runsFolder);
    // Each step a transferlab-cli process through the scheduler (orchestration/lesson.h): the
    // window stays free, and Stop or quitting stops the running step at its next batch.
    m_lesson.reset();
    m_scheduler.reset();
    m_launcher =
        std::make_unique<QProcessLauncher>(m_cli.isEmpty() ? QProcessLauncher::cliPath() : m_cli);
    runs::SchedulerOptions so;
    so.trainArgs = {"--quiet"};
    m_scheduler = std::make_unique<runs::Scheduler>(*m_launcher, so);
    try {
        m_lesson = std::make_unique<runs::TransferLesson>(options, lessonFolder().toStdString(),
                                                          *m_scheduler, lessonCallbacks());
    } catch (const std::exception &e) {
        lessonEnded(runs::LessonResult{}, QString::fromStdString(e.what()));
        return;
    }
    m_poll.disconnect(this);
    connect(&m_poll, &QTimer::timeout, this, [this] { m_scheduler->pollProgress(); });
    m_poll.start(500);
    m_lesson->start();
}

// What the lesson reports, shown as it comes (all on the GUI thread: the scheduler's events
// come from QProcess's signals and the progress timer).
runs::LessonCallbacks LessonDialog::lessonCallbacks()
{
    runs::LessonCallbacks cb;
    cb.stepStarted = [this](std::size_t i, std::size_t n, const runs::LessonStep &s) {
        m_stepText = tr("step %1 of %2").arg(i + 1).arg(n);
        m_progress->setFormat(m_stepText);
        m_progress->setRange(0, int(n));
        m_progress->setValue(int(i));
        m_step->setText(QString::fromStdString(s.title));
        m_explanation->setText(QString::fromStdString(s.explanation));
    };
    cb.stepProgress = [this](const runs::LessonStep &, const runs::ProgressRow &r) {
        const int percent = r.batches > 0 ? int(100 * r.batch / r.batches) : 0;
        m_progress->setFormat(tr("%1 · epoch %2 of %3, %4 %")
                                  .arg(m_stepText)
                                  .arg(r.epoch)
                                  .arg(r.epochs)
                                  .arg(percent));
    };
    cb.stepFinished = [this](const runs::LessonPoint &p) {
        if (p.method == "pretrain")
            m_result->pretrainAccuracy = p.testAccuracy;
        else
            addPoint(p);
    };
    cb.finished = [this](const runs::LessonResult &r) {
        // Not from inside the scheduler's own call: the lesson and scheduler may go after.
        QTimer::singleShot(0, this, [this, r] { lessonEnded(r, QString::fromStdString(r.error)); });
    };
    return cb;
}

void LessonDialog::lessonEnded(const runs::LessonResult &result, const QString &error)
{
    m_poll.stop();
    m_running = false;
    m_start->setEnabled(true);
    m_quick->setEnabled(true);
    m_stop->setEnabled(false);
    if (!error.isEmpty()) {
        m_step->setText(tr("The lesson could not run"));
        m_explanation->setText(error);
        Q_EMIT finished(true, error);
        return;
    }
    showResult(result);
    estimateDurations(); // its runs measured this computer again
    m_progress->setValue(m_progress->maximum());
    if (result.stopped) {
        m_step->setText(tr("Stopped"));
        m_explanation->setText(
            tr("The finished runs are kept: Start continues where the lesson stopped."));
    }
    Q_EMIT finished(result.stopped, QString());
}

void LessonDialog::stop()
{
    if (m_running && m_lesson) {
        m_step->setText(tr("Stopping…"));
        m_lesson->stop();
    }
}

void LessonDialog::closeEvent(QCloseEvent *event)
{
    stop();
    QDialog::closeEvent(event);
}

void LessonDialog::addPoint(const runs::LessonPoint &p)
{
    m_result->points.push_back(p);
    updateTable();
    updateChart();
}

void LessonDialog::updateTable()
{
    const auto rows = m_result->summary();
    std::vector<int> ns;
    for (const auto &r : rows)
        if (std::find(ns.begin(), ns.end(), r.perClass) == ns.end())
            ns.push_back(r.perClass);
    std::sort(ns.begin(), ns.end());
    m_table->setRowCount(int(ns.size()));
    // Every row shown: the table is short, the chart below takes the rest.
    m_table->resizeRowsToContents();
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int i = 0; i < m_table->rowCount(); ++i)
        height += m_table->rowHeight(i);
    m_table->setFixedHeight(height + (ns.empty() ? m_table->fontMetrics().lineSpacing() : 0));
    for (int i = 0; i < int(ns.size()); ++i) {
        auto *n = new QTableWidgetItem(QString::number(ns[std::size_t(i)]));
        n->setTextAlignment(Qt::AlignCenter);
        m_table->setItem(i, 0, n);
        for (int m = 0; m < 3; ++m) {
            QString text;
            for (const auto &r : rows)
                if (r.perClass == ns[std::size_t(i)] && r.method == kMethods[m])
                    text = r.runs > 1 ? QStringLiteral("%1  (%2–%3)")
                                            .arg(r.mean, 0, 'f', 3)
                                            .arg(r.min, 0, 'f', 3)
                                            .arg(r.max, 0, 'f', 3)
                                      : QString::number(r.mean, 'f', 3);
            auto *item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignCenter);
            m_table->setItem(i, m + 1, item);
        }
    }
}

void LessonDialog::updateChart()
{
    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    const auto rows = m_result->summary();
    // Images per class on a log scale (10, 20, 50 evenly apart), labelled with the counts.
    std::vector<int> ns;
    for (const auto &p : m_result->points)
        if (std::find(ns.begin(), ns.end(), p.perClass) == ns.end())
            ns.push_back(p.perClass);
    std::sort(ns.begin(), ns.end());
    if (ns.empty())
        ns = {10, 20, 50};
    m_xLabels.clear();
    m_xPositions.clear();
    for (const int n : ns) {
        m_xLabels << QString::number(n);
        m_xPositions << std::log10(double(n));
    }
    for (const QString &label : m_x->categoriesLabels())
        m_x->remove(label);
    m_x->setRange(std::log10(ns.front() * 0.8), std::log10(ns.back() * 1.25));
    double lo = 1.0, hi = 0.0;
    const int marker = m_large ? 16 : 12;
    for (const char *m : {"scratch", "finetune", "frozen"}) {
        const MethodStyle style = methodStyle(m);
        auto *line = new QLineSeries;
        line->setName(QString::fromStdString(runs::lessonMethodTitle(m)));
        QPen pen(style.colour);
        pen.setWidthF(m_large ? 3.5 : 2.5);
        pen.setStyle(style.line);
        line->setPen(pen);
        line->setLightMarker(markerImage(style, marker));
        line->setMarkerSize(marker);
        auto *dots = new QScatterSeries;
        dots->setColor(style.colour);
        dots->setBorderColor(style.colour);
        dots->setMarkerSize(m_large ? 7 : 5);
        for (const auto &r : rows)
            if (r.method == m)
                line->append(std::log10(double(r.perClass)) + style.dodge, r.mean);
        for (const auto &p : m_result->points)
            if (p.method == m && p.status == "finished") {
                dots->append(std::log10(double(p.perClass)) + style.dodge, p.testAccuracy);
                lo = std::min(lo, p.testAccuracy);
                hi = std::max(hi, p.testAccuracy);
            }
        chart->addSeries(dots);
        chart->addSeries(line);
        for (auto *s :
             {static_cast<QAbstractSeries *>(line), static_cast<QAbstractSeries *>(dots)}) {
            s->attachAxis(m_x);
            s->attachAxis(m_y);
        }
        // The dots are the single runs: one legend entry per method.
        for (auto *marker : chart->legend()->markers(dots))
            marker->setVisible(false);
    }
    if (hi < lo) {
        lo = 0.5;
        hi = 0.9;
    }
    m_yLo = std::max(0.0, lo - 0.02);
    m_yHi = std::min(1.0, hi + 0.02);
    // Ticks at 0.05, 0.1 or 0.2 apart, as many as the chart's height holds at this text size.
    fitAxes();
    palette::followPalette(m_chart->chart(), palette());
    a11y::describeChart(m_chart);
}

} // namespace tl::ui
