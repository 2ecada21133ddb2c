#include "widgets/label_fix_list.h"

#include "a11y/accessibility.h"
#include "widgets/background.h"

#include "io/files.h"
#include "io/json_file.h"
#include "rundir/run_dir.h"
#include "rundir/run_writer.h"

#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>
#include <sstream>

namespace tl::ui {

std::string labelFixListCsv(const std::vector<LabelFixList::Pending> &pending)
{
    std::ostringstream s;
    s << "index,split,path,label,fix\n";
    for (const auto &p : pending) {
        const runs::LabelFix &f = p.fix;
        const std::string fix = f.action == runs::FixAction::Relabel     ? f.newLabel
                                : f.action == runs::FixAction::Ambiguous ? "ambiguous"
                                                                         : "leave out";
        s << f.index << ',' << f.split << ',' << runs::csvField(f.path) << ','
          << runs::csvField(f.label) << ',' << runs::csvField(fix) << '\n';
    }
    return s.str();
}

LabelFixList::LabelFixList(QWidget *parent) : QWidget(parent)
{
    m_list = new QListWidget;
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    a11y::name(m_list, tr("Pending label fixes"),
               tr("The fixes marked so far; nothing changes until they are applied."));
    m_remove = new QPushButton(tr("&Take back"));
    m_remove->setToolTip(tr("Remove the selected fixes from the list (their marks go too)"));
    m_apply = new QPushButton(tr("A&pply fixes…"));
    m_apply->setToolTip(tr("Move the dataset's files (folder and CSV datasets, with a journal "
                           "to undo it) or write a label-override file for the next run"));
    m_undo = new QPushButton(tr("&Undo last apply"));
    m_undo->setToolTip(tr("Put every file the last apply moved back where it was (its journal "
                          "in the run folder)"));
    m_retrain = new QPushButton(tr("&Retrain with the fixes"));
    m_retrain->setToolTip(tr("Queue a run of this experiment with the fixes (pending ones are "
                             "applied first); then compare the two runs in Runs → Compare"));
    m_after = new QLabel;
    m_after->setWordWrap(true);
    m_after->hide();
    // One line until opened: a projector's 720 lines keep their room for the gallery above.
    m_toggle = new QToolButton;
    m_toggle->setObjectName(QStringLiteral("pendingFixesToggle"));
    m_toggle->setCheckable(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolTip(tr("Show or hide the pending label fixes and their buttons"));
    m_body = new QWidget;
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_remove, m_apply, m_undo, m_retrain})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->addLayout(buttons);
    body->addWidget(m_list, 1);
    body->addWidget(m_after);
    body->addStretch(0); // the buttons stay at the top when the list is empty
    m_body->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toggle);
    layout->addWidget(m_body, 1);
    connect(m_toggle, &QToolButton::toggled, this, &LabelFixList::setExpanded);

    connect(m_remove, &QPushButton::clicked, this, [this] {
        std::vector<int> keys;
        for (QListWidgetItem *item : m_list->selectedItems())
            keys.push_back(item->data(Qt::UserRole).toInt());
        for (const int key : keys) {
            if (key >= 0) {
                Q_EMIT removeRequested(key); // the suspects' gallery clears the mark
                continue;
            }
            m_added.erase(std::remove_if(m_added.begin(), m_added.end(),
                                         [key](const Pending &p) { return p.key == key; }),
                          m_added.end());
        }
        refresh();
        Q_EMIT pendingChanged(count());
    });
    connect(m_apply, &QPushButton::clicked, this, &LabelFixList::askAndApply);
    connect(m_undo, &QPushButton::clicked, this, &LabelFixList::undoLastApply);
    connect(m_retrain, &QPushButton::clicked, this, &LabelFixList::retrain);
    refresh();
}

bool LabelFixList::expanded() const
{
    return m_toggle->isChecked();
}

void LabelFixList::setExpanded(bool on)
{
    if (m_toggle->isChecked() != on)
        m_toggle->setChecked(on); // toggled calls back here
    const bool changed = m_body->isVisibleTo(this) != on;
    m_toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    m_body->setVisible(on);
    // Closed, the list is one line high (a splitter above cannot pull it open).
    setMaximumHeight(on ? QWIDGETSIZE_MAX : m_toggle->sizeHint().height());
    if (changed)
        Q_EMIT expandedChanged(on);
}

std::vector<runs::LabelFix> LabelFixList::appliedFixes() const
{
    std::vector<runs::LabelFix> out;
    for (const AppliedSet &a : m_applied)
        out.insert(out.end(), a.fixes.begin(), a.fixes.end());
    return out;
}

void LabelFixList::retrain()
{
    if (m_busy)
        return;
    if (count() == 0) {
        Q_EMIT retrainRequested(retrainConfig());
        return;
    }
    m_retrainAfterApply = true; // the retrain follows a successful apply (finish)
    askAndApply();
    if (!m_busy) // cancelled, or refused
        m_retrainAfterApply = false;
}

void LabelFixList::setRun(const QString &runDir)
{
    m_runDir = runDir;
    m_journal.clear();
    m_overrides.clear();
    m_haveConfig = false;
    m_pending.clear();
    m_added.clear();
    m_applied.clear();
    m_retrainAfterApply = false;
    m_after->clear();
    m_after->hide();
    try {
        if (!runDir.isEmpty()) {
            m_config =
                experiment::ExperimentConfig::fromFile(runs::RunDir(runDir.toStdString()).config());
            m_haveConfig = true;
        }
    } catch (const std::exception &) {
        m_haveConfig = false; // an old run folder: fixes can still be exported
    }
    // The newest apply of an earlier session can still be undone (undoing it twice is refused
    // by the journal itself). One folder listed: the run folder's few files.
    const QStringList journals =
        runDir.isEmpty() ? QStringList()
                         : QDir(runDir).entryList({QStringLiteral("label-fixes-*.journal.json")},
                                                  QDir::Files, QDir::Name);
    // The newest one not undone yet (a journal says so once undone); one that does not read
    // back is offered, and undoing it says what is wrong with it.
    for (auto j = journals.crbegin(); j != journals.crend() && m_journal.isEmpty(); ++j) {
        const QString path = QDir(runDir).filePath(*j);
        try {
            const nlohmann::json journal = readJsonFile(path.toStdString());
            if (journal.is_object() && journal.value("undone", false))
                continue;
        } catch (const std::exception &) {
        }
        m_journal = path;
    }
    refresh();
    Q_EMIT pendingChanged(0);
}

void LabelFixList::setPending(std::vector<Pending> pending)
{
    m_pending = std::move(pending);
    refresh();
    Q_EMIT pendingChanged(count());
}

std::vector<LabelFixList::Pending> LabelFixList::pending() const
{
    std::vector<Pending> all = m_pending;
    all.insert(all.end(), m_added.begin(), m_added.end());
    return all;
}

QString LabelFixList::describe(const runs::LabelFix &f)
{
    const QString what = f.action == runs::FixAction::Relabel
                             ? tr("→ %1").arg(QString::fromStdString(f.newLabel))
                         : f.action == runs::FixAction::Ambiguous ? tr("ambiguous")
                                                                  : tr("left out");
    return tr("%1 image %2: %3 %4")
        .arg(QString::fromStdString(f.split))
        .arg(f.index)
        .arg(QString::fromStdString(f.label), what);
}

void LabelFixList::addFixes(const std::vector<runs::LabelFix> &fixes)
{
    for (const runs::LabelFix &f : fixes) {
        if (f.action == runs::FixAction::Relabel && f.newLabel == f.label) {
            takeBack(f.split, f.index); // relabelled as what it is: nothing to fix
            continue;
        }
        auto same = std::find_if(m_added.begin(), m_added.end(), [&](const Pending &p) {
            return p.fix.split == f.split && p.fix.index == f.index;
        });
        if (same == m_added.end()) {
            m_added.push_back({});
            same = m_added.end() - 1;
            same->key = m_nextKey--;
        }
        same->fix = f;
        same->text = describe(f);
    }
    refresh();
    Q_EMIT pendingChanged(count());
}

void LabelFixList::takeBack(const std::string &split, std::int64_t index)
{
    const auto before = m_added.size();
    m_added.erase(std::remove_if(m_added.begin(), m_added.end(),
                                 [&](const Pending &p) {
                                     return p.fix.split == split && p.fix.index == index;
                                 }),
                  m_added.end());
    if (m_added.size() == before)
        return;
    refresh();
    Q_EMIT pendingChanged(count());
}

const runs::LabelFix *LabelFixList::addedFix(const std::string &split, std::int64_t index) const
{
    for (const Pending &p : m_added)
        if (p.fix.split == split && p.fix.index == index)
            return &p.fix;
    return nullptr;
}

bool LabelFixList::canApplyOnDisk() const
{
    return m_haveConfig && !m_config.data.root.empty() &&
           (m_config.data.name == "folder" || m_config.data.name == "csv");
}

void LabelFixList::refresh()
{
    m_list->clear();
    const int n = count();
    m_toggle->setText(m_busy  ? tr("%n fix(es) pending · working…", "", n)
                      : n > 0 ? tr("%n fix(es) pending", "", n)
                              : tr("No fixes pending"));
    m_list->setVisible(n > 0);
    for (const Pending &p : pending()) {
        auto *item = new QListWidgetItem(p.text, m_list);
        item->setData(Qt::UserRole, p.key);
    }
    // Said in the tooltip, not a label: a projector's 720 lines keep the room for the gallery.
    m_list->setToolTip(
        n == 0 ? tr("No fixes yet: select images, then Suggested class, Relabel as, Ambiguous or "
                    "Leave out.")
               : tr("%n fix(es) pending, applied only when you press Apply fixes.", "", n));
    m_remove->setEnabled(n > 0 && !m_busy);
    m_apply->setEnabled(n > 0 && m_haveConfig && !m_busy);
    m_undo->setEnabled(!m_journal.isEmpty() && !m_busy);
    // Something to retrain with: fixes pending (applied first) or applied.
    m_retrain->setEnabled(m_haveConfig && !m_busy &&
                          (n > 0 || !m_journal.isEmpty() || !m_overrides.isEmpty()));
}

void LabelFixList::askAndApply()
{
    QMessageBox box(QMessageBox::Question, tr("Apply %n label fix(es)", "", count()),
                    canApplyOnDisk()
                        ? tr("Move the files in %1 (relabelled ones into their class folder, "
                             "ambiguous and left-out ones aside; a journal in the run folder "
                             "undoes it), or leave the files as they are and write a "
                             "label-override file for the next run?")
                              .arg(QString::fromStdString(m_config.data.root))
                        : tr("The built-in dataset's files stay as they are: the fixes go to a "
                             "label-override file in the run folder that the next run uses."),
                    QMessageBox::Cancel, this);
    QPushButton *move =
        canApplyOnDisk() ? box.addButton(tr("&Move the files"), QMessageBox::AcceptRole) : nullptr;
    QPushButton *overrides =
        box.addButton(tr("Write a label-&override file"), QMessageBox::AcceptRole);
    box.exec();
    if (move && box.clickedButton() == move)
        apply(Mode::OnDisk);
    else if (box.clickedButton() == overrides)
        apply(Mode::Overrides);
}

void LabelFixList::apply(Mode mode, const QString &overridesFile)
{
    if (count() == 0 || m_busy || !m_haveConfig)
        return;
    if (mode == Mode::OnDisk && !canApplyOnDisk()) {
        Q_EMIT failed(tr("This run's data is the built-in '%1' dataset, whose files TransferLab "
                         "does not change: write a label-override file instead.")
                          .arg(QString::fromStdString(m_config.data.name)));
        return;
    }
    std::vector<runs::LabelFix> fixes;
    for (const Pending &p : pending())
        fixes.push_back(p.fix);
    // An override file holds every fix of the run: its own overrides (a run trained with
    // fixes), those applied as overrides before in this session, then these.
    std::vector<runs::LabelFix> allOverrides;
    for (const AppliedSet &a : m_applied)
        if (a.mode == Mode::Overrides)
            allOverrides.insert(allOverrides.end(), a.fixes.begin(), a.fixes.end());
    allOverrides.insert(allOverrides.end(), fixes.begin(), fixes.end());
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString target =
        mode == Mode::OnDisk
            ? QDir(m_runDir).filePath(QStringLiteral("label-fixes-%1.journal.json").arg(stamp))
            : (overridesFile.isEmpty()
                   ? QDir(m_runDir).filePath(QStringLiteral("label-overrides-%1.csv").arg(stamp))
                   : overridesFile);
    const auto data = m_config.data;
    auto summary = std::make_shared<QString>();
    m_busy = true;
    refresh();
    runInBackground<LabelFixList>(
        this,
        [fixes, allOverrides, mode, data, target = target.toStdString(), summary] {
            if (mode == Mode::Overrides) {
                const std::string csv = runs::labelOverridesCsv(allOverrides, data.labelOverrides);
                writeFileAtomic(target, csv);
                // Every row of the file: the earlier fixes are in it too.
                const auto rows = std::count(csv.begin(), csv.end(), '\n') - 1;
                *summary = QObject::tr("%n fix(es) written to %1.", "", int(rows))
                               .arg(QString::fromStdString(target));
                return;
            }
            const runs::AppliedFixes a = data.name == "folder"
                                             ? runs::applyFixesToFolder(fixes, data.root, target)
                                             : runs::applyFixesToCsv(fixes, data.root, target);
            *summary = a.setAsideIn.empty()
                           ? QObject::tr("%1 relabelled, %2 set aside in %3.")
                                 .arg(a.relabelled)
                                 .arg(a.setAside)
                                 .arg(QString::fromStdString(data.root))
                           : QObject::tr("%1 relabelled in %2; %3 set aside in %4.")
                                 .arg(a.relabelled)
                                 .arg(QString::fromStdString(data.root))
                                 .arg(a.setAside)
                                 .arg(QString::fromStdString(a.setAsideIn));
        },
        [mode, target, summary, fixes](LabelFixList *self, const QString &error) {
            if (error.isEmpty()) {
                (mode == Mode::OnDisk ? self->m_journal : self->m_overrides) = target;
                (mode == Mode::OnDisk ? self->m_overrides : self->m_journal).clear();
                self->m_applied.push_back({target, mode, fixes});
            }
            self->finish(error, *summary, false);
        });
}

void LabelFixList::undoLastApply()
{
    if (m_journal.isEmpty() || m_busy)
        return;
    auto summary = std::make_shared<QString>();
    m_busy = true;
    refresh();
    runInBackground<LabelFixList>(
        this,
        [journal = m_journal.toStdString(), summary] {
            *summary = QString::fromStdString(runs::undoLabelFixes(journal));
        },
        [summary](LabelFixList *self, const QString &error) {
            if (error.isEmpty()) {
                // Its fixes are no longer applied; an earlier apply of this session can be
                // undone next.
                auto &a = self->m_applied;
                a.erase(std::remove_if(
                            a.begin(), a.end(),
                            [&](const AppliedSet &s) { return s.target == self->m_journal; }),
                        a.end());
                self->m_journal.clear();
                for (const AppliedSet &s : a)
                    if (s.mode == Mode::OnDisk)
                        self->m_journal = s.target;
            }
            self->finish(error, *summary, true);
        });
}

void LabelFixList::finish(const QString &error, const QString &summary, bool undo)
{
    m_busy = false;
    const bool retrainNow = m_retrainAfterApply && !undo && error.isEmpty();
    m_retrainAfterApply = false;
    if (!error.isEmpty()) {
        refresh();
        Q_EMIT failed(error);
        return;
    }
    if (!undo) {
        m_pending.clear();
        m_added.clear();
    }
    m_after->setText(undo ? summary
                          : tr("%1 Retrain, then compare in Runs → Compare.").arg(summary));
    m_after->setToolTip(undo ? QString()
                             : tr("Runs → Compare lists the images whose prediction changed "
                                  "between the two runs."));
    m_after->show();
    refresh();
    if (undo) {
        Q_EMIT undone(summary);
    } else {
        Q_EMIT pendingChanged(0);
        Q_EMIT applied(summary);
    }
    if (retrainNow)
        Q_EMIT retrainRequested(retrainConfig());
}

experiment::ExperimentConfig LabelFixList::retrainConfig() const
{
    experiment::ExperimentConfig c = m_config;
    if (!m_overrides.isEmpty())
        c.data.labelOverrides = m_overrides.toStdString();
    // "NAME-fixed-labels", once however often the run is fixed and retrained.
    const std::string suffix = "fixed-labels";
    if (c.name.size() < suffix.size() ||
        c.name.compare(c.name.size() - suffix.size(), suffix.size(), suffix) != 0)
        c.name = (c.name.empty() ? std::string() : c.name + "-") + suffix;
    return c;
}

} // namespace tl::ui
