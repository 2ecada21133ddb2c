#include "widgets/lesson_dialog.h"

#include "runs/lesson.h"
#include "train/run_control.h"
#include "widgets/background.h"

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
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <map>

namespace tl::ui {

namespace {

const char *kMethods[] = {"scratch", "frozen", "finetune"};

QColor methodColour(const std::string &m)
{
    if (m == "scratch")
        return QColor(0x7f, 0x8c, 0x8d);
    if (m == "frozen")
        return QColor(0x29, 0x80, 0xb9);
    return QColor(0xd3, 0x54, 0x00);
}

} // namespace

LessonDialog::LessonDialog(const QString &runsFolder, QWidget *parent)
    : QDialog(parent), m_runsFolder(runsFolder), m_control(std::make_shared<train::RunControl>()),
      m_result(std::make_unique<runs::LessonResult>())
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
    m_step = new QLabel(tr("Press Start: the whole lesson takes a few minutes."));
    QFont big = m_step->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_step->setFont(big);
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
    m_table->setHorizontalHeaderLabels({tr("Images per class"),
                                        QString::fromStdString(runs::lessonMethodTitle("scratch")),
                                        QString::fromStdString(runs::lessonMethodTitle("frozen")),
                                        QString::fromStdString(runs::lessonMethodTitle("finetune"))});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMaximumHeight(130);

    m_chart = new QChartView(new QChart);
    m_chart->setObjectName(QStringLiteral("lessonChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(260);
    m_chart->chart()->setTitle(tr("Test accuracy on the five tops"));
    m_conclusion = new QLabel;
    m_conclusion->setWordWrap(true);
    m_conclusion->setFont(big);

    m_quick = new QCheckBox(tr("Quick (20 images per class, one seed: about a minute)"));
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

    connect(m_start, &QPushButton::clicked, this, [this] { start(m_quick->isChecked()); });
    connect(m_stop, &QPushButton::clicked, this, &LessonDialog::stop);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_quick, &QCheckBox::toggled, this, [this] {
        // Show what is already there for this choice.
        try {
            if (QFileInfo::exists(lessonFolder() + "/lesson.json"))
                showResult(runs::readLesson(lessonFolder().toStdString()));
            else
                showResult(runs::LessonResult{});
        } catch (const std::exception &) {
            showResult(runs::LessonResult{});
        }
    });
    Q_EMIT m_quick->toggled(false);
}

LessonDialog::~LessonDialog()
{
    m_control->requestAbort(); // the job sees it at the next batch; the pool joins it
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
}

void LessonDialog::start(bool quick)
{
    if (m_running)
        return;
    {
        const QSignalBlocker block(m_quick);
        m_quick->setChecked(quick);
    }
    m_control = std::make_shared<train::RunControl>();
    m_running = true;
    m_start->setEnabled(false);
    m_quick->setEnabled(false);
    m_stop->setEnabled(true);
    showResult(runs::LessonResult{});
    m_conclusion->clear();
    runs::LessonOptions options;
    options.quick = quick;
    const std::string dir = lessonFolder().toStdString();
    QDir().mkpath(m_runsFolder);
    auto control = m_control;
    auto result = std::make_shared<runs::LessonResult>();
    const QPointer<LessonDialog> guard(this);
    runInBackground<LessonDialog>(
        this,
        [guard, options, dir, control, result] {
            runs::LessonCallbacks cb;
            cb.stepStarted = [guard](std::size_t i, std::size_t n, const runs::LessonStep &s) {
                postTo(guard, [i, n, s](LessonDialog *self) {
                    self->m_progress->setRange(0, int(n));
                    self->m_progress->setValue(int(i));
                    self->m_step->setText(QString::fromStdString(s.title));
                    self->m_explanation->setText(QString::fromStdString(s.explanation));
                });
            };
            cb.stepFinished = [guard](const runs::LessonPoint &p) {
                postTo(guard, [p](LessonDialog *self) {
                    if (p.method == "pretrain")
                        self->m_result->pretrainAccuracy = p.testAccuracy;
                    else
                        self->addPoint(p);
                });
            };
            *result = runs::runTransferLesson(options, dir, cb, control.get());
        },
        [result](LessonDialog *self, const QString &error) {
            self->m_running = false;
            self->m_start->setEnabled(true);
            self->m_quick->setEnabled(true);
            self->m_stop->setEnabled(false);
            if (!error.isEmpty()) {
                self->m_step->setText(tr("The lesson could not run"));
                self->m_explanation->setText(error);
                Q_EMIT self->finished(true, error);
                return;
            }
            self->showResult(*result);
            self->m_progress->setValue(self->m_progress->maximum());
            if (result->stopped) {
                self->m_step->setText(tr("Stopped"));
                self->m_explanation->setText(
                    tr("The finished runs are kept: Start continues where the lesson stopped."));
            } else {
                self->m_step->setText(tr("Done in %1 s: what the chart shows")
                                          .arg(result->seconds, 0, 'f', 0));
                self->m_explanation->setText(
                    tr("Each point is the mean test accuracy of a method (lines), the small dots "
                       "the single runs. The pretraining reached %1 on its own five classes. "
                       "The runs are in %2.")
                        .arg(result->pretrainAccuracy, 0, 'f', 3)
                        .arg(QString::fromStdString(result->dir)));
            }
            Q_EMIT self->finished(result->stopped, QString());
        });
}

void LessonDialog::stop()
{
    if (m_running) {
        m_control->requestAbort();
        m_step->setText(tr("Stopping…"));
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
    for (auto *axis : chart->axes())
        chart->removeAxis(axis);
    const auto rows = m_result->summary();
    auto *x = new QLogValueAxis;
    x->setBase(10);
    x->setLabelFormat(QStringLiteral("%g"));
    x->setTitleText(tr("training images per class (log scale)"));
    x->setMinorTickCount(8);
    auto *y = new QValueAxis;
    y->setTitleText(tr("test accuracy"));
    y->setLabelFormat(QStringLiteral("%.2f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo = 1.0, hi = 0.0;
    int nMin = 1000000, nMax = 0;
    for (const char *m : kMethods) {
        auto *line = new QLineSeries;
        line->setName(QString::fromStdString(runs::lessonMethodTitle(m)));
        QPen pen(methodColour(m));
        pen.setWidthF(3);
        line->setPen(pen);
        line->setPointsVisible(true);
        auto *dots = new QScatterSeries;
        dots->setColor(methodColour(m));
        dots->setBorderColor(methodColour(m));
        dots->setMarkerSize(6);
        for (const auto &r : rows)
            if (r.method == m)
                line->append(r.perClass, r.mean);
        for (const auto &p : m_result->points)
            if (p.method == m && p.status == "finished") {
                dots->append(p.perClass, p.testAccuracy);
                lo = std::min(lo, p.testAccuracy);
                hi = std::max(hi, p.testAccuracy);
                nMin = std::min(nMin, p.perClass);
                nMax = std::max(nMax, p.perClass);
            }
        chart->addSeries(line);
        chart->addSeries(dots);
        for (auto *s : {static_cast<QAbstractSeries *>(line), static_cast<QAbstractSeries *>(dots)}) {
            s->attachAxis(x);
            s->attachAxis(y);
        }
        // The dots are the single runs: one legend entry per method.
        if (const auto markers = chart->legend()->markers(dots); !markers.isEmpty())
            markers.front()->setVisible(false);
    }
    if (nMax == 0) {
        nMin = 10;
        nMax = 50;
        lo = 0.5;
        hi = 0.9;
    }
    x->setRange(nMin * 0.8, nMax * 1.25);
    y->setRange(std::max(0.0, lo - 0.03), std::min(1.0, hi + 0.03));
    chart->legend()->setAlignment(Qt::AlignBottom);
}

} // namespace tl::ui
