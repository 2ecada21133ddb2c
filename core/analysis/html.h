#pragma once

// What the HTML reports share (analysis/report.cpp, analysis/sweep_report.cpp): escaping, numbers, the
// palette and the page's style.

#include <string>

namespace tl::runs::html {

// Okabe & Ito's palette: distinguishable with every common colour-vision deficiency.
extern const char *const kColours[8];
// The page's CSS (no outside files: a report is one self-contained file).
extern const char *const kStyle;

// Text for XHTML content and attribute values.
std::string esc(const std::string &s);
// A number with `decimals` digits after the point.
std::string fmt(double v, int decimals);

} // namespace tl::runs::html
