#include "widgets/inspect_panel.h"

#include "a11y/accessibility.h"
#include "widgets/background.h"
#include "widgets/data_health_panel.h"
#include "widgets/embedding_view.h"
#include "widgets/fold_runs_bar.h"

#include "io/files.h"

#include "analysis/label_fold_runs.h"
#include "analysis/label_folds.h"
#include "inference/run_calibration.h"
#include "itemmodels/gallery_model.h"
#include "itemmodels/image_list_model.h"
#include "rundir/run_dir.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <mutex>

namespace tl::ui {

struct InspectPanel::Job
{
    std::atomic<bool> cancel{false};
    std::atomic<int> permille{0};
    std::mutex mutex;
    std::string what; // guarded by mutex
    // Results, read by the GUI thread once the job has finished.
    std::shared_ptr<const runs::RunFeatures> features;
    std::shared_ptr<const runs::Embedding> embedding;
    std::shared_ptr<const runs::NeighbourIndex> index;
    runs::SuspicionReport report, oos; // in sample (quick), out of sample (K-fold)
    runs::SuspicionReport test;        // the test images (the model never trained on them)
    std::string oosBasis;
    bool haveOos = false;
    bool oosFromRuns = false; // the cached scores came from the fold runs
    int oosFolds = 5;
    bool headOnly = false; // the backbone never trained: the heads' scores are out of sample
    bool tsne = false;

    runs::FeatureProgress progress()
    {
        return [this](double fraction, const std::string &w) {
            permille = int(1000 * fraction);
            {
                std::lock_guard<std::mutex> lock(mutex);
                what = w;
            }
            return !cancel && !BackgroundJobs::cancelled();
        };
    }
};

namespace {

QListView *galleryView(ImageListModel *model, int thumb = 72)
{
    auto *v = new QListView;
    v->setModel(model);
    v->setViewMode(QListView::IconMode);
    v->setIconSize(QSize(thumb, thumb));
    v->setGridSize(QSize(thumb + 24, thumb + 44));
    v->setResizeMode(QListView::Adjust);
    v->setMovement(QListView::Static);
    // Each item's own size: with uniform sizes the first caption's line count (often two)
    // cut every longer one ("Shirt → Pullov…", its figure lost).
    v->setUniformItemSizes(false);
    v->setWordWrap(true);
    v->setSelectionMode(QAbstractItemView::ExtendedSelection);
    return v;
}

// Every stage trains the head alone: the features never saw the labels. As `transferlab-cli
// inspect` decides it (runs::headOnlyRun).
bool backboneFrozen(const std::string &dir)
{
    try {
        return runs::headOnlyRun(
            experiment::ExperimentConfig::fromFile(runs::RunDir(dir).config()));
    } catch (const std::exception &) {
        return false;
    }
}

} // namespace

InspectPanel::InspectPanel(QWidget *parent)
    : QWidget(parent), m_selection(new ImageListModel(this)),
      m_neighbours(new ImageListModel(this)), m_suspects(new ImageListModel(this))
{
    QHBoxLayout *top = buildTop();

    m_map = new EmbeddingView;
    m_map->setObjectName(QStringLiteral("embeddingMap"));
    a11y::name(m_map, tr("Map of the test set"));
    m_map->setCaption(tr("Press \"Map the test set\": each test image becomes a dot, placed by "
                         "what the network's last layer sees."));

    QWidget *sideBox = buildSide();
    // The image clicked goes under the map (the map has room to spare in its height): the
    // galleries beside it keep the side's whole height, two or three rows on a projector.
    m_map->setMinimumWidth(360); // narrower, its dots would crowd into a blob
    auto *mapBox = new QWidget;
    auto *mapColumn = new QVBoxLayout(mapBox);
    mapColumn->setContentsMargins(0, 0, 0, 0);
    mapColumn->addWidget(m_map, 1);
    mapColumn->addWidget(m_detailBox);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(mapBox);
    split->addWidget(sideBox);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({800, 560});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    connectViews();
}

// The status, progress and the buttons that map the test set.
QHBoxLayout *InspectPanel::buildTop()
{
    m_status = new QLabel(tr("Open or train a run to look inside its network."));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_computeButton = new QPushButton(tr("&Map the test set"));
    m_computeButton->setToolTip(
        tr("Compute the network's features for every image (kept in the run folder) and map "
           "the test set with PCA"));
    m_tsneButton = new QPushButton(tr("t-&SNE map"));
    m_tsneButton->setToolTip(tr("A map that keeps neighbours together (t-SNE): clusters show "
                                "better than in PCA; about a minute for 10,000 images"));
    m_tsneButton->setEnabled(false);
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->hide();
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_progress);
    top->addWidget(m_cancelButton);
    top->addWidget(m_computeButton);
    top->addWidget(m_tsneButton);
    return top;
}

// Beside the map: the image clicked, the nearest training images, the images selected on the
// map and the suspicious labels.
QWidget *InspectPanel::buildSide()
{
    // Beside the map: the image clicked, then the galleries.
    m_image = new QLabel;
    m_image->setFixedSize(112, 112);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setStyleSheet(QStringLiteral("background: #202020; border-radius: 4px;"));
    m_imageText = new QLabel(tr("Click a dot (or an image beside the map) to see it here."));
    m_imageText->setObjectName(QStringLiteral("shownImageText"));
    m_imageText->setTextFormat(Qt::RichText);
    m_imageText->setWordWrap(true);
    m_imageText->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_imageText->setToolTip(
        tr("Out of sample: the scores of heads (or runs) that never saw this image's label. "
           "Trained model: the run's own network, which trained on the training images (in "
           "sample) and never saw the validation and test images."));
    m_explainButton = new QPushButton(tr("Grad-&CAM…"));
    m_explainButton->setToolTip(tr("Where the model looks in this image (opens it in Predict)"));
    m_explainButton->setEnabled(false);
    m_detailBox = new QWidget;
    auto *detail = new QGridLayout(m_detailBox);
    detail->setContentsMargins(0, 0, 0, 0);
    // Grad-CAM under the picture: the text keeps the width for its lines (German's are long).
    detail->addWidget(m_image, 0, 0, Qt::AlignTop);
    detail->addWidget(m_explainButton, 1, 0, Qt::AlignTop | Qt::AlignHCenter);
    detail->addWidget(m_imageText, 0, 1, 2, 1);
    detail->setColumnStretch(1, 1);

    m_selectionView = galleryView(m_selection);
    m_neighboursView = galleryView(m_neighbours);
    m_suspectsView = galleryView(m_suspects);
    a11y::name(m_selectionView, tr("Images selected on the map"));
    a11y::name(m_neighboursView, tr("Nearest training images"));
    a11y::name(m_suspectsView, tr("Suspicious labels"),
               tr("Images whose label the model doubts; select them to mark them."));
    m_neighboursTitle = new QLabel(tr("The training images nearest to the image under the map, "
                                      "in the network's feature space (cosine distance)."));
    m_neighboursTitle->setWordWrap(true);
    auto *neighboursPage = new QWidget;
    auto *nl = new QVBoxLayout(neighboursPage);
    nl->addWidget(m_neighboursTitle);
    nl->addWidget(m_neighboursView, 1);
    QWidget *suspectsPage = buildSuspectsPage();
    m_health = new DataHealthPanel;
    connect(m_health, &DataHealthPanel::failed, this, &InspectPanel::failed);
    // An image of the health lists clicked: shown under the map, as a suspect's is.
    connect(m_health, &DataHealthPanel::imageChosen, this, [this](const QString &split, qint64 i) {
        if (m_features)
            showImage(split,
                      runs::featureSplit(*m_features, split.toStdString()).rowOfSourceIndex(i));
    });
    // "Leave out" a duplicate or an outlier: the same pending list as the label fixes.
    connect(m_health, &DataHealthPanel::leaveOutRequested, this,
            [this](const std::vector<runs::LabelFix> &fixes) { m_fixes->addFixes(fixes); });

    // Short tab names: all four fit beside the map at 1280 pixels (the tooltips say more).
    m_side = new QTabWidget;
    m_side->addTab(neighboursPage, tr("Nearest"));
    m_side->addTab(buildSelectionPage(), tr("On the map"));
    m_side->addTab(suspectsPage, labelsTabTitle(0));
    m_side->addTab(m_health, tr("Health"));
    m_side->setTabToolTip(0, tr("The training images nearest to the image shown"));
    m_side->setTabToolTip(1, tr("The images selected on the map"));
    m_side->setTabToolTip(2, tr("Suspicious labels: the images whose label the model doubts, "
                                "and the label fixes pending"));
    m_side->setTabToolTip(3, tr("Data health: duplicates and leakage, outliers, very dark, very "
                                "bright and blurry images, class balance"));
    m_side->tabBar()->setElideMode(Qt::ElideNone);
    return m_side;
}

void InspectPanel::connectViews()
{
    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (!m_job)
            return;
        m_progress->setValue(m_job->permille);
        std::lock_guard<std::mutex> lock(m_job->mutex);
        m_status->setText(QString::fromStdString(m_job->what) + QStringLiteral("…"));
    });
    connect(m_computeButton, &QPushButton::clicked, this, &InspectPanel::compute);
    connect(m_tsneButton, &QPushButton::clicked, this, &InspectPanel::computeTsne);
    connect(m_cancelButton, &QPushButton::clicked, this, &InspectPanel::cancel);
    connect(m_map, &EmbeddingView::pointClicked, this, [this](int row) {
        showImage(QStringLiteral("test"), row);
        m_side->setCurrentIndex(0);
    });
    connect(m_map, &EmbeddingView::selectionChanged, this, &InspectPanel::showSelection);
    connect(m_selectionView, &QListView::clicked, this, [this](const QModelIndex &i) {
        showImage(QStringLiteral("test"), m_selection->item(i.row()).id);
    });
    connect(m_neighboursView, &QListView::doubleClicked, this, [this](const QModelIndex &i) {
        showImage(QStringLiteral("train"), m_neighbours->item(i.row()).id);
    });
    connect(m_suspectsView, &QListView::clicked, this, [this](const QModelIndex &i) {
        const auto &image = m_report.images[std::size_t(m_suspects->item(i.row()).id)].image;
        showImage(QString::fromStdString(image.split), image.row);
    });
    connect(m_explainButton, &QPushButton::clicked, this, [this] {
        if (m_shownRow < 0)
            return;
        const auto &s = runs::featureSplit(*m_features, m_shownSplit.toStdString());
        Q_EMIT explainRequested(
            m_runDir, imageOf(m_shownSplit, m_shownRow),
            tr("%1 #%2").arg(m_shownSplit).arg(s.sourceIndex[std::size_t(m_shownRow)]));
    });
}

InspectPanel::~InspectPanel()
{
    cancel();
}

void InspectPanel::setRun(const QString &runDir, std::shared_ptr<const data::DatasetSplits> data)
{
    cancel();
    ++m_generation;
    m_index.reset();
    m_runDir = runDir;
    m_data = std::move(data);
    m_features.reset();
    m_embedding.reset();
    m_report = m_quickReport = m_oosReport = {};
    m_haveOutOfSample = false;
    m_oosFromRuns = false;
    m_foldRuns->clear();
    m_fixes->setRun(runDir);
    m_health->setInputs(nullptr, nullptr);
    m_side->setTabText(2, labelsTabTitle(0));
    m_map->clear();
    m_selection->setItems({});
    m_neighbours->setItems({});
    m_suspects->setItems({});
    m_shownRow = -1;
    m_image->clear();
    m_imageText->setText(tr("Click a dot (or an image beside the map) to see it here."));
    m_explainButton->setEnabled(false);
    m_tsneButton->setEnabled(false);
    m_computeButton->setEnabled(m_data != nullptr);
    m_status->setToolTip(QString());
    m_status->setText(m_data ? tr("The test set's map, the nearest training images and the "
                                  "suspicious labels come from the network's last layer.")
                             : tr("This run's images could not be loaded (its dataset is "
                                  "missing here): nothing to map."));
}

void InspectPanel::compute()
{
    if (!m_data || m_runDir.isEmpty() || m_job || m_features)
        return;
    startJob(false);
}

void InspectPanel::computeTsne()
{
    if (!m_features || m_job)
        return;
    startJob(true);
}

void InspectPanel::cancel()
{
    if (m_job)
        m_job->cancel = true;
}

void InspectPanel::startJob(bool tsne)
{
    auto job = std::make_shared<Job>();
    job->tsne = tsne;
    job->features = m_features;
    m_job = job;
    const std::string dir = m_runDir.toStdString();
    const auto data = m_data;
    const int generation = m_generation;
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
    m_computeButton->setEnabled(false);
    m_tsneButton->setEnabled(false);
    m_poll->start();
    runInBackground<InspectPanel>(
        this,
        [job, dir, data] {
            if (!job->features) {
                auto f = std::make_shared<runs::RunFeatures>(
                    runs::runFeatures(dir, *data, job->progress()));
                if (f->stopped)
                    return;
                // A calibrated run's probabilities are the calibrated ones (its note says so).
                runs::applyRunCalibration(*f);
                job->features = f;
                job->report = runs::suspiciousLabels(*f, *data, 300);
                job->test = runs::suspiciousLabels(*f, *data, 300, "test");
                // Every training and validation image scored by a head that never saw its
                // label (cached in the run folder beside the features).
                job->headOnly = backboneFrozen(dir);
                const auto scores = runs::outOfSampleProbabilities(*f, runs::LabelFoldOptions{},
                                                                   job->headOnly, job->progress());
                if (!scores.stopped) {
                    job->oos = runs::suspiciousLabelsOutOfSample(*f, scores, *data, 300);
                    job->oosBasis = scores.basis;
                    job->haveOos = true;
                    job->oosFromRuns = scores.fromRuns;
                    job->oosFolds = scores.folds;
                }
                job->index = std::make_shared<runs::NeighbourIndex>(*f, *data);
            }
            auto e = std::make_shared<runs::Embedding>(runs::embedTestSet(
                *job->features,
                job->tsne ? runs::EmbeddingMethod::Tsne : runs::EmbeddingMethod::Pca, 10000,
                job->progress()));
            if (!e->stopped)
                job->embedding = e;
        },
        [generation](InspectPanel *self, const QString &error) {
            if (generation != self->m_generation) // another run was opened meanwhile
                return;
            self->finishJob(error);
        });
}

void InspectPanel::finishJob(const QString &error)
{
    const std::shared_ptr<Job> job = std::move(m_job);
    m_poll->stop();
    m_progress->hide();
    m_cancelButton->hide();
    if (!error.isEmpty()) {
        m_computeButton->setEnabled(!m_features);
        m_tsneButton->setEnabled(bool(m_features));
        m_status->setText(tr("Could not look inside this run: %1").arg(error));
        Q_EMIT failed(error);
        return;
    }
    const bool firstFeatures = !m_features && job->features;
    if (firstFeatures) {
        m_features = job->features;
        m_quickReport = job->report;
        m_oosReport = job->oos;
        m_testReport = job->test;
        m_oosBasis = QString::fromStdString(job->oosBasis);
        m_haveOutOfSample = job->haveOos;
        m_oosFromRuns = job->oosFromRuns;
        m_oosFolds = job->oosFolds;
        m_foldRuns->setRun(m_runDir, m_data, m_features, job->headOnly, m_oosFromRuns);
        showScoreChoices();
        m_report = scoresShown();
        m_index = job->index;
        m_health->setInputs(m_features, m_data);
        auto *menu = m_relabelButton->menu();
        menu->clear();
        for (int c = 0; c < int(m_features->classNames.size()); ++c)
            menu->addAction(className(c), this, [this, c] { relabelSelected(c); });
    }
    m_computeButton->setEnabled(!m_features);
    m_tsneButton->setEnabled(bool(m_features));
    if (!job->embedding) {
        m_status->setText(tr("Stopped."));
        return;
    }
    m_embedding = job->embedding;
    if (firstFeatures) {
        showSuspects();
        Q_EMIT featuresReady();
    }
    showMap();
    Q_EMIT mapReady();
}

QString InspectPanel::percentText(double p)
{
    // Non-breaking spaces: "2.4" and "%" never part at a line's end.
    return (p < 0.001   ? tr("< 0.1 %")
            : p > 0.999 ? tr("> 99.9 %")
                        : tr("%1 %").arg(QLocale().toString(100.0 * p, 'f', p < 0.1 ? 1 : 0)))
        .replace(QLatin1Char(' '), QChar(0x00A0));
}

QString InspectPanel::labelsTabTitle(int pending)
{
    return pending > 0 ? tr("Labels (%1)").arg(pending) : tr("Labels");
}

QString InspectPanel::className(int c) const
{
    return m_features && c >= 0 && std::size_t(c) < m_features->classNames.size()
               ? QString::fromStdString(m_features->classNames[std::size_t(c)])
               : QString::number(c);
}

QImage InspectPanel::imageOf(const QString &split, qint64 row) const
{
    const ImageListModel::ImageJob job = imageJob(split, row);
    return job ? job() : QImage();
}

std::function<QImage()> InspectPanel::imageJob(const QString &split, qint64 row) const
{
    if (!m_features || !m_data || row < 0)
        return {};
    const auto &s = runs::featureSplit(*m_features, split.toStdString());
    if (row >= s.rows)
        return {};
    // Owns what it reads: the galleries run it on another thread.
    return [data = m_data, name = split.toStdString(), at = s.storeRow[std::size_t(row)]] {
        return toQImage(runs::storeOf(*data, name), std::size_t(at));
    };
}

void InspectPanel::showMap()
{
    const runs::Embedding &e = *m_embedding;
    QStringList names;
    for (const auto &n : m_features->classNames)
        names << QString::fromStdString(n);
    m_map->setEmbedding(e, names);
    m_map->setThumbnails([this](int row) { return imageOf(QStringLiteral("test"), row); });
    const runs::RunFeatures &f = *m_features;
    const QString method =
        e.method == runs::EmbeddingMethod::Pca
            ? tr("PCA, %1 % of the variance").arg(100.0 * e.explainedVariance, 0, 'f', 0)
            : tr("t-SNE: near dots are near in feature space");
    m_map->setCaption(tr("%1 test images · %2").arg(e.points.size()).arg(method));
    // One line (a projector's 720 lines go to the map and the galleries); the whole story, the
    // times and any note (a calibrated run, a cache made from other data; "…" says there is
    // one) in its tooltip.
    // "Training": the training split, its validation images included (as the label lists count).
    m_status->setText(tr("%1 features of %2 training and %3 test images (layer %4)%5")
                          .arg(f.train.dims)
                          .arg(f.train.rows + f.val.rows)
                          .arg(f.test.rows)
                          .arg(QString::fromStdString(f.layer))
                          .arg(f.note.empty() ? QString() : QStringLiteral(" …")));
    m_status->setToolTip(
        tr("%1 features per image (the input of layer %2) for %3 training and %4 test images, "
           "%5 in %6 s; map in %7 s.%8")
            .arg(f.train.dims)
            .arg(QString::fromStdString(f.layer))
            .arg(f.train.rows + f.val.rows)
            .arg(f.test.rows)
            .arg(f.fromCache ? tr("read from %1").arg(QString::fromLatin1(runs::RunDir::kFeatures))
                             : tr("computed"))
            .arg(f.seconds, 0, 'f', 1)
            .arg(e.seconds, 0, 'f', 1)
            .arg(f.note.empty() ? QString()
                                : QStringLiteral(" ") + QString::fromStdString(f.note)));
}

void InspectPanel::showSelection(const std::vector<int> &rows)
{
    std::vector<ImageListModel::Item> items;
    items.reserve(rows.size());
    for (int row : rows) {
        const auto &s = m_features->test;
        const int label = int(s.labels[std::size_t(row)]);
        const int said = int(s.predicted(row));
        ImageListModel::Item it;
        it.id = row;
        it.caption =
            label == said ? className(label) : tr("%1 → %2").arg(className(label), className(said));
        items.push_back(std::move(it));
    }
    m_selection->setImageProvider(
        [this](int row) { return imageJob(QStringLiteral("test"), row); });
    m_selection->setItems(std::move(items));
    m_side->setTabText(1, tr("On the map (%1)").arg(rows.size()));
    m_side->setCurrentIndex(1);
}

// "bag 97.9 % · tshirt < 0.1 %": the likeliest class, and the image's label (bold) when that is
// another, else the runner-up.
QString InspectPanel::probabilityLine(const std::vector<float> &p, int label) const
{
    std::vector<int> order(p.size());
    for (std::size_t c = 0; c < p.size(); ++c)
        order[c] = int(c);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return p[std::size_t(a)] > p[std::size_t(b)]; });
    std::vector<int> shown(order.begin(), order.begin() + std::min<std::ptrdiff_t>(2, p.size()));
    if (!shown.empty() && shown.front() != label && shown.size() > 1)
        shown.back() = label;
    QStringList parts;
    for (const int c : shown) {
        const double v = p[std::size_t(c)];
        // One unbreakable piece; "< 0.1 %" is text, not a tag.
        const QString part = tr("%1 %2")
                                 .arg(className(c), percentText(v))
                                 .replace(QLatin1Char(' '), QChar(0x00A0))
                                 .toHtmlEscaped();
        parts << (c == label ? QStringLiteral("<b>%1</b>").arg(part) : part);
    }
    return parts.join(QStringLiteral(" · "));
}

// Beside the image shown: its split, index, label and file, then the probabilities, each line
// saying whose: out of sample (the K-fold list's scores, when the image is on it) and the
// trained model's own.
QString InspectPanel::detailText(const QString &split, qint64 row) const
{
    const auto &s = runs::featureSplit(*m_features, split.toStdString());
    const int label = int(s.labels[std::size_t(row)]);
    QString text = tr("<b>%1 image %2</b> · labelled <b>%3</b>")
                       .arg(split)
                       .arg(s.sourceIndex[std::size_t(row)])
                       .arg(className(label).toHtmlEscaped());
    const runs::ImageRef ref = runs::imageRef(*m_features, *m_data, split.toStdString(), row);
    for (const runs::LabelFix &f : m_fixes->appliedFixes()) // the run's label, since fixed
        if (f.split == ref.split && f.index == ref.index)
            text +=
                QStringLiteral(" → <b>%1</b>")
                    .arg((f.action == runs::FixAction::Relabel ? QString::fromStdString(f.newLabel)
                          : f.action == runs::FixAction::Ambiguous ? tr("ambiguous")
                                                                   : tr("left out"))
                             .toHtmlEscaped());
    if (!ref.path.empty())
        text += QStringLiteral("<br><small>%1</small>")
                    .arg(QString::fromStdString(ref.path).toHtmlEscaped());
    if (outOfSample())
        for (const runs::SuspectLabel &l : m_report.images)
            if (l.image.split == ref.split && l.image.row == row && !l.probabilities.empty()) {
                text += QStringLiteral("<br>") +
                        tr("Out of sample: %1").arg(probabilityLine(l.probabilities, label));
                break;
            }
    std::vector<float> own(std::size_t(s.classes));
    for (std::int64_t c = 0; c < s.classes; ++c)
        own[std::size_t(c)] = s.probability(row, c);
    text += QStringLiteral("<br>") + tr("Trained model: %1").arg(probabilityLine(own, label));
    return text;
}

void InspectPanel::showImage(const QString &split, qint64 row)
{
    if (!m_features || row < 0) // none shown (featureSplit refuses an empty split)
        return;
    const auto &s = runs::featureSplit(*m_features, split.toStdString());
    if (row < 0 || row >= s.rows)
        return;
    m_shownSplit = split;
    m_shownRow = row;
    m_map->highlight(split == QStringLiteral("test") ? int(row) : -1);
    const QImage image = imageOf(split, row);
    m_image->setPixmap(QPixmap::fromImage(
        image.scaled(112, 112, Qt::KeepAspectRatio,
                     image.width() < 112 ? Qt::FastTransformation : Qt::SmoothTransformation)));
    const int label = int(s.labels[std::size_t(row)]);
    m_imageText->setText(detailText(split, row));
    m_explainButton->setEnabled(true);

    // Its nearest training images, timed: this is what has to feel instant.
    QElapsedTimer timer;
    timer.start();
    const auto near = m_index->near(split.toStdString(), row, 12);
    const qint64 ms = timer.elapsed();
    std::vector<ImageListModel::Item> items;
    for (const auto &n : near) {
        ImageListModel::Item it;
        it.id = int(n.image.row);
        it.caption = tr("%1\nd %2").arg(className(n.image.label)).arg(n.distance, 0, 'f', 3);
        it.toolTip = tr("training image %1, labelled %2; cosine distance %3")
                         .arg(n.image.index)
                         .arg(className(n.image.label))
                         .arg(n.distance, 0, 'f', 4);
        items.push_back(std::move(it));
    }
    m_neighbours->setImageProvider([this](int r) { return imageJob(QStringLiteral("train"), r); });
    m_neighbours->setItems(std::move(items));
    const int said = int(s.predicted(row));
    m_neighboursTitle->setText(
        tr("The %1 training images nearest to %2 image %3 in the network's feature space "
           "(found in %4 ms among %5).%6")
            .arg(near.size())
            .arg(split)
            .arg(s.sourceIndex[std::size_t(row)])
            .arg(ms)
            .arg(m_features->train.rows)
            .arg(said != label ? tr(" It called this %1 a %2: these are what it had seen.")
                                     .arg(className(label), className(said))
                               : QString()));
}

void InspectPanel::setLargeText(bool on)
{
    m_large = on;
    m_map->setLargeText(on);
    QFont f = font();
    if (on)
        f.setPixelSize(20);
    m_status->setFont(f);
    m_imageText->setFont(f);
    // On a projector the captions grow to 16 px in up to three short lines ("T-shirt/top →",
    // "Bag", "0.7 %"): five pictures a row where 20 px captions in wide cells showed three.
    const int thumb = on ? 56 : 72;
    QFont caption = font();
    if (on)
        caption.setPixelSize(16);
    for (QListView *v : {m_selectionView, m_neighboursView, m_suspectsView}) {
        v->setIconSize(QSize(thumb, thumb));
        // Three caption lines whole ("trouser →", "sneaker", "< 0.1 %"), two rows or more.
        v->setGridSize(QSize(thumb + (on ? 74 : 24), thumb + (on ? 66 : 44)));
        v->setFont(caption);
    }
    // A caption wraps at its picture's width: on a projector the pictures come in a box wide
    // enough for "tshirt → bag" and "[wrong label]" to keep a line each.
    for (ImageListModel *m : {m_selection, m_neighbours, m_suspects})
        m->setThumbnailSize(thumb, on ? thumb + 64 : 0);
    m_health->setLargeText(on);
}

} // namespace tl::ui
