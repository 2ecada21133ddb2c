#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QMenuBar;
class QTableWidget;
QT_END_NAMESPACE

namespace tl::ui {

// Help > Keyboard shortcuts: every menu command that has a shortcut (read from the menu bar, so
// the list stays true), then the keys that move around the window and work inside its views.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QMenuBar *menus, QWidget *parent = nullptr);

    // The rows shown: key, then what it does (tests).
    QList<QPair<QString, QString>> rows() const;

private:
    void addRow(const QString &keys, const QString &what);

    QTableWidget *m_table;
};

} // namespace tl::ui
