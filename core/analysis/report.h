#pragma once

#include "rundir/run_result.h"

#include <string>
#include <vector>

namespace tl::runs {

struct ReportOptions
{
    bool images = true;   // embed the worst misclassified test images (loads the run's data)
    int worstImages = 16; // per run
    std::string title;    // default: the run's folder name, or "Comparison of N runs"
};

// One self-contained HTML file (no scripts, no outside files: charts are inline SVG, images
// are data: URIs) for a class handout: for each run its settings, loss and accuracy curves with
// the stages marked, the confusion matrix, the per-class table and its worst mistakes; for two
// or more runs also the comparison table, overlaid curves and the images that flipped between
// the first two. Well-formed XHTML. tl::Error naming the folder for a run that cannot be read.
std::string reportHtml(const std::vector<std::string> &runDirs, const ReportOptions &options = {});

} // namespace tl::runs
