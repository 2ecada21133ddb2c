#pragma once

#include "analysis/label_fixes.h"

#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
class QPoint;
class QPushButton;
QT_END_NAMESPACE

namespace tl::ui {

// The label fixes where a user meets a wrong label outside the suspicious-labels list: the
// confusion-matrix gallery and the images selected on the feature-space map (issue 28). A button
// "Relabel as <predicted class>" (what the model believes), a "Fix" menu with every other class,
// Ambiguous, Leave out and Take back, and the number of fixes pending, which opens the list. The
// same menu is the views' context menu (the keyboard's menu key opens it too). The fixes go to
// the run's one LabelFixList; this bar only says what was chosen.
class LabelFixBar : public QWidget
{
    Q_OBJECT

public:
    explicit LabelFixBar(QWidget *parent = nullptr);

    // The classes offered.
    void setClasses(const QStringList &names);
    // The first action's class: >= 0 "Relabel as NAME"; kEachPredicted "Relabel as predicted"
    // (each image its own). `label`: the images' current class, left out of the menu (-1: they
    // differ); the first action is hidden when it is `label` (a cell on the diagonal).
    static constexpr int kEachPredicted = -1;
    void setTarget(int predicted, int label);
    // How many images the actions would fix (0 disables them) and whether any of them is
    // pending (enables Take back).
    void setSelection(int images, bool anyPending);
    void setPendingCount(int n);
    QMenu *menu() const { return m_menu; }
    QPushButton *relabelButton() const { return m_relabel; }
    QPushButton *fixButton() const { return m_fix; }
    QPushButton *pendingButton() const { return m_pending; }
    // The menu as a view's context menu at `global`.
    void popup(const QPoint &global);

Q_SIGNALS:
    // Relabel to `newClass` (kEachPredicted: each image's predicted class), Ambiguous or LeaveOut
    // (newClass -1).
    void chosen(tl::runs::FixAction action, int newClass);
    void takeBackRequested();
    void showPendingRequested();

private:
    void rebuild();

    QStringList m_names;
    int m_predicted = kEachPredicted, m_label = -1;
    int m_images = 0;
    bool m_anyPending = false;
    QMenu *m_menu;
    QAction *m_first = nullptr, *m_takeBack = nullptr;
    QPushButton *m_relabel, *m_fix, *m_pending;
};

} // namespace tl::ui
