#include "itemmodels/layer_tree_model.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace tl::ui {

QString formatCount(qint64 n)
{
    // As the chosen language writes it (89,866; German 89.866): View → Language sets QLocale.
    return QLocale().toString(n);
}

QString shapeText(const std::vector<std::int64_t> &shape)
{
    if (shape.empty())
        return QStringLiteral("–");
    QStringList parts;
    for (auto v : shape)
        parts << QString::number(v);
    return parts.join(QStringLiteral(" × "));
}

LayerTreeModel::LayerTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void LayerTreeModel::setSummary(const models::ModelSummary &summary)
{
    beginResetModel();
    m_base = summary;
    m_frozen.clear();
    // Leaves that arrive frozen (spec.frozen) stay frozen.
    for (const auto *l : models::weightedLeaves(m_base.root))
        if (l->params > 0 && l->trainableParams == 0)
            m_frozen.insert(l->path);
    m_summary = m_base;
    m_parent.clear();
    m_row.clear();
    recompute();
    endResetModel();
    Q_EMIT totalsChanged(m_summary.totalParams, m_summary.trainableParams,
                         m_summary.nonTrainableParams, m_summary.depth);
}

void LayerTreeModel::rebuildParents(const models::LayerNode *n)
{
    for (std::size_t i = 0; i < n->children.size(); ++i) {
        m_parent[&n->children[i]] = n;
        m_row[&n->children[i]] = int(i);
        rebuildParents(&n->children[i]);
    }
}

void LayerTreeModel::recompute()
{
    // m_summary keeps its node addresses (the tree's shape never changes here), so indexes stay
    // valid: only the counts are rewritten in place.
    models::ModelSummary fresh = m_base;
    std::vector<std::string> paths(m_frozen.begin(), m_frozen.end());
    models::applyFreeze(fresh, paths);
    std::function<void(models::LayerNode &, const models::LayerNode &)> copy =
        [&](models::LayerNode &dst, const models::LayerNode &src) {
            dst.trainableParams = src.trainableParams;
            for (std::size_t i = 0; i < dst.children.size(); ++i)
                copy(dst.children[i], src.children[i]);
        };
    if (m_summary.root.children.size() != fresh.root.children.size() || m_parent.empty()) {
        m_summary = fresh;
        m_parent.clear();
        m_row.clear();
        rebuildParents(&m_summary.root);
    } else {
        copy(m_summary.root, fresh.root);
    }
    m_summary.trainableParams = fresh.trainableParams;
    m_summary.nonTrainableParams = fresh.nonTrainableParams;
}

std::vector<std::string> LayerTreeModel::frozenPaths() const
{
    std::vector<std::string> out;
    for (const auto *l : models::weightedLeaves(m_summary.root))
        if (m_frozen.count(l->path))
            out.push_back(l->path);
    return out;
}

void LayerTreeModel::setFrozenPaths(const std::vector<std::string> &paths)
{
    m_frozen.clear();
    // A block path freezes every leaf under it.
    for (const auto *l : models::weightedLeaves(m_summary.root))
        for (const auto &p : paths)
            if (l->path == p || l->path.rfind(p + ".", 0) == 0)
                m_frozen.insert(l->path);
    recompute();
    refreshAll(QModelIndex());
    Q_EMIT totalsChanged(m_summary.totalParams, m_summary.trainableParams,
                         m_summary.nonTrainableParams, m_summary.depth);
}

namespace {

void allLeaves(const models::LayerNode &n, std::vector<const models::LayerNode *> &out)
{
    if (n.children.empty()) {
        out.push_back(&n);
        return;
    }
    for (const auto &c : n.children)
        allLeaves(c, out);
}

} // namespace

void LayerTreeModel::freezeUpTo(const QModelIndex &idx)
{
    const auto *n = node(idx);
    if (!n)
        return;
    std::vector<const models::LayerNode *> mine, all;
    allLeaves(*n, mine);
    allLeaves(m_summary.root, all);
    std::vector<std::string> paths;
    for (const auto *l : all) {
        if (l->params > 0)
            paths.push_back(l->path);
        if (l == mine.back())
            break;
    }
    setFrozenPaths(paths);
}

void LayerTreeModel::unfreezeFrom(const QModelIndex &idx)
{
    const auto *n = node(idx);
    if (!n)
        return;
    std::vector<const models::LayerNode *> mine, all;
    allLeaves(*n, mine);
    allLeaves(m_summary.root, all);
    std::vector<std::string> paths;
    for (const auto *l : all) {
        if (l == mine.front())
            break;
        if (l->params > 0)
            paths.push_back(l->path);
    }
    setFrozenPaths(paths);
}

void LayerTreeModel::setAllFrozen(bool frozen)
{
    std::vector<std::string> paths;
    if (frozen)
        for (const auto *l : models::weightedLeaves(m_summary.root))
            paths.push_back(l->path);
    setFrozenPaths(paths);
}

const models::LayerNode *LayerTreeModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<const models::LayerNode *>(index.internalPointer())
                           : nullptr;
}

QModelIndex LayerTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const models::LayerNode *p = parent.isValid() ? node(parent) : &m_summary.root;
    return createIndex(row, column,
                       const_cast<models::LayerNode *>(&p->children[std::size_t(row)]));
}

QModelIndex LayerTreeModel::parent(const QModelIndex &child) const
{
    const auto *n = node(child);
    if (!n)
        return {};
    auto it = m_parent.find(n);
    if (it == m_parent.end() || it->second == &m_summary.root)
        return {};
    const auto *p = it->second;
    return createIndex(m_row.at(p), 0, const_cast<models::LayerNode *>(p));
}

int LayerTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const models::LayerNode *p = parent.isValid() ? node(parent) : &m_summary.root;
    return int(p->children.size());
}

int LayerTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant LayerTreeModel::data(const QModelIndex &index, int role) const
{
    const auto *n = node(index);
    if (!n)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            // torchvision's numbered layers read better with Keras' names beside them
            // ("28 · block5_conv1"); both work in a freeze spec.
            return n->alias.empty() ? QString::fromStdString(n->name)
                                    : QStringLiteral("%1 · %2").arg(QString::fromStdString(n->name),
                                                                    QString::fromStdString(n->alias));
        case Type:
            return QString::fromStdString(n->type);
        case OutputShape:
            return shapeText(n->outputShape);
        case Params:
            return formatCount(n->params);
        case Trainable:
            return formatCount(n->trainableParams);
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Params || index.column() == Trainable))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::CheckStateRole && index.column() == Name && n->params > 0) {
        if (n->trainableParams == n->params)
            return Qt::Checked;
        if (n->trainableParams == 0)
            return Qt::Unchecked;
        return Qt::PartiallyChecked;
    }
    if (role == Qt::ForegroundRole && n->params > 0 && n->trainableParams == 0)
        return QBrush(QColor(130, 130, 150));
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1%2\n%3 parameters, %4 trainable")
            .arg(QString::fromStdString(n->path),
                 n->alias.empty() ? QString()
                                  : QStringLiteral(" (%1)").arg(QString::fromStdString(n->alias)),
                 formatCount(n->params), formatCount(n->trainableParams));
    if (role == Qt::UserRole)
        return QString::fromStdString(n->path);
    return {};
}

bool LayerTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const auto *n = node(index);
    if (!n || role != Qt::CheckStateRole || index.column() != Name || n->params == 0)
        return false;
    const bool train = value.toInt() != Qt::Unchecked;
    for (const auto *l : models::weightedLeaves(*n)) {
        if (train)
            m_frozen.erase(l->path);
        else
            m_frozen.insert(l->path);
    }
    recompute();
    // Ancestors and descendants change too: refresh the whole (small) tree.
    refreshAll(QModelIndex());
    Q_EMIT totalsChanged(m_summary.totalParams, m_summary.trainableParams,
                         m_summary.nonTrainableParams, m_summary.depth);
    return true;
}

void LayerTreeModel::refreshAll(const QModelIndex &parent)
{
    const int rows = rowCount(parent);
    if (rows == 0)
        return;
    Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
    for (int r = 0; r < rows; ++r)
        refreshAll(index(r, 0, parent));
}

Qt::ItemFlags LayerTreeModel::flags(const QModelIndex &index) const
{
    const auto *n = node(index);
    if (!n)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Name && n->params > 0)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant LayerTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Layer");
    case Type:
        return tr("Type");
    case OutputShape:
        return tr("Output shape");
    case Params:
        return tr("Params");
    case Trainable:
        return tr("Trainable");
    }
    return {};
}

} // namespace tl::ui
