// Every student can use it (issue 33): every interactive control of the window, its tabs and the
// dialogs it opens has an accessible name a screen reader says; the custom views (confusion
// matrix, galleries, charts) say what they show; training progress is announced.

#include "a11y/accessibility.h"
#include "charts/chart_palette.h"
#include "charts/metric_chart.h"
#include "itemmodels/confusion_model.h"
#include "itemmodels/gallery_model.h"
#include "orchestration/recipes.h"
#include "widgets/language.h"
#include "widgets/lesson_dialog.h"
#include "widgets/main_window.h"
#include "widgets/onnx_export_dialog.h"
#include "widgets/results_panel.h"
#include "widgets/sweep_dialog.h"
#include "widgets/training_panel.h"

#include <QAccessible>
#include <QChartView>
#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

#include <functional>

using namespace tl;
using namespace tl::ui;

namespace {

// Accessibility events sent while a test runs (Qt sends none unless it is active).
QList<QPair<QObject *, QAccessible::Event>> g_events;

void recordEvent(QAccessibleEvent *event)
{
    g_events.append({event->object(), event->type()});
}

QString report(const QStringList &missing)
{
    return QStringLiteral("%1 control(s) without an accessible name:\n  ").arg(missing.size()) +
           missing.join(QStringLiteral("\n  "));
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        QAccessible::installUpdateHandler(recordEvent);
        QAccessible::setActive(true);
        // The program's own: English here (the test's locale), with its plural forms.
        installTranslations();
    }

    // The window with every tab shown once (some build their content when first shown).
    void everyControlOfTheWindowIsNamed()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *tabs = w.findChild<QTabWidget *>();
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QCoreApplication::processEvents();
        }
        const QStringList missing = a11y::unnamedControls(&w);
        QVERIFY2(missing.isEmpty(), qPrintable(report(missing)));
        // The walk finds what it should: the window has well over a hundred controls.
        int controls = 0;
        for (QWidget *c : w.findChildren<QWidget *>())
            controls += a11y::isInteractive(c) ? 1 : 0;
        QVERIFY2(controls > 100, qPrintable(QString::number(controls)));
    }

    void everyControlOfTheDialogsIsNamed()
    {
        MainWindow w;
        LessonDialog *lesson = w.openTransferLesson();
        QStringList missing = a11y::unnamedControls(lesson);
        SweepDialog *sweep = w.openSweepDialog();
        missing += a11y::unnamedControls(sweep);
        OnnxExportDialog onnx(MainWindow::runsFolder());
        missing += a11y::unnamedControls(&onnx);
        QVERIFY2(missing.isEmpty(), qPrintable(report(missing)));
        sweep->close();
        lesson->close();
    }

    // Started in German, the tabs and menus speak German: at least 90 % of their names differ
    // from the English window's (the rest are names: Grad-CAM, ONNX). Every recipe's title has
    // a German and a French translation (a new recipe without one fails here).
    void germanWindowIsGerman()
    {
        auto names = [] {
            MainWindow w;
            QStringList out;
            for (QTabBar *bar : w.findChildren<QTabBar *>())
                for (int i = 0; i < bar->count(); ++i)
                    out << bar->tabText(i);
            std::function<void(const QList<QAction *> &)> walk = [&](const QList<QAction *> &as) {
                for (QAction *a : as) {
                    if (a->isSeparator())
                        continue;
                    out << a->text();
                    if (a->menu())
                        walk(a->menu()->actions());
                }
            };
            walk(w.menuBar()->actions());
            return out;
        };
        const QStringList english = names();
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/transferlab_de.qm")));
        QCoreApplication::installTranslator(&german);
        const QStringList deutsch = names();
        QCoreApplication::removeTranslator(&german);
        QCOMPARE(deutsch.size(), english.size());
        QStringList same;
        for (qsizetype i = 0; i < english.size(); ++i)
            if (english[i] == deutsch[i])
                same << english[i];
        const double share = 1.0 - double(same.size()) / double(english.size());
        QVERIFY2(
            english.size() > 60 && share >= 0.9,
            qPrintable(QStringLiteral("%1 of %2 the same: ").arg(same.size()).arg(english.size()) +
                       same.join(QStringLiteral(" | "))));
        qInfo("%lld tab and menu names, %.1f %% differ in German", qlonglong(english.size()),
              share * 100.0);
        for (const QString &lang : {QStringLiteral("de"), QStringLiteral("fr")}) {
            QTranslator t;
            QVERIFY(t.load(QStringLiteral(":/i18n/transferlab_%1.qm").arg(lang)));
            for (const auto &r : runs::recipes()) {
                const QString title = t.translate("tl::ui::Recipes", r.title.c_str());
                QVERIFY2(!title.isEmpty() && title != QString::fromStdString(r.title),
                         qPrintable(lang + QStringLiteral(": ") + QString::fromStdString(r.title)));
            }
        }
    }

    // The check itself fails on an unnamed control: a bare button without text or name.
    void theWalkFindsAnUnnamedControl()
    {
        QWidget root;
        auto *named = new QPushButton(QStringLiteral("Start"), &root);
        auto *bare = new QToolButton(&root);
        bare->setObjectName(QStringLiteral("bare"));
        QCOMPARE(a11y::unnamedControls(&root).size(), 1);
        QVERIFY(a11y::unnamedControls(&root).constFirst().contains(QLatin1String("'bare'")));
        a11y::name(bare, QStringLiteral("Open"));
        QVERIFY(a11y::unnamedControls(&root).isEmpty());
        Q_UNUSED(named);
    }

    // The confusion matrix's cells read as sentences; the gallery's images too.
    void confusionCellsAndGalleryImagesSpeak()
    {
        train::Evaluation e;
        e.numClasses = 2;
        e.confusion = {12, 3, 141, 44};
        e.count = 200;
        ConfusionModel model;
        model.setEvaluation(e, {QStringLiteral("T-shirt"), QStringLiteral("Shirt")});
        QCOMPARE(model.data(model.index(1, 0), Qt::AccessibleTextRole).toString(),
                 QStringLiteral("true Shirt, predicted T-shirt: 141 images"));
        QTableView view;
        view.setModel(&model);
        QAccessibleInterface *table = QAccessible::queryAccessibleInterface(&view);
        QVERIFY(table && table->tableInterface());
        QAccessibleInterface *cell = table->tableInterface()->cellAt(1, 0);
        QVERIFY(cell);
        QCOMPARE(cell->text(QAccessible::Name),
                 QStringLiteral("true Shirt, predicted T-shirt: 141 images"));
    }

    // A chart says its latest values; its series differ in more than colour.
    void chartsSayTheirValues()
    {
        MetricChart chart(QStringLiteral("Loss"), QStringLiteral("loss"));
        const int train = chart.addSeries(QStringLiteral("train"), palette::seriesColor(0));
        const int val =
            chart.addSeries(QStringLiteral("validation"), palette::seriesColor(1), true, true);
        auto *view = chart.findChild<QChartView *>();
        QVERIFY(view);
        QCOMPARE(view->accessibleName(), QStringLiteral("Loss"));
        QCOMPARE(view->accessibleDescription(), QStringLiteral("No values yet."));
        g_events.clear();
        chart.append(train, {{1, 0.8}, {2, 0.412}});
        chart.append(val, {{1, 0.9}, {2, 0.455}});
        QCOMPARE(view->accessibleDescription(),
                 QStringLiteral("train 0.412, validation 0.455 at epoch 2"));
        // What a screen reader asks the view for.
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(view);
        QCOMPARE(iface->text(QAccessible::Description), view->accessibleDescription());
        QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Loss"));
        QVERIFY(view->focusPolicy() & Qt::TabFocus); // Tab reaches it, so the reader says it
        // Assistive technology is told of the change (Qt sends events only where a platform
        // accessibility bridge is active: under xcb, not the offscreen platform).
        if (QAccessible::isActive()) {
            bool told = false;
            for (const auto &[object, type] : g_events)
                told = told || (object == view && type == QAccessible::DescriptionChanged);
            QVERIFY(told);
        }
    }

    // The charts' palette stays apart for deuteranopia (CIE76 Delta E of the simulated colours),
    // and every two series also differ in dash or marker.
    void paletteSurvivesDeuteranopia()
    {
        const int n = palette::seriesCount();
        QVERIFY(n >= 6);
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j < n; ++j) {
                const double d =
                    palette::deltaE(palette::simulateDeuteranopia(palette::seriesColor(i)),
                                    palette::simulateDeuteranopia(palette::seriesColor(j)));
                QVERIFY2(d >= 15.0, qPrintable(QStringLiteral("%1-%2: %3").arg(i).arg(j).arg(d)));
                if (i < 3 && j < 3) // train, validation and a third: far apart
                    QVERIFY2(d >= 40.0, qPrintable(QString::number(d)));
                QVERIFY(palette::seriesDash(i) != palette::seriesDash(j) ||
                        palette::seriesMarker(i, Qt::black, 12) !=
                            palette::seriesMarker(j, Qt::black, 12));
            }
        // The check itself tells red from green apart from what deuteranopes see.
        QVERIFY(palette::deltaE(QColor(200, 60, 40), QColor(60, 160, 40)) > 40);
        QVERIFY(palette::deltaE(palette::simulateDeuteranopia(QColor(200, 60, 40)),
                                palette::simulateDeuteranopia(QColor(60, 160, 40))) < 25);
    }

    // Progress: the bar's value and a sentence with the epoch, announced as they change.
    void progressIsAnnounced()
    {
        TrainingPanel panel;
        panel.show();
        auto *bar = panel.findChild<QProgressBar *>(QStringLiteral("trainingProgress"));
        QVERIFY(bar);
        g_events.clear();
        panel.announceProgress(2, 5, 40);
        QCOMPARE(bar->accessibleDescription(), QStringLiteral("epoch 2 of 5, 40 %"));
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(bar);
        QCOMPARE(iface->text(QAccessible::Description), QStringLiteral("epoch 2 of 5, 40 %"));
        QVERIFY(iface->valueInterface());
        // The same sentence is not said twice.
        g_events.clear();
        panel.announceProgress(2, 5, 40);
        QVERIFY(g_events.isEmpty());
        if (QAccessible::isActive()) { // events reach a bridge (xcb), not the offscreen platform
            panel.announceProgress(2, 5, 41);
            bool value = false, description = false;
            for (const auto &[object, type] : g_events) {
                value = value || (object == bar && type == QAccessible::ValueChanged);
                description =
                    description || (object == bar && type == QAccessible::DescriptionChanged);
            }
            QVERIFY(value);
            QVERIFY(description);
        }
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
