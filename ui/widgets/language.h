#pragma once

// The window's language: German and French translations (resources/translations/*.ts, built
// into the program), chosen from the system's locale unless View > Language overrides it. Core's
// messages (tl::Error, the teacher's warnings, the CLI) stay English.

#include <QLocale>
#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace tl::ui {

// The languages shipped besides English ("de", "fr").
QStringList shippedLanguages();

// The language in the settings ("" follows the system).
QString languageSetting();
void setLanguageSetting(const QString &language);

// The locale the window uses: the setting's, or the system's.
QLocale chosenLocale();

// Installs the program's and Qt's own translations for chosenLocale() on the application and
// makes it the default locale (numbers are formatted by it). Call once, after QApplication is
// created and before any window. Returns the language loaded ("" for English, whose plural
// forms are loaded too).
QString installTranslations();

// View > Language: "System", English and each shipped language by its own name; choosing one
// saves it and says that it applies when TransferLab starts again.
QMenu *createLanguageMenu(QWidget *parent);

} // namespace tl::ui
