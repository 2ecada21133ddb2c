// Label-override files (label_overrides.h).

#include "data/label_overrides.h"

#include "base/error.h"
#include "io/csv.h"
#include "io/file_limits.h"

#include <cctype>
#include <set>
#include <utility>

namespace tl::data {
namespace {

std::string lowerAscii(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isHeader(const std::vector<std::string> &cells)
{
    return !cells.empty() && (lowerAscii(cells[0]) == "index" || lowerAscii(cells[0]) == "split");
}

} // namespace

std::vector<LabelOverride> parseLabelOverrides(const Bytes &csv, const std::string &origin)
{
    std::vector<LabelOverride> out;
    std::set<std::pair<std::string, std::int64_t>> seen;
    forEachCsvRow(csv, origin, 8, [&](const std::vector<std::string> &cells, std::size_t line) {
        const std::string at = "line " + std::to_string(line) + ": ";
        if (line == 1 && isHeader(cells))
            return true;
        if (cells.size() == 1 && cells[0].empty())
            return true;
        if (cells.size() < 2 || cells.size() > 3 || cells.back().empty())
            throw fileError(origin, at + "expected index,label or split,index,label");
        LabelOverride o;
        o.line = line;
        const bool withSplit = cells.size() == 3;
        if (withSplit) {
            o.split = lowerAscii(cells[0]);
            if (o.split != "train" && o.split != "val" && o.split != "test")
                throw fileError(origin, at + "split '" + cells[0] + "' is not train, val or test");
        }
        o.index = csvInteger(cells[withSplit ? 1 : 0], origin, line, 0, std::int64_t(1) << 40);
        o.exclude = lowerAscii(cells.back()) == "exclude";
        if (!o.exclude)
            o.label = cells.back();
        if (!seen.insert({o.split, o.index}).second)
            throw fileError(origin, at + o.split + " image " + std::to_string(o.index) +
                                        " is listed twice");
        out.push_back(std::move(o));
        return true;
    });
    return out;
}

std::vector<LabelOverride> readLabelOverrides(const std::string &path)
{
    return parseLabelOverrides(readFile(path, limits::kMaxCsvBytes), path);
}

} // namespace tl::data
