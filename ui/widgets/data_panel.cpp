#include "widgets/data_panel.h"

#include "a11y/accessibility.h"
#include "base/error.h"
#include "charts/chart_palette.h"
#include "data/transform.h"
#include "itemmodels/gallery_model.h"
#include "rundir/run_dir.h"
#include "widgets/background.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

#include <thread>

namespace tl::ui {

namespace {

QDoubleSpinBox *spin(double lo, double hi, double step, int decimals, const QString &suffix = {})
{
    auto *s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setSingleStep(step);
    s->setDecimals(decimals);
    s->setSuffix(suffix);
    s->setKeyboardTracking(false);
    return s;
}

} // namespace

DataPanel::DataPanel(QWidget *parent) : QWidget(parent)
{
    buildUi();
}

DataPanel::~DataPanel()
{
    if (m_cancelDownload)
        *m_cancelDownload = true;
}

void DataPanel::buildUi()
{
    QGroupBox *source = buildSourceBox();
    QGroupBox *aug = buildAugmentBox();
    auto *left = new QVBoxLayout;
    left->addWidget(source);
    left->addWidget(aug);
    left->addStretch(1);

    m_chart = new QChartView(new QChart);
    m_chart->chart()->setTitle(tr("Training images per class"));
    m_chart->chart()->legend()->hide();
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);
    a11y::makeFocusable(m_chart);
    a11y::name(m_chart, tr("Training images per class"), tr("No data loaded."));

    QGroupBox *previewBox = buildPreviewBox();
    auto *right = new QVBoxLayout;
    right->addWidget(m_chart, 1);
    right->addWidget(previewBox);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addLayout(right, 1);
    connectFields();
}

// The dataset, its subset and classes, and the status and download rows.
QGroupBox *DataPanel::buildSourceBox()
{
    m_dataset = new QComboBox;
    for (const auto &d : data::datasetCatalog())
        m_dataset->addItem(QString::fromStdString(d.title), QString::fromStdString(d.name));
    m_dataset->setToolTip(
        tr("Fashion-MNIST is installed locally; the others download once into the cache."));
    m_rootOwner = m_dataset->currentData().toString();
    m_root = new QLineEdit;
    m_root->setObjectName(QStringLiteral("root"));
    m_root->setPlaceholderText(tr("default location"));
    a11y::name(m_root, tr("Dataset folder"));
    m_browse = new QPushButton(tr("Browse…"));
    a11y::name(m_browse, tr("Browse for the dataset folder"));
    auto *rootRow = new QHBoxLayout;
    rootRow->addWidget(m_root, 1);
    rootRow->addWidget(m_browse);
    m_trainFraction = spin(1, 100, 5, 0, QStringLiteral(" %"));
    m_trainFraction->setValue(100);
    m_trainFraction->setToolTip(
        tr("Stratified, seeded subset of the training set (the notebooks use 10 %)."));
    m_valSplit = spin(0, 50, 5, 0, QStringLiteral(" %"));
    m_valSplit->setToolTip(
        tr("Held out from the training set for validation, as Keras' validation_split."));
    m_testFraction = spin(1, 100, 5, 0, QStringLiteral(" %"));
    m_testFraction->setValue(100);
    m_classList = new QListWidget;
    m_classList->setObjectName(QStringLiteral("classes"));
    m_classList->setToolTip(
        tr("Train on some classes only (at least two). The model sees them as classes 0, 1, ... "
           "and every chart keeps their names. Transfer learning: pretrain on some classes, then "
           "learn the others from a few images."));
    m_classList->setMaximumHeight(120);
    a11y::name(m_classList, tr("Classes to train on"),
               tr("Space ticks or unticks the current class."));
    m_classList->setUniformItemSizes(true);
    m_perClass = new QSpinBox;
    m_perClass->setObjectName(QStringLiteral("perClass"));
    m_perClass->setRange(0, 100000);
    m_perClass->setSpecialValueText(tr("all"));
    m_perClass->setKeyboardTracking(false);
    m_perClass->setToolTip(tr("Few-shot: exactly this many training images of each class "
                              "(drawn with the experiment's seed); \"all\" uses every image."));
    m_cacheMiB = new QSpinBox; // folder and CSV datasets: data.cache_mib
    m_cacheMiB->setObjectName(QStringLiteral("cacheMiB"));
    m_cacheMiB->setRange(0, 1 << 20);
    m_cacheMiB->setSingleStep(256);
    m_cacheMiB->setSuffix(tr(" MiB"));
    m_cacheMiB->setSpecialValueText(tr("none"));
    m_cacheMiB->setKeyboardTracking(false);
    m_cacheMiB->setValue(data::kDefaultImageCacheMiB);
    m_cacheMiB->setToolTip(
        tr("Memory for decoded images of a folder or CSV dataset. Photos are read from disk while "
           "the model trains; those that fit here are kept for the next epoch, the others are "
           "decoded again, so memory stays flat however many photos there are. A frozen "
           "backbone's features share it; beyond it they go to the run folder."));
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_download = new QPushButton(tr("Download"));
    m_download->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setVisible(false);
    m_progress = new QProgressBar;
    m_progress->setVisible(false);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *statusRow = new QHBoxLayout;
    statusRow->addStretch(1);
    statusRow->addWidget(m_download);
    statusRow->addWidget(m_cancel);

    auto *source = new QGroupBox(tr("Dataset"));
    auto *form = new QFormLayout(source);
    form->addRow(tr("&Dataset:"), m_dataset);
    form->addRow(tr("Folder:"), rootRow);
    form->addRow(tr("&Training images used:"), m_trainFraction);
    form->addRow(tr("&Validation split:"), m_valSplit);
    form->addRow(tr("Test images used:"), m_testFraction);
    form->addRow(tr("C&lasses:"), m_classList);
    form->addRow(tr("&Images per class:"), m_perClass);
    form->addRow(tr("Image cac&he:"), m_cacheMiB);
    updateCacheRow();
    m_excludeLabel = new QLabel;
    auto *keepAll = new QPushButton(tr("Use them again"));
    keepAll->setToolTip(tr("Train on every image again"));
    m_excludeRow = new QWidget;
    auto *excludeLayout = new QHBoxLayout(m_excludeRow);
    excludeLayout->setContentsMargins(0, 0, 0, 0);
    excludeLayout->addWidget(m_excludeLabel, 1);
    excludeLayout->addWidget(keepAll);
    m_excludeRow->hide();
    connect(keepAll, &QPushButton::clicked, this, [this] { setExcluded({}); });
    form->addRow(m_excludeRow); // one row without a label, so hiding it hides it all
    form->addRow(m_status);
    form->addRow(statusRow);
    form->addRow(m_progress);
    return source;
}

// Augmentation of the training images.
QGroupBox *DataPanel::buildAugmentBox()
{
    m_hflip = new QCheckBox(tr("Flip left-right"));
    m_vflip = new QCheckBox(tr("Flip upside down"));
    m_rotation = spin(0, 180, 5, 0, QStringLiteral("°"));
    m_zoom = spin(0, 0.9, 0.05, 2);
    m_translate = spin(0, 0.5, 0.05, 2);
    m_brightness = spin(0, 0.9, 0.05, 2);
    m_contrast = spin(0, 0.9, 0.05, 2);
    m_cutout = new QSpinBox;
    m_cutout->setRange(0, 256);
    m_cutout->setSuffix(tr(" px"));
    m_cutout->setKeyboardTracking(false);
    m_autoAugment = new QCheckBox(tr("AutoAugment (CIFAR-10 policy)"));
    // Names for tests and accessibility tools, which find fields by name, not by position.
    m_hflip->setObjectName(QStringLiteral("hflip"));
    m_vflip->setObjectName(QStringLiteral("vflip"));
    m_rotation->setObjectName(QStringLiteral("rotation"));
    m_zoom->setObjectName(QStringLiteral("zoom"));
    m_translate->setObjectName(QStringLiteral("translate"));
    m_brightness->setObjectName(QStringLiteral("brightness"));
    m_contrast->setObjectName(QStringLiteral("contrast"));
    m_cutout->setObjectName(QStringLiteral("cutout"));
    m_autoAugment->setObjectName(QStringLiteral("autoAugment"));
    m_dataset->setObjectName(QStringLiteral("dataset"));
    m_trainFraction->setObjectName(QStringLiteral("trainFraction"));
    m_valSplit->setObjectName(QStringLiteral("valSplit"));
    m_testFraction->setObjectName(QStringLiteral("testFraction"));
    auto *aug = new QGroupBox(tr("Augmentation (training images only)"));
    auto *augForm = new QFormLayout(aug);
    augForm->addRow(m_hflip);
    augForm->addRow(m_vflip);
    augForm->addRow(tr("&Rotation up to:"), m_rotation);
    augForm->addRow(tr("&Zoom ±:"), m_zoom);
    augForm->addRow(tr("&Shift ± (fraction):"), m_translate);
    augForm->addRow(tr("&Brightness ±:"), m_brightness);
    augForm->addRow(tr("&Contrast ±:"), m_contrast);
    augForm->addRow(tr("C&utout square:"), m_cutout);
    augForm->addRow(m_autoAugment);
    return aug;
}

// A changed field reloads the data (once, after a short pause) or redraws the samples.
void DataPanel::connectFields()
{
    auto *reloadTimer = new QTimer(this);
    reloadTimer->setSingleShot(true);
    reloadTimer->setInterval(300);
    connect(reloadTimer, &QTimer::timeout, this, &DataPanel::reload);
    auto scheduleReload = [reloadTimer] { reloadTimer->start(); };
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this, scheduleReload] {
        // Each dataset keeps its own folder: an image-folder path must not follow the user
        // back to Fashion-MNIST (which would then fail to load from it).
        const QString now = m_dataset->currentData().toString();
        m_rootFor[m_rootOwner] = m_root->text();
        m_root->setText(m_rootFor.value(now));
        m_rootOwner = now;
        updateCacheRow();
        m_classes.clear(); // another dataset, other classes
        scheduleReload();
    });
    connect(m_root, &QLineEdit::editingFinished, this, scheduleReload);
    // The loaded images take the new budget at once (nothing to list again).
    connect(m_cacheMiB, &QSpinBox::valueChanged, this, [this](int mib) {
        if (m_data && m_data->images)
            m_data->images->setCacheBudget(std::uint64_t(mib) << 20);
        Q_EMIT settingsChanged();
    });
    connect(m_trainFraction, &QDoubleSpinBox::valueChanged, this, scheduleReload);
    connect(m_valSplit, &QDoubleSpinBox::valueChanged, this, scheduleReload);
    connect(m_testFraction, &QDoubleSpinBox::valueChanged, this, scheduleReload);
    connect(m_perClass, &QSpinBox::valueChanged, this, scheduleReload);
    connect(m_classList, &QListWidget::itemChanged, this,
            [this, scheduleReload](QListWidgetItem *changed) {
                std::vector<std::string> chosen;
                for (int i = 0; i < m_classList->count(); ++i)
                    if (m_classList->item(i)->checkState() == Qt::Checked)
                        chosen.push_back(m_classList->item(i)->text().toStdString());
                if (chosen.size() < 2) {
                    // A classifier needs two classes: the tick stays, and the list shows what is
                    // used.
                    const QSignalBlocker block(m_classList);
                    changed->setCheckState(Qt::Checked);
                    m_status->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>")
                                          .arg(tr("Choose at least two classes.")));
                    return;
                }
                m_classes = chosen.size() == std::size_t(m_classList->count())
                                ? std::vector<std::string>{}
                                : chosen;
                scheduleReload();
            });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        // A CSV-described dataset is a file (path,label[,split] lines), a folder dataset a folder.
        const QString dir =
            m_dataset->currentData().toString() == QLatin1String("csv")
                ? QFileDialog::getOpenFileName(this, tr("Dataset CSV file"), m_root->text(),
                                               tr("CSV files (*.csv);;All files (*)"))
                : QFileDialog::getExistingDirectory(this, tr("Dataset folder"), m_root->text());
        if (!dir.isEmpty()) {
            m_root->setText(dir);
            reload();
        }
    });
    // Files of a folder or CSV dataset that were left out: how many and why, under the counts;
    // the files themselves in the tooltip (and in each run's skipped.csv).
    connect(this, &DataPanel::datasetLoaded, this,
            [this](const std::shared_ptr<const data::DatasetSplits> &d) {
                const auto skipped = d->allSkipped();
                if (skipped.empty())
                    return;
                const QString text = QString::fromStdString(d->skippedText(runs::RunDir::kSkipped));
                m_status->setText(m_status->text() +
                                  QStringLiteral("<br><span style='color:#b9770e'>%1</span>")
                                      .arg(text.toHtmlEscaped()));
                QString list = m_status->toolTip();
                for (std::size_t i = 0; i < skipped.size() && i < 20; ++i)
                    list += QStringLiteral("\n%1: %2 (%3)")
                                .arg(QString::fromStdString(skipped[i].path),
                                     QString::fromStdString(skipped[i].reason),
                                     QString::fromStdString(skipped[i].detail));
                if (skipped.size() > 20)
                    list += tr("\n… and %1 more").arg(skipped.size() - 20);
                m_status->setToolTip(list);
            });
    connect(m_download, &QPushButton::clicked, this, &DataPanel::startDownload);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_cancelDownload)
            *m_cancelDownload = true;
    });
    auto augmentChanged = [this] {
        refreshPreview();
        Q_EMIT settingsChanged();
    };
    for (auto *c : {m_hflip, m_vflip, m_autoAugment})
        connect(c, &QCheckBox::toggled, this, augmentChanged);
    for (auto *s : {m_rotation, m_zoom, m_translate, m_brightness, m_contrast})
        connect(s, &QDoubleSpinBox::valueChanged, this, augmentChanged);
    connect(m_cutout, &QSpinBox::valueChanged, this, augmentChanged);
}

data::DatasetOptions DataPanel::datasetOptions() const
{
    data::DatasetOptions o;
    o.name = m_dataset->currentData().toString().toStdString();
    o.root = m_root->text().trimmed().toStdString();
    o.trainFraction = m_trainFraction->value() / 100.0;
    o.valSplit = m_valSplit->value() / 100.0;
    o.testFraction = m_testFraction->value() / 100.0;
    o.seed = m_seed;
    o.classes = m_classes;
    o.perClass = m_perClass->value();
    o.cacheMiB = m_cacheMiB->value();
    o.exclude = m_exclude;
    return o;
}

void DataPanel::updateCacheRow()
{
    const QString name = m_dataset->currentData().toString();
    if (auto *form = qobject_cast<QFormLayout *>(
            m_cacheMiB->parentWidget() ? m_cacheMiB->parentWidget()->layout() : nullptr))
        form->setRowVisible(m_cacheMiB,
                            name == QLatin1String("folder") || name == QLatin1String("csv"));
}

void DataPanel::showExcluded()
{
    m_excludeRow->setVisible(!m_exclude.empty());
    m_excludeLabel->setText(tr("Left out: %n training image(s) marked in Results → Feature space",
                               "", int(m_exclude.size())));
}

void DataPanel::setExcluded(std::vector<std::int64_t> indices)
{
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    if (indices == m_exclude)
        return;
    m_exclude = std::move(indices);
    showExcluded();
    reload();
    Q_EMIT settingsChanged();
}

void DataPanel::setSeed(std::uint64_t seed)
{
    if (seed == m_seed)
        return;
    m_seed = seed;
    reload();
}

data::AugmentOptions DataPanel::augmentOptions() const
{
    data::AugmentOptions a;
    a.hflip = m_hflip->isChecked();
    a.vflip = m_vflip->isChecked();
    a.rotation = m_rotation->value();
    a.zoom = m_zoom->value();
    a.translate = m_translate->value();
    a.brightness = m_brightness->value();
    a.contrast = m_contrast->value();
    a.cutout = m_cutout->value();
    a.autoAugment = m_autoAugment->isChecked();
    return a;
}

void DataPanel::setOptions(const data::DatasetOptions &d, const data::AugmentOptions &a)
{
    const QSignalBlocker b1(m_dataset), b2(m_trainFraction), b3(m_valSplit), b4(m_testFraction),
        b5(m_perClass);
    const int i = m_dataset->findData(QString::fromStdString(d.name));
    m_dataset->setCurrentIndex(std::max(i, 0));
    m_root->setText(QString::fromStdString(d.root));
    m_rootFor.clear();
    m_rootOwner = m_dataset->currentData().toString();
    m_trainFraction->setValue(d.trainFraction * 100.0);
    m_valSplit->setValue(d.valSplit * 100.0);
    m_testFraction->setValue(d.testFraction * 100.0);
    m_perClass->setValue(d.perClass);
    {
        const QSignalBlocker b6(m_cacheMiB);
        m_cacheMiB->setValue(d.cacheMiB);
    }
    updateCacheRow();
    m_classes = d.classes;
    fillClassList();
    m_exclude = d.exclude;
    showExcluded();
    const QSignalBlocker c1(m_hflip), c2(m_vflip), c3(m_rotation), c4(m_zoom), c5(m_translate),
        c6(m_brightness), c7(m_contrast), c8(m_cutout), c9(m_autoAugment);
    m_hflip->setChecked(a.hflip);
    m_vflip->setChecked(a.vflip);
    m_rotation->setValue(a.rotation);
    m_zoom->setValue(a.zoom);
    m_translate->setValue(a.translate);
    m_brightness->setValue(a.brightness);
    m_contrast->setValue(a.contrast);
    m_cutout->setValue(a.cutout);
    m_autoAugment->setChecked(a.autoAugment);
}

void DataPanel::setBusy(bool busy, const QString &text)
{
    m_loading = busy;
    m_status->setText(text);
}

void DataPanel::reload()
{
    const data::DatasetOptions options = datasetOptions();
    const int generation = ++m_generation;
    m_download->setVisible(false);
    // Another dataset: the samples, class list and counts of the old one go at once (a folder
    // chosen after Fashion-MNIST must not show Fashion-MNIST's images while it loads).
    if (m_data && (m_data->options.name != options.name || m_data->options.root != options.root))
        clearDisplays();
    if (options.name == "folder" && options.root.empty()) {
        // Nothing to load yet: say which button to press (not the command line's option).
        m_data.reset();
        clearDisplays();
        m_lastError = tr("Choose the folder of images with Browse… (one sub-folder per class).");
        setBusy(false, m_lastError);
        m_status->setToolTip(QString());
        Q_EMIT loadFailed(m_lastError);
        return;
    }
    setBusy(true, tr("Loading %1…").arg(m_dataset->currentText()));
    auto loaded = std::make_shared<std::shared_ptr<const data::DatasetSplits>>();
    runInBackground<DataPanel>(
        this,
        [options, loaded] {
            *loaded = std::make_shared<const data::DatasetSplits>(data::loadDataset(options));
        },
        [generation, loaded](DataPanel *self, const QString &error) {
            if (generation != self->m_generation)
                return; // a newer request replaced this one
            if (!error.isEmpty()) {
                // What was loaded before is not what the settings now ask for: never keep it
                // around for a run to train on by mistake.
                self->m_data.reset();
                self->clearDisplays();
                const bool missing = error.contains(QStringLiteral("not found"));
                // A missing dataset is not a mistake: say what to do; the details go in the
                // tooltip.
                const QString text =
                    missing
                        ? tr("%1 is not on this computer yet: download it once (it is cached), or "
                             "choose the folder that holds it.")
                              .arg(self->m_dataset->currentText())
                        : error;
                self->m_lastError = text; // in the window's words (Start's refusal quotes it)
                self->setBusy(false, QStringLiteral("<span style='color:#c0392b'>%1</span>")
                                         .arg(text.toHtmlEscaped()));
                self->m_status->setToolTip(error);
                self->m_download->setVisible(missing);
                Q_EMIT self->loadFailed(error);
                return;
            }
            const auto &d = *loaded;
            self->m_data = d;
            self->m_lastError.clear();
            self->setBusy(
                false,
                tr("%L1 training, %L2 validation, %L3 test images of %4×%5 pixels, %6 classes")
                    .arg(d->train.size())
                    .arg(d->val.size())
                    .arg(d->test.size())
                    .arg(d->train.width)
                    .arg(d->train.height)
                    .arg(d->train.numClasses()));
            self->m_status->setToolTip(QString::fromStdString(d->source));
            self->noteSmallTraining(*d, d->options);
            self->fillClassList();
            self->updateChart();
            self->newSamples();
            Q_EMIT self->datasetLoaded(d);
        });
}

void DataPanel::clearDisplays()
{
    m_classList->clear();
    m_sampleIndices.clear();
    m_previewAugmented.clear();
    for (auto *labels : {&m_originalLabels, &m_augmentedLabels, &m_captionLabels})
        for (QLabel *l : *labels) {
            l->clear();
            l->setToolTip(QString());
        }
    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    for (auto *axis : chart->axes())
        chart->removeAxis(axis);
}

void DataPanel::noteSmallTraining(const data::DatasetSplits &d, const data::DatasetOptions &o)
{
    // The classroom set-up's 10 % of a small folder leaves a handful of images: say so where
    // the fraction is set, with what to change.
    const std::size_t classes = std::max<std::size_t>(1, d.train.numClasses());
    if (o.trainFraction >= 1.0 || d.train.size() >= 10 * classes)
        return;
    m_status->setText(m_status->text() +
                      QStringLiteral("<br><span style='color:#c0392b'>%1</span>")
                          .arg(tr("Only %1 training images: \"Training images used\" is %2 "
                                  "%. Set it to 100 % for a small folder.")
                                   .arg(d.train.size())
                                   .arg(QLocale().toString(o.trainFraction * 100.0, 'g', 3))
                                   .toHtmlEscaped()));
}

void DataPanel::fillClassList()
{
    // The dataset's own classes (before the subset), checked as chosen.
    if (!m_data)
        return;
    const auto &names = m_data->allClassNames;
    std::vector<bool> on(names.size(), m_classes.empty());
    try { // names or indices, as an experiment file may give them
        for (const std::size_t i : data::resolveClasses(m_classes, names))
            on[i] = true;
    } catch (const Error &) {
        std::fill(on.begin(), on.end(), true);
    }
    const QSignalBlocker block(m_classList);
    m_classList->clear();
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto *item = new QListWidgetItem(QString::fromStdString(names[i]), m_classList);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(on[i] ? Qt::Checked : Qt::Unchecked);
    }
}

void DataPanel::startDownload()
{
    const std::string name = m_dataset->currentData().toString().toStdString();
    m_cancelDownload = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancelDownload;
    m_download->setVisible(false);
    m_cancel->setVisible(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    setBusy(true, tr("Downloading %1…").arg(m_dataset->currentText()));
    const QPointer<DataPanel> guard(this);
    runInBackground<DataPanel>(
        this,
        [guard, name, cancel] {
            data::downloadDataset(name, {}, [guard, cancel](const tl::DownloadProgress &p) {
                postTo(guard, [p](DataPanel *self) {
                    self->m_progress->setRange(0, p.total > 0 ? 1000 : 0);
                    if (p.total > 0)
                        self->m_progress->setValue(
                            int(1000.0 * double(p.received) / double(p.total)));
                    self->m_progress->setFormat(QStringLiteral("%1  %2 MB")
                                                    .arg(QString::fromStdString(p.fileName))
                                                    .arg(p.received / 1e6, 0, 'f', 1));
                });
                return !*cancel && !BackgroundJobs::cancelled();
            });
        },
        [](DataPanel *self, const QString &error) {
            self->m_cancel->setVisible(false);
            self->m_progress->setVisible(false);
            if (error.isEmpty()) {
                self->reload();
                return;
            }
            // In the window's words, what happened and what to do; the address and the
            // library's text go in the tooltip.
            const bool offline = error.contains(QStringLiteral("cannot reach")) ||
                                 error.contains(QStringLiteral("offline")) ||
                                 error.contains(QStringLiteral("resolve"));
            const QString text =
                offline ? tr("%1 could not be downloaded: this computer is not connected to the "
                             "internet. Copy the dataset's files onto it and choose their folder "
                             "with Browse…, or try again when it is online.")
                              .arg(self->m_dataset->currentText())
                        : tr("%1 could not be downloaded. Try again, or choose a folder that "
                             "holds it with Browse… (details in the tooltip).")
                              .arg(self->m_dataset->currentText());
            self->setBusy(
                false,
                QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(text.toHtmlEscaped()));
            self->m_status->setToolTip(error);
            self->m_download->setVisible(true);
            Q_EMIT self->loadFailed(text);
        });
}

void DataPanel::updateChart()
{
    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    for (auto *axis : chart->axes())
        chart->removeAxis(axis);
    if (!m_data)
        return;
    // Horizontal bars: each class name gets a whole row, so "T-shirt/top" and "Ankle boot" are
    // read in full at a projector's text size (slanted names under vertical bars were cut to
    // "T-shi..."). Many classes (CIFAR-100) are numbered; the names are in the class list.
    const auto counts = m_data->train.classCounts();
    QStringList spoken; // what a screen reader says for the chart
    for (std::size_t k = 0; k < counts.size(); ++k)
        spoken << tr("%1: %2").arg(QString::fromStdString(m_data->train.classNames[k]),
                                   QLocale().toString(qint64(counts[k])));
    a11y::describe(m_chart, spoken.join(QStringLiteral(", ")));
    auto *set = new QBarSet(tr("images"));
    set->setColor(QColor(52, 101, 164));
    QStringList names;
    const bool many = counts.size() > 20;
    // Bottom to top: the first class on top, as in the class list.
    for (std::size_t k = counts.size(); k-- > 0;) {
        *set << double(counts[k]);
        names << (many ? QString::number(k) : QString::fromStdString(m_data->train.classNames[k]));
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(names);
    auto *x = new QValueAxis;
    x->setLabelFormat("%d");
    x->setMin(0);
    QFont labels = font();
    labels.setPixelSize(m_chartPixels);
    x->setLabelsFont(labels);
    y->setLabelsFont(labels);
    QFont title = labels;
    title.setPixelSize(m_chartPixels + 3);
    title.setBold(true);
    chart->setTitleFont(title);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    x->applyNiceNumbers();
    // No more x ticks than fit the chart's width at this text size.
    const QFontMetrics fm(labels);
    const int slots = std::max(2, (m_chart->width() - 160) /
                                      (fm.horizontalAdvance(QStringLiteral("00000")) + 16));
    if (x->tickCount() > slots)
        x->setTickCount(slots);
    // A row per class that the names fit in (the category axis elides a name taller than its
    // share of the axis).
    const int rows = many ? 20 : int(counts.size());
    m_chart->setMinimumHeight(std::max(220, rows * (fm.height() + 8) + 2 * fm.height() + 90));
    palette::followPalette(chart, palette()); // a high-contrast palette reaches the chart
}

void DataPanel::setPresentation(bool on)
{
    m_chartPixels = on ? 18 : 11;
    updateChart();
}

void DataPanel::setPreprocess(const data::PreprocessOptions &preprocess)
{
    m_preprocess = preprocess;
    refreshPreview();
}

} // namespace tl::ui
