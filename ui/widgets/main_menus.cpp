#include "widgets/main_menus.h"

#include "base/error.h"
#include "io/files.h"
#include "orchestration/recipes.h"
#include "session/training_session.h"
#include "widgets/experiment_form.h"
#include "widgets/language.h"
#include "widgets/main_window.h"
#include "widgets/onnx_export_dialog.h"
#include "widgets/results_panel.h"
#include "widgets/shortcuts_dialog.h"
#include "widgets/recipe_titles.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

namespace tl::ui {

MainMenus::MainMenus(MainWindow *window) : QObject(window), m_window(window)
{
    QMenuBar *bar = window->menuBar();
    buildFileMenu(bar);
    QMenu *train = bar->addMenu(tr("&Training"));
    train->addAction(tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_R), window,
                     &MainWindow::startTraining);
    train->addAction(tr("S&top"), QKeySequence(Qt::CTRL | Qt::Key_Period), window->session(),
                     &TrainingSession::stop);
    buildViewMenu(bar);
    buildHelpMenu(bar);
}

void MainMenus::buildFileMenu(QMenuBar *bar)
{
    MainWindow *w = m_window;
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(tr("&Open experiment…"), QKeySequence::Open, this, &MainMenus::openExperiment);
    file->addAction(tr("&Save experiment…"), QKeySequence::Save, this, &MainMenus::saveExperiment);
    // A run's model for other programs: the run shown in Results, or one chosen in the dialog.
    file->addMenu(tr("&Export"))->addAction(tr("&ONNX (OpenCV, ONNX Runtime)…"), w, [w] {
        auto *dialog = new OnnxExportDialog(MainWindow::runsFolder(), w);
        dialog->setObjectName("onnxExportDialog");
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setRun(w->resultsPanel()->runDir());
        connect(dialog, &OnnxExportDialog::exported, w, [w](const QString &f) {
            w->statusBar()->showMessage(tr("Exported: %1").arg(f), 8000);
        });
        dialog->show();
    });
    buildRecipeMenu(file);
    QMenu *lessons = file->addMenu(tr("&Lessons"));
    lessons->addAction(tr("Why &transfer learning (offline, a few minutes)…"), w,
                       &MainWindow::openTransferLesson);
    file->addAction(tr("Reset to &defaults"), w, &MainWindow::resetToDefaults);
    file->addAction(tr("Show &runs folder"), w, [w] {
        QDir().mkpath(MainWindow::runsFolder());
        QMessageBox::information(w, tr("Runs folder"),
                                 tr("Runs are saved in\n%1").arg(MainWindow::runsFolder()));
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, w, &QWidget::close);
}

// The notebooks' experiments (loaded into the tabs) and their sweeps (into the queue).
void MainMenus::buildRecipeMenu(QMenu *file)
{
    MainWindow *w = m_window;
    QMenu *recipeMenu = file->addMenu(tr("&Recipes from the notebooks"));
    QMenu *sweepRecipes = recipeMenu->addMenu(tr("&Sweeps (into the queue)"));
    for (const auto &r : runs::recipes()) {
        if (r.sweep) {
            sweepRecipes->addAction(
                recipeTitle(r), w,
                [w, name = QString::fromStdString(r.name)] { w->queueSweepRecipe(name); });
            continue;
        }
        recipeMenu->addAction(recipeTitle(r), w, [w, name = r.name] {
            try {
                w->experimentForm()->load(runs::recipeConfig(name));
                w->statusBar()->showMessage(
                    tr("Recipe %1 loaded").arg(QString::fromStdString(name)), 5000);
            } catch (const Error &e) {
                w->showError(tr("Cannot load the recipe"), QString::fromStdString(e.what()));
            }
        });
    }
}

void MainMenus::openExperiment()
{
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open experiment"), QString(),
                                     tr("Experiments (*.tlexp.json *.json);;All files (*)"));
    if (!path.isEmpty())
        m_window->openExperimentFile(path);
}

void MainMenus::saveExperiment()
{
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Save experiment"), QStringLiteral("experiment.tlexp.json"),
        tr("Experiments (*.tlexp.json);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    try {
        writeFileAtomic(path.toStdString(), m_window->experiment().toJson());
    } catch (const Error &e) {
        m_window->showError(tr("Cannot save the experiment"), QString::fromStdString(e.what()));
    }
}

void MainMenus::buildViewMenu(QMenuBar *bar)
{
    MainWindow *w = m_window;
    QMenu *view = bar->addMenu(tr("&View"));
    m_presentation = view->addAction(tr("&Presentation mode"));
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::Key_F5));
    m_presentation->setObjectName(QStringLiteral("presentationMode"));
    connect(m_presentation, &QAction::toggled, w, &MainWindow::setPresentationMode);
    view->addAction(tr("&Classroom set-up"), w, &MainWindow::classroomSetup)
        ->setObjectName(QStringLiteral("classroomSetup"));
    view->addMenu(createLanguageMenu(w));
    QTabWidget *tabs = w->tabs();
    for (int i = 0; i < tabs->count(); ++i)
        view->addAction(tabs->tabText(i), QKeySequence(QStringLiteral("Alt+%1").arg(i + 1)), w,
                        [tabs, i] { tabs->setCurrentIndex(i); });
}

void MainMenus::buildHelpMenu(QMenuBar *bar)
{
    MainWindow *w = m_window;
    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1), w,
                    [w] {
                        auto *dialog = new ShortcutsDialog(w->menuBar(), w);
                        dialog->setObjectName(QStringLiteral("shortcutsDialog"));
                        dialog->setAttribute(Qt::WA_DeleteOnClose);
                        dialog->open();
                    })
        ->setObjectName(QStringLiteral("keyboardShortcuts"));
    help->addAction(tr("&About TransferLab"), w, [w] {
        QMessageBox::about(
            w, tr("About TransferLab"),
            tr("<b>TransferLab</b> %1<br>A workbench for transfer learning on images.<br>"
               "Go left to right: pick the data, the model and what to freeze, train, "
               "then click the confusion matrix to see the mistakes.")
                .arg(QApplication::applicationVersion()));
    });
}

} // namespace tl::ui
