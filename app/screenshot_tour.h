#pragma once

#include <QString>

namespace tl::ui {
class MainWindow;

// `transferlab --screenshots DIR`: walks through the window as a person would (data, model with
// a frozen block, a short training run, the results with a confusion cell clicked) and saves a
// PNG of the window at each step, then quits. packaging/screenshots.sh runs it under Xvfb.
void startScreenshotTour(MainWindow *window, const QString &dir);

} // namespace tl::ui
