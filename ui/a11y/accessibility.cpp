#include "a11y/accessibility.h"

#include <QAbstractBarSeries>
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabBar>
#include <QTimer>
#include <QTextEdit>
#include <QWidget>
#include <QXYSeries>

namespace tl::ui::a11y {

namespace {

// The custom views: they draw their content themselves, so a description says what it is.
constexpr const char *kCustomViews[] = {"QChartView", "tl::ui::DrawPad", "tl::ui::EmbeddingView",
                                        "tl::ui::FeatureMapGrid", "tl::ui::LiveView"};

bool isCustomView(const QWidget *w)
{
    for (const char *name : kCustomViews)
        if (w->inherits(name))
            return true;
    return false;
}

// A part Qt builds inside another control: named and reached through that control (a table's
// corner button, the menu bar's overflow button included).
bool isInsideComposite(const QWidget *w)
{
    if (w->inherits("QTableCornerButton") || qobject_cast<const QMenuBar *>(w->parentWidget()))
        return true;
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget())
        if (qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QComboBox *>(p) ||
            qobject_cast<const QTabBar *>(p) || qobject_cast<const QLineEdit *>(p))
            return true;
    return false;
}

QString accessibleName(QWidget *w)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(QAccessible::Name).trimmed() : w->accessibleName().trimmed();
}

QString describeWidget(const QWidget *w)
{
    QString line = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        line += QStringLiteral(" '%1'").arg(w->objectName());
    QStringList chain;
    for (const QWidget *p = w->parentWidget(); p && chain.size() < 4; p = p->parentWidget())
        chain << QString::fromLatin1(p->metaObject()->className()) +
                     (p->objectName().isEmpty() ? QString()
                                                : QStringLiteral("'%1'").arg(p->objectName()));
    const QString tip = w->toolTip().left(50);
    return line + QStringLiteral(" in ") + chain.join(QStringLiteral(" < ")) +
           (tip.isEmpty() ? QString() : QStringLiteral(" (tooltip: %1)").arg(tip));
}

} // namespace

void name(QWidget *w, const QString &name, const QString &description)
{
    w->setAccessibleName(name);
    if (!description.isEmpty())
        w->setAccessibleDescription(description);
}

void describe(QWidget *w, const QString &description)
{
    if (w->accessibleDescription() == description)
        return;
    w->setAccessibleDescription(description);
    QAccessibleEvent event(w, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
}

void describeChart(QChartView *view)
{
    const QLocale locale;
    auto number = [&](qreal v) { return locale.toString(double(v), 'g', 3); };
    QStringList parts;
    for (QAbstractSeries *series : view->chart()->series()) {
        if (!series->isVisible())
            continue;
        QStringList values;
        if (auto *xy = qobject_cast<QXYSeries *>(series)) {
            const QList<QPointF> pts = xy->points();
            const bool many = pts.size() > 12;
            for (qsizetype i = 0; i < pts.size(); ++i)
                if (!many || i == 0 || i == pts.size() - 1)
                    values
                        << QStringLiteral("(%1, %2)").arg(number(pts[i].x()), number(pts[i].y()));
            if (many)
                values.insert(1, QObject::tr("… %n point(s) …", "", int(pts.size() - 2)));
        } else if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets()) {
                QStringList v;
                for (qsizetype i = 0; i < set->count() && i < 24; ++i)
                    v << number(set->at(i));
                values << set->label() + QStringLiteral(" ") + v.join(QStringLiteral(", "));
            }
        }
        if (!values.isEmpty())
            parts << (series->name().isEmpty() ? QString()
                                               : series->name() + QStringLiteral(": ")) +
                         values.join(QStringLiteral(", "));
    }
    const QString title = view->chart()->title();
    describe(view, (title.isEmpty() ? QString() : title + QStringLiteral(". ")) +
                       (parts.isEmpty() ? QObject::tr("No values yet.")
                                        : parts.join(QStringLiteral("; "))));
}

void makeFocusable(QWidget *w)
{
    w->setFocusPolicy(Qt::TabFocus);
    const QString cls =
        QString::fromLatin1(w->metaObject()->className()).section(QLatin1Char(':'), -1);
    w->setStyleSheet(w->styleSheet() +
                     QStringLiteral("%1 { border: 2px solid transparent; } "
                                    "%1:focus { border: 2px solid palette(highlight); }")
                         .arg(cls));
}

void announceValue(QWidget *w, int value)
{
    QAccessibleValueChangeEvent event(w, value);
    QAccessible::updateAccessibility(&event);
}

void prepareWindow(QWidget *root)
{
    for (QAbstractItemView *view : root->findChildren<QAbstractItemView *>())
        view->setTabKeyNavigation(false);
    // The label whose buddy a control is (a form row's), without its mnemonic and colon.
    QHash<const QWidget *, QString> labels;
    for (QLabel *l : root->findChildren<QLabel *>())
        if (l->buddy())
            labels.insert(l->buddy(), l->text().remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    for (QComboBox *combo : root->findChildren<QComboBox *>()) {
        const QString label = combo->accessibleName().isEmpty()
                                  ? labels.value(combo, accessibleName(combo))
                                  : combo->accessibleName();
        // An editable combo box's text field is a control of its own for AT-SPI.
        if (combo->lineEdit() && combo->lineEdit()->accessibleName().isEmpty() &&
            !label.isEmpty())
            combo->lineEdit()->setAccessibleName(label);
        if (combo->view() && combo->view()->accessibleName().isEmpty() && !label.isEmpty())
            combo->view()->setAccessibleName(QObject::tr("%1: choices").arg(label));
    }
    for (QLineEdit *edit : root->findChildren<QLineEdit *>()) {
        for (QAbstractButton *b : edit->findChildren<QAbstractButton *>())
            if (b->accessibleName().isEmpty() && b->text().isEmpty())
                b->setAccessibleName(QObject::tr("Clear"));
        // A field without a label: its placeholder says what goes in (ARIA's last resort).
        if (accessibleName(edit).isEmpty() && !edit->placeholderText().isEmpty() &&
            !isInsideComposite(edit))
            edit->setAccessibleName(edit->placeholderText());
    }
}

QPalette highContrastPalette()
{
    QPalette p;
    const QColor black(0, 0, 0), white(255, 255, 255), yellow(255, 255, 0), grey(190, 190, 190);
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(g, QPalette::Window, black);
        p.setColor(g, QPalette::WindowText, white);
        p.setColor(g, QPalette::Base, black);
        p.setColor(g, QPalette::AlternateBase, QColor(30, 30, 30));
        p.setColor(g, QPalette::Text, white);
        p.setColor(g, QPalette::Button, black);
        p.setColor(g, QPalette::ButtonText, white);
        p.setColor(g, QPalette::BrightText, yellow);
        p.setColor(g, QPalette::Highlight, yellow);
        p.setColor(g, QPalette::HighlightedText, black);
        p.setColor(g, QPalette::ToolTipBase, black);
        p.setColor(g, QPalette::ToolTipText, white);
        p.setColor(g, QPalette::PlaceholderText, grey);
        p.setColor(g, QPalette::Link, QColor(0, 255, 255));
        p.setColor(g, QPalette::Light, white);
        p.setColor(g, QPalette::Midlight, grey);
        p.setColor(g, QPalette::Mid, grey);
        p.setColor(g, QPalette::Dark, grey);
        p.setColor(g, QPalette::Shadow, white);
    }
    p.setColor(QPalette::Disabled, QPalette::Window, black);
    p.setColor(QPalette::Disabled, QPalette::Base, black);
    p.setColor(QPalette::Disabled, QPalette::Button, black);
    for (QPalette::ColorRole r : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, r, QColor(150, 150, 150));
    return p;
}

QString highContrastStyleSheet()
{
    return QStringLiteral(
        "QLineEdit, QAbstractSpinBox, QComboBox, QAbstractScrollArea, QGroupBox, QPushButton,"
        " QToolButton { border: 1px solid white; }"
        " QPushButton, QToolButton { padding: 3px 8px; }"
        " QPushButton:checked, QToolButton:checked { background: #404000; }"
        " QGroupBox { margin-top: 1.2em; padding-top: 0.3em; }"
        " QGroupBox::title { subcontrol-origin: margin; left: 6px; }"
        " QCheckBox::indicator, QRadioButton::indicator {"
        " width: 0.8em; height: 0.8em; border: 1px solid white; background: black; }"
        " QCheckBox::indicator:checked, QRadioButton::indicator:checked { background: yellow; }"
        " QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus, QAbstractScrollArea:focus,"
        " QPushButton:focus, QToolButton:focus, QCheckBox:focus, QRadioButton:focus {"
        " border: 2px solid yellow; }");
}

namespace {

// Applies the high-contrast style sheet again after the application's font changed.
class RestyleOnFontChange : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == qApp && event->type() == QEvent::ApplicationFontChange)
            QTimer::singleShot(0, qApp, [] {
                // A different string: setting the same one again would not restyle.
                static bool odd = false;
                odd = !odd;
                qApp->setStyleSheet(highContrastStyleSheet() +
                                    (odd ? QStringLiteral(" ") : QString()));
            });
        return false;
    }
};

} // namespace

void useHighContrast()
{
    QApplication::setPalette(highContrastPalette());
    qApp->setStyleSheet(highContrastStyleSheet());
    qApp->installEventFilter(new RestyleOnFontChange(qApp));
}

bool isInteractive(const QWidget *w)
{
    if (isCustomView(w))
        return true;
    if (isInsideComposite(w))
        return false;
    if (qobject_cast<const QScrollBar *>(w) || qobject_cast<const QHeaderView *>(w))
        return false;
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QComboBox *>(w) ||
           qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QLineEdit *>(w) ||
           qobject_cast<const QAbstractSlider *>(w) || qobject_cast<const QAbstractItemView *>(w) ||
           qobject_cast<const QPlainTextEdit *>(w) || qobject_cast<const QTextEdit *>(w);
}

QStringList unnamedControls(QWidget *root)
{
    QList<QWidget *> all = root->findChildren<QWidget *>();
    all.prepend(root);
    QStringList missing;
    for (QWidget *w : all) {
        if (!isInteractive(w))
            continue;
        if (accessibleName(w).isEmpty())
            missing << QStringLiteral("no name: ") + describeWidget(w);
        else if (isCustomView(w) && w->accessibleDescription().trimmed().isEmpty())
            missing << QStringLiteral("no description: ") + describeWidget(w);
    }
    for (QTabBar *bar : root->findChildren<QTabBar *>())
        for (int i = 0; i < bar->count(); ++i)
            if (bar->tabText(i).trimmed().isEmpty() && bar->accessibleTabName(i).isEmpty())
                missing << QStringLiteral("no name: tab %1 of ").arg(i) + describeWidget(bar);
    return missing;
}

} // namespace tl::ui::a11y
