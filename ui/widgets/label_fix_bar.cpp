#include "widgets/label_fix_bar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QMenu>
#include <QPushButton>

namespace tl::ui {

LabelFixBar::LabelFixBar(QWidget *parent) : QWidget(parent), m_menu(new QMenu(this))
{
    m_relabel = new QPushButton;
    m_relabel->setObjectName(QStringLiteral("relabelAsPredicted"));
    m_fix = new QPushButton(tr("Fi&x label"));
    m_fix->setObjectName(QStringLiteral("fixLabel"));
    m_fix->setToolTip(tr("Relabel the selected images as another class, mark them ambiguous, "
                         "leave them out, or take their fix back (also the images' context "
                         "menu)"));
    m_fix->setMenu(m_menu);
    m_pending = new QPushButton;
    m_pending->setObjectName(QStringLiteral("pendingFixes"));
    m_pending->setFlat(true);
    m_pending->setToolTip(tr("The pending fixes (Feature space → Suspicious labels): take any "
                             "back, apply them, retrain"));
    setPendingCount(0); // hidden until a fix is pending
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_relabel);
    row->addWidget(m_fix);
    row->addWidget(m_pending);
    row->addStretch(1);
    connect(m_relabel, &QPushButton::clicked, this, [this] {
        if (m_first && m_first->isVisible() && m_first->isEnabled())
            m_first->trigger();
    });
    connect(m_pending, &QPushButton::clicked, this, &LabelFixBar::showPendingRequested);
    rebuild();
}

void LabelFixBar::setClasses(const QStringList &names)
{
    m_names = names;
    rebuild();
}

void LabelFixBar::setTarget(int predicted, int label)
{
    // Unchanged: the menu stays (it may be the one whose action is being handled).
    if (predicted == m_predicted && label == m_label)
        return;
    m_predicted = predicted;
    m_label = label;
    rebuild();
}

void LabelFixBar::setSelection(int images, bool anyPending)
{
    m_images = images;
    m_anyPending = anyPending;
    for (QAction *a : m_menu->actions())
        a->setEnabled(images > 0);
    if (m_takeBack)
        m_takeBack->setEnabled(anyPending);
    m_relabel->setEnabled(images > 0 && m_first && m_first->isVisible());
    m_fix->setEnabled(images > 0);
}

void LabelFixBar::setPendingCount(int n)
{
    m_pending->setText(tr("%n fix(es) pending", "", n));
    m_pending->setVisible(n > 0);
}

void LabelFixBar::popup(const QPoint &global)
{
    if (m_images > 0)
        m_menu->popup(global);
}

// "Relabel as <predicted>" first, then the other classes, Ambiguous, Leave out, Take back.
void LabelFixBar::rebuild()
{
    m_menu->clear();
    const QString predicted = m_names.value(m_predicted);
    m_first = m_menu->addAction(m_predicted >= 0 ? tr("Relabel as %1").arg(predicted)
                                                 : tr("Relabel as the predicted class"));
    m_first->setVisible(m_predicted != m_label || m_predicted < 0);
    connect(m_first, &QAction::triggered, this,
            [this] { Q_EMIT chosen(runs::FixAction::Relabel, m_predicted); });
    m_relabel->setText(m_predicted >= 0 ? tr("Rela&bel as %1").arg(predicted)
                                        : tr("Rela&bel as predicted"));
    m_relabel->setToolTip(m_predicted >= 0
                              ? tr("The selected images' label is wrong: they are %1, as the "
                                   "model says")
                                    .arg(predicted)
                              : tr("The selected images' label is wrong: each is the class the "
                                   "model predicts"));
    m_relabel->setVisible(m_first->isVisible());
    QMenu *other = m_menu->addMenu(tr("Relabel as another class"));
    for (int c = 0; c < m_names.size(); ++c)
        if (c != m_label && c != m_predicted)
            other->addAction(m_names[c], this,
                             [this, c] { Q_EMIT chosen(runs::FixAction::Relabel, c); });
    m_menu->addSeparator();
    m_menu->addAction(tr("Ambiguous (no single label fits)"), this,
                      [this] { Q_EMIT chosen(runs::FixAction::Ambiguous, -1); });
    m_menu->addAction(tr("Leave out"), this,
                      [this] { Q_EMIT chosen(runs::FixAction::LeaveOut, -1); });
    m_menu->addSeparator();
    m_takeBack = m_menu->addAction(tr("Take the fix back"), this, &LabelFixBar::takeBackRequested);
    setSelection(m_images, m_anyPending);
}

} // namespace tl::ui
