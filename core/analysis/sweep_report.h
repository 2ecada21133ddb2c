#pragma once

#include <string>

namespace tl::runs {

// The report of a sweep folder: the results table (one row per point, mean ± standard deviation
// over repeats, best first, failures with their message), test accuracy against each swept
// setting (log axis where the values span a decade or more, error bars), a heat map for a
// grid's first two settings, and accuracy against training time with the Pareto front marked.
// tl::Error naming sweep.json when it cannot be read.
std::string sweepReportHtml(const std::string &sweepDir, const std::string &title = {});

} // namespace tl::runs
