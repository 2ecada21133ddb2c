#pragma once

// Accessibility helpers: what a screen reader (Orca over AT-SPI) says for TransferLab's
// controls. Qt names most widgets itself (a button's text, a form row's label); these cover the
// rest and keep the custom views' text current.

#include <QPalette>
#include <QString>
#include <QStringList>

class QWidget;
class QChartView;

namespace tl::ui::a11y {

// Sets the accessible name (and the description, when given) of `w`.
void name(QWidget *w, const QString &name, const QString &description = {});

// Sets the accessible description of `w` to what it shows now, and tells assistive technology
// that it changed (only when it did): the charts', matrix's and galleries' content.
void describe(QWidget *w, const QString &description);

// Describes a chart built by hand (the sweep charts, the lesson's) from its series: the title,
// then each series' points, or its first and last points when there are many.
void describeChart(QChartView *view);

// Lets Tab reach a view that draws itself (a chart), with a frame in the highlight colour
// while it has the focus, so a screen reader can read it and a sighted user sees where Tab is.
void makeFocusable(QWidget *w);

// Tells assistive technology that `w`'s value changed (a progress bar's, with its text).
void announceValue(QWidget *w, int value);

// Finishes a built window for assistive technology and the keyboard: names the parts Qt builds
// inside controls under `root` (each combo box's drop-down list, "Dataset: choices"; a line
// edit's clear button) and lets Tab leave tables (arrow keys move between cells; Tab inside a
// table trapped a keyboard user there).
void prepareWindow(QWidget *root);

// A high-contrast palette (white and yellow on black), for `transferlab --high-contrast` where
// the desktop offers none; the window otherwise takes the system's palette as it is.
QPalette highContrastPalette();
// With it, frames and check marks drawn in the palette's text colour (Fusion draws them a shade
// darker than the window, which on black is black) and yellow around the focused control.
QString highContrastStyleSheet();
// Both on the application, before the window is built; the style sheet is applied again when
// the application's font changes (presentation mode), which a style sheet otherwise ignores.
void useHighContrast();

// Whether `w` is a control a user operates (buttons, combo boxes, spin boxes, line edits,
// sliders, check boxes, item views, text areas, the custom views) rather than a part Qt builds
// inside another control (a spin box's line edit, a scroll bar, a header, a combo's list).
bool isInteractive(const QWidget *w);

// Interactive controls under `root` (and `root`) whose accessible name is empty, or custom
// views without a description, as "Class 'objectName' in Parent > ..." lines for a test's
// message.
QStringList unnamedControls(QWidget *root);

} // namespace tl::ui::a11y
