// InspectPanel's suspicious labels (issue 28): the out-of-sample or quick list, the marks and
// the label fixes they make (split from inspect_panel.cpp to keep it short).

#include "widgets/inspect_panel.h"

#include "a11y/accessibility.h"
#include "itemmodels/image_list_model.h"
#include "widgets/fold_runs_bar.h"

#include "io/files.h"

#include <QColor>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHash>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace tl::ui {
namespace {

QString markKey(const runs::SuspectLabel &s)
{
    return QString::fromStdString(s.image.split) + QLatin1Char('/') +
           QString::number(s.image.index);
}

} // namespace

// The images whose label the model doubts (out of sample or quick), the marks a teacher gives
// them and the fixes pending.
QWidget *InspectPanel::buildSuspectsPage()
{
    m_suspectsTitle = new QLabel;
    m_suspectsTitle->setWordWrap(true);
    m_suspectsTitle->setTextFormat(Qt::RichText);
    m_scores = new QComboBox;
    m_scores->setObjectName(QStringLiteral("suspectScores"));
    m_scores->addItem(tr("Out of sample (5-fold)"));
    m_scores->addItem(tr("In sample (quick)"));
    m_scores->addItem(tr("Test images"));
    a11y::name(m_scores, tr("Suspicious label scores"),
               tr("Out of sample: each image scored by a head that never saw its label. In "
                  "sample: the trained model's own probabilities (quick, but it doubts a wrong "
                  "label it has learnt less than it should). Test images: the model never "
                  "trained on them, and a wrong test label makes the test accuracy lie."));
    connect(m_scores, &QComboBox::activated, this, &InspectPanel::showScores);
    m_fixes = new LabelFixList;
    connect(m_fixes, &LabelFixList::removeRequested, this, [this](int key) {
        m_suspects->setMark(key, QString());
        syncFixes();
    });
    // Applied: the marks go and the images show their new labels; undone, the old ones again.
    connect(m_fixes, &LabelFixList::applied, this, [this] {
        for (int k = 0; k < m_suspects->rowCount(); ++k)
            m_suspects->setMark(k, QString());
        showSuspects();
        syncFixes();
        if (m_shownRow >= 0)
            showImage(m_shownSplit, m_shownRow); // its new label too
    });
    connect(m_fixes, &LabelFixList::undone, this, [this] {
        showScores(m_scores->currentIndex());
        if (m_shownRow >= 0)
            showImage(m_shownSplit, m_shownRow);
    });
    connect(m_fixes, &LabelFixList::failed, this, &InspectPanel::failed);
    // A fine-tuned run: K short runs of the experiment score every image out of sample.
    m_foldRuns = new FoldRunsBar;
    connect(m_foldRuns, &FoldRunsBar::failed, this, &InspectPanel::failed);
    connect(m_foldRuns, &FoldRunsBar::scored, this, &InspectPanel::takeFoldRunScores);
    connect(m_fixes, &LabelFixList::retrainRequested, this, &InspectPanel::retrainRequested);

    auto *gallery = new QWidget;
    auto *gl = new QVBoxLayout(gallery);
    gl->setContentsMargins(0, 0, 0, 0);
    auto *head = new QHBoxLayout;
    head->addWidget(m_scores);
    head->addWidget(m_suspectsTitle, 1);
    gl->addLayout(head);
    // In a box of its own: hidden with the test images' list (the model never trained on them,
    // so no fold runs are needed), while the bar shows or hides itself by the run.
    m_foldRunsBox = new QWidget;
    auto *fb = new QVBoxLayout(m_foldRunsBox);
    fb->setContentsMargins(0, 0, 0, 0);
    fb->addWidget(m_foldRuns);
    gl->addWidget(m_foldRunsBox);
    gl->addWidget(m_suspectsView, 1);
    gl->addWidget(buildMarkButtons());
    // The pending fixes under a splitter handle: one line until opened, then as tall as the
    // user drags it (the gallery keeps at least a row).
    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("suspectsSplit"));
    split->setChildrenCollapsible(false);
    split->addWidget(gallery);
    split->addWidget(m_fixes);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    connect(m_fixes, &LabelFixList::expandedChanged, split, [split](bool open) {
        // Opened: the buttons and three or four fixes; the splitter's handle gives it more.
        const int total = split->height(), list = std::min(total / 3, 150);
        // Closed: its one line, the rest to the gallery.
        split->setSizes(open ? QList<int>{total - list, list} : QList<int>{total, 0});
    });
    return split;
}

// Suggested class, Relabel as, Ambiguous, Leave out; List: clear, export, exclude.
QWidget *InspectPanel::buildMarkButtons()
{
    auto *suggested = new QPushButton(tr("&Suggested class"));
    m_relabelButton = new QPushButton(tr("&Relabel as"));
    auto *ambiguous = new QPushButton(tr("&Ambiguous"));
    auto *leaveOut = new QPushButton(tr("Leave &out"));
    auto *more = new QPushButton(tr("&List"));
    suggested->setToolTip(tr("The selected images' label is wrong: relabel them as the class "
                             "the model suggests"));
    m_relabelButton->setToolTip(tr("Relabel the selected images as a class you choose"));
    ambiguous->setToolTip(tr("Mark the selected images: no single label fits (set aside)"));
    leaveOut->setToolTip(tr("Leave the selected images out of the data (set aside)"));
    more->setToolTip(tr("Clear the selected images' marks, export the marked images as a fix "
                        "list, or leave them out of the next run only"));
    m_relabelButton->setMenu(new QMenu(m_relabelButton));
    auto *menu = new QMenu(more);
    more->setMenu(menu);
    menu->addAction(tr("&Clear the selected images' marks"), this,
                    [this] { markSelected(QString()); });
    menu->addAction(tr("&Export list…"), this, [this] {
        if (marked().empty()) {
            Q_EMIT failed(tr("Mark some images first (select them, then Suggested class, "
                             "Relabel as, Ambiguous or Leave out)."));
            return;
        }
        const QString file = QFileDialog::getSaveFileName(this, tr("Export marked images"),
                                                          QStringLiteral("label-fixes.csv"),
                                                          tr("CSV files (*.csv)"));
        if (file.isEmpty())
            return;
        try {
            exportMarked(file);
        } catch (const std::exception &e) {
            Q_EMIT failed(QString::fromStdString(e.what()));
        }
    });
    menu->addAction(tr("Leave out of the &next run only"), this, [this] {
        std::vector<std::int64_t> indices;
        for (const auto &m : marked())
            indices.push_back(m.suspect.image.index);
        if (indices.empty())
            Q_EMIT failed(tr("Mark some images first."));
        else
            Q_EMIT excludeRequested(indices);
    });
    connect(suggested, &QPushButton::clicked, this,
            [this] { markSelected(QStringLiteral("wrong label")); });
    connect(ambiguous, &QPushButton::clicked, this,
            [this] { markSelected(QStringLiteral("ambiguous")); });
    connect(leaveOut, &QPushButton::clicked, this,
            [this] { markSelected(QStringLiteral("leave out")); });
    auto *box = new QWidget;
    auto *marks = new QHBoxLayout(box);
    marks->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *b : {suggested, m_relabelButton, ambiguous, leaveOut, more})
        marks->addWidget(b);
    marks->addStretch(1);
    return box;
}

void InspectPanel::setQueue(RunQueue *queue)
{
    m_foldRuns->setQueue(queue);
}

// The score selector names where the out-of-sample list came from: heads or runs.
void InspectPanel::showScoreChoices()
{
    m_scores->setItemText(0, m_oosFromRuns ? tr("Out of sample (%1 runs)").arg(m_oosFolds)
                                           : tr("Out of sample (5-fold)"));
    // The model's own probabilities: on the validation images when the run held some out (out
    // of sample too), else on the training images.
    m_scores->setItemText(kInSample, m_quickReport.split == "val" ? tr("Validation images (quick)")
                                                                  : tr("In sample (quick)"));
    m_foldRunsBox->setVisible(m_scores->currentIndex() == kOutOfSample);
}

// The fold runs' scores replace the heads' ones (marks stay on their images).
void InspectPanel::takeFoldRunScores(const runs::SuspicionReport &report, const QString &basis,
                                     int folds)
{
    m_oosReport = report;
    m_oosBasis = basis;
    m_haveOutOfSample = true;
    m_oosFromRuns = true;
    m_oosFolds = folds;
    showScoreChoices();
    setOutOfSample(true); // the marks follow their images from the list shown
}

void InspectPanel::showSuspects()
{
    const runs::SuspicionReport &r = m_report;
    const bool kfold = m_haveOutOfSample && m_scores->currentIndex() == 0;
    // One line beside the score chooser (a projector's side panel is narrow); the rest in its
    // tooltip.
    const bool test = m_scores->currentIndex() == kTestImages;
    m_suspectsTitle->setText(
        kfold           ? tr("%1 images, least likely label first").arg(r.examined)
        : test          ? tr("%1 test images, least likely label first").arg(r.examined)
        : r.outOfSample ? tr("%1 validation images, least likely label first").arg(r.examined)
                        : tr("%1 training images (<i>in sample</i>)").arg(r.examined));
    const QString figure =
        tr("Under each image: its label → the class the model suggests, and how likely the "
           "model finds the label it has.");
    m_suspectsTitle->setToolTip(
        (kfold && m_oosFromRuns
             ? tr("Each image scored by a run of the experiment that never trained on it "
                  "(out of sample, %1 runs): %2")
                   .arg(m_oosFolds)
                   .arg(m_oosBasis)
         : kfold ? tr("Each image scored by a head that never saw its label (out of sample, "
                      "5-fold): %1")
                       .arg(m_oosBasis)
         : test ? tr("The model never trained on the test images, so its doubt about a "
                     "label is honest. A wrong test label makes the test accuracy lie: fix it "
                     "here (a label-override file keeps the test images) before comparing "
                     "runs.")
         : r.outOfSample
             ? tr("The model did not train on these images, so its doubt about a label is "
                  "honest. Select images, mark them, export the list or leave them out of the "
                  "next run.")
             : tr("The model trained on these images, so it doubts a wrong label less than it "
                  "should. A run with a validation split gives a fairer list.")) +
        QLatin1Char('\n') + figure);
    QHash<QString, runs::LabelFix> applied; // fixes applied: those images show their new label
    for (const runs::LabelFix &f : m_fixes->appliedFixes())
        applied.insert(
            QString::fromStdString(f.split) + QLatin1Char('/') + QString::number(f.index), f);
    std::vector<ImageListModel::Item> items;
    for (std::size_t k = 0; k < r.images.size(); ++k) {
        const auto &s = r.images[k];
        ImageListModel::Item it;
        it.id = int(k);
        it.caption = tr("%1 → %2\n%3")
                         .arg(className(s.image.label), className(s.suggested),
                              percentText(s.selfConfidence));
        it.toolTip = suspectToolTip(s, kfold);
        if (const runs::LabelFix *f = m_fixes->addedFix(s.image.split, s.image.index)) {
            it.tint = QColor(255, 205, 205); // pending, marked in another list or gallery
            it.toolTip += QLatin1Char('\n') + LabelFixList::describe(*f);
        }
        if (const auto a = applied.constFind(markKey(s)); a != applied.cend()) {
            const QString was = className(s.image.label);
            it.caption = a->action == runs::FixAction::Relabel
                             ? tr("%1 ✓\nwas %2").arg(QString::fromStdString(a->newLabel), was)
                         : a->action == runs::FixAction::Ambiguous
                             ? tr("ambiguous ✓\nwas %1").arg(was)
                             : tr("left out ✓\nwas %1").arg(was);
            it.tint = QColor(200, 235, 200);
            it.toolTip += QLatin1Char('\n') +
                          tr("This fix is applied (%1); Undo last apply under the pending "
                             "fixes puts moved files back.")
                              .arg(LabelFixList::describe(*a));
        }
        items.push_back(std::move(it));
    }
    m_suspects->setImageProvider([this](int k) {
        const auto &image = m_report.images[std::size_t(k)].image;
        return imageJob(QString::fromStdString(image.split), image.row);
    });
    m_suspects->setItems(std::move(items));
}

// "train image 12 · data/bag/x.png", then the label's and the suggested class's probability and
// where they come from.
QString InspectPanel::suspectToolTip(const runs::SuspectLabel &s, bool outOfSampleList) const
{
    const QString label = className(s.image.label), suggested = className(s.suggested);
    QString text = tr("%1 image %2").arg(QString::fromStdString(s.image.split)).arg(s.image.index);
    if (!s.image.path.empty())
        text += QStringLiteral(" · ") + QString::fromStdString(s.image.path);
    const double pSuggested = std::size_t(s.suggested) < s.probabilities.size()
                                  ? double(s.probabilities[std::size_t(s.suggested)])
                                  : 0.0;
    text += QLatin1Char('\n') +
            (outOfSampleList ? tr("Out of sample: %1 %2, %3 %4.")
                             : tr("The trained model: %1 %2, %3 %4."))
                .arg(label, percentText(s.selfConfidence), suggested, percentText(pSuggested));
    if (s.likelyWrong)
        text += QLatin1Char(' ') + tr("Likely wrong.");
    return text;
}

void InspectPanel::markSelected(const QString &mark)
{
    // An image whose fix is applied keeps it (its file has moved): undo the apply first.
    QSet<QString> applied;
    for (const runs::LabelFix &f : m_fixes->appliedFixes())
        applied.insert(QString::fromStdString(f.split) + QLatin1Char('/') +
                       QString::number(f.index));
    for (const QModelIndex &i : m_suspectsView->selectionModel()->selectedIndexes())
        if (!applied.contains(markKey(m_report.images[std::size_t(m_suspects->item(i.row()).id)])))
            m_suspects->setMark(i.row(), mark);
    syncFixes();
}

void InspectPanel::relabelSelected(int classIndex)
{
    markSelected(QStringLiteral("→ %1").arg(className(classIndex)));
}

void InspectPanel::syncFixes()
{
    std::vector<LabelFixList::Pending> marked = pendingFixes();
    for (const LabelFixList::Pending &p : marked) // a mark replaces a fix kept from another list
        if (m_fixes->addedFix(p.fix.split, p.fix.index))
            m_fixes->takeBack(p.fix.split, p.fix.index);
    m_fixes->setPending(std::move(marked)); // the tab's count follows (pendingChanged)
}

std::vector<LabelFixList::Pending> InspectPanel::pendingFixes() const
{
    std::vector<LabelFixList::Pending> out;
    const QString relabel = QStringLiteral("→ ");
    for (const auto &it : m_suspects->items()) {
        if (it.mark.isEmpty())
            continue;
        const runs::SuspectLabel &s = m_report.images[std::size_t(it.id)];
        LabelFixList::Pending p;
        p.key = it.id;
        p.fix.index = s.image.index;
        p.fix.split = s.image.split;
        p.fix.path = s.image.path;
        p.fix.label = className(s.image.label).toStdString();
        QString what;
        if (it.mark == QLatin1String("ambiguous") || it.mark == QLatin1String("leave out")) {
            p.fix.action = it.mark == QLatin1String("ambiguous") ? runs::FixAction::Ambiguous
                                                                 : runs::FixAction::LeaveOut;
            what = it.mark;
        } else {
            p.fix.action = runs::FixAction::Relabel;
            const QString to =
                it.mark.startsWith(relabel) ? it.mark.mid(relabel.size()) : className(s.suggested);
            p.fix.newLabel = to.toStdString();
            what = tr("→ %1").arg(to);
        }
        p.text = tr("%1 image %2: %3 %4")
                     .arg(QString::fromStdString(s.image.split))
                     .arg(s.image.index)
                     .arg(className(s.image.label), what);
        out.push_back(std::move(p));
    }
    return out;
}

bool InspectPanel::outOfSample() const
{
    return m_haveOutOfSample && m_scores->currentIndex() == 0;
}

void InspectPanel::setOutOfSample(bool on)
{
    showScores(on ? kOutOfSample : kInSample);
}

const runs::SuspicionReport &InspectPanel::scoresShown() const
{
    const int list = m_scores->currentIndex();
    return list == kOutOfSample && m_haveOutOfSample ? m_oosReport
           : list == kTestImages                     ? m_testReport
                                                     : m_quickReport;
}

void InspectPanel::showScores(int list)
{
    if (list == kOutOfSample && !m_haveOutOfSample)
        list = kInSample;
    if (m_scores->currentIndex() != list)
        m_scores->setCurrentIndex(list);
    m_foldRunsBox->setVisible(list == kOutOfSample); // the fold runs are about that list
    if (!m_features)
        return;
    // Marks follow their images (split and index) into the other list; the fixes of images it
    // does not hold stay pending, kept by the fix list itself (shown tinted where listed).
    QHash<QString, QString> marks;
    QHash<QString, runs::LabelFix> fixes;
    for (const LabelFixList::Pending &p : pendingFixes()) {
        const QString key =
            QString::fromStdString(p.fix.split) + QLatin1Char('/') + QString::number(p.fix.index);
        fixes.insert(key, p.fix);
        marks.insert(key, m_suspects->item(p.key).mark);
    }
    m_report = scoresShown();
    showSuspects();
    for (int k = 0; k < m_suspects->rowCount(); ++k) {
        const QString key = markKey(m_report.images[std::size_t(k)]);
        if (const QString mark = marks.value(key); !mark.isEmpty()) {
            m_suspects->setMark(k, mark);
            fixes.remove(key);
        }
    }
    m_fixes->addFixes(std::vector<runs::LabelFix>(fixes.cbegin(), fixes.cend()));
    syncFixes();
}

std::vector<runs::MarkedImage> InspectPanel::marked() const
{
    std::vector<runs::MarkedImage> out;
    for (const auto &it : m_suspects->items())
        if (!it.mark.isEmpty())
            out.push_back({m_report.images[std::size_t(it.id)], it.mark.toStdString()});
    return out;
}

void InspectPanel::exportMarked(const QString &file) const
{
    // A fix list `transferlab-cli labels apply` reads.
    writeFileAtomic(file.toStdString(), labelFixListCsv(pendingFixes()));
}

} // namespace tl::ui
