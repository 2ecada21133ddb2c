#pragma once

#include "analysis/label_fixes.h"
#include "experiment/experiment_config.h"

#include <QString>
#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;
QT_END_NAMESPACE

namespace tl::ui {

// Results → Feature space → Suspicious labels: the label fixes the user has marked, pending until
// applied (issue 28): the suspicious images' marks and the fixes made in the confusion-matrix
// gallery and on the feature-space map (one list per run). Each can be taken back on its own;
// "Apply fixes…" moves a folder or CSV dataset's files (a journal in the run folder undoes it) or
// writes a label-override file (always offered; the only way for the built-in datasets). Then
// "Retrain with the fixes" queues the same experiment with the fixes, to compare the two runs.
// Applying and undoing run off the GUI thread.
class LabelFixList : public QWidget
{
    Q_OBJECT

public:
    struct Pending
    {
        runs::LabelFix fix;
        int key = -1; // the caller's (the suspects gallery's item id)
        QString text; // "val image 12: Shirt → Coat"
    };
    enum class Mode { Overrides, OnDisk };

    explicit LabelFixList(QWidget *parent = nullptr);

    // The run the fixes are for (its config.json says the data); clears what was applied.
    void setRun(const QString &runDir);
    // The suspicious-labels gallery's marks (its keys are the gallery's item ids, >= 0).
    void setPending(std::vector<Pending> pending);
    // Every fix pending: the marks, then the fixes added from elsewhere.
    std::vector<Pending> pending() const;
    int count() const { return int(m_pending.size() + m_added.size()); }
    // Fixes from the confusion-matrix gallery and the map's selection (test images mostly),
    // kept by the list itself, one per image: a later fix of an image (its split and index)
    // replaces the earlier one. Take back removes them here.
    void addFixes(const std::vector<runs::LabelFix> &fixes);
    void takeBack(const std::string &split, std::int64_t index);
    // The added fix of an image, or null.
    const runs::LabelFix *addedFix(const std::string &split, std::int64_t index) const;
    // "test image 12: Shirt → Coat", "… ambiguous", "… left out".
    static QString describe(const runs::LabelFix &fix);
    // Folder and CSV datasets can be fixed on disk; the others only by a label-override file.
    bool canApplyOnDisk() const;
    // Applies the pending fixes in the background: `applied` or `failed` follows. Overrides go to
    // `overridesFile` ("": label-overrides-TIME.csv in the run folder).
    void apply(Mode mode, const QString &overridesFile = QString());
    // Puts back the files of the last on-disk apply (its journal), in the background.
    void undoLastApply();
    QString lastJournal() const { return m_journal; }
    QString lastOverrides() const { return m_overrides; }
    // The run's experiment with the applied fixes (data.label_overrides for an override file).
    experiment::ExperimentConfig retrainConfig() const;
    // "Retrain with the fixes": the pending ones applied first (askAndApply; the retrain follows
    // once they are), else the run's experiment with those applied before.
    void retrain();
    bool busy() const { return m_busy; }
    // The fixes applied in this session and not undone (files moved or an override file), so
    // that the galleries can show the images' new labels.
    std::vector<runs::LabelFix> appliedFixes() const;
    // Compact: one line that says how many fixes are pending; opened, the list and its buttons.
    bool expanded() const;
    void setExpanded(bool on);
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *undoButton() const { return m_undo; }
    QPushButton *retrainButton() const { return m_retrain; }
    QPushButton *takeBackButton() const { return m_remove; }
    QToolButton *toggleButton() const { return m_toggle; }

Q_SIGNALS:
    void removeRequested(int key);  // a mark (key >= 0) taken back
    void pendingChanged(int count); // after any change of the pending fixes
    void applied(const QString &summary);
    void undone(const QString &summary);
    void failed(const QString &error);
    void retrainRequested(const tl::experiment::ExperimentConfig &config);
    void expandedChanged(bool on);

private:
    struct AppliedSet
    {
        QString target; // the journal or the override file
        Mode mode = Mode::Overrides;
        std::vector<runs::LabelFix> fixes;
    };

    void askAndApply();
    void finish(const QString &error, const QString &summary, bool undo);
    void refresh();

    QString m_runDir;
    experiment::ExperimentConfig m_config;
    bool m_haveConfig = false;
    std::vector<Pending> m_pending; // the suspects' marks
    std::vector<Pending> m_added;   // from the confusion gallery and the map (keys < 0)
    int m_nextKey = -1;
    QString m_journal, m_overrides;
    std::vector<AppliedSet> m_applied;
    bool m_busy = false;
    bool m_retrainAfterApply = false;

    QLabel *m_after;
    QListWidget *m_list;
    QPushButton *m_remove, *m_apply, *m_undo, *m_retrain;
    QToolButton *m_toggle;
    QWidget *m_body;
};

// The pending fixes as a fix list (index, split, path, label, fix) that
// `transferlab-cli labels apply` and parseLabelFixes read.
std::string labelFixListCsv(const std::vector<LabelFixList::Pending> &pending);

} // namespace tl::ui
