#include "widgets/column_fit.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QHelpEvent>
#include <QTableView>
#include <QTimer>
#include <QToolTip>
#include <QTreeView>

#include <algorithm>
#include <numeric>
#include <vector>

namespace tl::ui {

namespace {
constexpr int kFloor = 48; // the narrowest a column is made: a few characters and "…"
}

ColumnFit *ColumnFit::attach(QTableView *view)
{
    return new ColumnFit(view, view->horizontalHeader());
}

ColumnFit *ColumnFit::attach(QTreeView *view)
{
    auto *fit = new ColumnFit(view, view->header());
    // Opening a branch shows deeper (more indented) names.
    connect(view, &QTreeView::expanded, fit, &ColumnFit::scheduleFit);
    connect(view, &QTreeView::collapsed, fit, &ColumnFit::scheduleFit);
    return fit;
}

ColumnFit::ColumnFit(QAbstractItemView *view, QHeaderView *header)
    : QObject(view), m_view(view), m_header(header)
{
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    view->setTextElideMode(Qt::ElideRight);
    view->installEventFilter(this);
    view->viewport()->installEventFilter(this);
    header->viewport()->installEventFilter(this);
    auto refit = [this] { scheduleFit(); };
    auto connectModel = [this, refit] {
        if (QAbstractItemModel *m = m_view->model()) {
            connect(m, &QAbstractItemModel::modelReset, this, refit);
            connect(m, &QAbstractItemModel::rowsInserted, this, refit);
            connect(m, &QAbstractItemModel::rowsRemoved, this, refit);
            connect(m, &QAbstractItemModel::dataChanged, this, refit);
            connect(m, &QAbstractItemModel::layoutChanged, this, refit);
        }
    };
    connectModel();
    scheduleFit();
}

void ColumnFit::scheduleFit()
{
    if (m_pending)
        return;
    m_pending = true;
    QTimer::singleShot(0, this, [this] {
        m_pending = false;
        fit();
    });
}

void ColumnFit::fit()
{
    QAbstractItemModel *model = m_view->model();
    if (!model)
        return;
    QHeaderView *header = m_header;
    const QFontMetrics fm(header->font());
    const int columns = model->columnCount();
    // Per column: its full width (cells and header on one line), and the least it needs
    // without eliding a cell (the header then wraps at its spaces: "Best val" over "acc").
    std::vector<int> full(std::size_t(std::max(columns, 0)), 0), least = full;
    std::vector<int> visible;
    for (int c = 0; c < columns; ++c) {
        if (header->isSectionHidden(c))
            continue;
        visible.push_back(c);
        const int cells = m_view->sizeHintForColumn(c);
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        int word = 0;
        for (const QString &w : title.split(QLatin1Char(' '), Qt::SkipEmptyParts))
            word = std::max(word, fm.horizontalAdvance(w));
        full[std::size_t(c)] = std::max(cells, header->sectionSizeHint(c));
        least[std::size_t(c)] = std::min(full[std::size_t(c)], std::max(cells, word + 16));
    }
    const int room = m_view->viewport()->width(); // the vertical scroll bar excluded
    auto sum = [&](const std::vector<int> &w) {
        int t = 0;
        for (int c : visible)
            t += w[std::size_t(c)];
        return t;
    };
    std::vector<int> width = full;
    bool wrapped = false;
    if (room > 0 && sum(full) > room) {
        wrapped = true;
        if (sum(least) <= room) {
            // Headers wrap; what is left is shared in proportion to what each gave up.
            const double share = double(room - sum(least)) / double(sum(full) - sum(least));
            for (int c : visible)
                width[std::size_t(c)] =
                    least[std::size_t(c)] +
                    int(share * double(full[std::size_t(c)] - least[std::size_t(c)]));
        } else {
            // Cells must give up room too: the widest first, down to a common cap.
            auto capped = [&](int cap, int c) {
                return std::max(std::min(least[std::size_t(c)], cap),
                                std::min(kFloor, least[std::size_t(c)]));
            };
            auto totalAt = [&](int cap) {
                int t = 0;
                for (int c : visible)
                    t += capped(cap, c);
                return t;
            };
            int lo = kFloor, hi = std::max(kFloor, sum(least));
            while (lo < hi) { // the largest cap whose total fits
                const int mid = (lo + hi + 1) / 2;
                if (totalAt(mid) <= room)
                    lo = mid;
                else
                    hi = mid - 1;
            }
            for (int c : visible)
                width[std::size_t(c)] = capped(lo, c);
        }
    }
    // What is left over widens the last visible column (as stretching would).
    if (!visible.empty() && sum(width) < room)
        width[std::size_t(visible.back())] += room - sum(width);
    for (int c : visible)
        header->resizeSection(c, width[std::size_t(c)]);
    // Wrapped headers: two lines of room, text wrapped at spaces instead of elided.
    header->setTextElideMode(wrapped ? Qt::ElideNone : Qt::ElideRight);
    header->setDefaultAlignment(wrapped ? Qt::Alignment(Qt::AlignCenter | Qt::TextWordWrap)
                                        : Qt::Alignment(Qt::AlignCenter));
    header->setMinimumHeight(wrapped ? 2 * fm.height() + 10 : 0);
}

bool ColumnFit::eventFilter(QObject *watched, QEvent *event)
{
    // The view's own size and font, and its viewport's width (a vertical scroll bar that
    // appears with more rows takes room from the columns).
    if ((watched == m_view &&
         (event->type() == QEvent::Resize || event->type() == QEvent::FontChange ||
          event->type() == QEvent::Show)) ||
        (watched == m_view->viewport() && event->type() == QEvent::Resize))
        scheduleFit();
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        QHeaderView *header = m_header;
        if (watched == header->viewport()) {
            const int c = header->logicalIndexAt(help->pos());
            const QString text =
                c >= 0 ? m_view->model()->headerData(c, Qt::Horizontal).toString() : QString();
            const QString tip =
                c >= 0 ? m_view->model()->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString()
                       : QString();
            if (tip.isEmpty() && !text.isEmpty() &&
                QFontMetrics(header->font()).horizontalAdvance(text) + 12 >
                    header->sectionSize(c)) {
                QToolTip::showText(help->globalPos(), text, header);
                return true;
            }
        } else if (watched == m_view->viewport()) {
            const QModelIndex index = m_view->indexAt(help->pos());
            if (index.isValid() && index.data(Qt::ToolTipRole).toString().isEmpty()) {
                const QString text = index.data(Qt::DisplayRole).toString();
                if (m_view->sizeHintForIndex(index).width() >
                    m_header->sectionSize(index.column())) {
                    QToolTip::showText(help->globalPos(), text, m_view->viewport());
                    return true;
                }
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace tl::ui
