// transferlab: the desktop workbench.

#include "openmp_policy.h"
#include "screenshot_tour.h"
#include "tl_version.h"
#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char **argv)
{
    tl::chooseOpenMpWaitPolicy(argv); // before any OpenMP work: may start the program again
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TransferLab"));
    QApplication::setOrganizationName(QStringLiteral("TransferLab"));
    QApplication::setApplicationVersion(QStringLiteral(TL_VERSION_STRING));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("applications-science")));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TransferLab: transfer learning on images"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshots(
        QStringLiteral("screenshots"),
        QStringLiteral("Walk through the panels, save a PNG of each into DIR, quit."),
        QStringLiteral("DIR"));
    parser.addOption(screenshots);
    QCommandLineOption presentation(
        QStringLiteral("presentation"),
        QStringLiteral("Start in presentation mode (large text for a projector; F5 toggles it)."));
    parser.addOption(presentation);
    QCommandLineOption classroom(
        QStringLiteral("classroom"),
        QStringLiteral("Start with the classroom set-up (View > Classroom set-up)."));
    parser.addOption(classroom);
    parser.process(app);

    tl::ui::MainWindow window; // sizes itself to the screen's available area
    if (parser.isSet(classroom))
        window.classroomSetup();
    else if (parser.isSet(presentation))
        if (auto *action = window.findChild<QAction *>(QStringLiteral("presentationMode")))
            action->setChecked(true);
    window.show();
    if (parser.isSet(screenshots))
        tl::ui::startScreenshotTour(&window, parser.value(screenshots));
    return QApplication::exec();
}
