// transferlab: the desktop workbench.

#include "platform/malloc_policy.h"
#include "platform/openmp_policy.h"
#include "screenshot_tour.h"
#include "tl_version.h"
#include "a11y/accessibility.h"
#include "widgets/data_panel.h"
#include "widgets/language.h"
#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>

namespace {

// The application icon, embedded (packaging/icons, rendered from transferlab.svg): the window
// and the taskbar show it wherever the program runs from; an installed icon theme entry of the
// same name (the .deb's) is preferred.
QIcon applicationIcon()
{
    QIcon embedded;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
        embedded.addFile(
            QStringLiteral(":/icons/%1x%1/apps/io.github.transferlab.TransferLab.png").arg(size),
            QSize(size, size));
    return QIcon::fromTheme(QStringLiteral("io.github.transferlab.TransferLab"), embedded);
}

// --smoke-test: what an installed package must do (packaging/test-package.sh): open the window
// with its icon, load the default dataset, and say so; exit 1 when any of it fails.
void startSmokeTest(tl::ui::MainWindow *w)
{
    auto report = [w](bool loaded, const QString &what) {
        const QIcon icon = w->windowIcon();
        const bool iconOk = !icon.isNull() && !icon.availableSizes().isEmpty();
        std::printf("window %dx%d, icon %s (%lld sizes), data: %s\n", w->width(), w->height(),
                    iconOk ? "set" : "MISSING",
                    static_cast<long long>(icon.availableSizes().size()), qPrintable(what));
        std::fflush(stdout);
        QApplication::exit(loaded && iconOk && w->isVisible() ? 0 : 1);
    };
    tl::ui::DataPanel *data = w->dataPanel();
    QObject::connect(data, &tl::ui::DataPanel::datasetLoaded, w, [report](auto d) {
        report(true, QStringLiteral("%1 training images from %2")
                         .arg(d->train.size())
                         .arg(QString::fromStdString(d->source)));
    });
    QObject::connect(data, &tl::ui::DataPanel::loadFailed, w,
                     [report](const QString &error) { report(false, error); });
    QTimer::singleShot(120000, w, [report] { report(false, QStringLiteral("timed out")); });
}

} // namespace

int main(int argc, char **argv)
{
    tl::keepFreedMemoryForReuse();
    tl::chooseOpenMpWaitPolicy(argv); // before any OpenMP work: may start the program again
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TransferLab"));
    QApplication::setOrganizationName(QStringLiteral("TransferLab"));
    QApplication::setApplicationVersion(QStringLiteral(TL_VERSION_STRING));
    QApplication::setWindowIcon(applicationIcon());
    // Wayland and the taskbars match the window to the installed .desktop file by this name.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.transferlab.TransferLab"));
    // German or French from the system's locale, or View > Language's choice (saved).
    tl::ui::installTranslations();
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
    QCommandLineOption highContrast(
        QStringLiteral("high-contrast"),
        QStringLiteral("A high-contrast palette (white and yellow on black) instead of the "
                       "system's, for a desktop that offers none."));
    parser.addOption(highContrast);
    QCommandLineOption smokeTest(
        QStringLiteral("smoke-test"),
        QStringLiteral("Open the window, load the default dataset, print what was shown, quit "
                       "(exit 1 on failure; for checking an installation)."));
    parser.addOption(smokeTest);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("An experiment file to open (*.tlexp.json)."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    if (parser.isSet(highContrast))
        tl::ui::a11y::useHighContrast();
    tl::ui::MainWindow window; // sizes itself to the screen's available area
    if (parser.isSet(classroom))
        window.classroomSetup();
    else if (parser.isSet(presentation))
        if (auto *action = window.findChild<QAction *>(QStringLiteral("presentationMode")))
            action->setChecked(true);
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openExperimentFile(parser.positionalArguments().constFirst());
    if (parser.isSet(smokeTest))
        startSmokeTest(&window);
    if (parser.isSet(screenshots))
        tl::ui::startScreenshotTour(&window, parser.value(screenshots));
    return QApplication::exec();
}
