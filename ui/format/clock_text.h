#pragma once

#include <QString>

namespace tl::ui {

// A duration as a clock shows it: "0:42", "12:05", "1:02:03"; "–" when not known (negative or
// not finite).
QString clockText(double seconds);

} // namespace tl::ui
