// The keyboard alone (issue 33): the default lesson driven by key events only, from choosing
// the data to a prediction, with Tab reaching each control in a sensible order; and the
// shortcuts the Help menu lists.

#include "itemmodels/gallery_model.h"
#include "itemmodels/layer_tree_model.h"
#include "session/training_session.h"
#include "support/fixtures.h"
#include "widgets/data_panel.h"
#include "widgets/main_window.h"
#include "widgets/model_panel.h"
#include "widgets/predict_panel.h"
#include "widgets/results_panel.h"
#include "widgets/shortcuts_dialog.h"
#include "widgets/training_panel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDir>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QtTest>

using namespace tl;
using namespace tl::ui;

namespace {

// Presses Tab (at most `limit` times) until `target` has the focus; false when it never does.
bool tabTo(QWidget *window, QWidget *target, int limit = 120)
{
    for (int i = 0; i < limit; ++i) {
        if (QApplication::focusWidget() == target)
            return true;
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : window,
                        Qt::Key_Tab);
    }
    return QApplication::focusWidget() == target;
}

QString focusName()
{
    QWidget *f = QApplication::focusWidget();
    return f ? QString::fromLatin1(f->metaObject()->className()) + QLatin1Char(' ') +
                   f->objectName()
             : QStringLiteral("nothing");
}

void keys(QWidget *w, const QKeySequence &sequence)
{
    QTest::keySequence(w, sequence);
}

} // namespace

class TestKeyboard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        qputenv("XDG_CACHE_HOME", (m_dir.path() + "/cache").toUtf8());
        test::writeIdxFolder((m_dir.path() + "/fashion").toStdString(), 120, 40);
    }

    void defaultLessonByKeysAlone()
    {
        MainWindow w;
        // The data on this computer: the test's small Fashion-MNIST folder.
        experiment::ExperimentConfig c = w.experiment();
        c.data.name = "fashion-mnist";
        c.data.root = (m_dir.path() + "/fashion").toStdString();
        c.data.valSplit = 0.1;
        c.stages.front().epochs = 2;
        w.setExperiment(c);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto *tabs = w.findChild<QTabWidget *>();
        QSignalSpy loaded(w.dataPanel(), &DataPanel::datasetLoaded);
        w.dataPanel()->reload();
        QVERIFY(loaded.wait(30000));

        // 1 · Data: Alt+1, then Tab to "Images per class" and type 8.
        keys(&w, QKeySequence(QStringLiteral("Alt+1")));
        QCOMPARE(tabs->currentIndex(), 0);
        auto *dataset = w.dataPanel()->findChild<QComboBox *>(QStringLiteral("dataset"));
        QVERIFY2(tabTo(&w, dataset), qPrintable(focusName()));
        auto *perClass = w.dataPanel()->findChild<QSpinBox *>(QStringLiteral("perClass"));
        QVERIFY2(tabTo(&w, perClass), qPrintable(focusName()));
        loaded.clear();
        QTest::keyClick(perClass, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(perClass, QStringLiteral("8"));
        QTest::keyClick(perClass, Qt::Key_Return);
        QCOMPARE(w.dataPanel()->datasetOptions().perClass, 8);
        QVERIFY(loaded.wait(30000));

        // 2 · Model: Alt+2, the architecture by its first letter, then freeze the first layer
        // with Space in the layer tree.
        keys(&w, QKeySequence(QStringLiteral("Alt+2")));
        QCOMPARE(tabs->currentIndex(), 1);
        auto *arch = w.modelPanel()->findChild<QComboBox *>(QStringLiteral("architecture"));
        QVERIFY2(tabTo(&w, arch), qPrintable(focusName()));
        QTest::keyClicks(arch, QStringLiteral("simple"));
        QCOMPARE(arch->currentData().toString(), QStringLiteral("simple-cnn"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.modelPanel()->isBuilding(), 30000);
        auto *layers = w.modelPanel()->findChild<QTreeView *>(QStringLiteral("layers"));
        QVERIFY2(tabTo(&w, layers), qPrintable(focusName()));
        QVERIFY(w.modelPanel()->spec().frozen.empty());
        QTest::keyClick(layers, Qt::Key_Home);
        QTest::keyClick(layers, Qt::Key_Space);
        QTRY_VERIFY2(!w.modelPanel()->spec().frozen.empty(),
                     qPrintable(w.modelPanel()->totalsText()));
        // The menu key opens the layer menu for the current layer (not the one under the middle
        // of the view): "Freeze up to here" acts on the second row.
        const auto frozenBefore = w.modelPanel()->spec().frozen;
        QTest::keyClick(layers, Qt::Key_Down);
        auto *tree = qobject_cast<LayerTreeModel *>(layers->model());
        QVERIFY(tree);
        const QPoint middle = layers->viewport()->rect().center();
        const QModelIndex current = layers->currentIndex();
        QVERIFY(layers->indexAt(middle) != current);
        QString menuText;
        QTimer::singleShot(0, [&menuText] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            menuText = menu->actions().first()->text();
            menu->actions().first()->trigger();
            menu->close();
        });
        QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, middle,
                                  layers->viewport()->mapToGlobal(middle));
        QApplication::sendEvent(layers->viewport(), &menuKey);
        QCOMPARE(menuText, ModelPanel::tr("Freeze up to here"));
        const auto frozenByMenu = w.modelPanel()->spec().frozen;
        QVERIFY(!frozenByMenu.empty());
        if (layers->indexAt(middle).isValid()) { // the middle row would have frozen other layers
            tree->freezeUpTo(layers->indexAt(middle));
            QVERIFY(w.modelPanel()->spec().frozen != frozenByMenu);
        }
        tree->freezeUpTo(current);
        QCOMPARE(w.modelPanel()->spec().frozen, frozenByMenu);
        tree->setFrozenPaths(frozenBefore); // the first layer only, for the training below
        QCOMPARE(w.modelPanel()->spec().frozen, frozenBefore);
        w.activateWindow(); // the menu had the focus
        QVERIFY(QTest::qWaitForWindowActive(&w));

        // 3 · Training: Ctrl+R starts, Ctrl+. stops; Ctrl+R again runs to the end.
        QSignalSpy finished(w.session(), &TrainingSession::finished);
        QSignalSpy running(w.session(), &TrainingSession::runningChanged);
        keys(&w, QKeySequence(Qt::CTRL | Qt::Key_R));
        QTRY_VERIFY(w.session()->isRunning());
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(w.trainingPanel()));
        keys(&w, QKeySequence(Qt::CTRL | Qt::Key_Period));
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isRunning(), 60000);
        QTest::qWait(300); // the stopped run's last signals
        finished.clear();
        // Start is also a button Tab reaches in the Training tab (Alt+3): Space presses it.
        keys(&w, QKeySequence(QStringLiteral("Alt+3")));
        auto *start = w.trainingPanel()->findChild<QPushButton *>(QStringLiteral("start"));
        QVERIFY(start);
        QVERIFY2(tabTo(&w, start), qPrintable(focusName()));
        QTest::keyClick(start, Qt::Key_Space);
        QVERIFY(finished.wait(180000));
        const auto result =
            finished.first().first().value<std::shared_ptr<const runs::RunResult>>();
        QVERIFY(result && !result->stopped);

        // 4 · Results: the matrix by arrow keys, Enter shows the cell's images; in the gallery
        // an arrow key picks one and Enter opens it in Predict (Grad-CAM).
        QTRY_COMPARE(tabs->currentWidget(), static_cast<QWidget *>(w.resultsPanel()));
        auto *matrix = w.resultsPanel()->findChild<QTableView *>(QStringLiteral("confusion"));
        QVERIFY2(tabTo(&w, matrix), qPrintable(focusName()));
        // The first cell with images, reached by arrow keys along the rows.
        QTest::keyClick(matrix, Qt::Key_Home, Qt::ControlModifier);
        const int n = matrix->model()->rowCount();
        for (int k = 0; k < n * n && matrix->currentIndex().data(Qt::UserRole).toLongLong() == 0;
             ++k) {
            if (matrix->currentIndex().column() == n - 1) {
                QTest::keyClick(matrix, Qt::Key_Down);
                QTest::keyClick(matrix, Qt::Key_Home);
            } else {
                QTest::keyClick(matrix, Qt::Key_Right);
            }
        }
        const int row = matrix->currentIndex().row(), col = matrix->currentIndex().column();
        QVERIFY(matrix->currentIndex().data(Qt::UserRole).toLongLong() > 0);
        QTest::keyClick(matrix, Qt::Key_Return);
        QCOMPARE(w.resultsPanel()->galleryModel()->trueClass(), row);
        QCOMPARE(w.resultsPanel()->galleryModel()->predictedClass(), col);
        QVERIFY(w.resultsPanel()->galleryModel()->rowCount() > 0);
        auto *gallery = w.resultsPanel()->findChild<QListView *>(QStringLiteral("gallery"));
        QVERIFY2(tabTo(&w, gallery), qPrintable(focusName()));
        QTest::keyClick(gallery, Qt::Key_Home);
        QVERIFY(gallery->currentIndex().isValid());
        QTest::keyClick(gallery, Qt::Key_Return);

        // 5 · Predict: the image opened there; Alt+6's random test image is classified too.
        QTRY_COMPARE(tabs->currentWidget(), static_cast<QWidget *>(w.predictPanel()));
        auto *random = w.predictPanel()->findChild<QPushButton *>(QStringLiteral("randomTest"));
        QVERIFY2(tabTo(&w, random), qPrintable(focusName()));
        QTest::keyClick(random, Qt::Key_Space);
        auto *top5 = w.predictPanel()->findChild<QWidget *>(QStringLiteral("top5"));
        QVERIFY(top5);
        QTRY_VERIFY_WITH_TIMEOUT(top5->accessibleDescription().contains(QLatin1Char('%')), 30000);
    }

    // Tab order in the Training tab reads as the page does: Start, Pause, Stop, then the form.
    void trainingTabOrderReadsTopDown()
    {
        TrainingPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *start = panel.findChild<QPushButton *>(QStringLiteral("start"));
        auto *epochs = panel.findChild<QSpinBox *>(QStringLiteral("epochs"));
        QVERIFY(start && epochs);
        start->setFocus();
        QStringList order;
        for (QWidget *w = start; order.size() < 6; w = w->nextInFocusChain())
            if (w->isVisible() && w->focusPolicy() & Qt::TabFocus)
                order << w->objectName();
        QCOMPARE(order.mid(0, 3), QStringList({QStringLiteral("start"), QStringLiteral("pause"),
                                               QStringLiteral("stop")}));
    }

    // Help > Keyboard shortcuts lists the menus' shortcuts (read from them) and the view keys.
    void shortcutsAreListed()
    {
        MainWindow w;
        ShortcutsDialog dialog(w.menuBar());
        const auto rows = dialog.rows();
        auto listed = [&](const QKeySequence &k) {
            for (const auto &r : rows)
                if (r.first == k.toString(QKeySequence::NativeText))
                    return true;
            return false;
        };
        QVERIFY(listed(QKeySequence(Qt::CTRL | Qt::Key_R)));
        QVERIFY(listed(QKeySequence(Qt::CTRL | Qt::Key_Period)));
        QVERIFY(listed(QKeySequence(Qt::Key_F5)));
        QVERIFY(listed(QKeySequence(Qt::Key_F1)));
        QVERIFY(listed(QKeySequence(QStringLiteral("Alt+1"))));
        int everyShortcut = 0;
        for (QAction *a : w.findChildren<QAction *>())
            if (!a->shortcut().isEmpty() && !a->menu() &&
                qobject_cast<QMenu *>(a->parent()) != nullptr) {
                ++everyShortcut;
                QVERIFY2(listed(a->shortcut()), qPrintable(a->text()));
            }
        QVERIFY(everyShortcut >= 8);
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
