// InspectPanel's "On the map" tab: the images selected on the feature-space map and their label
// fixes (issue 28), into the same pending list as the suspicious labels' marks.

#include "widgets/inspect_panel.h"

#include "a11y/accessibility.h"
#include "itemmodels/image_list_model.h"
#include "widgets/embedding_view.h"
#include "widgets/label_fix_bar.h"

#include <QItemSelectionModel>
#include <QListView>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace tl::ui {

// The gallery of the map's selection and, under it, the fixes for the images chosen there.
QWidget *InspectPanel::buildSelectionPage()
{
    m_mapFixBar = new LabelFixBar;
    m_mapFixBar->setTarget(LabelFixBar::kEachPredicted, -1);
    m_selectionView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_selectionView, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex i = m_selectionView->indexAt(at);
        if (i.isValid() && !m_selectionView->selectionModel()->isSelected(i))
            m_selectionView->setCurrentIndex(i);
        m_mapFixBar->popup(m_selectionView->viewport()->mapToGlobal(at));
    });
    // A right click on the map: the same menu, for the images the lasso chose.
    m_map->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_map, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &at) { m_mapFixBar->popup(m_map->mapToGlobal(at)); });
    // A new selection on the map: every image of it chosen (click one to narrow it down).
    connect(m_selection, &QAbstractItemModel::modelReset, this, [this] {
        m_selectionView->selectAll();
        syncMapFixes();
    });
    connect(m_selectionView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InspectPanel::syncMapFixes);
    connect(m_mapFixBar, &LabelFixBar::chosen, this, &InspectPanel::fixMapSelection);
    connect(m_mapFixBar, &LabelFixBar::takeBackRequested, this, [this] {
        for (const int row : chosenMapRows())
            m_fixes->takeBack("test",
                              m_features->test.sourceIndex[std::size_t(m_selection->item(row).id)]);
    });
    connect(m_mapFixBar, &LabelFixBar::showPendingRequested, this, &InspectPanel::showFixes);
    connect(m_fixes, &LabelFixList::pendingChanged, this, [this](int n) {
        m_side->setTabText(2, labelsTabTitle(n));
        syncMapFixes();
    });
    connect(this, &InspectPanel::featuresReady, this, [this] {
        QStringList names;
        for (int c = 0; c < int(m_features->classNames.size()); ++c)
            names << className(c);
        m_mapFixBar->setClasses(names);
    });

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_selectionView, 1);
    layout->addWidget(m_mapFixBar);
    return page;
}

std::vector<int> InspectPanel::chosenMapRows() const
{
    std::vector<int> rows;
    for (const QModelIndex &i : m_selectionView->selectionModel()->selectedIndexes())
        rows.push_back(i.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void InspectPanel::fixMapSelection(runs::FixAction action, int newClass)
{
    if (!m_features || !m_data)
        return;
    std::vector<runs::LabelFix> fixes;
    for (const int row : chosenMapRows()) {
        // The map is the test split's: the image's index is the test set's (predictions.csv).
        const std::int64_t testRow = m_selection->item(row).id;
        const runs::ImageRef image = runs::imageRef(*m_features, *m_data, "test", testRow);
        runs::LabelFix f;
        f.index = image.index;
        f.split = image.split;
        f.path = image.path;
        f.label = className(image.label).toStdString();
        f.action = action;
        if (action == runs::FixAction::Relabel)
            f.newLabel =
                className(newClass >= 0 ? newClass : int(m_features->test.predicted(testRow)))
                    .toStdString();
        fixes.push_back(std::move(f));
    }
    m_fixes->addFixes(fixes);
}

// The chosen images' count and their pending fixes (shown as marks in the gallery).
void InspectPanel::syncMapFixes()
{
    if (!m_mapFixBar)
        return;
    bool anyPending = false;
    const std::vector<int> chosen = chosenMapRows();
    for (int row = 0; row < m_selection->rowCount() && m_features; ++row) {
        const std::int64_t index =
            m_features->test.sourceIndex[std::size_t(m_selection->item(row).id)];
        const runs::LabelFix *fix = m_fixes->addedFix("test", index);
        const QString mark = !fix ? QString()
                             : fix->action == runs::FixAction::Relabel
                                 ? tr("→ %1").arg(QString::fromStdString(fix->newLabel))
                             : fix->action == runs::FixAction::Ambiguous
                                 ? QStringLiteral("ambiguous")
                                 : QStringLiteral("leave out");
        if (m_selection->item(row).mark != mark)
            m_selection->setMark(row, mark);
        anyPending = anyPending || (fix && std::binary_search(chosen.begin(), chosen.end(), row));
    }
    // Chosen images the model calls one class: "Relabel as <that class>" (and their common
    // label, if any, left out of the menu); else each image's own prediction.
    int predicted = -2, label = -2;
    for (const int row : m_features ? chosen : std::vector<int>()) {
        const std::int64_t testRow = m_selection->item(row).id;
        const int p = int(m_features->test.predicted(testRow));
        const int l = int(m_features->test.labels[std::size_t(testRow)]);
        predicted = predicted == -2 || predicted == p ? p : LabelFixBar::kEachPredicted;
        label = label == -2 || label == l ? l : -1;
    }
    m_mapFixBar->setTarget(chosen.empty() ? LabelFixBar::kEachPredicted : predicted,
                           chosen.empty() ? -1 : label);
    m_mapFixBar->setSelection(int(chosen.size()), anyPending);
    m_mapFixBar->setPendingCount(m_fixes->count());
}

void InspectPanel::showFixes()
{
    m_side->setCurrentIndex(2);
    m_fixes->setExpanded(true); // the list is one line until opened
    m_fixes->setFocus();
}

} // namespace tl::ui
