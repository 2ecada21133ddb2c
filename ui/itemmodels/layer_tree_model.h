#pragma once

#include "models/layer_tree.h"

#include <QAbstractItemModel>

#include <set>
#include <string>

namespace tl::ui {

// The core's layer tree as a Qt item model: name / type / output shape / params / trainable.
// Column 0 carries a checkbox per layer with parameters: checked = trains, unchecked = frozen,
// partially checked = a block with both. Toggling recomputes the counts with the core's own
// applyFreeze, so the totals are exactly what `transferlab-cli summary` reports.
class LayerTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Name, Type, OutputShape, Params, Trainable, ColumnCount };

    explicit LayerTreeModel(QObject *parent = nullptr);

    void setSummary(const models::ModelSummary &summary);
    const models::ModelSummary &summary() const { return m_summary; }

    // Leaf paths that are frozen, in forward order.
    std::vector<std::string> frozenPaths() const;
    void setFrozenPaths(const std::vector<std::string> &paths);
    // Freeze every weighted layer up to and including `index`'s last one / unfreeze from it on.
    void freezeUpTo(const QModelIndex &index);
    void unfreezeFrom(const QModelIndex &index);
    void setAllFrozen(bool frozen);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const models::LayerNode *node(const QModelIndex &index) const;

Q_SIGNALS:
    void totalsChanged(qint64 total, qint64 trainable, qint64 frozen, int depth);

private:
    void rebuildParents(const models::LayerNode *n);
    void recompute();
    void refreshAll(const QModelIndex &parent);

    models::ModelSummary m_base;    // as built (everything trainable)
    models::ModelSummary m_summary; // with m_frozen applied
    std::set<std::string> m_frozen; // leaf paths
    std::map<const models::LayerNode *, const models::LayerNode *> m_parent;
    std::map<const models::LayerNode *, int> m_row;
};

QString formatCount(qint64 n);
QString shapeText(const std::vector<std::int64_t> &shape);

} // namespace tl::ui
