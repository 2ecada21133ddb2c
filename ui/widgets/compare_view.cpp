#include "widgets/compare_view.h"

#include "a11y/accessibility.h"
#include "widgets/background.h"
#include "widgets/embedding_view.h"

#include "analysis/run_inspect.h"
#include "inference/run_features.h"

#include "analysis/compare.h"
#include "base/error.h"
#include "charts/metric_chart.h"
#include "itemmodels/compare_models.h"
#include "itemmodels/gallery_model.h"

#include "rundir/run_dir.h"
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace tl::ui {

QString runLabel(const runs::RunInfo &info, int index)
{
    // A letter so two runs of one model never read the same, then the name a user gave (or the
    // model and the folder's time stamp).
    const QString letter = QString(QChar('A' + index % 26));
    if (!info.experimentName.empty())
        return letter + QStringLiteral(" · ") + QString::fromStdString(info.experimentName);
    QString stamp = QString::fromStdString(info.name).section('-', 0, 1); // yyyyMMdd-HHmmss
    if (stamp.size() == 15)
        stamp = stamp.mid(4, 2) + "/" + stamp.mid(6, 2) + " " + stamp.mid(9, 2) + ":" +
                stamp.mid(11, 2);
    return letter + QStringLiteral(" · ") + QString::fromStdString(info.model) +
           QStringLiteral(" ") + stamp;
}

QColor runColour(int i)
{
    static const QColor colours[] = {QColor(0, 114, 178),  QColor(230, 159, 0),
                                     QColor(0, 158, 115),  QColor(204, 121, 167),
                                     QColor(86, 180, 233), QColor(213, 94, 0)};
    return colours[i % 6];
}

CompareView::CompareView(QWidget *parent) : QWidget(parent)
{
    m_tabs = new QTabWidget;
    m_table = new QTextBrowser;
    m_table->setPlaceholderText(tr("Select two to six runs and click Compare."));
    a11y::name(m_table, tr("Comparison table"));
    m_tabs->addTab(m_table, tr("Table"));

    auto *curves = new QWidget;
    auto *curvesLayout = new QVBoxLayout(curves);
    m_key = new QLabel;
    m_key->setObjectName(QStringLiteral("caption"));
    m_key->setWordWrap(true);
    curvesLayout->addWidget(m_key);
    auto *cl = new QHBoxLayout;
    curvesLayout->addLayout(cl, 1);
    m_loss = new MetricChart(tr("Loss"), tr("loss"));
    m_accuracy = new MetricChart(tr("Accuracy"), tr("accuracy"));
    m_accuracy->setFixedYRange(0, 1);

    cl->addWidget(m_loss);
    cl->addWidget(m_accuracy);
    m_tabs->addTab(curves, tr("Curves"));

    m_a = new QComboBox;
    m_b = new QComboBox;
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    auto *pairRow = new QHBoxLayout;
    auto *aLabel = new QLabel(tr("&A:"));
    auto *bLabel = new QLabel(tr("&B:"));
    aLabel->setBuddy(m_a);
    bLabel->setBuddy(m_b);
    a11y::name(m_a, tr("Run A"));
    a11y::name(m_b, tr("Run B"));
    pairRow->addWidget(aLabel);
    pairRow->addWidget(m_a, 1);
    pairRow->addWidget(bLabel);
    pairRow->addWidget(m_b, 1);

    auto *diffPage = new QWidget;
    auto *dl = new QVBoxLayout(diffPage);
    m_delta = new ConfusionDeltaModel(this);
    m_deltaView = new QTableView;
    m_deltaView->setModel(m_delta);
    m_deltaView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_deltaView->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_deltaView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    a11y::name(m_deltaView, tr("Confusion difference, B minus A"));
    auto *legend = new QLabel(
        tr("B's confusion matrix minus A's (rows: true class, columns: predicted). "
           "<span style='background:rgba(0,114,178,0.6)'>&nbsp;blue&nbsp;</span> B is better "
           "there, <span style='background:rgba(213,94,0,0.6)'>&nbsp;orange&nbsp;</span> worse."));
    legend->setWordWrap(true);
    dl->addWidget(legend);
    dl->addWidget(m_deltaView, 1);
    m_tabs->addTab(diffPage, tr("Confusion difference"));

    m_tabs->addTab(buildFlippedPage(), tr("Images that flipped"));
    m_tabs->addTab(buildSpacesPage(), tr("Feature spaces"));
    m_tabs->setTabToolTip(4, tr("The same test images placed by what each model's last layer "
                                "sees (PCA): click a dot to find that image in the other map"));

    // A and B matter for the difference, the flipped images and the feature spaces: shown at the
    // top of those pages only (moved into the page shown), so the table and the curves get the
    // room and the tab bar stays where it is.
    m_pairBox = new QWidget(this);
    auto *pairLayout = new QVBoxLayout(m_pairBox);
    pairLayout->setContentsMargins(0, 0, 0, 0);
    pairLayout->addLayout(pairRow);
    pairLayout->addWidget(m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs, 1);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        auto *page = qobject_cast<QBoxLayout *>(m_tabs->widget(index)->layout());
        if (index >= 2 && page && m_pairBox->parentWidget() != m_tabs->widget(index))
            page->insertWidget(0, m_pairBox);
        m_pairBox->setVisible(index >= 2);
        if (index == 4)
            updateSpaces();
    });
    m_pairBox->setVisible(false);

    connect(m_a, &QComboBox::currentIndexChanged, this, &CompareView::updatePair);
    connect(m_b, &QComboBox::currentIndexChanged, this, &CompareView::updatePair);
    connect(m_fixedButton, &QRadioButton::toggled, this,
            [this](bool on) { m_flipped->showFixedByB(on); });
}

// The test images one run gets right and the other wrong, either way round.
QWidget *CompareView::buildFlippedPage()
{
    auto *flipPage = new QWidget;
    auto *fl = new QVBoxLayout(flipPage);
    m_flipped = new FlippedModel(this);
    m_flippedView = new QListView;
    m_flippedView->setModel(m_flipped);
    m_flippedView->setViewMode(QListView::IconMode);
    m_flippedView->setResizeMode(QListView::Adjust);
    m_flippedView->setMovement(QListView::Static);
    m_flippedView->setIconSize({84, 84});
    m_flippedView->setGridSize({150, 160});
    m_flippedView->setWordWrap(true);
    m_flippedView->setUniformItemSizes(true);
    a11y::name(m_flippedView, tr("Images that flipped"));
    m_fixedButton = new QRadioButton(tr("Right only with B"));
    m_brokenButton = new QRadioButton(tr("Right only with A"));
    m_fixedButton->setChecked(true);
    auto *dir = new QHBoxLayout;
    dir->addWidget(m_fixedButton);
    dir->addWidget(m_brokenButton);
    dir->addStretch();
    fl->addLayout(dir);
    fl->addWidget(m_flippedView, 1);
    return flipPage;
}

QWidget *CompareView::buildSpacesPage()
{
    // The same test images in A's and in B's feature space: a click on one map rings the image
    // on both.
    m_spaceA = new EmbeddingView;
    m_spaceB = new EmbeddingView;
    a11y::name(m_spaceA, tr("Feature space of run A"));
    a11y::name(m_spaceB, tr("Feature space of run B"));
    m_spaceStatus = new QLabel;
    m_spaceStatus->setWordWrap(true);
    auto *maps = new QHBoxLayout;
    maps->addWidget(m_spaceA, 1);
    maps->addWidget(m_spaceB, 1);
    auto *spacePage = new QWidget;
    auto *sl = new QVBoxLayout(spacePage);
    sl->addWidget(m_spaceStatus);
    sl->addLayout(maps, 1);
    for (EmbeddingView *from : {m_spaceA, m_spaceB})
        connect(from, &EmbeddingView::pointClicked, this, [this](int row) {
            m_spaceA->highlight(row);
            m_spaceB->highlight(row);
        });
    return spacePage;
}

void CompareView::setRuns(std::vector<std::shared_ptr<const runs::RunResult>> results,
                          std::vector<runs::RunInfo> infos,
                          std::shared_ptr<const data::DatasetSplits> data)
{
    m_results = std::move(results);
    m_infos = std::move(infos);
    m_data = std::move(data);
    m_loss->reset(); // the series of the previous comparison go, legend entries with them
    m_accuracy->reset();
    QSignalBlocker ba(m_a), bb(m_b);
    m_a->clear();
    m_b->clear();
    for (std::size_t k = 0; k < m_results.size(); ++k) {
        const auto &r = *m_results[k];
        const QString label = runLabel(m_infos[k], int(k));
        m_a->addItem(label);
        m_b->addItem(label);
        m_a->setItemData(int(k), QString::fromStdString(m_infos[k].dir), Qt::ToolTipRole);
        m_b->setItemData(int(k), QString::fromStdString(m_infos[k].dir), Qt::ToolTipRole);
        const QColor c = runColour(int(k));
        const bool validated = std::any_of(r.epochs.begin(), r.epochs.end(),
                                           [](const auto &e) { return e.hasValidation; });
        // Short legend entries ("A train", "A validation"); the caption says which run A is.
        const QString letter = label.left(1);
        const int tl = m_loss->addSeries(letter + tr(" train"), c, true);
        const int ta = m_accuracy->addSeries(letter + tr(" train"), c, true);
        const int vl =
            validated ? m_loss->addSeries(letter + tr(" validation"), c, false, true) : -1;
        const int va =
            validated ? m_accuracy->addSeries(letter + tr(" validation"), c, false, true) : -1;
        QList<QPointF> tlp, vlp, tap, vap;
        for (std::size_t i = 0; i < r.epochs.size(); ++i) {
            const auto &e = r.epochs[i];
            tlp << QPointF(e.globalEpoch, e.trainLoss);
            tap << QPointF(e.globalEpoch, e.trainAccuracy);
            if (e.hasValidation) {
                vlp << QPointF(e.globalEpoch, e.valLoss);
                vap << QPointF(e.globalEpoch, e.valAccuracy);
            }
            if (i > 0 && e.stage != r.epochs[i - 1].stage) {
                m_loss->markBoundary(e.globalEpoch - 0.5);
                m_accuracy->markBoundary(e.globalEpoch - 0.5);
            }
        }
        m_loss->append(tl, tlp);
        m_loss->append(vl, vlp);
        m_accuracy->append(ta, tap);
        m_accuracy->append(va, vap);
    }
    QStringList key;
    for (std::size_t k = 0; k < m_results.size(); ++k)
        key << runLabel(m_infos[k], int(k)).replace(QStringLiteral(" · "), QStringLiteral(": "));
    const QString caption =
        key.join(QStringLiteral(" · ")) + tr(". Dashed: training; solid with dots: validation.");
    m_key->setText(caption);
    if (m_results.size() >= 2) {
        m_a->setCurrentIndex(0);
        m_b->setCurrentIndex(1);
    }
    updatePair();
}

void CompareView::setTableHtml(const QString &html)
{
    m_table->setHtml(html);
}

QString CompareView::tableHtml() const
{
    return m_table->toHtml();
}

void CompareView::showMessage(const QString &text)
{
    m_table->setPlainText(text);
    m_tabs->setCurrentIndex(0);
}

void CompareView::setPair(int a, int b)
{
    m_a->setCurrentIndex(a);
    m_b->setCurrentIndex(b);
    updatePair();
}

void CompareView::showTab(int index)
{
    m_tabs->setCurrentIndex(index);
}

QString CompareView::curvesKey() const
{
    return m_key->text();
}

QString CompareView::pairSummary() const
{
    return m_summary->text();
}

void CompareView::setPresentation(bool on)
{
    for (MetricChart *c : {m_loss, m_accuracy}) {
        c->setTextPixelSize(on ? 20 : 12);
        c->setYTitleVisible(!on);
    }
    QFont key = font();
    if (on)
        key.setPixelSize(19);
    m_key->setFont(key);
    m_loss->setLineWidth(on ? 4 : 2);
    m_accuracy->setLineWidth(on ? 4 : 2);
    const int icon = on ? 128 : 84;
    m_flippedView->setIconSize({icon, icon});
    m_flippedView->setGridSize({icon + 66, icon + 84});
}

void CompareView::updateSpaces()
{
    const int a = m_a->currentIndex(), b = m_b->currentIndex();
    if (a < 0 || b < 0 || a >= runCount() || b >= runCount() || a == b || !m_data) {
        m_spaceA->clear();
        m_spaceB->clear();
        m_spaceStatus->setText(m_data ? tr("Choose two different runs as A and B.")
                                      : tr("The runs' images are not on this computer."));
        m_spacePair.clear();
        return;
    }
    const std::string dirA = m_infos[std::size_t(a)].dir, dirB = m_infos[std::size_t(b)].dir;
    const QString key = QString::fromStdString(dirA + "\n" + dirB);
    if (key == m_spacePair)
        return;
    m_spacePair = key;
    const int generation = ++m_spaceGeneration;
    m_spaceA->clear();
    m_spaceB->clear();
    m_spaceStatus->setText(tr("Computing both models' features of the same test images…"));
    const auto data = m_data;
    auto spaces = std::make_shared<std::vector<runs::Embedding>>();
    auto notes = std::make_shared<QStringList>();
    const QString la = runLabel(m_infos[std::size_t(a)], a),
                  lb = runLabel(m_infos[std::size_t(b)], b);
    runInBackground<CompareView>(
        this,
        [dirA, dirB, data, spaces] {
            for (const std::string &dir : {dirA, dirB}) {
                // A run trained on other data is shown on these images, without its cache.
                auto config = experiment::ExperimentConfig::fromFile(runs::RunDir(dir).config());
                config.data.seed = config.seed;
                const bool own = data::datasetMismatch(data->options, config.data).empty();
                const runs::RunFeatures f = runs::runFeatures(
                    dir, *data,
                    [](double, const std::string &) { return !BackgroundJobs::cancelled(); }, own);
                if (f.stopped)
                    return;
                spaces->push_back(runs::embedTestSet(f, runs::EmbeddingMethod::Pca, 5000));
            }
        },
        [generation, spaces, la, lb](CompareView *self, const QString &error) {
            if (generation != self->m_spaceGeneration)
                return;
            if (!error.isEmpty() || spaces->size() != 2) {
                self->m_spaceStatus->setText(error.isEmpty() ? tr("Stopped.") : error);
                self->m_spacePair.clear();
                Q_EMIT self->spacesShown();
                return;
            }
            QStringList names;
            for (const auto &n : self->m_results.front()->classNames)
                names << QString::fromStdString(n);
            int k = 0;
            for (EmbeddingView *view : {self->m_spaceA, self->m_spaceB}) {
                const runs::Embedding &e = (*spaces)[std::size_t(k)];
                view->setEmbedding(e, names);
                view->setCaption(tr("%1 · PCA, %2 % of the variance")
                                     .arg(k == 0 ? la : lb)
                                     .arg(100.0 * e.explainedVariance, 0, 'f', 0));
                const auto store = self->m_data;
                view->setThumbnails([store](int row) {
                    return row >= 0 && std::size_t(row) < store->test.size()
                               ? toQImage(store->test, std::size_t(row))
                               : QImage();
                });
                ++k;
            }
            self->m_spaceStatus->setText(
                tr("%1 test images in each model's feature space. Classes that one model keeps "
                   "apart and the other mixes are what its confusion matrix shows; click a dot "
                   "to find the image in both.")
                    .arg((*spaces)[0].points.size()));
            Q_EMIT self->spacesShown();
        });
}

void CompareView::updatePair()
{
    if (m_tabs->currentIndex() == 4)
        updateSpaces();
    const int a = m_a->currentIndex(), b = m_b->currentIndex();
    if (a < 0 || b < 0 || a >= runCount() || b >= runCount() || a == b) {
        m_summary->setText(runCount() < 2 ? QString()
                                          : tr("Choose two different runs as A and B."));
        m_delta->setDifference({}, {});
        m_flipped->setSource({}, nullptr, {}, {}, {});
        m_fixedButton->setText(tr("Right only with B"));
        m_brokenButton->setText(tr("Right only with A"));
        return;
    }
    try {
        const runs::RunDifference d =
            runs::compareRuns(*m_results[std::size_t(a)], *m_results[std::size_t(b)]);
        QStringList names;
        for (const auto &n : m_results[std::size_t(a)]->classNames)
            names << QString::fromStdString(n);
        const QString na = runLabel(m_infos[std::size_t(a)], a).mid(4);
        const QString nb = runLabel(m_infos[std::size_t(b)], b).mid(4);
        m_delta->setDifference(d, names);
        m_flipped->setSource(
            d, m_data ? std::shared_ptr<const data::ImageStore>(m_data, &m_data->test) : nullptr,
            names, QStringLiteral("A ") + na, QStringLiteral("B ") + nb);
        m_fixedButton->setText(tr("Right only with B, %1 (%2)").arg(nb).arg(d.fixedByB.size()));
        m_brokenButton->setText(tr("Right only with A, %1 (%2)").arg(na).arg(d.brokenByB.size()));
        m_flipped->showFixedByB(m_fixedButton->isChecked());
        // Against B's labels: the runs' own accuracies, unless test labels were fixed between.
        QString text = tr("A %1: %2 · B %3: %4 test accuracy. B fixes %5 of A's mistakes and "
                          "makes %6 new ones; both right on %7, both wrong on %8 images.")
                           .arg(na)
                           .arg(d.accuracyA(), 0, 'f', 4)
                           .arg(nb)
                           .arg(d.accuracyB(), 0, 'f', 4)
                           .arg(d.fixedByB.size())
                           .arg(d.brokenByB.size())
                           .arg(d.bothRight)
                           .arg(d.bothWrong);
        if (d.relabelled > 0)
            text += QLatin1Char(' ') +
                    tr("%n test image(s) have another label in B: both runs are scored here "
                       "against B's labels.",
                       "", int(d.relabelled));
        m_summary->setText(text);
    } catch (const Error &e) {
        m_summary->setText(QString::fromStdString(e.what()));
        m_delta->setDifference({}, {});
        m_flipped->setSource({}, nullptr, {}, {}, {});
        m_fixedButton->setText(tr("Right only with B"));
        m_brokenButton->setText(tr("Right only with A"));
    }
}

} // namespace tl::ui
