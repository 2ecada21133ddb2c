// transferlab: the desktop workbench.

#include "screenshot_tour.h"
#include "widgets/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TransferLab"));
    QApplication::setOrganizationName(QStringLiteral("TransferLab"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
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
    parser.process(app);

    tl::ui::MainWindow window;
    window.resize(1500, 900);
    window.show();
    if (parser.isSet(screenshots))
        tl::ui::startScreenshotTour(&window, parser.value(screenshots));
    return QApplication::exec();
}
