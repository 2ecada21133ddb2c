// Label-override files (label_overrides.h).

#include "data/label_overrides.h"

#include "base/error.h"
#include "io/csv.h"
#include "io/file_limits.h"

#include <cctype>
#include <set>

namespace tl::data {
namespace {

std::string lowerAscii(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

std::vector<LabelOverride> parseLabelOverrides(const Bytes &csv, const std::string &origin)
{
    std::vector<LabelOverride> out;
    std::set<std::int64_t> seen;
    forEachCsvRow(csv, origin, 8, [&](const std::vector<std::string> &cells, std::size_t line) {
        if (line == 1 && !cells.empty() && lowerAscii(cells[0]) == "index")
            return true;
        if (cells.size() == 1 && cells[0].empty())
            return true;
        if (cells.size() < 2 || cells[1].empty())
            throw fileError(origin, "line " + std::to_string(line) + ": expected index,label");
        LabelOverride o;
        o.index = csvInteger(cells[0], origin, line, 0, std::int64_t(1) << 40);
        o.exclude = lowerAscii(cells[1]) == "exclude";
        if (!o.exclude)
            o.label = cells[1];
        if (!seen.insert(o.index).second)
            throw fileError(origin, "line " + std::to_string(line) + ": image " +
                                        std::to_string(o.index) + " is listed twice");
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
