#include "analysis/html.h"

#include <cstdio>

namespace tl::runs::html {

const char *const kColours[8] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                 "#56B4E9", "#D55E00", "#F0E442", "#000000"};

const char *const kStyle = R"css(
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1100px;
       color: #111; line-height: 1.4; }
h1 { font-size: 1.7em; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #bbb; padding: .25em .55em; text-align: right; }
th { background: #f2f2f2; }
table.confusion td { min-width: 2.6em; text-align: center; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; }
.chart { border: 1px solid #ddd; background: #fff; }
.gallery { display: flex; flex-wrap: wrap; gap: .8em; }
figure { margin: 0; width: 110px; font-size: .8em; text-align: center; }
figure img { width: 84px; height: 84px; image-rendering: pixelated; border: 1px solid #999; }
.headline { font-size: 1.2em; }
pre { background: #f6f6f6; padding: .8em; overflow-x: auto; font-size: .8em; }
.print-only { display: none; }
@media print {
  body { margin: 0; max-width: none; }
  /* a collapsed details element prints closed: its copy prints instead */
  .print-only { display: block; }
  details.settings { display: none; }
  pre { white-space: pre-wrap; overflow: visible; }
  /* a table split across pages repeats its header row and splits between rows */
  thead { display: table-header-group; }
  tr, figure, .chart { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
)css";

std::string esc(const std::string &s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string fmt(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

} // namespace tl::runs::html
