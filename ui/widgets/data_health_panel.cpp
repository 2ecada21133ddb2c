#include "widgets/data_health_panel.h"

#include "a11y/accessibility.h"
#include "widgets/background.h"

#include "itemmodels/gallery_model.h"
#include "itemmodels/image_list_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>

namespace tl::ui {

struct DataHealthPanel::Job
{
    std::atomic<bool> cancel{false};
    std::atomic<int> permille{0};
    std::shared_ptr<const runs::DataHealth> health; // read by the GUI thread once finished
};

DataHealthPanel::DataHealthPanel(QWidget *parent)
    : QWidget(parent), m_images(new ImageListModel(this))
{
    m_check = new QPushButton(tr("Check data &health"));
    m_check->setToolTip(tr("Look at every image of the data: duplicates and test images leaked "
                           "from training, outliers, very dark, very bright and blurry images, "
                           "class imbalance"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->hide();
    m_weightClasses = new QPushButton(tr("Retrain with class weights"));
    m_weightClasses->setObjectName(QStringLiteral("weightClasses"));
    m_weightClasses->setToolTip(tr("Queues this run again with Class weights balanced in every "
                                   "stage, beside it: each class then counts as much as the "
                                   "others in the training loss (--class-weights balanced). "
                                   "Runs → Compare shows the two when it has finished."));
    m_weightClasses->hide();
    m_leaveOut = new QPushButton(tr("Leave &out"));
    m_leaveOut->setObjectName(QStringLiteral("healthLeaveOut"));
    m_leaveOut->setToolTip(tr("Add the selected images to the pending label fixes as left out "
                              "(Labels tab): applied, their files are set aside, or an override "
                              "file leaves them out of the next run"));
    m_leaveOut->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->hide();
    a11y::name(m_progress, tr("Data health progress"));
    m_summary = new QLabel(tr("Map the test set first: the health check uses the run's data "
                              "and its features."));
    m_summary->setWordWrap(true);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setTextFormat(Qt::RichText);
    m_section = new QComboBox;
    a11y::name(m_section, tr("Data health list"), tr("Which images to show below"));
    m_section->setEnabled(false);
    m_view = new QListView;
    m_view->setModel(m_images);
    m_view->setViewMode(QListView::IconMode);
    m_view->setIconSize(QSize(64, 64));
    m_view->setGridSize(QSize(96, 110));
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    // Not uniform: a thumbnail arrives after the first layout, and each item's size follows it.
    m_view->setUniformItemSizes(false);
    m_view->setWordWrap(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    a11y::name(m_view, tr("Data health images"), tr("The images of the list chosen above"));
    m_images->setThumbnailSize(64);

    auto *top = new QHBoxLayout;
    top->addWidget(m_check);
    top->addWidget(m_progress, 1);
    top->addWidget(m_cancel);
    top->addWidget(m_section, 1);
    top->addWidget(m_leaveOut);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    // The summary scrolls beside the thumbnails, which keep their room on a 720-line projector.
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_summary);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    a11y::name(scroll, tr("Data health summary"));
    m_summaryArea = scroll;
    layout->addWidget(scroll);
    // Under the advice it acts on; the summary gives it a line, so the thumbnails keep theirs.
    layout->addWidget(m_weightClasses, 0, Qt::AlignLeft);
    layout->addWidget(m_view, 1);
    setLargeText(false);

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (m_job)
            m_progress->setValue(m_job->permille);
    });
    connect(m_check, &QPushButton::clicked, this, &DataHealthPanel::check);
    connect(m_cancel, &QPushButton::clicked, this, &DataHealthPanel::cancel);
    connect(m_weightClasses, &QPushButton::clicked, this, &DataHealthPanel::classWeightsRequested);
    connect(m_section, &QComboBox::activated, this,
            [this](int i) { showSection(Section(m_section->itemData(i).toInt())); });
    connect(m_view, &QListView::clicked, this, [this](const QModelIndex &i) {
        const int k = m_images->item(i.row()).id;
        if (k >= 0 && std::size_t(k) < m_shown.size())
            Q_EMIT imageChosen(QString::fromStdString(m_shown[std::size_t(k)].split),
                               m_shown[std::size_t(k)].index);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_leaveOut->setEnabled(m_view->selectionModel()->hasSelection()); });
    connect(m_leaveOut, &QPushButton::clicked, this, [this] {
        const auto fixes = leaveOutFixes();
        if (!fixes.empty())
            Q_EMIT leaveOutRequested(fixes);
    });
    setInputs(nullptr, nullptr);
}

DataHealthPanel::~DataHealthPanel()
{
    cancel();
}

void DataHealthPanel::setInputs(std::shared_ptr<const runs::RunFeatures> features,
                                std::shared_ptr<const data::DatasetSplits> data)
{
    cancel();
    ++m_generation;
    m_job.reset();
    m_poll->stop();
    m_progress->hide();
    m_cancel->hide();
    m_features = std::move(features);
    m_data = std::move(data);
    m_health.reset();
    m_started = false;
    m_shown.clear();
    m_images->setItems({});
    m_section->clear();
    m_section->setEnabled(false);
    m_weightClasses->hide();
    fitSummary();
    m_check->setEnabled(m_features && m_data);
    m_summary->setText(m_features && m_data
                           ? tr("The check starts when this tab is shown (Check data health "
                                "checks again).")
                           : tr("Map the test set first: the health check uses the run's data "
                                "and its features."));
    if (isVisible())
        check(); // the tab is open: no button to press
}

// First shown for these inputs: the check starts by itself, on its background thread.
void DataHealthPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_started)
        check();
}

std::vector<runs::LabelFix> DataHealthPanel::leaveOutFixes() const
{
    std::vector<runs::LabelFix> out;
    if (!m_data)
        return out;
    const auto &names =
        m_data->allClassNames.empty() ? m_data->train.classNames : m_data->allClassNames;
    for (const QModelIndex &i : m_view->selectionModel()->selectedIndexes()) {
        const int k = m_images->item(i.row()).id;
        if (k < 0 || std::size_t(k) >= m_shown.size())
            continue;
        const runs::HealthImage &h = m_shown[std::size_t(k)];
        runs::LabelFix f;
        f.index = h.index;
        f.split = h.split;
        f.path = h.path;
        f.label = h.label >= 0 && std::size_t(h.label) < names.size() ? names[std::size_t(h.label)]
                                                                      : std::to_string(h.label);
        f.action = runs::FixAction::LeaveOut;
        out.push_back(std::move(f));
    }
    return out;
}

void DataHealthPanel::cancel()
{
    if (m_job)
        m_job->cancel = true;
}

void DataHealthPanel::check()
{
    if (!m_features || !m_data || m_job)
        return;
    m_started = true;
    auto job = std::make_shared<Job>();
    m_job = job;
    m_check->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_summary->setText(tr("Looking at every image…"));
    m_poll->start();
    const int generation = m_generation;
    runInBackground<DataHealthPanel>(
        this,
        [job, f = m_features, data = m_data] {
            auto h = std::make_shared<runs::DataHealth>(
                runs::checkDataHealth(*f, *data, {}, [job](double fraction, const std::string &) {
                    job->permille = int(1000 * fraction);
                    return !job->cancel && !BackgroundJobs::cancelled();
                }));
            if (!h->stopped)
                job->health = h;
        },
        [generation](DataHealthPanel *self, const QString &error) {
            if (generation == self->m_generation)
                self->finish(error);
        });
}

void DataHealthPanel::finish(const QString &error)
{
    const std::shared_ptr<Job> job = std::move(m_job);
    m_poll->stop();
    m_progress->hide();
    m_cancel->hide();
    m_check->setEnabled(true);
    if (!error.isEmpty()) {
        m_summary->setText(tr("The health check failed: %1").arg(error.toHtmlEscaped()));
        Q_EMIT failed(error);
        return;
    }
    if (!job->health) {
        m_summary->setText(tr("Stopped."));
        return;
    }
    m_health = job->health;
    showSummary();
    m_weightClasses->setVisible(!m_health->imbalanceAdvice.empty());
    fitSummary();
    const runs::DataHealth &h = *m_health;
    std::size_t leaked = 0, groups = 0;
    for (const auto &g : h.duplicates)
        (g.leakage ? leaked : groups) += 1;
    m_section->clear();
    m_section->addItem(tr("Leakage: %n group(s)", "", int(leaked)), int(Leakage));
    m_section->addItem(tr("Duplicates: %n group(s)", "", int(groups)), int(Duplicates));
    m_section->addItem(tr("Outliers: %1").arg(h.outlierCount), int(Outliers));
    m_section->addItem(tr("Very dark: %1").arg(h.darkCount), int(Dark));
    m_section->addItem(tr("Very bright: %1").arg(h.brightCount), int(Bright));
    m_section->addItem(tr("Blurry: %1").arg(h.blurryCount), int(Blurry));
    m_section->setEnabled(true);
    // Leakage first when there is any, else the first list with something in it.
    int first = 0;
    const std::int64_t counts[] = {std::int64_t(leaked), std::int64_t(groups), h.outlierCount,
                                   h.darkCount,          h.brightCount,        h.blurryCount};
    while (first < 5 && counts[first] == 0)
        ++first;
    m_section->setCurrentIndex(first);
    showSection(Section(first));
    Q_EMIT checked();
}

void DataHealthPanel::showSummary()
{
    const runs::DataHealth &h = *m_health;
    QString text;
    if (h.leakedImages > 0)
        text += tr("<b>Leakage: %n test or validation image(s) repeat training images</b>, "
                   "which the score counts as new.<br>",
                   "", int(h.leakedImages));
    // The lists' counts are in the list chooser; the whole tally in the tooltip.
    m_summary->setToolTip(
        tr("%1 images looked at in %2 s: %3 in duplicate groups, %4 outliers, %5 very dark, "
           "%6 very bright, %7 blurry.")
            .arg(h.examined)
            .arg(h.seconds, 0, 'f', 1)
            .arg(h.duplicateImages)
            .arg(h.outlierCount)
            .arg(h.darkCount)
            .arg(h.brightCount)
            .arg(h.blurryCount));
    QStringList counts;
    for (const auto &c : h.classes)
        counts << QStringLiteral("%1 %2")
                      .arg(QString::fromStdString(c.name).toHtmlEscaped())
                      .arg(c.train);
    // The counts hold the validation images too (they come from the training split).
    text += (m_data->val.labels.empty() ? tr("Training images per class: %1 (most / fewest %2).")
                                        : tr("Training and validation images per class: %1 "
                                             "(most / fewest %2)."))
                .arg(counts.join(QStringLiteral(" · ")))
                .arg(h.imbalance, 0, 'f', 1);
    if (!h.imbalanceAdvice.empty())
        text += QStringLiteral("<br><i>%1</i>")
                    .arg(QString::fromStdString(h.imbalanceAdvice).toHtmlEscaped());
    m_summary->setText(text);
}

std::vector<runs::HealthImage> DataHealthPanel::sectionImages(Section s,
                                                              std::vector<QString> *captions) const
{
    const runs::DataHealth &h = *m_health;
    std::vector<runs::HealthImage> out;
    auto cls = [this](int c) {
        const auto &names =
            m_data->allClassNames.empty() ? m_data->train.classNames : m_data->allClassNames;
        return c >= 0 && std::size_t(c) < names.size()
                   ? QString::fromStdString(names[std::size_t(c)])
                   : QString::number(c);
    };
    if (s == Leakage || s == Duplicates) {
        int group = 0;
        for (const auto &g : h.duplicates) {
            if (g.leakage != (s == Leakage))
                continue;
            ++group;
            for (const auto &i : g.images) {
                out.push_back(i);
                // Short lines that fit a projector's cells whole: "#1 bag", "train 1226".
                captions->push_back(tr("#%1 %2%3\n%4 %5")
                                        .arg(group)
                                        .arg(cls(i.label))
                                        .arg(g.exact ? QString() : tr(" (near)"))
                                        .arg(QString::fromStdString(i.split))
                                        .arg(i.index));
            }
        }
        return out;
    }
    const auto &list = s == Outliers ? h.outliers
                       : s == Dark   ? h.dark
                       : s == Bright ? h.bright
                                     : h.blurry;
    for (const auto &i : list) {
        out.push_back(i);
        captions->push_back(tr("%1 %2\n%3 · %4")
                                .arg(QString::fromStdString(i.split))
                                .arg(i.index)
                                .arg(cls(i.label))
                                .arg(i.value, 0, 'g', 3));
    }
    return out;
}

void DataHealthPanel::showSection(Section s)
{
    if (!m_health)
        return;
    std::vector<QString> captions;
    m_shown = sectionImages(s, &captions);
    std::vector<ImageListModel::Item> items;
    for (std::size_t k = 0; k < m_shown.size(); ++k) {
        ImageListModel::Item it;
        it.id = int(k);
        it.caption = captions[k];
        it.toolTip = QString(captions[k]).replace(QLatin1Char('\n'), QStringLiteral(" · "));
        if (!m_shown[k].path.empty())
            it.toolTip += QLatin1Char('\n') + QString::fromStdString(m_shown[k].path);
        items.push_back(std::move(it));
    }
    // The job owns what it reads: it runs on a thumbnail loader thread.
    m_images->setImageProvider([this](int k) -> ImageListModel::ImageJob {
        if (k < 0 || std::size_t(k) >= m_shown.size() || !m_data)
            return {};
        const runs::HealthImage &i = m_shown[std::size_t(k)];
        return [data = m_data, split = i.split, row = i.storeRow] {
            return toQImage(runs::storeOf(*data, split), std::size_t(row));
        };
    });
    m_images->setItems(std::move(items));
    m_view->scrollToTop();
}

void DataHealthPanel::setLargeText(bool on)
{
    // On a projector a row (48 px and two 16 px caption lines) fits under three summary lines.
    const int thumb = on ? 48 : 64;
    QFont caption = font();
    if (on)
        caption.setPixelSize(16);
    m_view->setIconSize(QSize(thumb, thumb));
    // Captions whole: two lines of up to 14 characters ("#12 trouser", "train 1226").
    m_view->setGridSize(QSize(thumb + (on ? 80 : 32), thumb + (on ? 48 : 46)));
    m_view->setFont(caption);
    m_images->setThumbnailSize(thumb, on ? thumb + 70 : 0); // captions wrap at its width
    // The summary's lines (fitSummary): the thumbnails keep their row.
    QFont text = font();
    if (on)
        text.setPixelSize(20);
    m_summary->setFont(text);
    fitSummary();
}

void DataHealthPanel::fitSummary()
{
    // Three whole lines of summary at most (it scrolls; the advice on imbalance needs them),
    // the button under it or not: the thumbnails keep two rows at 1280x720.
    const int lines = 3;
    const auto *area = qobject_cast<QFrame *>(m_summaryArea);
    const int frame = 2 * (area ? area->frameWidth() : 0) + m_summary->contentsMargins().top() +
                      m_summary->contentsMargins().bottom();
    m_summaryArea->setMaximumHeight(lines * QFontMetrics(m_summary->font()).lineSpacing() + frame);
}

} // namespace tl::ui
