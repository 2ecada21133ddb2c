#include "widgets/language.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QHash>
#include <QLibraryInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace tl::ui {

namespace {

constexpr auto kSettingsKey = "view/language";

// A language named in itself, and in the window's language where that differs: a German
// student finds "Deutsch (German)" in an English window, "English (Englisch)" in a German one.
QString menuName(const QString &language)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("en"), QT_TRANSLATE_NOOP("tl::ui::Language", "English")},
        {QStringLiteral("de"), QT_TRANSLATE_NOOP("tl::ui::Language", "German")},
        {QStringLiteral("fr"), QT_TRANSLATE_NOOP("tl::ui::Language", "French")}};
    QString native = QLocale(language).nativeLanguageName();
    if (!native.isEmpty())
        native[0] = native[0].toUpper();
    if (native.isEmpty())
        native = language;
    const char *english = names.value(language.left(2));
    const QString here =
        english ? QCoreApplication::translate("tl::ui::Language", english) : QString();
    return here.isEmpty() || here == native ? native : QStringLiteral("%1 (%2)").arg(native, here);
}

} // namespace

QStringList shippedLanguages()
{
    return {QStringLiteral("de"), QStringLiteral("fr")};
}

QString languageSetting()
{
    return QSettings().value(kSettingsKey).toString();
}

void setLanguageSetting(const QString &language)
{
    QSettings settings;
    if (language.isEmpty())
        settings.remove(kSettingsKey);
    else
        settings.setValue(kSettingsKey, language);
}

QLocale chosenLocale()
{
    const QString language = languageSetting();
    return language.isEmpty() ? QLocale::system() : QLocale(language);
}

QString installTranslations()
{
    const QLocale locale = chosenLocale();
    QLocale::setDefault(locale);
    auto *app = QCoreApplication::instance();
    auto *own = new QTranslator(app);
    // ":/i18n/transferlab_de.qm": the .ts files compiled by lrelease
    // (resources/translations/CMakeLists.txt). English has one too, with the plural forms only
    // ("1 image", "141 images" where the code says "%n image(s)").
    const QString i18n = QStringLiteral(":/i18n");
    if (!own->load(locale, QStringLiteral("transferlab"), QStringLiteral("_"), i18n) &&
        !own->load(QStringLiteral("transferlab_en"), i18n)) {
        delete own;
        return {};
    }
    QCoreApplication::installTranslator(own);
    if (own->language().startsWith(QLatin1String("en")))
        return {};
    // Qt's own words (OK, Cancel, the file dialog), when the system has them
    // (qt6-translations-l10n).
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return own->language();
}

QMenu *createLanguageMenu(QWidget *parent)
{
    auto *menu = new QMenu(QObject::tr("&Language"), parent);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    const QString current = languageSetting();
    auto add = [&](const QString &text, const QString &language) {
        QAction *a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(language == current);
        a->setData(language);
        a->setObjectName(QStringLiteral("language_") +
                         (language.isEmpty() ? QStringLiteral("system") : language));
        group->addAction(a);
    };
    add(QObject::tr("System language (%1)").arg(menuName(QLocale::system().name())), {});
    add(menuName(QStringLiteral("en")), QStringLiteral("en"));
    for (const QString &language : shippedLanguages())
        add(menuName(language), language);
    QObject::connect(group, &QActionGroup::triggered, menu, [parent](QAction *a) {
        const QString language = a->data().toString();
        if (language == languageSetting())
            return;
        setLanguageSetting(language);
        QMessageBox::information(
            parent, QObject::tr("Language"),
            QObject::tr("TransferLab will use %1 when it starts again.")
                .arg(language.isEmpty() ? QObject::tr("the system's language") : a->text()));
    });
    return menu;
}

} // namespace tl::ui
