#include "widgets/field_note.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QSpinBox>
#include <QTimer>

namespace tl::ui {

namespace {

const char *kName = "tl_field_name";
const char *kRange = "tl_field_range";

QString number(double v, int decimals)
{
    // As the field shows it, without trailing zeros: 0.000001, not 1e-06 or 0.000001000.
    QString s = QLocale().toString(v, 'f', decimals);
    if (decimals > 0 && s.contains(QLocale().decimalPoint())) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLocale().decimalPoint()))
            s.chop(1);
    }
    return s;
}

void describe(QAbstractSpinBox *box, const QString &name, const QString &range)
{
    box->setProperty(kName, name);
    box->setProperty(kRange, range);
    const QString accepts = FieldNote::tr("Accepts %1.").arg(range);
    const QString tip = box->toolTip();
    box->setToolTip(tip.isEmpty() ? accepts : tip + QLatin1Char(' ') + accepts);
}

} // namespace

FieldNote::FieldNote(QWidget *parent) : QLabel(parent), m_hide(new QTimer(this))
{
    setObjectName(QStringLiteral("fieldNote"));
    setWordWrap(true);
    setStyleSheet(QStringLiteral("QLabel { color: #c0392b; }"));
    setVisible(false);
    m_hide->setSingleShot(true);
    m_hide->setInterval(15000);
    connect(m_hide, &QTimer::timeout, this, [this] {
        clear();
        setVisible(false);
    });
}

void FieldNote::watch(QSpinBox *box, const QString &name)
{
    describe(
        box, name,
        tr("%1 to %2").arg(QLocale().toString(box->minimum()), QLocale().toString(box->maximum())));
    box->installEventFilter(this);
}

void FieldNote::watch(QDoubleSpinBox *box, const QString &name)
{
    describe(
        box, name,
        tr("%1 to %2")
            .arg(number(box->minimum(), box->decimals()), number(box->maximum(), box->decimals())));
    box->installEventFilter(this);
}

void FieldNote::say(const QString &text)
{
    setText(text);
    setVisible(true);
    m_hide->start();
}

bool FieldNote::eventFilter(QObject *watched, QEvent *event)
{
    // Before the spin box handles them: at focus-out and Enter it puts its old value back.
    if (event->type() == QEvent::FocusOut) {
        check(static_cast<QAbstractSpinBox *>(watched));
    } else if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter)
            check(static_cast<QAbstractSpinBox *>(watched));
    }
    return QLabel::eventFilter(watched, event);
}

void FieldNote::check(QAbstractSpinBox *box)
{
    QString typed = box->text();
    // The minimum's special text ("automatic", "all", "as stored") is a value the box takes,
    // though QSpinBox::validate() refuses it: its internal validator checks it first.
    const QString special = box->specialValueText();
    if (!special.isEmpty() && typed == special)
        return;
    int pos = 0;
    if (box->validate(typed, pos) == QValidator::Acceptable)
        return;
    QString kept;
    if (auto *d = qobject_cast<QDoubleSpinBox *>(box))
        kept = number(d->value(), d->decimals());
    else if (auto *i = qobject_cast<QSpinBox *>(box))
        kept = QLocale().toString(i->value());
    say(tr("%1 accepts %2: \"%3\" was not taken, it stays %4.")
            .arg(box->property(kName).toString(), box->property(kRange).toString(),
                 box->text().trimmed(), kept));
}

} // namespace tl::ui
