#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QAbstractItemView;
class QHeaderView;
class QTableView;
class QTreeView;
QT_END_NAMESPACE

namespace tl::ui {

// Keeps a table's columns inside its width: each column as wide as its contents when they all
// fit; otherwise the widest columns give up room first (down to a common width, never below a
// few characters), so that no table needs sideways scrolling on a projector. A cell or header
// whose text no longer fits shows it in full as its tooltip. Refits when the view is resized,
// when its font changes and when rows come or go.
class ColumnFit : public QObject
{
    Q_OBJECT

public:
    // Attaches to `view` (and is deleted with it): a table's columns, or a tree's (the layer
    // tree: names with their indentation, types, shapes and counts).
    static ColumnFit *attach(QTableView *view);
    static ColumnFit *attach(QTreeView *view);
    // Sizes the columns now (tests; otherwise it happens by itself).
    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    ColumnFit(QAbstractItemView *view, QHeaderView *header);
    void scheduleFit();

    QAbstractItemView *m_view;
    QHeaderView *m_header;
    bool m_pending = false;
};

} // namespace tl::ui
