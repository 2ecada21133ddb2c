#include "io/csv.h"

#include "base/error.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace tl {

void forEachCsvRow(const Bytes &data, const std::string &origin, std::size_t maxColumns,
                   const std::function<bool(const std::vector<std::string> &, std::size_t)> &row)
{
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    std::size_t line = 1;
    auto endCell = [&] {
        if (cells.size() >= maxColumns)
            throw fileError(origin, "line " + std::to_string(line) + " has more than " +
                                        std::to_string(maxColumns) + " columns");
        cells.push_back(std::move(cell));
        cell.clear();
    };
    auto endRow = [&] {
        endCell();
        const bool more = row(cells, line);
        cells.clear();
        if (++line > limits::kMaxCsvRows)
            throw limitError(origin, "the number of lines", line, limits::kMaxCsvRows);
        return more;
    };
    for (std::size_t i = 0; i < data.size(); ++i) {
        const char c = char(data[i]);
        if (quoted) {
            if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            endCell();
        } else if (c == '\n') {
            if (!endRow())
                return;
        } else if (c != '\r') {
            cell += c;
        }
    }
    if (!cell.empty() || !cells.empty())
        endRow();
}

double csvNumber(const std::string &text, const std::string &origin, std::size_t line,
                 bool emptyIsZero)
{
    if (text.empty() && emptyIsZero)
        return 0.0;
    char *end = nullptr;
    errno = 0;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v))
        throw fileError(origin, "line " + std::to_string(line) + ": '" + text.substr(0, 40) +
                                    "' is not a number");
    return v;
}

std::int64_t csvInteger(const std::string &text, const std::string &origin, std::size_t line,
                        std::int64_t lo, std::int64_t hi)
{
    char *end = nullptr;
    errno = 0;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
        throw fileError(origin, "line " + std::to_string(line) + ": '" + text.substr(0, 40) +
                                    "' is not an integer");
    if (v < lo || v > hi)
        throw fileError(origin, "line " + std::to_string(line) + ": " + text + " is out of range (" +
                                    std::to_string(lo) + ".." + std::to_string(hi) + ")");
    return v;
}

} // namespace tl
