#include "widgets/shortcuts_dialog.h"

#include "a11y/accessibility.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tl::ui {

namespace {

QString plain(QString text)
{
    text.remove(QLatin1Char('&'));
    return text;
}

// Menu commands with a shortcut, as "Menu › Command", depth first in the menus' order.
void collect(const QMenu *menu, const QString &path, QList<QPair<QString, QString>> &out)
{
    for (QAction *a : menu->actions()) {
        if (a->menu()) {
            collect(a->menu(), path + QStringLiteral(" › ") + plain(a->text()), out);
            continue;
        }
        if (a->shortcut().isEmpty() || a->isSeparator())
            continue;
        out.append({a->shortcut().toString(QKeySequence::NativeText),
                    path + QStringLiteral(" › ") + plain(a->text())});
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menus, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(0, 2))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("What they do")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(true);
    a11y::name(m_table, tr("Keyboard shortcuts"));

    QList<QPair<QString, QString>> commands;
    for (QAction *a : menus->actions())
        if (a->menu())
            collect(a->menu(), plain(a->text()), commands);
    for (const auto &[keys, what] : commands)
        addRow(keys, what);
    addRow(tr("Tab, Shift+Tab"), tr("Next or previous control"));
    addRow(tr("Ctrl+Tab, Ctrl+Shift+Tab"), tr("Next or previous tab (also Ctrl+Page Down/Up)"));
    addRow(tr("Alt + underlined letter"),
           tr("The control or menu whose label has that letter underlined"));
    addRow(tr("F10"), tr("The menu bar"));
    addRow(tr("Arrow keys, Page Up/Down"), tr("Move inside a list, table, tree or slider"));
    addRow(tr("Space"), tr("Press a button; tick or untick a check box or a layer in the tree "
                           "(unticked layers are frozen)"));
    addRow(tr("Enter"), tr("Confusion matrix: show the images of the current cell; a gallery: "
                           "open the current image"));
    addRow(tr("Shift+F10, Menu key"), tr("A view's context menu"));
    addRow(tr("Escape"), tr("Close a dialog or menu"));
    m_table->resizeRowsToContents();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Every action works from the keyboard. The focused control "
                                "has a frame around it."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(640, 560);
    a11y::prepareWindow(this);
}

void ShortcutsDialog::addRow(const QString &keys, const QString &what)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(keys));
    m_table->setItem(row, 1, new QTableWidgetItem(what));
}

QList<QPair<QString, QString>> ShortcutsDialog::rows() const
{
    QList<QPair<QString, QString>> out;
    for (int r = 0; r < m_table->rowCount(); ++r)
        out.append({m_table->item(r, 0)->text(), m_table->item(r, 1)->text()});
    return out;
}

} // namespace tl::ui
