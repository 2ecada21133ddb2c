#pragma once

#include <QLabel>

QT_BEGIN_NAMESPACE
class QAbstractSpinBox;
class QDoubleSpinBox;
class QSpinBox;
class QTimer;
QT_END_NAMESPACE

namespace tl::ui {

// A one-line note under a form that says what a number field accepts when a typed value is
// refused. A spin box alone puts back its previous value without a word (learning rate 0
// silently stays 10); a watched field has its range in its tooltip and, when the typed text is
// not a value it accepts, the note names the field, the range and the value it keeps.
class FieldNote : public QLabel
{
    Q_OBJECT

public:
    explicit FieldNote(QWidget *parent = nullptr);

    // `name`: the field as the form labels it ("Learning rate"). Appends the range to the
    // tooltip the field already has.
    void watch(QSpinBox *box, const QString &name);
    void watch(QDoubleSpinBox *box, const QString &name);
    // Shows `text` for a while (also for notes the form makes itself, e.g. a clamped value).
    void say(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check(QAbstractSpinBox *box);

    QTimer *m_hide;
};

} // namespace tl::ui
