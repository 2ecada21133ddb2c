#include "widgets/teach_panel.h"

#include "base/error.h"
#include "session/teach_session.h"
#include "teach/teach_model.h"
#include "weights/weight_catalog.h"
#include "widgets/background.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tl::ui {

namespace {

constexpr int kBars = 5;

QString weightsFileName(const std::string &model)
{
    return QString::fromStdString(weights::weightInfo(model).fileName);
}

} // namespace

ClassBars::ClassBars(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("teachBars"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ClassBars::setPrediction(const QStringList &classes, const QVector<float> &probabilities)
{
    m_classes = classes;
    m_probabilities = probabilities;
    update();
}

void ClassBars::clear()
{
    m_classes.clear();
    m_probabilities.clear();
    update();
}

QString ClassBars::topClass() const
{
    if (m_probabilities.isEmpty() || m_classes.size() != m_probabilities.size())
        return {};
    const auto best = std::max_element(m_probabilities.begin(), m_probabilities.end());
    return m_classes.at(int(best - m_probabilities.begin()));
}

QSize ClassBars::sizeHint() const
{
    return {320, (fontMetrics().height() + 10) * kBars + 4};
}

void ClassBars::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const int rowH = fontMetrics().height() + 10;
    if (m_probabilities.isEmpty() || m_classes.size() != m_probabilities.size()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Train, and the classes the camera sees show here"));
        return;
    }
    std::vector<int> order(std::size_t(m_probabilities.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return m_probabilities[a] > m_probabilities[b]; });
    const int nameW = std::min(width() / 3, fontMetrics().horizontalAdvance(QLatin1Char('M')) * 10);
    const int pctW = fontMetrics().horizontalAdvance(QStringLiteral("100 %")) + 8;
    const QColor colours[] = {QColor(0x2e, 0x86, 0xde), QColor(0x95, 0xa5, 0xa6)};
    for (int i = 0; i < std::min<int>(kBars, int(order.size())); ++i) {
        const int c = order[std::size_t(i)];
        const QRect row(0, i * rowH, width(), rowH - 4);
        const QString name = fontMetrics().elidedText(m_classes[c], Qt::ElideRight, nameW - 6);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(row.left(), row.top(), nameW - 6, row.height()),
                   Qt::AlignVCenter | Qt::AlignRight, name);
        const int barMax = std::max(10, width() - nameW - pctW);
        const int barW = int(std::lround(double(barMax) * double(m_probabilities[c])));
        p.fillRect(QRect(nameW, row.top() + 2, barMax, row.height() - 4),
                   palette().color(QPalette::AlternateBase));
        p.fillRect(QRect(nameW, row.top() + 2, barW, row.height() - 4), colours[i == 0 ? 0 : 1]);
        p.drawText(QRect(nameW + barMax + 4, row.top(), pctW, row.height()),
                   Qt::AlignVCenter | Qt::AlignLeft,
                   QStringLiteral("%1 %").arg(int(std::lround(100.0 * m_probabilities[c]))));
    }
}

TeachPanel::TeachPanel(const QString &projectFolder, QWidget *parent)
    : QWidget(parent), m_session(new TeachSession(this)), m_defaultFolder(projectFolder)
{
    setObjectName(QStringLiteral("teachPanel"));
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildTopBar());
    m_weightsNotice = new QLabel;
    m_weightsNotice->setObjectName(QStringLiteral("teachWeightsNotice"));
    m_weightsNotice->setWordWrap(true);
    m_weightsNotice->setTextFormat(Qt::RichText);
    m_download = new QPushButton(tr("Download the weights"));
    m_download->setObjectName(QStringLiteral("teachDownload"));
    auto *notice = new QHBoxLayout;
    notice->addWidget(m_weightsNotice, 1);
    notice->addWidget(m_download, 0, Qt::AlignTop);
    layout->addLayout(notice);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(buildClassColumn());
    split->addWidget(buildLiveColumn());
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("teachStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_download, &QPushButton::clicked, this, &TeachPanel::downloadWeights);
    TeachSession *s = m_session;
    connect(s, &TeachSession::projectChanged, this, &TeachPanel::rebuildClasses);
    connect(s, &TeachSession::imageAdded, this, &TeachPanel::addThumbnail);
    connect(s, &TeachSession::imageRemoved, this, [this](int cls, const QString &path) {
        if (cls < int(m_boxes.size())) {
            auto *list = m_boxes[std::size_t(cls)].thumbs;
            for (int i = list->count() - 1; i >= 0; --i)
                if (list->item(i)->data(Qt::UserRole).toString() == path)
                    delete list->takeItem(i);
        }
        m_icons.remove(path);
        updateClassBox(cls);
        updateTrainButton();
    });
    connect(s, &TeachSession::thumbnailReady, this, &TeachPanel::onThumbnail);
    connect(s, &TeachSession::featuresChanged, this, [this](int done, int total) {
        m_featuresLabel->setText(total == 0 ? QString()
                                 : done < total
                                     ? tr("Features: %1 of %2 images").arg(done).arg(total)
                                     : tr("Features of all %1 images ready").arg(total));
    });
    connect(s, &TeachSession::frameReady, this, [this](const QImage &frame) {
        m_frame = frame;
        m_cameraView->setPixmap(QPixmap::fromImage(frame.scaled(
            m_cameraView->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    });
    connect(s, &TeachSession::predicted, this, [this](const QVector<float> &p) {
        m_bars->setPrediction(m_session->trainedClasses(), p);
        showStatus(tr("Live: %1 frames/s").arg(m_session->framesPerSecond(), 0, 'f', 1));
    });
    connect(s, &TeachSession::trainProgress, this, [this](int step, int steps, double seconds) {
        m_progress->setRange(0, steps);
        m_progress->setValue(step);
        m_progress->setFormat(tr("%1 s").arg(seconds, 0, 'f', 1));
    });
    connect(s, &TeachSession::trained, this, [this](double seconds, double accuracy) {
        m_progress->setValue(m_progress->maximum());
        m_progress->setFormat(tr("trained in %1 s").arg(seconds, 0, 'f', 2));
        m_live->setEnabled(true);
        m_live->setChecked(true);
        updateTrainButton();
        showStatus(tr("Trained in %1 s: %2 % of the recorded images right. Show the camera "
                      "something.")
                       .arg(seconds, 0, 'f', 2)
                       .arg(int(std::lround(100 * accuracy))));
    });
    connect(s, &TeachSession::backboneChanged, this, [this](const QString &description) {
        m_bars->clear();
        m_live->setChecked(false);
        m_live->setEnabled(false);
        updateWeightsNotice();
        updateTrainButton();
        showStatus(tr("Backbone: %1").arg(description));
    });
    connect(s, &TeachSession::cameraChanged, this, [this](bool on) {
        const QSignalBlocker block(m_cameraButton);
        m_cameraButton->setChecked(on);
        if (!on)
            for (auto &b : m_boxes)
                b.record->setDown(false);
    });
    connect(s, &TeachSession::failed, this, [this](const QString &m) {
        showStatus(m);
        updateTrainButton();
        Q_EMIT failed(m);
    });
    updateWeightsNotice();
}

TeachPanel::~TeachPanel() = default;

QWidget *TeachPanel::buildTopBar()
{
    auto *bar = new QWidget;
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_projectLabel = new QLabel;
    m_projectLabel->setObjectName(QStringLiteral("teachProject"));
    m_projectLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *open = new QPushButton(tr("Open…"));
    open->setToolTip(tr("Open a project: a folder with one subfolder of images per class"));
    auto *saveAs = new QPushButton(tr("Save as…"));
    saveAs->setToolTip(tr("Copy the project into a new folder and go on there"));
    connect(open, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a Teach project"),
                                                              m_session->project().folder());
        if (!dir.isEmpty())
            openProject(dir);
    });
    connect(saveAs, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Save the project into a new, empty folder"), m_session->project().folder());
        if (dir.isEmpty())
            return;
        try {
            m_session->saveProjectAs(dir);
        } catch (const std::exception &e) {
            showStatus(QString::fromStdString(userMessage(e)));
        }
    });
    m_backbone = new QComboBox;
    m_backbone->setObjectName(QStringLiteral("teachBackbone"));
    for (const auto &m : teach::teachModels())
        m_backbone->addItem(QString::fromStdString(m));
    m_backbone->setToolTip(tr("The frozen network that turns each image into features; "
                              "changing it computes them again"));
    m_imagenet = new QCheckBox(tr("ImageNet weights"));
    m_imagenet->setObjectName(QStringLiteral("teachImagenet"));
    connect(m_backbone, &QComboBox::activated, this, &TeachPanel::applyBackbone);
    connect(m_imagenet, &QCheckBox::toggled, this, &TeachPanel::applyBackbone);
    row->addWidget(new QLabel(tr("Project:")));
    row->addWidget(m_projectLabel, 2);
    row->addWidget(open);
    row->addWidget(saveAs);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Backbone:")));
    row->addWidget(m_backbone);
    row->addWidget(m_imagenet);
    return bar;
}

QWidget *TeachPanel::buildCameraRow()
{
    auto *bar = new QWidget;
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("teachSource"));
    m_source->setEditable(true);
    m_source->setToolTip(tr("The camera: its number (0 is the first webcam), or a video file "
                            "that stands in for one"));
    m_source->addItem(QStringLiteral("0"));
    m_source->setMinimumContentsLength(6);
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connect(m_source->lineEdit(), &QLineEdit::editingFinished, this,
            &TeachPanel::applyCameraSource);
    connect(m_source, &QComboBox::activated, this, &TeachPanel::applyCameraSource);
    auto *video = new QPushButton(tr("Video…"));
    video->setToolTip(tr("Use a video file as the camera"));
    connect(video, &QPushButton::clicked, this, &TeachPanel::chooseVideo);
    m_cameraButton = new QPushButton(tr("Camera"));
    m_cameraButton->setObjectName(QStringLiteral("teachCamera"));
    m_cameraButton->setCheckable(true);
    connect(m_cameraButton, &QPushButton::toggled, this, [this](bool on) {
        applyCameraSource();
        on ? m_session->startCamera() : m_session->stopCamera();
    });
    auto *sourceLabel = new QLabel(tr("Camera:"));
    sourceLabel->setBuddy(m_source); // names the camera field for a screen reader
    row->addWidget(sourceLabel);
    row->addWidget(m_source, 1);
    row->addWidget(video);
    row->addWidget(m_cameraButton);
    return bar;
}

QWidget *TeachPanel::buildClassColumn()
{
    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *add = new QHBoxLayout;
    m_newClass = new QLineEdit;
    m_newClass->setObjectName(QStringLiteral("teachNewClass"));
    m_newClass->setPlaceholderText(tr("New class, e.g. \"thumbs up\""));
    auto *addButton = new QPushButton(tr("Add class"));
    addButton->setObjectName(QStringLiteral("teachAddClass"));
    connect(m_newClass, &QLineEdit::returnPressed, this, &TeachPanel::addClass);
    connect(addButton, &QPushButton::clicked, this, &TeachPanel::addClass);
    add->addWidget(m_newClass, 1);
    add->addWidget(addButton);
    layout->addLayout(add);
    auto *inner = new QWidget;
    m_classLayout = new QVBoxLayout(inner);
    m_classLayout->setContentsMargins(0, 0, 0, 0);
    m_classLayout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);
    return column;
}

QWidget *TeachPanel::buildLiveColumn()
{
    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildCameraRow());
    m_cameraView = new QLabel(tr("The camera is off: choose a camera (or a video file) above "
                                 "and press Camera, or hold a class's Record button."));
    m_cameraView->setObjectName(QStringLiteral("teachCameraView"));
    m_cameraView->setAlignment(Qt::AlignCenter);
    m_cameraView->setWordWrap(true);
    m_cameraView->setMinimumSize(160, 120);
    m_cameraView->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    layout->addWidget(m_cameraView, 1);
    m_bars = new ClassBars;
    layout->addWidget(m_bars);
    auto *train = new QHBoxLayout;
    m_train = new QPushButton(tr("Train"));
    m_train->setObjectName(QStringLiteral("teachTrain"));
    m_train->setToolTip(tr("Trains only a small head on the features computed while recording: "
                           "seconds"));
    connect(m_train, &QPushButton::clicked, this, [this] {
        m_progress->setValue(0);
        m_progress->setFormat(tr("0.0 s"));
        m_train->setEnabled(false);
        showStatus(tr("Training the head…"));
        m_session->train();
    });
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("teachProgress"));
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_progress->setValue(0);
    m_live = new QPushButton(tr("Live"));
    m_live->setObjectName(QStringLiteral("teachLive"));
    m_live->setCheckable(true);
    m_live->setEnabled(false);
    m_live->setToolTip(tr("Predict every camera frame"));
    connect(m_live, &QPushButton::toggled, this, [this](bool on) {
        m_session->setLive(on);
        if (on && !m_session->cameraOn())
            m_session->startCamera();
    });
    train->addWidget(m_train);
    train->addWidget(m_progress, 1);
    train->addWidget(m_live);
    layout->addLayout(train);
    auto *bottom = new QHBoxLayout;
    m_featuresLabel = new QLabel;
    m_featuresLabel->setObjectName(QStringLiteral("teachFeatures"));
    auto *experiment = new QPushButton(tr("Train as an experiment…"));
    experiment->setObjectName(QStringLiteral("teachExperiment"));
    experiment->setToolTip(tr("Open these classes as a folder dataset in the Data tab: train a "
                              "full run, inspect it and export it like any other"));
    connect(experiment, &QPushButton::clicked, this, [this] {
        if (m_session->project().isOpen())
            Q_EMIT experimentRequested(m_session->project().folder());
    });
    bottom->addWidget(m_featuresLabel, 1);
    bottom->addWidget(experiment);
    layout->addLayout(bottom);
    return column;
}

void TeachPanel::openProject(const QString &folder)
{
    try {
        m_session->openProject(folder);
    } catch (const std::exception &e) {
        showStatus(QString::fromStdString(userMessage(e)));
        return;
    }
    const auto &p = m_session->project();
    {
        const QSignalBlocker b1(m_source), b2(m_backbone), b3(m_imagenet);
        m_source->setEditText(p.cameraSource);
        m_backbone->setCurrentText(QString::fromStdString(p.backbone.model));
        m_imagenet->setChecked(p.backbone.imagenet);
    }
    m_bars->clear();
    m_live->setChecked(false);
    m_live->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    updateWeightsNotice();
}

void TeachPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_session->project().isOpen() && !m_defaultFolder.isEmpty())
        openProject(m_defaultFolder);
}

void TeachPanel::rebuildClasses()
{
    for (auto &b : m_boxes)
        delete b.frame;
    m_boxes.clear();
    const auto &p = m_session->project();
    // The folder's name; where it is in the tooltip (a class reads the name, not the path).
    m_projectLabel->setText(QFileInfo(p.folder()).fileName());
    m_projectLabel->setToolTip(p.folder());
    for (int c = 0; c < p.classCount(); ++c) {
        m_boxes.push_back(makeClassBox(c));
        m_classLayout->insertWidget(c, m_boxes.back().frame);
        for (const QString &path : p.files(c))
            addThumbnail(c, path);
        updateClassBox(c);
    }
    updateTrainButton();
}

TeachPanel::ClassBox TeachPanel::makeClassBox(int cls)
{
    const auto &p = m_session->project();
    ClassBox b;
    b.frame = new QFrame;
    b.frame->setFrameShape(QFrame::StyledPanel);
    b.frame->setObjectName(QStringLiteral("teachClass%1").arg(cls));
    b.frame->setAcceptDrops(true);
    b.frame->setProperty("teachClass", cls);
    b.frame->installEventFilter(this);
    auto *layout = new QVBoxLayout(b.frame);
    auto *head = new QHBoxLayout;
    auto *name = new QLabel(QStringLiteral("<b>%1</b>").arg(p.className(cls).toHtmlEscaped()));
    name->setWordWrap(true); // a long class name wraps rather than push the record button out
    b.count = new QLabel;
    b.record = new QPushButton(cls < 9 ? tr("Hold to record (%1)").arg(cls + 1)
                                       : tr("Hold to record"));
    b.record->setObjectName(QStringLiteral("teachRecord%1").arg(cls));
    b.record->setToolTip(tr("Frames are recorded while this button (or the key %1) is held")
                             .arg(cls + 1));
    connect(b.record, &QPushButton::pressed, this, [this, cls] {
        applyCameraSource();
        m_session->setRecording(cls);
    });
    connect(b.record, &QPushButton::released, this, [this] { m_session->setRecording(-1); });
    head->addWidget(name, 1);
    head->addWidget(b.count);
    head->addWidget(b.record);
    layout->addLayout(head);
    b.hint = new QLabel;
    b.hint->setWordWrap(true);
    b.hint->setObjectName(QStringLiteral("teachHint%1").arg(cls));
    layout->addWidget(b.hint);
    b.thumbs = new QListWidget;
    b.thumbs->setObjectName(QStringLiteral("teachThumbs%1").arg(cls));
    b.thumbs->setViewMode(QListView::IconMode);
    b.thumbs->setFlow(QListView::LeftToRight);
    b.thumbs->setWrapping(true);
    b.thumbs->setResizeMode(QListView::Adjust);
    b.thumbs->setMovement(QListView::Static);
    const int icon = m_presentation ? 80 : 64;
    b.thumbs->setIconSize(QSize(icon, icon));
    b.thumbs->setFixedHeight(2 * (icon + 8) + 8);
    b.thumbs->setToolTip(tr("Click an image to delete it; drop image files or folders here"));
    connect(b.thumbs, &QListWidget::itemClicked, this, [this, cls](QListWidgetItem *item) {
        // After the click's signal: removing the image deletes its item.
        QMetaObject::invokeMethod(
            this,
            [this, cls, path = item->data(Qt::UserRole).toString()] {
                try {
                    m_session->removeImage(cls, path);
                } catch (const std::exception &e) {
                    showStatus(QString::fromStdString(userMessage(e)));
                }
            },
            Qt::QueuedConnection);
    });
    layout->addWidget(b.thumbs);
    return b;
}

void TeachPanel::updateClassBox(int cls)
{
    if (cls < 0 || cls >= int(m_boxes.size()))
        return;
    const int n = int(m_session->project().files(cls).size());
    auto &b = m_boxes[std::size_t(cls)];
    b.count->setText(tr("%n image(s)", "", n));
    const bool few = n < TeachSession::kFewImages;
    b.hint->setVisible(few);
    if (few)
        b.hint->setText(
            n == 0 ? tr("No images yet: hold the button while the camera shows this class, or "
                        "drop image files here.")
                   : tr("Only %n image(s): record at least %1, from several sides and distances, "
                        "so the model learns the class and not one picture.",
                        "", n)
                         .arg(TeachSession::kFewImages));
}

void TeachPanel::addThumbnail(int cls, const QString &path)
{
    if (cls < 0 || cls >= int(m_boxes.size()))
        return;
    auto *item = new QListWidgetItem(m_icons.value(path), QString());
    item->setData(Qt::UserRole, path);
    item->setToolTip(tr("%1 — click to delete").arg(QFileInfo(path).fileName()));
    const int side = m_presentation ? 84 : 68;
    item->setSizeHint(QSize(side, side));
    auto *list = m_boxes[std::size_t(cls)].thumbs;
    list->addItem(item);
    list->scrollToItem(item);
    updateClassBox(cls);
    updateTrainButton();
}

void TeachPanel::onThumbnail(const QString &path, const QImage &image)
{
    const QIcon icon(QPixmap::fromImage(image));
    m_icons.insert(path, icon);
    for (auto &b : m_boxes)
        for (int i = b.thumbs->count() - 1; i >= 0; --i)
            if (b.thumbs->item(i)->data(Qt::UserRole).toString() == path) {
                b.thumbs->item(i)->setIcon(icon);
                return;
            }
}

void TeachPanel::addClass()
{
    const QString name = m_newClass->text().trimmed();
    if (name.isEmpty())
        return;
    try {
        if (!m_session->project().isOpen())
            openProject(m_defaultFolder);
        m_session->addClass(name);
        m_newClass->clear();
    } catch (const std::exception &e) {
        showStatus(QString::fromStdString(userMessage(e)));
    }
}

void TeachPanel::chooseVideo()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("A video file to use as the camera"), QString(),
        tr("Videos (*.avi *.mp4 *.mkv *.mov *.webm *.mjpg);;All files (*)"));
    if (file.isEmpty())
        return;
    if (m_source->findText(file) < 0)
        m_source->addItem(file);
    m_source->setCurrentText(file);
    applyCameraSource();
}

void TeachPanel::applyCameraSource()
{
    const QString source = m_source->currentText().trimmed();
    if (source.isEmpty() || source == m_session->project().cameraSource)
        return;
    m_session->setCameraSource(source);
    if (m_session->project().isOpen())
        try {
            m_session->saveProject();
        } catch (const std::exception &e) {
            showStatus(QString::fromStdString(userMessage(e)));
        }
}

void TeachPanel::applyBackbone()
{
    teach::Backbone b = m_session->backbone();
    b.model = m_backbone->currentText().toStdString();
    b.imagenet = m_imagenet->isChecked() && !weights::findWeights(b.model).empty();
    if (b == m_session->backbone())
        return updateWeightsNotice();
    try {
        m_session->setBackbone(b);
    } catch (const std::exception &e) {
        showStatus(QString::fromStdString(userMessage(e)));
    }
    m_bars->clear();
    m_live->setChecked(false);
    m_live->setEnabled(false);
    updateWeightsNotice();
    showStatus(tr("Computing the features again with %1…")
                   .arg(QString::fromStdString(b.describe())));
}

void TeachPanel::updateWeightsNotice()
{
    const teach::Backbone &b = m_session->backbone();
    const std::string model = m_backbone->currentText().toStdString();
    const bool present = !weights::findWeights(model).empty();
    {
        const QSignalBlocker block(m_imagenet);
        m_imagenet->setEnabled(present);
        m_imagenet->setChecked(present && b.imagenet);
    }
    m_imagenet->setToolTip(present ? tr("torchvision's ImageNet weights, in %1")
                                         .arg(QString::fromStdString(
                                             weights::torchHubCheckpointDir()))
                                   : tr("Not on this computer yet"));
    const bool random = !b.imagenet;
    m_weightsNotice->setVisible(random);
    m_download->setVisible(random && !present);
    if (!random)
        return;
    const QString folder = QString::fromStdString(weights::torchHubCheckpointDir());
    m_weightsNotice->setText(
        present ? tr("<b>Random features.</b> %1 starts from random weights: it tells very "
                     "different things apart (colours, large shapes) and similar ones "
                     "poorly. Tick ImageNet weights for features that know objects.")
                      .arg(QString::fromStdString(model).toHtmlEscaped())
                : tr("<b>No ImageNet weights on this computer, so the features are "
                     "random:</b> they tell very different things apart (colours, large "
                     "shapes) and similar ones poorly. Download them once, or copy %1 into "
                     "PyTorch's cache (README: Teach).")
                      .arg(weightsFileName(model).toHtmlEscaped()));
    m_weightsNotice->setToolTip(tr("PyTorch's cache: %1").arg(folder));
}

void TeachPanel::downloadWeights()
{
    const std::string model = m_backbone->currentText().toStdString();
    m_download->setEnabled(false);
    showStatus(tr("Downloading %1…").arg(weightsFileName(model)));
    runInBackground<TeachPanel>(
        this, [model] { weights::downloadWeights(model); },
        [](TeachPanel *self, const QString &error) {
            self->m_download->setEnabled(true);
            if (!error.isEmpty()) {
                self->showStatus(tr("The download failed (no network?): copy the file in by "
                                    "hand (README: Teach, offline)."));
                self->m_status->setToolTip(error);
                return;
            }
            {
                const QSignalBlocker block(self->m_imagenet);
                self->m_imagenet->setEnabled(true);
                self->m_imagenet->setChecked(true);
            }
            self->applyBackbone();
        });
}

void TeachPanel::updateTrainButton()
{
    const bool enough = m_session->project().classesWithImages() >= 2;
    m_train->setEnabled(enough && !m_session->isTraining());
    m_train->setToolTip(enough ? tr("Trains only a small head on the features computed while "
                                    "recording: seconds")
                               : tr("Record images of at least two classes first"));
}

void TeachPanel::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setToolTip(QString());
}

void TeachPanel::keyPressEvent(QKeyEvent *event)
{
    const int cls = event->key() - Qt::Key_1;
    if (cls >= 0 && cls < 9 && cls < m_session->project().classCount() &&
        !m_newClass->hasFocus()) {
        if (!event->isAutoRepeat()) {
            applyCameraSource();
            m_keyRecording = cls;
            m_session->setRecording(cls);
            m_boxes[std::size_t(cls)].record->setDown(true);
        }
        return;
    }
    QWidget::keyPressEvent(event);
}

void TeachPanel::keyReleaseEvent(QKeyEvent *event)
{
    if (!event->isAutoRepeat() && m_keyRecording >= 0 &&
        event->key() - Qt::Key_1 == m_keyRecording) {
        if (m_keyRecording < int(m_boxes.size()))
            m_boxes[std::size_t(m_keyRecording)].record->setDown(false);
        m_keyRecording = -1;
        m_session->setRecording(-1);
        return;
    }
    QWidget::keyReleaseEvent(event);
}

bool TeachPanel::eventFilter(QObject *watched, QEvent *event)
{
    const QVariant cls = watched->property("teachClass");
    if (!cls.isValid())
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::DragEnter) {
        auto *e = static_cast<QDragEnterEvent *>(event);
        if (e->mimeData()->hasUrls())
            e->acceptProposedAction();
        return true;
    }
    if (event->type() == QEvent::Drop) {
        auto *e = static_cast<QDropEvent *>(event);
        QStringList paths;
        for (const QUrl &url : e->mimeData()->urls())
            if (url.isLocalFile())
                paths << url.toLocalFile();
        if (!paths.isEmpty()) {
            m_session->addFiles(cls.toInt(), paths);
            e->acceptProposedAction();
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TeachPanel::setPresentation(bool on)
{
    m_presentation = on;
    const int icon = on ? 80 : 64;
    for (auto &b : m_boxes) {
        b.thumbs->setIconSize(QSize(icon, icon));
        b.thumbs->setFixedHeight(2 * (icon + 8) + 8);
    }
    m_bars->updateGeometry();
}

} // namespace tl::ui
