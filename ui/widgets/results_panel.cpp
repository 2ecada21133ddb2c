#include "widgets/results_panel.h"

#include "widgets/rotated_header.h"

#include "a11y/accessibility.h"
#include "widgets/background.h"
#include "widgets/calibration_panel.h"
#include "widgets/inspect_panel.h"
#include "widgets/label_fix_bar.h"
#include "widgets/label_fix_list.h"

#include "analysis/report.h"

#include "io/files.h"

#include "itemmodels/confusion_model.h"
#include "itemmodels/gallery_model.h"
#include "itemmodels/layer_tree_model.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>

namespace tl::ui {

ResultsPanel::ResultsPanel(QWidget *parent)
    : QWidget(parent), m_confusionModel(new ConfusionModel(this)),
      m_galleryModel(new GalleryModel(this))
{
    m_headline = new QLabel(tr("Train a model to see its results here."));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(true);
    QFont f = m_headline->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    m_headline->setFont(f);

    QGroupBox *confBox = buildConfusionBox();
    QGroupBox *galleryBox = buildGalleryBox();
    QSplitter *tables = buildTables();

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(confBox);
    split->addWidget(galleryBox);
    split->addWidget(tables);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setSizes({720, 430, 360});
    tables->setMinimumWidth(200);
    m_tables = tables;

    auto *layout = new QVBoxLayout(this);
    auto *reportButton = new QPushButton(tr("Export &report…"));
    reportButton->setToolTip(tr("This run as one HTML page for a class handout: settings, curves, "
                                "confusion matrix, per-class table, worst mistakes"));
    connect(reportButton, &QPushButton::clicked, this, [this] {
        if (!m_result || m_result->runDir.empty())
            return;
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export report"),
            QString::fromStdString(std::filesystem::path(m_result->runDir).filename().string()) +
                ".html",
            tr("Web pages (*.html)"));
        if (!file.isEmpty())
            exportReport(file);
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_headline, 1);
    top->addWidget(reportButton);
    layout->addLayout(top);
    m_inspect = new InspectPanel;
    m_pages = new QTabWidget;
    m_pages->setDocumentMode(true);
    m_pages->addTab(split, tr("&Mistakes"));
    m_pages->addTab(m_inspect, tr("&Feature space"));
    m_pages->setTabToolTip(1, tr("Inside the network: the test set as a map, the nearest "
                                 "training images of an image, the labels it doubts"));
    m_calibration = new CalibrationPanel;
    m_pages->addTab(m_calibration, tr("&Confidence"));
    m_pages->setTabToolTip(2, tr("How far its confidence can be trusted: reliability, "
                                 "calibration, a threshold for \"not sure\""));
    // Once the run is calibrated, the gallery shows the calibrated probabilities.
    connect(m_calibration, &CalibrationPanel::calibrationShown, this, [this] {
        if (!m_result || !m_calibration->isCalibrated())
            return;
        std::shared_ptr<const data::ImageStore> test =
            m_data ? std::shared_ptr<const data::ImageStore>(m_data, &m_data->test) : nullptr;
        const int t = m_galleryModel->trueClass(), p = m_galleryModel->predictedClass();
        m_galleryModel->setSource(test, m_calibration->predictions(), m_names);
        if (t >= 0 && p >= 0)
            showCell(t, p);
        else
            m_galleryTitle->setText(
                tr("Click a cell of the matrix. Confidences are calibrated (T = %1).")
                    .arg(m_calibration->temperature(), 0, 'f', 2));
    });
    layout->addWidget(m_pages, 1);
    connect(m_pages, &QTabWidget::currentChanged, this, [this](int page) {
        if (page == 1)
            m_inspect->compute();
    });
    connect(m_inspect, &InspectPanel::explainRequested, this, &ResultsPanel::explainRequested);
    connect(m_inspect->fixList(), &LabelFixList::pendingChanged, this, &ResultsPanel::syncFixes);
}

// The confusion matrix, its per-cent switch and the epoch slider.
QGroupBox *ResultsPanel::buildConfusionBox()
{
    m_normalized = new QCheckBox(tr("Per cent of each true class"));
    m_normalized->setToolTip(tr("Show each row as percentages of that true class's images"));
    m_confusion = new QTableView;
    m_confusion->setHorizontalHeader(new RotatedHeader(m_confusion));
    m_confusion->setModel(m_confusionModel);
    m_confusion->setSelectionMode(QAbstractItemView::SingleSelection);
    m_confusion->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_confusion->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->horizontalHeader()->setMinimumSectionSize(30);
    m_confusion->horizontalHeader()->setTextElideMode(Qt::ElideRight);
    m_confusion->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_confusion->viewport()->installEventFilter(this); // the numbers' size follows the rows
    m_confusion->setToolTip(
        tr("Rows: true class. Columns: predicted class. Click a cell to see its images."));
    m_confusion->setObjectName(QStringLiteral("confusion"));
    a11y::name(m_confusion, tr("Confusion matrix"),
               tr("Rows: the true class; columns: the predicted class. Enter on a cell shows "
                  "its images."));
    auto *confBox = new QGroupBox(tr("Confusion matrix (rows: true class, columns: predicted)"));
    m_epochSlider = new QSlider(Qt::Horizontal);
    m_epochSlider->setRange(1, 1);
    m_epochSlider->setPageStep(1);
    m_epochSlider->setTickPosition(QSlider::TicksBelow);
    m_epochSlider->setToolTip(
        tr("Scrub through training: the test confusion matrix after each epoch."));
    m_epochLabel = new QLabel;
    // One row for both controls: the matrix gets the height (ten upright class names and ten
    // rows of numbers at a projector's text size).
    auto *epochRow = new QHBoxLayout;
    epochRow->addWidget(m_normalized);
    epochRow->addSpacing(12);
    auto *epochCaption = new QLabel(tr("After &epoch:"));
    epochCaption->setBuddy(m_epochSlider);
    epochRow->addWidget(epochCaption);
    epochRow->addWidget(m_epochSlider, 1);
    epochRow->addWidget(m_epochLabel);
    auto *confLayout = new QVBoxLayout(confBox);
    confLayout->addLayout(epochRow);
    confLayout->addWidget(m_confusion, 1);
    m_confusionCaption = new QLabel(
        tr("Rows: the true class; columns: what the model said. The diagonal is right; click "
           "any other cell to see those mistakes."));
    m_confusionCaption->setObjectName(QStringLiteral("caption"));
    m_confusionCaption->setWordWrap(true);
    confLayout->addWidget(m_confusionCaption);

    connect(m_normalized, &QCheckBox::toggled, m_confusionModel, &ConfusionModel::setNormalized);
    connect(m_epochSlider, &QSlider::valueChanged, this, &ResultsPanel::showEpoch);
    connect(m_confusion, &QTableView::clicked, this,
            [this](const QModelIndex &i) { showCell(i.row(), i.column()); });
    // The keyboard: Enter on a cell (activated) shows its images as a click does.
    connect(m_confusion, &QTableView::activated, this,
            [this](const QModelIndex &i) { showCell(i.row(), i.column()); });
    return confBox;
}

// The images of the chosen cell, most wrong first, and the one picked with its top 5.
QGroupBox *ResultsPanel::buildGalleryBox()
{
    m_galleryTitle = new QLabel(tr("Click a cell of the matrix."));
    m_galleryTitle->setWordWrap(true);
    m_gallery = new QListView;
    m_gallery->setModel(m_galleryModel);
    m_gallery->setViewMode(QListView::IconMode);
    m_gallery->setIconSize(QSize(84, 84));
    m_gallery->setGridSize(QSize(104, 118));
    m_gallery->setResizeMode(QListView::Adjust);
    m_gallery->setMovement(QListView::Static);
    m_gallery->setUniformItemSizes(true);
    m_gallery->setWordWrap(true);
    m_gallery->setMinimumHeight(2 * 118 + 8); // two rows of thumbnails at the least
    m_image = new QLabel;
    m_image->setFixedSize(128, 128);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setStyleSheet(QStringLiteral("background: #202020; border-radius: 4px;"));
    m_top5 = new QLabel;
    m_top5->setTextFormat(Qt::RichText);
    m_top5->setMinimumWidth(170);
    m_top5->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *explainButton = new QPushButton(tr("Grad-&CAM…"));
    explainButton->setToolTip(tr("Where the model looks in this image (opens it in Predict); "
                                 "double-clicking an image does the same"));
    auto *detailSide = new QVBoxLayout;
    detailSide->addWidget(m_top5, 1);
    detailSide->addWidget(explainButton);
    auto *detail = new QHBoxLayout;
    detail->addWidget(m_image, 0, Qt::AlignTop);
    detail->addLayout(detailSide, 1);
    auto *galleryBox = new QGroupBox(tr("Images in the cell, most wrong first"));
    m_gallery->setToolTip(tr("Under each image: what the model said, and how sure it was of the "
                             "true class (the lower, the more wrong)."));
    m_gallery->setObjectName(QStringLiteral("gallery"));
    a11y::name(m_gallery, tr("Images in the cell"),
               tr("Arrow keys choose an image; Enter opens it in Grad-CAM."));
    auto *galleryLayout = new QVBoxLayout(galleryBox);
    QWidget *fixBar = buildFixBar();
    // The pending fixes' count beside the title, whose lines wrap: the column keeps its width
    // (a projector's 1024 px) whatever the count and the language.
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_galleryTitle, 1);
    titleRow->addWidget(m_fixBar->pendingButton(), 0, Qt::AlignTop);
    galleryLayout->addLayout(titleRow);
    galleryLayout->addWidget(m_gallery, 1);
    galleryLayout->addWidget(fixBar);
    galleryLayout->addLayout(detail);

    connect(m_gallery, &QListView::clicked, this,
            [this](const QModelIndex &i) { showImage(i.row()); });
    // Arrow keys in the gallery show the image they reach; Enter opens it as a double-click.
    // Grad-CAM… acts on the current image: without one it has nothing to open.
    explainButton->setEnabled(false);
    connect(m_gallery->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this, explainButton](const QModelIndex &i) {
                explainButton->setEnabled(i.isValid());
                if (i.isValid())
                    showImage(i.row());
            });
    connect(m_gallery, &QListView::clicked, explainButton,
            [explainButton] { explainButton->setEnabled(true); });
    auto requestExplain = [this] {
        const QModelIndex i = m_gallery->currentIndex();
        if (i.isValid())
            explain(i.row());
    };
    // A double-click or Enter (activated).
    connect(m_gallery, &QListView::activated, this, requestExplain);
    connect(explainButton, &QPushButton::clicked, this, requestExplain);
    return galleryBox;
}

// Under the gallery: relabel the selected images (as the predicted class first), mark them
// ambiguous or leave them out; how many fixes are pending. The same menu is the gallery's
// context menu (a right click, or the keyboard's menu key).
QWidget *ResultsPanel::buildFixBar()
{
    m_gallery->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_gallery->setContextMenuPolicy(Qt::CustomContextMenu);
    m_fixBar = new LabelFixBar;
    connect(m_gallery, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex i = m_gallery->indexAt(at);
        if (i.isValid() && !m_gallery->selectionModel()->isSelected(i))
            m_gallery->setCurrentIndex(i); // a right click on another image fixes that one
        m_fixBar->popup(m_gallery->viewport()->mapToGlobal(
            i.isValid() ? at : m_gallery->visualRect(m_gallery->currentIndex()).center()));
    });
    connect(m_gallery->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResultsPanel::syncFixes);
    connect(m_fixBar, &LabelFixBar::chosen, this, &ResultsPanel::fixSelected);
    connect(m_fixBar, &LabelFixBar::takeBackRequested, this, [this] {
        for (const int row : selectedGalleryRows())
            m_inspect->fixList()->takeBack("test", m_galleryModel->prediction(row).index);
    });
    connect(m_fixBar, &LabelFixBar::showPendingRequested, this, [this] {
        m_pages->setCurrentWidget(m_inspect);
        m_inspect->showFixes();
    });
    return m_fixBar;
}

std::vector<int> ResultsPanel::selectedGalleryRows() const
{
    std::vector<int> rows;
    for (const QModelIndex &i : m_gallery->selectionModel()->selectedIndexes())
        rows.push_back(i.row());
    if (rows.empty() && m_gallery->currentIndex().isValid())
        rows.push_back(m_gallery->currentIndex().row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ResultsPanel::fixSelected(runs::FixAction action, int newClass)
{
    std::vector<runs::LabelFix> fixes;
    for (const int row : selectedGalleryRows()) {
        // The confusion matrix is the test split's: the index is the test image's, as
        // predictions.csv gives it.
        const train::Prediction &p = m_galleryModel->prediction(row);
        runs::LabelFix f;
        f.index = p.index;
        f.split = "test";
        f.path = m_galleryModel->sourcePath(row);
        f.label = m_names.value(p.trueLabel).toStdString();
        f.action = action;
        if (action == runs::FixAction::Relabel)
            f.newLabel = m_names.value(newClass >= 0 ? newClass : p.predicted).toStdString();
        fixes.push_back(std::move(f));
    }
    m_inspect->fixList()->addFixes(fixes);
}

void ResultsPanel::syncFixes()
{
    const LabelFixList *list = m_inspect->fixList();
    QHash<qint64, QString> fixes;
    for (const auto &p : list->pending())
        if (p.fix.split == "test")
            fixes.insert(p.fix.index, LabelFixList::describe(p.fix));
    m_galleryModel->setFixes(fixes);
    const std::vector<int> rows = selectedGalleryRows();
    bool anyPending = false;
    for (const int row : rows)
        anyPending = anyPending || fixes.contains(m_galleryModel->prediction(row).index);
    m_fixBar->setSelection(int(rows.size()), anyPending);
    m_fixBar->setPendingCount(list->count());
}

// Precision, recall and F1 per class, and the most confused pairs.
QSplitter *ResultsPanel::buildTables()
{
    m_perClass = new QTableWidget(0, 5);
    m_perClass->setHorizontalHeaderLabels(
        {tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("Images")});
    m_perClass->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_perClass->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_perClass->verticalHeader()->hide();
    m_perClass->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_perClass->setSortingEnabled(true);
    a11y::name(m_perClass, tr("Per class: precision, recall, F1 and images"));
    m_pairs = new QListWidget;
    a11y::name(m_pairs, tr("Most confused pairs"), tr("Enter shows the images of a pair."));
    auto *tables = new QSplitter(Qt::Vertical);
    auto *perClassBox = new QGroupBox(tr("Per class"));
    (new QVBoxLayout(perClassBox))->addWidget(m_perClass);
    auto *pairsBox = new QGroupBox(tr("Most confused (true → predicted)"));
    (new QVBoxLayout(pairsBox))->addWidget(m_pairs);
    tables->addWidget(perClassBox);
    tables->addWidget(pairsBox);

    auto showPair = [this](QListWidgetItem *item) {
        const QPoint cell = item->data(Qt::UserRole).toPoint();
        m_confusion->setCurrentIndex(m_confusionModel->index(cell.x(), cell.y()));
        showCell(cell.x(), cell.y());
    };
    connect(m_pairs, &QListWidget::itemClicked, this, showPair);
    connect(m_pairs, &QListWidget::itemActivated, this, showPair);
    return tables;
}

void ResultsPanel::showConfidence()
{
    m_pages->setCurrentWidget(m_calibration);
}

void ResultsPanel::showFeatureSpace()
{
    m_pages->setCurrentIndex(1);
    m_inspect->compute();
}

void ResultsPanel::exportReport(const QString &file)
{
    if (!m_result || m_result->runDir.empty())
        return;
    const std::string dir = m_result->runDir, path = file.toStdString();
    runInBackground<ResultsPanel>(
        this, [dir, path] { writeFileAtomic(path, runs::reportHtml({dir})); },
        [file](ResultsPanel *self, const QString &error) {
            if (error.isEmpty())
                Q_EMIT self->reportWritten(file);
            else
                Q_EMIT self->reportFailed(error);
        });
}

void ResultsPanel::explain(int row)
{
    if (!m_result || row < 0 || row >= m_galleryModel->rowCount())
        return;
    const auto &p = m_galleryModel->prediction(row);
    Q_EMIT explainRequested(QString::fromStdString(m_result->runDir), m_galleryModel->image(row),
                            tr("test #%1").arg(p.index));
}

void ResultsPanel::setHighContrast(bool on)
{
    m_confusionModel->setHighContrast(on);
    // Presentation: the matrix and the gallery, large; the tables stay on the laptop screen.
    m_tables->setVisible(!on);
    // The gallery: pictures as on the laptop (84 px reads well projected) and captions at 16 px
    // in two lines, so three columns and part of a second row show at once (120 px pictures
    // with 20 px captions showed two).
    const int icon = 84;
    // Every text a class reads grows together: the headline, the matrix's numbers (the model
    // sets its own font), the gallery's captions and the caption under the matrix.
    QFont big = font();
    big.setPixelSize(on ? 28 : 16);
    m_headline->setFont(big);
    QFont caption = font();
    if (on)
        caption.setPixelSize(20);
    QFont galleryFont = font();
    if (on)
        galleryFont.setPixelSize(16);
    m_gallery->setFont(galleryFont);
    m_confusionCaption->setFont(caption);
    m_presentation = on;
    m_confusion->setFont(caption); // the class names; the numbers' size is fitCellFont's
    // The upright column names at 15 px: their height comes out of the rows' (the numbers and
    // row names, which a class reads first, get the room).
    QFont columnNames = font();
    if (on)
        columnNames.setPixelSize(15);
    m_confusion->horizontalHeader()->setFont(columnNames);
    fitCellFont();
    m_gallery->setIconSize(QSize(icon, icon));
    m_gallery->setGridSize(QSize(icon + (on ? 40 : 20), icon + (on ? 48 : 34)));
    m_gallery->setMinimumHeight((on ? 1 : 2) * (icon + (on ? 48 : 34)) + 8);
    m_inspect->setLargeText(on);
    m_calibration->setLargeText(on);
}

bool ResultsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_confusion->viewport() && event->type() == QEvent::Resize)
        fitCellFont();
    return QWidget::eventFilter(watched, event);
}

void ResultsPanel::fitCellFont()
{
    // The numbers as large as the rows allow (bold 20 px on a projector), never so large that
    // the matrix must scroll: 10 classes under upright names fit 1280x720.
    const int rows = std::max(1, m_confusionModel->rowCount());
    const int rowHeight = m_confusion->viewport()->height() / rows;
    const int largest = m_presentation ? 20 : 14;
    QFont cells = m_confusion->font();
    cells.setPixelSize(std::clamp(int(rowHeight * 0.62), 9, largest));
    cells.setBold(m_presentation);
    m_confusionModel->setCellFont(cells);
    // The row names as large as their rows hold (the upright column names keep the caption's).
    QFont rowNames = m_confusion->horizontalHeader()->font();
    rowNames.setPixelSize(std::min(rowNames.pixelSize() > 0 ? rowNames.pixelSize() : largest,
                                   std::max(9, int(rowHeight * 0.7))));
    m_confusion->verticalHeader()->setFont(rowNames);
    m_confusion->verticalHeader()->setMinimumSectionSize(
        std::max(12, QFontMetrics(cells).height() + 2));
}

void ResultsPanel::setResult(std::shared_ptr<const runs::RunResult> result,
                             std::shared_ptr<const data::DatasetSplits> data)
{
    m_result = std::move(result);
    m_data = std::move(data);
    m_inspect->setRun(QString::fromStdString(m_result->runDir),
                      m_result->runDir.empty() ? nullptr : m_data);
    if (m_pages->currentIndex() == 1)
        m_inspect->compute();
    m_names.clear();
    for (const auto &n : m_result->classNames)
        m_names << QString::fromStdString(n);
    const auto &e = m_result->test;
    QString headline =
        tr("<b>Test accuracy %L1%</b> · loss %L2 · top-5 %L3% · %L4 test images · %L5 s per "
           "epoch%6")
            .arg(e.accuracy * 100.0, 0, 'f', 2)
            .arg(e.loss, 0, 'f', 4)
            .arg(e.top5Accuracy * 100.0, 0, 'f', 1)
            .arg(e.count)
            .arg(m_result->secondsPerEpoch, 0, 'f', 1)
            .arg(m_result->stopped ? tr(" · <i>stopped early</i>") : QString());
    // The line breaks only between its parts ("3.7 s per epoch" stays whole, in any language).
    headline.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
    headline.replace(QStringLiteral("&nbsp;·&nbsp;"), QStringLiteral(" · "));
    m_headline->setText(headline);
    m_confusionModel->setEvaluation(e, m_names);
    const int epochs = std::max<int>(1, int(m_result->epochs.size()));
    {
        const QSignalBlocker block(m_epochSlider);
        m_epochSlider->setRange(1, epochs);
        m_epochSlider->setValue(epochs);
    }
    m_epochSlider->setEnabled(epochs > 1);
    m_epochLabel->setText(tr("%1 (final)").arg(epochs));
    // The gallery shows the images as stored; it shares the test set with the run.
    std::shared_ptr<const data::ImageStore> test =
        m_data ? std::shared_ptr<const data::ImageStore>(m_data, &m_data->test) : nullptr;
    m_galleryModel->setSource(test, e.predictions, m_names);
    m_galleryTitle->setText(tr("Click a cell of the matrix."));
    m_fixBar->setClasses(m_names);
    m_fixBar->setTarget(LabelFixBar::kEachPredicted, -1);
    syncFixes();
    m_calibration->setRun(QString::fromStdString(m_result->runDir),
                          m_result->runDir.empty() ? nullptr : m_data, e.predictions, m_names);
    m_image->clear();
    m_top5->clear();

    m_perClass->setSortingEnabled(false);
    m_perClass->setRowCount(e.numClasses);
    for (int c = 0; c < e.numClasses; ++c) {
        const auto &m = e.perClass[std::size_t(c)];
        auto number = [](double v) {
            auto *item = new QTableWidgetItem;
            item->setData(Qt::DisplayRole, QString::number(v, 'f', 3).toDouble());
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            return item;
        };
        m_perClass->setItem(c, 0, new QTableWidgetItem(m_names.value(c)));
        m_perClass->setItem(c, 1, number(m.precision));
        m_perClass->setItem(c, 2, number(m.recall));
        m_perClass->setItem(c, 3, number(m.f1));
        m_perClass->setItem(c, 4, number(double(m.support)));
    }
    m_perClass->setSortingEnabled(true);

    struct Pair
    {
        int t, p;
        qint64 n;
    };
    std::vector<Pair> pairs;
    for (int t = 0; t < e.numClasses; ++t)
        for (int p = 0; p < e.numClasses; ++p)
            if (t != p && e.at(t, p) > 0)
                pairs.push_back({t, p, e.at(t, p)});
    std::sort(pairs.begin(), pairs.end(), [](const Pair &a, const Pair &b) { return a.n > b.n; });
    m_pairs->clear();
    for (std::size_t i = 0; i < std::min<std::size_t>(pairs.size(), 15); ++i) {
        auto *item =
            new QListWidgetItem(tr("%1 → %2: %3")
                                    .arg(m_names.value(pairs[i].t), m_names.value(pairs[i].p))
                                    .arg(pairs[i].n));
        item->setData(Qt::UserRole, QPoint(pairs[i].t, pairs[i].p));
        m_pairs->addItem(item);
    }
}

void ResultsPanel::showEpoch(int epoch)
{
    if (!m_result)
        return;
    const int last = int(m_result->epochs.size());
    train::Evaluation e = m_result->test;
    const bool final = epoch >= last;
    if (!final) {
        const auto &m = m_result->epochs[std::size_t(epoch - 1)].testConfusion;
        if (m.size() == e.confusion.size())
            e.confusion = m;
    }
    m_confusionModel->setEvaluation(e, m_names);
    m_epochLabel->setText(final ? tr("%1 (final)").arg(epoch)
                                : tr("%1 of %2").arg(epoch).arg(last));
    m_galleryTitle->setText(
        final ? tr("Click a cell of the matrix.")
              : tr("The matrix shows epoch %1; the images are the final model's predictions.")
                    .arg(epoch));
}

void ResultsPanel::showCell(int trueClass, int predicted)
{
    m_galleryModel->showCell(trueClass, predicted);
    const int n = m_galleryModel->rowCount();
    m_galleryTitle->setText(
        trueClass == predicted
            ? tr("<b>%1</b> predicted correctly: %2 images").arg(m_names.value(trueClass)).arg(n)
            : tr("<b>%1</b> predicted as <b>%2</b>: %3 images")
                  .arg(m_names.value(trueClass), m_names.value(predicted))
                  .arg(n));
    if (n > 0) {
        m_gallery->setCurrentIndex(m_galleryModel->index(0));
        showImage(0);
    } else {
        m_image->clear();
        m_top5->clear();
    }
    m_fixBar->setTarget(predicted, trueClass);
    syncFixes();
}

void ResultsPanel::showImage(int row)
{
    if (row < 0 || row >= m_galleryModel->rowCount())
        return;
    const QImage img = m_galleryModel->image(row);
    const auto mode = img.width() < 112 ? Qt::FastTransformation : Qt::SmoothTransformation;
    m_image->setPixmap(QPixmap::fromImage(img.scaled(m_image->size(), Qt::KeepAspectRatio, mode)));
    const train::Prediction &p = m_galleryModel->prediction(row);
    QString html =
        tr("<p>test image %1<br>true class: <b>%2</b><br>loss %3</p><table cellspacing=4>")
            .arg(p.index)
            .arg(m_names.value(p.trueLabel).toHtmlEscaped())
            .arg(p.loss, 0, 'f', 3);
    for (int k = 0; k < 5; ++k) {
        const int c = p.topClasses[std::size_t(k)];
        if (c < 0)
            break;
        const double prob = p.topProbabilities[std::size_t(k)];
        const int width = std::max(1, int(prob * 100));
        const QString color =
            c == p.trueLabel ? QStringLiteral("#2e8b57") : QStringLiteral("#3465a4");
        html += QStringLiteral("<tr><td>%1</td><td><table cellspacing=0 cellpadding=0><tr><td "
                               "bgcolor='%2' width=%3 "
                               "height=12></td></tr></table></td><td align=right>%4%</td></tr>")
                    .arg(m_names.value(c).toHtmlEscaped(), color)
                    .arg(width)
                    .arg(prob * 100.0, 0, 'f', 1);
    }
    html += QStringLiteral("</table>");
    if (m_calibration->isCalibrated())
        html += tr("<p><i>calibrated probabilities (T = %1)</i></p>")
                    .arg(m_calibration->temperature(), 0, 'f', 2);
    m_top5->setText(html);
}

} // namespace tl::ui
