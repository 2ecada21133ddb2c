#pragma once

// Reading the CSV files of a run folder (RFC 4180 quoting), which may come from anywhere: rows
// are handed over one at a time (memory follows one row, not the file), the number of columns
// and rows is bounded, and every number is parsed whole and range-checked, with errors naming
// the file and the line.

#include "io/files.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tl {

// Calls `row(cells, line)` for each line (1-based) of `data`; returns false from `row` to stop.
// tl::Error naming `origin` when a row has more than `maxColumns` cells or the file more than
// limits::kMaxCsvRows lines.
void forEachCsvRow(const Bytes &data, const std::string &origin, std::size_t maxColumns,
                   const std::function<bool(const std::vector<std::string> &, std::size_t)> &row);

// "FILE, line N: 'TEXT' is not a number" and the like.
double csvNumber(const std::string &text, const std::string &origin, std::size_t line,
                 bool emptyIsZero = true);
std::int64_t csvInteger(const std::string &text, const std::string &origin, std::size_t line,
                        std::int64_t lo, std::int64_t hi);

} // namespace tl
