#include "widgets/predict_panel.h"

#include "data/camera.h"
#include "data/dataset.h"
#include "itemmodels/confusion_model.h"
#include "itemmodels/gallery_model.h"
#include "inference/predictor.h"
#include "rundir/run_reader.h"
#include "session/run_list.h"
#include "a11y/accessibility.h"
#include "widgets/background.h"
#include "widgets/draw_pad.h"
#include "widgets/feature_map_grid.h"
#include "widgets/top_bars.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSlider>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace tl::ui {

namespace {

const QStringList kImageFilters = {"*.png",  "*.jpg", "*.jpeg", "*.bmp", "*.gif",
                                   "*.webp", "*.tif", "*.tiff", "*.ppm", "*.pgm"};

} // namespace

PredictPanel::PredictPanel(const QString &runsFolder, QWidget *parent)
    : PredictPanel(new RunList(runsFolder), parent)
{
    m_list->setParent(this);
}

PredictPanel::PredictPanel(RunList *runs, QWidget *parent)
    : QWidget(parent), m_list(runs), m_camera(std::make_unique<data::Camera>())
{
    setAcceptDrops(true);
    QHBoxLayout *top = buildTopRow();
    m_images = new QListWidget;
    m_images->setViewMode(QListView::IconMode);
    m_images->setIconSize({72, 72});
    m_images->setGridSize({96, 100});
    m_images->setResizeMode(QListView::Adjust);
    m_images->setMovement(QListView::Static);
    m_images->setMaximumWidth(230);
    m_images->setToolTip(tr("Drop images or folders here"));
    a11y::name(m_images, tr("Images to classify"),
               tr("Arrow keys choose an image; the model's answer is beside it."));

    m_view = new QLabel(tr("Open or drop images to classify them with the run's model."));
    m_view->setAlignment(Qt::AlignCenter);
    m_view->setMinimumSize(320, 320);
    m_view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_view->setStyleSheet("QLabel { background: #202020; color: #ddd; }");
    QHBoxLayout *body = buildBody(buildSideColumn());
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(body, 1);
    connectControls();
    connect(m_list, &RunList::listed, this, &PredictPanel::refreshRuns);
    refreshRuns();
}

// The run to use and the ways to bring images: files, a folder, a test image, a drawing, the
// camera.
QHBoxLayout *PredictPanel::buildTopRow()
{
    m_runs = new QComboBox;
    m_runs->setMinimumContentsLength(30);
    m_runInfo = new QLabel;
    m_runInfo->setWordWrap(true);
    auto *openButton = new QPushButton(tr("Open &images…"));
    auto *folderButton = new QPushButton(tr("Open &folder…"));
    m_cameraButton = new QPushButton(tr("&Webcam"));
    m_cameraButton->setCheckable(true);
    m_cameraButton->setObjectName(QStringLiteral("webcam"));
    m_cameraButton->setToolTip(tr("Classify live frames from the first camera"));
    m_randomButton = new QPushButton(tr("&Random test image"));
    m_randomButton->setObjectName(QStringLiteral("randomTest"));
    m_randomButton->setToolTip(tr("A test image the model never trained on, picked at random"));
    m_drawButton = new QPushButton(tr("&Draw"));
    m_drawButton->setObjectName(QStringLiteral("draw"));
    m_drawButton->setCheckable(true);
    m_drawButton->setToolTip(tr("Draw something and see what the model says"));
    m_runs->setMinimumContentsLength(20);
    // What the panel cannot do right now (no camera), where the class looks (above the image),
    // not only in the status bar.
    m_notice = new QLabel;
    m_notice->setObjectName(QStringLiteral("predictNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #4d3800; border: "
                                           "1px solid #e0c36a; padding: 6px; }"));
    m_notice->setVisible(false);
    auto *top = new QHBoxLayout;
    auto *runLabel = new QLabel(tr("R&un:"));
    runLabel->setBuddy(m_runs);
    top->addWidget(runLabel);
    top->addWidget(m_runs, 1);
    top->addWidget(openButton);
    top->addWidget(folderButton);
    top->addWidget(m_randomButton);
    top->addWidget(m_drawButton);
    top->addWidget(m_cameraButton);
    connect(openButton, &QPushButton::clicked, this, [this] {
        const QStringList files =
            QFileDialog::getOpenFileNames(this, tr("Images to classify"), QString(),
                                          tr("Images (%1)").arg(kImageFilters.join(' ')));
        addImages(files);
    });
    connect(folderButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of images"));
        if (!dir.isEmpty())
            addImages({dir});
    });
    return top;
}

// The run's description, the verdict, the top 5 and Grad-CAM's settings.
QWidget *PredictPanel::buildSideColumn()
{
    m_opacity = new QSlider(Qt::Horizontal);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(50);
    m_class = new QComboBox;
    m_layer = new QTreeWidget;
    m_layer->setColumnCount(2);
    m_layer->setHeaderLabels({tr("Layer (pick one for Grad-CAM)"), tr("Output")});
    m_layer->setMinimumHeight(100);
    m_layer->setRootIsDecorated(true);
    a11y::name(m_layer, tr("Layer for Grad-CAM and the feature maps"));
    m_bars = new TopBars;
    m_bars->setObjectName(QStringLiteral("top5"));
    auto *camBox = new QGroupBox(tr("Grad-CAM: where the model looks"));
    auto *cg = new QGridLayout(camBox);
    auto *opacityLabel = new QLabel(tr("O&pacity"));
    auto *classLabel = new QLabel(tr("Cl&ass"));
    opacityLabel->setBuddy(m_opacity);
    classLabel->setBuddy(m_class);
    a11y::name(m_opacity, tr("Grad-CAM opacity"));
    a11y::name(m_class, tr("Grad-CAM class"));
    cg->addWidget(opacityLabel, 0, 0);
    cg->addWidget(m_opacity, 0, 1);
    cg->addWidget(classLabel, 1, 0);
    cg->addWidget(m_class, 1, 1);
    cg->addWidget(m_layer, 2, 0, 1, 2);
    auto *barBox = new QGroupBox(tr("Top 5"));
    m_barBox = barBox;
    auto *bl = new QVBoxLayout(barBox);
    bl->addWidget(m_bars);
    // "I don't know": above the top 5, where the answer is read.
    m_verdict = new QLabel;
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setVisible(false);
    auto *side = new QVBoxLayout;
    side->addWidget(m_runInfo);
    side->addWidget(m_verdict);
    side->addWidget(barBox);
    side->addWidget(camBox);
    side->addStretch();
    auto *sideWidget = new QWidget;
    sideWidget->setLayout(side);
    sideWidget->setMinimumWidth(340);
    sideWidget->setMaximumWidth(460);
    return sideWidget;
}

// The images (or the drawing pad), the view with Grad-CAM or the feature maps, and `sideWidget`.
QHBoxLayout *PredictPanel::buildBody(QWidget *sideWidget)
{
    m_pad = new DrawPad;
    auto *clearPad = new QPushButton(tr("Clear"));
    a11y::name(clearPad, tr("Clear the drawing"));
    m_padBox = new QGroupBox(tr("Draw here"));
    auto *padLayout = new QVBoxLayout(m_padBox);
    padLayout->addWidget(m_pad, 1);
    padLayout->addWidget(clearPad);
    m_padBox->setMaximumWidth(230);
    m_padBox->setVisible(false);
    auto *leftColumn = new QVBoxLayout;
    leftColumn->addWidget(m_images, 1);
    leftColumn->addWidget(m_padBox, 3); // drawing: the pad takes most of the column
    m_featureMaps = new FeatureMapGrid;
    m_featureMaps->setObjectName(QStringLiteral("featureMaps"));
    m_viewTabs = new QTabWidget;
    m_viewTabs->setDocumentMode(true);
    m_viewTabs->addTab(m_view, tr("Grad-CAM"));
    m_viewTabs->addTab(m_featureMaps, tr("Feature maps"));
    m_viewTabs->setTabToolTip(1, tr("What the picked layer computes from this image: one small "
                                    "map per channel (bright: strong), and a first "
                                    "convolution's filters"));
    // The notice above the image it stands for: it takes no height from the top 5 beside it.
    auto *centre = new QVBoxLayout;
    centre->addWidget(m_notice);
    centre->addWidget(m_viewTabs, 1);
    auto *body = new QHBoxLayout;
    body->addLayout(leftColumn);
    body->addLayout(centre, 1);
    body->addWidget(sideWidget);
    connect(clearPad, &QPushButton::clicked, m_pad, &DrawPad::clear);
    return body;
}

void PredictPanel::connectControls()
{
    m_cameraTimer = new QTimer(this);
    m_cameraTimer->setInterval(150);
    connect(m_cameraTimer, &QTimer::timeout, this, &PredictPanel::grabFrame);
    connect(m_cameraButton, &QPushButton::toggled, this, &PredictPanel::toggleCamera);
    connect(m_runs, &QComboBox::currentIndexChanged, this,
            [this](int i) { setRun(m_runs->itemData(i).toString()); });
    connect(m_images, &QListWidget::currentRowChanged, this, &PredictPanel::showImage);
    connect(m_randomButton, &QPushButton::clicked, this, [this] {
        if (!showRandomTestImage())
            Q_EMIT failed(tr("Load a dataset in the Data tab first: its test images are used."));
    });
    connect(m_drawButton, &QPushButton::toggled, this, &PredictPanel::setDrawing);
    connect(m_pad, &DrawPad::drawn, this, [this](const QImage &drawing) {
        const QImage image = drawing.convertToFormat(QImage::Format_RGB888);
        const QIcon icon(QPixmap::fromImage(
            image.scaled(72, 72, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        if (m_drawingRow < 0 || m_drawingRow >= m_images->count()) {
            m_images->addItem(new QListWidgetItem(icon, tr("drawing")));
            m_decoded.push_back(image);
            m_drawingRow = m_images->count() - 1;
        } else {
            m_images->item(m_drawingRow)->setIcon(icon);
            m_decoded[std::size_t(m_drawingRow)] = image;
        }
        if (m_images->currentRow() == m_drawingRow)
            showImage(m_drawingRow);
        else
            m_images->setCurrentRow(m_drawingRow);
    });
    connect(m_opacity, &QSlider::valueChanged, this, &PredictPanel::redraw);
    connect(m_class, &QComboBox::activated, this, [this](int i) {
        m_camClass = m_class->itemData(i).toInt();
        classify();
    });
    connect(m_layer, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (!(item->flags() & Qt::ItemIsSelectable))
            return;
        m_layerPath = item->data(0, Qt::UserRole).toString();
        classify();
        updateFeatureMaps();
    });
    connect(m_viewTabs, &QTabWidget::currentChanged, this, [this](int page) {
        if (page == 1)
            updateFeatureMaps();
    });
}

PredictPanel::~PredictPanel()
{
    m_cameraTimer->stop();
}

void PredictPanel::refreshRuns()
{
    const QString current = currentRun();
    QSignalBlocker block(m_runs);
    m_runs->clear();
    for (const auto &r : m_list->runs())
        if (r.finished)
            m_runs->addItem(
                QString::fromStdString(r.name + "  ·  " + r.model + "  ·  test " +
                                       QString::number(r.testAccuracy, 'f', 3).toStdString()),
                QString::fromStdString(r.dir));
    if (m_runs->count() == 0) {
        m_runInfo->setText(tr("No finished run yet: train one first (3 · Training)."));
        return;
    }
    int keep = m_runs->findData(current);
    m_runs->setCurrentIndex(keep >= 0 ? keep : 0);
    // The model is loaded when the tab is first shown (a VGG takes a while and 0.5 GB), not
    // when the window starts; a run being loaded (one explained from Results) stays chosen.
    if ((keep < 0 || !m_predictor) && !m_loading && isVisible())
        setRun(m_runs->currentData().toString());
}

void PredictPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_predictor && !m_loading && m_runs->count() > 0)
        setRun(m_runs->currentData().toString());
}

QString PredictPanel::currentRun() const
{
    return m_predictor ? QString::fromStdString(m_predictor->runDir()) : QString();
}

void PredictPanel::setRun(const QString &runDir)
{
    if (runDir.isEmpty() || runDir == currentRun())
        return;
    const int i = m_runs->findData(runDir);
    if (i >= 0 && m_runs->currentIndex() != i) {
        QSignalBlocker block(m_runs);
        m_runs->setCurrentIndex(i);
    }
    m_runInfo->setText(tr("Loading %1…").arg(QFileInfo(runDir).fileName()));
    m_loading = true;
    auto loaded = std::make_shared<std::shared_ptr<runs::RunPredictor>>();
    const std::string dir = runDir.toStdString();
    runInBackground<PredictPanel>(
        this, [loaded, dir] { *loaded = std::make_shared<runs::RunPredictor>(dir); },
        [loaded, runDir](PredictPanel *self, const QString &error) {
            self->m_loading = false;
            if (!error.isEmpty()) {
                self->m_runInfo->setText(error);
                Q_EMIT self->failed(error);
                return;
            }
            self->m_predictor = *loaded;
            const auto &p = *self->m_predictor;
            const auto &cal = p.calibration();
            self->m_runInfo->setText(
                tr("<b>%1</b> on %2×%2 %3 images, %4 classes.<br/>Images are converted exactly "
                   "as in training.%5")
                    .arg(QString::fromStdString(p.modelName()))
                    .arg(p.imageSize())
                    .arg(p.channels() == 1 ? tr("gray") : tr("colour"))
                    .arg(p.classNames().size())
                    .arg(cal.calibrated
                             ? tr("<br/>Calibrated (T = %1): it says when it does not know.")
                                   .arg(cal.temperature, 0, 'f', 2)
                             : tr("<br/>Not calibrated%1: calibrate it in Results › Confidence "
                                  "to know when it does not know.")
                                   .arg(cal.note.empty() ? QString()
                                                         : QStringLiteral(" (%1)").arg(
                                                               QString::fromStdString(cal.note)
                                                                   .toHtmlEscaped()))));
            self->m_barBox->setTitle(cal.calibrated ? tr("Top 5 (calibrated probabilities)")
                                                    : tr("Top 5"));
            self->m_verdict->setVisible(false);
            self->m_class->clear();
            self->m_class->addItem(tr("the predicted class"), -1);
            for (std::size_t c = 0; c < p.classNames().size(); ++c)
                self->m_class->addItem(QString::fromStdString(p.classNames()[c]), int(c));
            self->m_camClass = -1;
            // The run's layers as a tree (paths split at dots); those with a 4-D output can be
            // picked.
            self->m_layer->clear();
            self->m_layerPath.clear();
            auto *def = new QTreeWidgetItem(self->m_layer, {tr("last convolutional block")});
            def->setData(0, Qt::UserRole, QString());
            std::map<QString, QTreeWidgetItem *> nodes;
            for (const auto &l : p.camLayers()) {
                const QStringList parts = QString::fromStdString(l.path).split('.');
                QString path;
                QTreeWidgetItem *parent = nullptr;
                for (const QString &part : parts) {
                    path = path.isEmpty() ? part : path + '.' + part;
                    auto &node = nodes[path];
                    if (!node) {
                        node = parent ? new QTreeWidgetItem(parent, {part})
                                      : new QTreeWidgetItem(self->m_layer, {part});
                        node->setFlags(Qt::ItemIsEnabled);
                    }
                    parent = node;
                }
                parent->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
                parent->setData(0, Qt::UserRole, QString::fromStdString(l.path));
                parent->setText(1, QString::fromStdString(l.shape));
            }
            self->m_layer->setCurrentItem(def);
            self->m_layer->expandToDepth(0);
            self->m_layer->resizeColumnToContents(0);
            Q_EMIT self->modelReady();
            self->classify();
        });
}

void PredictPanel::addImages(const QStringList &paths)
{
    QStringList files;
    for (const QString &p : paths) {
        if (QFileInfo(p).isDir()) {
            QDirIterator it(p, kImageFilters, QDir::Files, QDirIterator::Subdirectories);
            QStringList inDir;
            while (it.hasNext())
                inDir << it.next();
            inDir.sort();
            files << inDir;
        } else if (!p.isEmpty()) {
            files << p;
        }
    }
    const int first = m_images->count();
    QStringList unreadable;
    for (const QString &f : files) {
        QImageReader reader(f);
        reader.setAutoTransform(true);
        QImage img = reader.read();
        if (img.isNull()) {
            unreadable << QStringLiteral("%1: %2").arg(f, reader.errorString());
            continue;
        }
        auto *item =
            new QListWidgetItem(QIcon(QPixmap::fromImage(img.scaled(72, 72, Qt::KeepAspectRatio,
                                                                    Qt::SmoothTransformation))),
                                QFileInfo(f).fileName());
        item->setToolTip(f);
        m_images->addItem(item);
        m_decoded.push_back(img);
    }
    if (!unreadable.isEmpty())
        Q_EMIT failed(tr("Cannot read %n image(s):\n", "", int(unreadable.size())) +
                      unreadable.join('\n'));
    if (m_images->count() > first)
        m_images->setCurrentRow(first);
}

void PredictPanel::explainImage(const QString &runDir, const QImage &image, const QString &title)
{
    auto *item = new QListWidgetItem(
        QIcon(QPixmap::fromImage(image.scaled(72, 72, Qt::KeepAspectRatio))), title);
    m_images->addItem(item);
    m_decoded.push_back(image);
    if (!runDir.isEmpty() && runDir != currentRun()) {
        m_list->refresh(); // a run just trained joins the list
        setRun(runDir); // classify() follows when the model is ready
    }
    m_images->setCurrentRow(m_images->count() - 1);
}

void PredictPanel::showImage(int row)
{
    if (row < 0 || row >= int(m_decoded.size()))
        return;
    m_image = m_decoded[std::size_t(row)];
    m_heat = QImage();
    showNotice({});
    redraw();
    classify();
    updateFeatureMaps();
}

QString PredictPanel::verdict() const
{
    return m_verdict->isVisible() ? m_verdict->text() : QString();
}

void PredictPanel::runCalibrated(const QString &runDir)
{
    if (runDir.isEmpty() || runDir != currentRun())
        return;
    m_predictor.reset(); // setRun loads it again, with its calibration
    setRun(runDir);
}

QStringList PredictPanel::mapLayers() const
{
    QStringList out;
    if (m_predictor)
        for (const auto &l : m_predictor->camLayers())
            out << QString::fromStdString(l.path);
    return out;
}

void PredictPanel::showFeatureMaps()
{
    m_viewTabs->setCurrentIndex(1);
    updateFeatureMaps();
}

void PredictPanel::updateFeatureMaps()
{
    if (!m_predictor || m_image.isNull() || m_viewTabs->currentIndex() != 1)
        return;
    if (m_mapsBusy) {
        m_mapsAgain = true;
        return;
    }
    m_mapsBusy = true;
    const QImage img = m_image.convertToFormat(QImage::Format_RGB888);
    auto predictor = m_predictor;
    const std::string layer = m_layerPath.toStdString();
    auto result = std::make_shared<runs::RunPredictor::LayerActivations>();
    runInBackground<PredictPanel>(
        this,
        [predictor, img, layer, result] {
            *result = predictor->activations(img.constBits(), img.height(), img.width(), 3,
                                             int(img.bytesPerLine()), layer);
        },
        [predictor, result](PredictPanel *self, const QString &error) {
            self->m_mapsBusy = false;
            if (!error.isEmpty()) {
                self->m_featureMaps->clear(error);
                Q_EMIT self->failed(error);
            } else if (predictor == self->m_predictor) {
                auto &a = *result;
                self->m_featureMaps->setLayer(QString::fromStdString(a.layer), a.channels, a.height,
                                              a.width, std::move(a.maps), std::move(a.order),
                                              std::move(a.means), a.filterIn, a.filterSize,
                                              std::move(a.filters));
                Q_EMIT self->featureMapsShown();
            }
            if (self->m_mapsAgain) {
                self->m_mapsAgain = false;
                self->updateFeatureMaps();
            }
        });
}

void PredictPanel::classify()
{
    if (!m_predictor || m_image.isNull())
        return;
    if (m_busy) {
        m_again = true; // one more pass with the newest image and settings
        return;
    }
    m_busy = true;
    const QImage img = m_image.convertToFormat(QImage::Format_RGB888);
    auto predictor = m_predictor;
    const int cls = m_camClass;
    const std::string layer = m_layerPath.toStdString();
    auto result = std::make_shared<runs::RunPredictor::Result>();
    runInBackground<PredictPanel>(
        this,
        [predictor, img, cls, layer, result] {
            *result = predictor->predict(img.constBits(), img.height(), img.width(), 3,
                                         int(img.bytesPerLine()), cls, layer);
        },
        [predictor, result](PredictPanel *self, const QString &error) {
            self->m_busy = false;
            if (!error.isEmpty()) {
                Q_EMIT self->failed(error);
            } else if (predictor == self->m_predictor) {
                QStringList labels;
                for (int c : result->topClasses)
                    labels << QString::fromStdString(predictor->classNames()[std::size_t(c)]);
                self->m_bars->setEntries(labels, result->topProbabilities);
                self->m_unfamiliar = result->unfamiliarImage;
                const double limit = predictor->calibration().unfamiliarThreshold;
                if (result->unfamiliar < 0) {
                    self->m_verdict->setVisible(false);
                } else if (result->unfamiliarImage) {
                    self->m_verdict->setText(
                        tr("<b>I don't know:</b> this does not look like anything I was trained "
                           "on (unfamiliar %1 &gt; %2).")
                            .arg(result->unfamiliar, 0, 'f', 2)
                            .arg(limit, 0, 'f', 2));
                    self->m_verdict->setStyleSheet(
                        QStringLiteral("QLabel { background: #fbe3d6; color: #7a2e00; border: "
                                       "1px solid #e8a37c; border-radius: 4px; padding: 6px; }"));
                    self->m_verdict->setVisible(true);
                } else {
                    self->m_verdict->setText(
                        tr("Looks like its training images (unfamiliar %1, below %2).")
                            .arg(result->unfamiliar, 0, 'f', 2)
                            .arg(limit, 0, 'f', 2));
                    self->m_verdict->setStyleSheet(
                        QStringLiteral("QLabel { color: palette(mid); padding: 2px 6px; }"));
                    self->m_verdict->setVisible(true);
                }
                const int n = result->heatmapSize;
                QImage heat(n, n, QImage::Format_ARGB32);
                for (int y = 0; y < n; ++y)
                    for (int x = 0; x < n; ++x)
                        heat.setPixelColor(x, y,
                                           heatColor(result->heatmap[std::size_t(y * n + x)]));
                self->m_heat = heat;
                self->m_camLayer = QString::fromStdString(result->camLayer);
                self->m_class->setToolTip(
                    tr("Showing %1 at layer %2")
                        .arg(QString::fromStdString(
                                 predictor->classNames()[std::size_t(result->camClass)]),
                             self->m_camLayer));
                self->redraw();
                Q_EMIT self->predicted();
            }
            if (self->m_again) {
                self->m_again = false;
                self->classify();
            }
        });
}

void PredictPanel::redraw()
{
    if (m_image.isNull())
        return;
    // Small images (28x28 Fashion-MNIST) are enlarged without smoothing, so pixels stay visible.
    const QSize area = m_view->size() - QSize(8, 8);
    const bool tiny = m_image.width() < area.width() / 2;
    QImage shown = m_image.convertToFormat(QImage::Format_RGB32)
                       .scaled(area, Qt::KeepAspectRatio,
                               tiny ? Qt::FastTransformation : Qt::SmoothTransformation);
    if (!m_heat.isNull()) {
        QPainter p(&shown);
        p.setOpacity(m_opacity->value() / 100.0);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(shown.rect(), m_heat);
    }
    m_overlay = shown;
    m_view->setPixmap(QPixmap::fromImage(shown));
}

void PredictPanel::toggleCamera(bool on)
{
    if (!on) {
        m_cameraTimer->stop();
        m_camera->close();
        return;
    }
    if (!m_camera->open(0)) {
        QSignalBlocker block(m_cameraButton);
        m_cameraButton->setChecked(false);
        const QString text = tr("No webcam found, or another program is using it. Connect one "
                                "and press Webcam again, or open images, pick a random test "
                                "image or draw one.");
        showNotice(text);
        Q_EMIT failed(text);
        return;
    }
    showNotice({});
    m_cameraTimer->start();
}

void PredictPanel::grabFrame()
{
    std::vector<std::uint8_t> rgb;
    int h = 0, w = 0;
    if (!m_camera->read(rgb, h, w))
        return;
    m_image = QImage(rgb.data(), w, h, w * 3, QImage::Format_RGB888).copy();
    redraw();
    if (!m_busy)
        classify();
}

void PredictPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void PredictPanel::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &u : event->mimeData()->urls())
        if (u.isLocalFile())
            paths << u.toLocalFile();
    addImages(paths);
    event->acceptProposedAction();
}

void PredictPanel::setTestData(std::shared_ptr<const data::DatasetSplits> data)
{
    m_testData = std::move(data);
}

bool PredictPanel::showRandomTestImage()
{
    if (!m_testData || m_testData->test.size() == 0)
        return false;
    const auto &test = m_testData->test;
    const std::size_t i = QRandomGenerator::global()->bounded(quint64(test.size()));
    const std::int64_t label = test.labels[i];
    const QString name = label >= 0 && std::size_t(label) < test.classNames.size()
                             ? QString::fromStdString(test.classNames[std::size_t(label)])
                             : QString::number(label);
    explainImage(QString(), toQImage(test, i),
                 tr("test #%1 · %2").arg(test.sourceIndex[i]).arg(name));
    return true;
}

void PredictPanel::setDrawing(bool on)
{
    m_padBox->setVisible(on);
    if (m_drawButton->isChecked() != on)
        m_drawButton->setChecked(on);
    if (on)
        showNotice({});
    fitLeftColumn();
}

void PredictPanel::setPresentation(bool on)
{
    m_presentation = on;
    m_bars->setLarge(on);
    m_images->setIconSize(on ? QSize(96, 96) : QSize(72, 72));
    // The layer tree scrolls: the top 5 above it keeps its five rows on a 720-line screen.
    m_layer->setMinimumHeight(on ? 60 : 100);
    fitLeftColumn();
}

void PredictPanel::fitLeftColumn()
{
    // The drawing pad grows with the panel (a projector's class must see the strokes): a
    // third of the width in presentation mode, a fifth otherwise, never under 230 pixels.
    int side = 230;
    if (m_padBox->isVisibleTo(this))
        side = std::clamp(int(width() / (m_presentation ? 3.4 : 5.0)), 230, 520);
    m_padBox->setMaximumWidth(side);
    m_images->setMaximumWidth(side);
}

void PredictPanel::showNotice(const QString &text)
{
    const bool changed = m_notice->isVisibleTo(this) != !text.isEmpty();
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    if (changed) // the image's room changed: fit it again once the layout has settled
        QTimer::singleShot(0, this, &PredictPanel::redraw);
}

QString PredictPanel::notice() const
{
    return m_notice->isVisibleTo(this) ? m_notice->text() : QString();
}

void PredictPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitLeftColumn();
}

int PredictPanel::imageCount() const
{
    return m_images->count();
}

QStringList PredictPanel::topLabels() const
{
    return m_bars->labels();
}

std::vector<float> PredictPanel::topProbabilities() const
{
    return m_bars->probabilities();
}

void PredictPanel::setCamClass(int cls)
{
    m_camClass = cls;
    const int i = m_class->findData(cls);
    if (i >= 0)
        m_class->setCurrentIndex(i);
    classify();
}

void PredictPanel::setCamLayer(const QString &path)
{
    m_layerPath = path;
    for (QTreeWidgetItemIterator it(m_layer); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == path &&
            ((*it)->flags() & Qt::ItemIsSelectable))
            m_layer->setCurrentItem(*it);
    classify();
    updateFeatureMaps();
}

void PredictPanel::setOpacity(int percent)
{
    m_opacity->setValue(percent);
}

} // namespace tl::ui
