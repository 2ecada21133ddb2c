#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
class QMenuBar;
QT_END_NAMESPACE

namespace tl::ui {

class MainWindow;

// The window's menu bar: File (experiments, the ONNX export, the notebooks' recipes, lessons, the
// runs folder), Training, View (presentation mode, classroom set-up, language, the tabs) and
// Help. Each item calls the window's public slots; the menus keep no state of their own.
class MainMenus : public QObject
{
    Q_OBJECT

public:
    // Fills `window`'s menu bar (its tabs are there already: View lists them).
    explicit MainMenus(MainWindow *window);

    // View > Presentation mode (checkable; toggling it calls setPresentationMode).
    QAction *presentationAction() const { return m_presentation; }

private:
    // File > Open and Save: an experiment file, through a file dialog.
    void openExperiment();
    void saveExperiment();
    void buildFileMenu(QMenuBar *bar);
    void buildRecipeMenu(QMenu *file);
    void buildViewMenu(QMenuBar *bar);
    void buildHelpMenu(QMenuBar *bar);

    MainWindow *m_window;
    QAction *m_presentation = nullptr;
};

} // namespace tl::ui
