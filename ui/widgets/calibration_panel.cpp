#include "widgets/calibration_panel.h"

#include "charts/unit_chart.h"
#include "itemmodels/gallery_model.h"
#include "a11y/accessibility.h"
#include "widgets/background.h"

#include "data/dataset.h"
#include "inference/run_calibration.h"

#include "rundir/run_dir.h"
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QListView>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>

namespace tl::ui {

namespace {

const QColor kBars(52, 101, 164), kBefore(204, 0, 0), kDiagonal(120, 120, 120), kPoint(245, 121, 0);

std::vector<inspect::Scored> scoredOf(const std::vector<train::Prediction> &p)
{
    std::vector<inspect::Scored> out;
    out.reserve(p.size());
    for (const auto &q : p)
        out.push_back({q.confidence, q.predicted, q.trueLabel});
    return out;
}

// Numbers as the chosen language writes them (10,000 and 0.0181; German 10.000 and 0,0181).
QString percent(double v, int decimals = 1)
{
    return QLocale().toString(100.0 * v, 'f', decimals) + QChar(0x00A0) + QLatin1Char('%');
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString fixed(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

} // namespace

CalibrationPanel::CalibrationPanel(QWidget *parent)
    : QWidget(parent), m_gallery(new GalleryModel(this))
{
    m_status = new QLabel(tr("Train a model or open a run to see how far its confidence can be "
                             "trusted."));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_calibrate = new QPushButton(tr("&Calibrate on the validation images"));
    m_calibrate->setToolTip(
        tr("Temperature scaling: one number T, fitted on the validation images, divides the "
           "model's outputs so that its confidence matches how often it is right. It never "
           "changes which class is predicted. Also sets when Predict says \"I don't know\"."));
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_calibrate, 0, Qt::AlignTop);

    m_reliability =
        new UnitChart(tr("Reliability: is it right as often as it is sure?"),
                      tr("confidence (probability of the predicted class)"), tr("share right"));
    m_bars = m_reliability->addBars(tr("accuracy per confidence bin"), kBars);
    m_diagonal = m_reliability->addLine(tr("perfectly calibrated"), kDiagonal, true);
    m_before = m_reliability->addLine(tr("before calibrating"), kBefore);
    m_reliability->setPoints(m_diagonal, {{0, 0}, {1, 1}});
    m_reliability->setSeriesVisible(m_before, false);

    m_pr = new UnitChart(tr("Precision and recall of one class"), tr("recall"), tr("precision"));
    m_prLine = m_pr->addLine(tr("as the threshold rises"), kBars);
    m_prPoint = m_pr->addPoints(tr("at the threshold"), kPoint, 12);
    m_class = new QComboBox;
    m_class->setToolTip(tr("Among the images predicted as this class and accepted by the "
                           "threshold: the share that are right (precision) and the share of "
                           "the class's images found (recall)"));
    auto *prBox = new QWidget;
    m_prBox = prBox;
    auto *prLayout = new QVBoxLayout(prBox);
    prLayout->setContentsMargins(0, 0, 0, 0);
    auto *classRow = new QHBoxLayout;
    auto *classLabel = new QLabel(tr("C&lass:"));
    classLabel->setBuddy(m_class);
    classRow->addWidget(classLabel);
    classRow->addWidget(m_class, 1);
    prLayout->addLayout(classRow);
    prLayout->addWidget(m_pr, 1);

    auto *charts = new QHBoxLayout;
    charts->addWidget(m_reliability, 3);
    charts->addWidget(prBox, 2);

    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setRange(0, 100);
    m_slider->setValue(50);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setTickInterval(10);
    m_slider->setObjectName(QStringLiteral("threshold"));
    a11y::name(m_slider, tr("Threshold"),
               tr("Below it the model says \"not sure\"; arrow keys move it by 1 %."));
    m_thresholdLabel = new QLabel;
    m_thresholdLabel->setMinimumWidth(260);
    m_countsLabel = new QLabel;
    m_countsLabel->setTextFormat(Qt::RichText);
    m_countsLabel->setWordWrap(true);
    m_group = new QComboBox;
    m_group->addItems({tr("accepted and right"), tr("accepted but wrong"), tr("not sure")});
    m_group->setCurrentIndex(1);
    m_images = new QListView;
    m_images->setModel(m_gallery);
    m_images->setViewMode(QListView::IconMode);
    m_images->setIconSize(QSize(56, 56));
    m_images->setGridSize(QSize(112, 96));
    m_images->setResizeMode(QListView::Adjust);
    m_images->setMovement(QListView::Static);
    m_images->setUniformItemSizes(true);
    m_images->setWordWrap(true);
    // One row of thumbnails (scrolls sideways): the charts above keep the height.
    m_images->setFlow(QListView::LeftToRight);
    m_images->setWrapping(false);
    m_images->setFixedHeight(m_images->gridSize().height() + 22);
    m_images->setToolTip(tr("The test images in the chosen group, the most confident first"));
    a11y::name(m_images, tr("Images in the chosen group"));
    m_gallery->setThumbnailSize(56);
    m_gallery->setCaptionConfidence(true);

    auto *thresholdBox = new QGroupBox(tr("Threshold: below it the model says \"not sure\""));
    auto *tl = new QVBoxLayout(thresholdBox);
    auto *sliderRow = new QHBoxLayout;
    sliderRow->addWidget(m_thresholdLabel);
    sliderRow->addWidget(m_slider, 1);
    tl->addLayout(sliderRow);
    auto *groupRow = new QHBoxLayout;
    groupRow->addWidget(m_countsLabel, 1);
    m_groupLabel = new QLabel(tr("S&how:"));
    m_groupLabel->setBuddy(m_group);
    groupRow->addWidget(m_groupLabel);
    groupRow->addWidget(m_group);
    tl->addLayout(groupRow);
    tl->addWidget(m_images);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(charts, 1);
    layout->addWidget(thresholdBox);

    connect(m_calibrate, &QPushButton::clicked, this, &CalibrationPanel::calibrate);
    connect(m_slider, &QSlider::valueChanged, this, [this] { updateThreshold(); });
    connect(m_class, &QComboBox::currentIndexChanged, this, [this] { updatePrecisionRecall(); });
    connect(m_group, &QComboBox::currentIndexChanged, this, &CalibrationPanel::showGroup);
    m_calibrate->setEnabled(false);
    updateThreshold();
}

CalibrationPanel::~CalibrationPanel() = default;

const std::vector<train::Prediction> &CalibrationPanel::predictions() const
{
    return m_calibrated.empty() ? m_raw : m_calibrated;
}

void CalibrationPanel::setRun(const QString &runDir,
                              std::shared_ptr<const data::DatasetSplits> data,
                              std::vector<train::Prediction> predictions,
                              const QStringList &classNames)
{
    ++m_generation;
    m_runDir = runDir;
    m_data = std::move(data);
    m_names = classNames;
    m_raw = std::move(predictions);
    m_calibrated.clear();
    m_calibration.reset();
    m_temperature = 1;
    {
        const QSignalBlocker block(m_class);
        m_class->clear();
        m_class->addItems(classNames);
    }
    std::shared_ptr<const data::ImageStore> test =
        m_data ? std::shared_ptr<const data::ImageStore>(m_data, &m_data->test) : nullptr;
    m_gallery->setSource(test, this->predictions(), m_names);
    m_scored = scoredOf(this->predictions());
    m_calibrate->setEnabled(!m_runDir.isEmpty() && m_data && !m_busy);
    m_calibrate->setToolTip(m_data ? m_calibrate->toolTip()
                                   : tr("Load the run's dataset (Data tab) to calibrate it"));
    m_status->setText(tr("The model's own probabilities (%1). Not calibrated.")
                          .arg(QString::fromLatin1(runs::RunDir::kPredictions)));
    updateReliability();
    updateThreshold();
    loadCalibration();
}

void CalibrationPanel::loadCalibration()
{
    if (m_runDir.isEmpty()) {
        Q_EMIT calibrationShown();
        return;
    }
    const int generation = m_generation;
    const std::string dir = m_runDir.toStdString();
    auto data = m_data;
    struct Loaded
    {
        std::optional<runs::RunCalibration> calibration;
        std::string why;
        std::vector<train::Prediction> predictions;
    };
    auto loaded = std::make_shared<Loaded>();
    runInBackground<CalibrationPanel>(
        this,
        [dir, data, loaded] {
            loaded->calibration = runs::currentCalibration(dir, &loaded->why);
            if (loaded->calibration && data)
                loaded->predictions = runs::testPredictions(runs::runFeatures(dir, *data),
                                                            loaded->calibration->temperature);
        },
        [generation, loaded](CalibrationPanel *self, const QString &error) {
            if (generation != self->m_generation)
                return;
            if (!error.isEmpty()) {
                self->showCalibration(nullptr, {}, 1, error);
                return;
            }
            const runs::RunCalibration *c = loaded->calibration ? &*loaded->calibration : nullptr;
            self->showCalibration(c, std::move(loaded->predictions), c ? c->temperature : 1.0,
                                  QString::fromStdString(loaded->why));
        });
}

void CalibrationPanel::showCalibration(const runs::RunCalibration *c,
                                       std::vector<train::Prediction> calibrated,
                                       double temperature, const QString &note)
{
    m_calibration = c ? std::make_unique<runs::RunCalibration>(*c) : nullptr;
    m_calibrated = std::move(calibrated);
    m_temperature = temperature;
    if (!m_calibration) {
        m_status->setText(
            (note.isEmpty() ? QString() : note.toHtmlEscaped() + QStringLiteral("<br>")) +
            tr("The model's own probabilities (%1). <b>Not calibrated</b>: "
               "Calibrate fits one temperature on the validation images and sets when Predict "
               "says \"I don't know\".")
                .arg(QString::fromLatin1(runs::RunDir::kPredictions)));
    } else {
        m_status->setText(
            tr("<b>Calibrated</b>: T = %1, fitted on %2 validation images; test ECE %3 → %4. "
               "Predictions, galleries and Predict use the calibrated probabilities.<br>"
               "\"I don't know\" above an unfamiliar score of %5 (%6 of the validation "
               "images).%7")
                .arg(fixed(m_calibration->temperature, 3))
                .arg(count(qint64(m_calibration->valImages)))
                .arg(fixed(m_calibration->testBefore.ece, 4))
                .arg(fixed(m_calibration->testAfter.ece, 4))
                .arg(fixed(m_calibration->unfamiliarThreshold, 3))
                .arg(percent(m_calibration->valUnfamiliarShare, 0))
                .arg(m_calibrated.empty() && !m_raw.empty()
                         ? tr("<br>Load the run's dataset to see the calibrated test images.")
                         : QString()));
    }
    std::shared_ptr<const data::ImageStore> test =
        m_data ? std::shared_ptr<const data::ImageStore>(m_data, &m_data->test) : nullptr;
    m_gallery->setSource(test, predictions(), m_names);
    m_scored = scoredOf(predictions());
    updateReliability();
    updateThreshold();
    Q_EMIT calibrationShown();
}

void CalibrationPanel::calibrate()
{
    if (m_runDir.isEmpty() || !m_data || m_busy)
        return;
    m_busy = true;
    m_calibrate->setEnabled(false);
    m_status->setText(tr("Calibrating: the features and probabilities of every image, then the "
                         "temperature…"));
    const std::string dir = m_runDir.toStdString();
    const QString runDir = m_runDir;
    auto data = m_data;
    runInBackground<CalibrationPanel>(
        this,
        [dir, data] {
            runs::calibrateRun(dir, *data, [](double, const std::string &) {
                return !BackgroundJobs::cancelled();
            });
        },
        [runDir](CalibrationPanel *self, const QString &error) {
            self->m_busy = false;
            self->m_calibrate->setEnabled(!self->m_runDir.isEmpty() && self->m_data);
            if (!error.isEmpty()) {
                self->m_status->setText(error.toHtmlEscaped());
                Q_EMIT self->failed(error);
                return;
            }
            Q_EMIT self->calibrated(runDir);
            if (runDir == self->m_runDir)
                self->loadCalibration();
        });
}

void CalibrationPanel::updateReliability()
{
    const inspect::Reliability r = inspect::reliability(m_scored);
    QList<UnitChart::Bar> bars;
    for (const auto &b : r.bins)
        if (b.count > 0)
            bars.append({b.lower, b.upper, b.accuracy});
    m_reliability->setBars(m_bars, bars);
    const bool calibrated = isCalibrated();
    QList<QPointF> before;
    if (calibrated)
        for (const auto &b : inspect::reliability(scoredOf(m_raw)).bins)
            if (b.count > 0)
                before.append({b.confidence, b.accuracy});
    m_reliability->setPoints(m_before, before);
    m_reliability->setSeriesVisible(m_before, calibrated);
    m_reliability->setTitle(calibrated ? tr("Reliability on %1 test images, calibrated (T = %2)")
                                             .arg(count(qint64(r.count)))
                                             .arg(fixed(m_temperature, 2))
                                       : tr("Reliability on %1 test images")
                                             .arg(count(qint64(r.count))));
    // What a student reads: how often "very sure" is right.
    std::int64_t sure = 0, sureRight = 0;
    for (const auto &s : m_scored)
        if (s.confidence >= 0.9f) {
            ++sure;
            sureRight += s.correct() ? 1 : 0;
        }
    QString text =
        tr("Expected calibration error <b>%1</b>%2: the gap between confidence and "
           "accuracy, averaged over the bins.")
            .arg(fixed(r.ece, 4))
            .arg(calibrated ? tr(" (before calibrating %1)")
                                  .arg(fixed(inspect::reliability(scoredOf(m_raw)).ece, 4))
                            : QString());
    if (sure > 0)
        text += tr(" When it is at least 90\u00a0% sure (%1 images) it is right %2 of the time.")
                    .arg(count(sure))
                    .arg(percent(double(sureRight) / double(sure)));
    m_reliability->setCaption(r.count > 0 ? text : QString());
}

double CalibrationPanel::threshold() const
{
    return m_slider->value() / 100.0;
}

void CalibrationPanel::setThreshold(double threshold)
{
    m_slider->setValue(int(std::lround(std::clamp(threshold, 0.0, 1.0) * 100.0)));
}

QString CalibrationPanel::countsText() const
{
    return m_countsLabel->text();
}

QString CalibrationPanel::statusText() const
{
    return m_status->text();
}

void CalibrationPanel::updateThreshold()
{
    const double t = threshold();
    m_counts = inspect::countAtThreshold(m_scored, t);
    m_thresholdLabel->setText(tr("Accept a prediction at ≥ %1 % %2")
                                  .arg(m_slider->value())
                                  .arg(isCalibrated() ? tr("(calibrated)") : QString()));
    const std::int64_t accepted = m_counts.accepted + m_counts.wrong;
    m_countsLabel->setText(
        tr("<span style='color:#2e7d32'>✔ accepted and right: <b>%1</b></span> · "
           "<span style='color:#c62828'>✘ accepted but wrong: <b>%2</b></span> · "
           "<span style='color:#6d6d6d'>? not sure: <b>%3</b></span> of %4 test images%5")
            .arg(count(m_counts.accepted))
            .arg(count(m_counts.wrong))
            .arg(count(m_counts.rejected))
            .arg(count(qint64(m_scored.size())))
            .arg(accepted > 0 ? tr(" · %1 of the accepted are right")
                                    .arg(percent(double(m_counts.accepted) / double(accepted)))
                              : QString()));
    showGroup(m_group->currentIndex());
    updatePrecisionRecall();
}

void CalibrationPanel::showGroup(int group)
{
    if (m_group->currentIndex() != group) {
        const QSignalBlocker block(m_group);
        m_group->setCurrentIndex(group);
    }
    const float t = float(threshold());
    m_gallery->showWhere([group, t](const train::Prediction &p) {
        const bool accepted = p.confidence >= t, right = p.predicted == p.trueLabel;
        return group == 0 ? accepted && right : group == 1 ? accepted && !right : !accepted;
    });
}

void CalibrationPanel::updatePrecisionRecall()
{
    const int cls = m_class->currentIndex();
    if (cls < 0) {
        m_pr->clearData();
        return;
    }
    const auto curve = inspect::precisionRecallCurve(m_scored, cls);
    QList<QPointF> line;
    for (const auto &p : curve)
        line.append({p.recall, p.precision});
    m_pr->setPoints(m_prLine, line);
    // The threshold accepts every image at or above it: the last point whose threshold is that.
    const double t = threshold();
    QList<QPointF> at;
    for (const auto &p : curve)
        if (p.threshold >= double(float(t)))
            at = {QPointF(p.recall, p.precision)};
    m_pr->setPoints(m_prPoint, at);
    m_pr->setTitle(tr("Precision and recall of %1").arg(m_names.value(cls)));
}

void CalibrationPanel::setLargeText(bool on)
{
    // Presentation: the reliability diagram and the counts, large; the per-class curve and the
    // images stay on the laptop screen (as Mistakes hides its tables).
    m_reliability->setTextPixelSize(on ? 16 : 12);
    m_prBox->setVisible(!on);
    m_images->setVisible(!on);
    m_group->setVisible(!on);
    m_groupLabel->setVisible(!on);
}

} // namespace tl::ui
