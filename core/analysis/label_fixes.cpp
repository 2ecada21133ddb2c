// Label fixes: the list, overrides, and applying them on disk with a journal (label_fixes.h).

#include "analysis/label_fixes.h"

#include "base/error.h"
#include "data/dataset.h"
#include "data/label_overrides.h"
#include "io/csv.h"
#include "io/file_limits.h"
#include "io/files.h"
#include "io/hash.h"
#include "io/json_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace tl::runs {
namespace {

constexpr const char *kJournalFormat = "transferlab-label-journal-1";
constexpr const char *kSetAside = ".transferlab-set-aside";

std::string lowerAscii(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string csvCell(const std::string &s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string q = "\"";
    for (const char c : s)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string knownClass(const std::string &name, const std::vector<std::string> &classNames,
                       const std::string &origin, std::size_t line)
{
    for (const auto &c : classNames)
        if (c == name)
            return c;
    for (const auto &c : classNames)
        if (lowerAscii(c) == lowerAscii(name))
            return c;
    std::string known;
    for (const auto &c : classNames)
        known += (known.empty() ? "" : ", ") + c;
    throw fileError(origin, "line " + std::to_string(line) + ": '" + name +
                                "' is not a class of the data (" + known + ")");
}

// The action a row asks for, from its `fix`, or its `mark` and `suggested`.
void readAction(const std::string &fix, const std::string &mark, const std::string &suggested,
                const std::vector<std::string> &classNames, const std::string &origin, LabelFix &f)
{
    const std::string what = lowerAscii(fix.empty() ? mark : fix);
    if (what == "ambiguous") {
        f.action = FixAction::Ambiguous;
    } else if (what == "leave out" || what == "left out" || what == "exclude") {
        f.action = FixAction::LeaveOut;
    } else if (fix.empty() && what == "wrong label") {
        if (suggested.empty())
            throw fileError(origin, "line " + std::to_string(f.line) +
                                        ": 'wrong label' without a suggested class");
        f.newLabel = knownClass(suggested, classNames, origin, f.line);
    } else if (!fix.empty()) {
        f.newLabel = knownClass(fix, classNames, origin, f.line);
    } else {
        throw fileError(origin, "line " + std::to_string(f.line) + ": mark '" + mark +
                                    "' is not 'wrong label' or 'ambiguous'");
    }
}

std::string sha256(const std::string &path)
{
    return hashFile(path, HashKind::Sha256);
}

bool inside(const fs::path &file, const fs::path &root)
{
    const auto f = fs::weakly_canonical(file).lexically_normal();
    const auto r = fs::weakly_canonical(root).lexically_normal();
    const auto rel = f.lexically_relative(r);
    return !rel.empty() && *rel.begin() != "..";
}

// Where a fixed file goes: its class folder's sibling `newLabel`, or the set-aside folder.
fs::path destinationOf(const LabelFix &f, const fs::path &root)
{
    const fs::path file = fs::weakly_canonical(f.path);
    const fs::path base = fs::weakly_canonical(root);
    if (f.action != FixAction::Relabel) {
        const char *kind = f.action == FixAction::Ambiguous ? "ambiguous" : "left-out";
        return base / kSetAside / kind / file.lexically_relative(base);
    }
    for (fs::path dir = file.parent_path(); dir != base && dir.has_relative_path();
         dir = dir.parent_path())
        if (dir.filename() == f.label)
            return dir.parent_path() / f.newLabel / file.lexically_relative(dir);
    throw Error(f.path + ": not inside a folder named after its label '" + f.label + "'");
}

nlohmann::json readJournal(const std::string &path)
{
    nlohmann::json j = readJsonFile(path);
    if (!j.is_object() || j.value("format", "") != kJournalFormat)
        throw fileError(path, "not a TransferLab label journal (format " +
                                  std::string(kJournalFormat) + ")");
    return j;
}

void writeJournal(const std::string &path, const nlohmann::json &j)
{
    writeFileAtomic(path, j.dump(1) + "\n");
}

} // namespace

std::vector<LabelFix> parseLabelFixes(const std::vector<std::uint8_t> &csv,
                                      const std::string &origin,
                                      const std::vector<std::string> &classNames)
{
    std::map<std::string, std::size_t> col;
    std::vector<LabelFix> out;
    std::set<std::string> seen;
    forEachCsvRow(csv, origin, 64, [&](const std::vector<std::string> &cells, std::size_t line) {
        if (col.empty()) {
            for (std::size_t k = 0; k < cells.size(); ++k)
                col[lowerAscii(cells[k])] = k;
            if (!col.count("index") || !col.count("label") ||
                (!col.count("fix") && !col.count("mark")))
                throw fileError(origin, "line 1: expected a header with index, label and fix (or "
                                        "mark and suggested)");
            return true;
        }
        auto cell = [&](const char *name) {
            const auto it = col.find(name);
            return it != col.end() && it->second < cells.size() ? cells[it->second] : std::string();
        };
        if (cells.size() == 1 && cells[0].empty())
            return true;
        LabelFix f;
        f.line = line;
        f.index = csvInteger(cell("index"), origin, line, 0, std::int64_t(1) << 40);
        f.split = lowerAscii(cell("split"));
        if (f.split == "validation" || f.split == "valid")
            f.split = "val";
        if (!f.split.empty() && f.split != "train" && f.split != "val" && f.split != "test")
            throw fileError(origin, "line " + std::to_string(line) + ": split '" + cell("split") +
                                        "' is not train, val or test");
        f.path = cell("path");
        f.label = knownClass(cell("label"), classNames, origin, line);
        readAction(cell("fix"), cell("mark"), cell("suggested"), classNames, origin, f);
        if (f.action == FixAction::Relabel && f.newLabel == f.label)
            return true; // nothing to change
        // Without a path an image is its split and index (test image 5 is not training image 5).
        const std::string image = f.path.empty() ? (f.split.empty() ? "train" : f.split) +
                                                       " image " + std::to_string(f.index)
                                                 : f.path;
        if (!seen.insert(image).second)
            throw fileError(origin,
                            "line " + std::to_string(line) + ": " + image + " is listed twice");
        out.push_back(std::move(f));
        return true;
    });
    if (col.empty())
        throw fileError(origin, "empty: expected a header and one fix per line");
    return out;
}

std::vector<LabelFix> readLabelFixes(const std::string &path,
                                     const std::vector<std::string> &classNames)
{
    return parseLabelFixes(readFile(path, limits::kMaxCsvBytes), path, classNames);
}

void checkFixesAgainstData(const std::vector<LabelFix> &fixes, const data::DatasetSplits &data,
                           const std::string &origin)
{
    struct Image
    {
        const data::ImageStore *store;
        std::size_t row;
    };
    // By source index: the training split's images (training and validation rows share it),
    // and the test split's.
    std::map<std::int64_t, Image> trainVal, test;
    auto index = [](std::map<std::int64_t, Image> &to, const data::ImageStore &s) {
        for (std::size_t r = 0; r < s.size(); ++r)
            to[r < s.sourceIndex.size() ? s.sourceIndex[r] : std::int64_t(r)] = Image{&s, r};
    };
    index(trainVal, data.train);
    index(trainVal, data.val);
    index(test, data.test);
    for (const auto &f : fixes) {
        const std::string at = "line " + std::to_string(f.line) + ": " +
                               (f.split.empty() ? std::string("train") : f.split) + " image " +
                               std::to_string(f.index);
        const auto &images = f.split == "test" ? test : trainVal;
        const auto it = images.find(f.index);
        if (it == images.end())
            throw fileError(origin, at + " is not in the run's data");
        const data::ImageStore &s = *it->second.store;
        const std::size_t r = it->second.row;
        std::error_code ec;
        if (!f.path.empty() && !fs::exists(f.path, ec))
            throw fileError(origin, at + ": " + f.path +
                                        " is gone (moved by an earlier apply? `transferlab-cli "
                                        "labels undo` with its journal puts it back)");
        if (!f.path.empty() && r < s.sourcePaths.size() &&
            fs::weakly_canonical(f.path, ec) != fs::weakly_canonical(s.sourcePaths[r], ec))
            throw fileError(origin, at + " is " + s.sourcePaths[r] + ", not " + f.path +
                                        ": the index and the path name different images");
        const std::int64_t label = s.labels[r];
        const std::string now = label >= 0 && std::size_t(label) < s.classNames.size()
                                    ? s.classNames[std::size_t(label)]
                                    : std::to_string(label);
        if (!f.label.empty() && f.label != now)
            throw fileError(origin, at + " is labelled '" + now + "', not '" + f.label +
                                        "' (fixed already, or a list for other data?)");
    }
}

std::string labelOverridesCsv(const std::vector<LabelFix> &fixes, const std::string &basedOn)
{
    // One row per image: training and validation images share the training split's index.
    using Key = std::pair<bool, std::int64_t>; // (test, index)
    std::vector<std::pair<Key, std::string>> rows;
    std::map<Key, std::size_t> at;
    auto put = [&](const std::string &split, std::int64_t index, const std::string &label) {
        const Key key{split == "test", index};
        std::string row = split + ',' + std::to_string(index) + ',' + label + '\n';
        if (auto it = at.find(key); it != at.end())
            rows[it->second].second = std::move(row);
        else {
            at[key] = rows.size();
            rows.emplace_back(key, std::move(row));
        }
    };
    if (!basedOn.empty())
        for (const auto &o : data::readLabelOverrides(basedOn))
            put(o.split, o.index, o.exclude ? std::string("exclude") : csvCell(o.label));
    for (const auto &f : fixes)
        put(f.split.empty() ? std::string("train") : f.split, f.index,
            f.action == FixAction::Relabel ? csvCell(f.newLabel) : std::string("exclude"));
    std::string out = "split,index,label\n";
    for (const auto &r : rows)
        out += r.second;
    return out;
}

namespace {

// A fix whose file is gone because it was applied before: tl::Error saying so (returns when the
// file is not at the fix's destination either).
void alreadyMoved(const LabelFix &f, const std::string &root)
{
    fs::path to;
    try {
        to = destinationOf(f, root);
    } catch (const std::exception &) {
        return;
    }
    std::error_code ec;
    if (fs::is_regular_file(to, ec))
        throw Error(f.path + ": moved to " + to.string() +
                    " already (were these fixes applied before? `transferlab-cli labels undo` "
                    "with that apply's journal puts the files back)");
}

} // namespace

AppliedFixes applyFixesToFolder(const std::vector<LabelFix> &fixes, const std::string &root,
                                const std::string &journalPath)
{
    nlohmann::json moves = nlohmann::json::array(), created = nlohmann::json::array();
    std::set<std::string> targets;
    AppliedFixes a;
    for (const auto &f : fixes) {
        if (f.path.empty())
            throw Error("line " + std::to_string(f.line) +
                        ": no path: a folder dataset's fixes need the file (use --overrides)");
        std::error_code ec;
        if (!fs::is_regular_file(f.path, ec) || !inside(f.path, root)) {
            if (!fs::exists(f.path, ec) && inside(f.path, root))
                alreadyMoved(f, root);
            throw Error(f.path + ": not a file inside the dataset " + root);
        }
        // A name taken in the class folder (IMG_0001.jpg in every folder): NAME-2.EXT, -3, ...
        // (the journal records where each file went).
        const fs::path wanted = destinationOf(f, root);
        fs::path to = wanted;
        for (int n = 2; fs::exists(to, ec) || targets.count(to.string()); ++n) {
            if (n > 10000)
                throw Error(f.path + ": cannot move it to " + wanted.string() +
                            ": that name and 10,000 numbered ones are taken");
            to = wanted.parent_path() /
                 (wanted.stem().string() + "-" + std::to_string(n) + wanted.extension().string());
        }
        targets.insert(to.string());
        moves.push_back({{"from", fs::weakly_canonical(f.path).string()},
                         {"to", to.string()},
                         {"sha256", sha256(f.path)}});
        (f.action == FixAction::Relabel ? a.relabelled : a.setAside) += 1;
    }
    nlohmann::json journal = {{"format", kJournalFormat},
                              {"kind", "folder"},
                              {"root", root},
                              {"moves", moves},
                              {"created", created}};
    writeJournal(journalPath, journal); // before anything moves: an interrupted apply undoes
    for (const auto &m : moves) {
        const fs::path to = m["to"].get<std::string>();
        std::vector<fs::path> missing;
        for (fs::path d = to.parent_path(); !fs::exists(d); d = d.parent_path())
            missing.push_back(d);
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
            fs::create_directory(*it);
            journal["created"].push_back(it->string());
        }
        if (!missing.empty())
            writeJournal(journalPath, journal);
        fs::rename(m["from"].get<std::string>(), to);
        ++a.moved;
    }
    a.journal = journalPath;
    if (a.setAside > 0)
        a.setAsideIn = (fs::weakly_canonical(root) / kSetAside).string();
    return a;
}

AppliedFixes applyFixesToCsv(const std::vector<LabelFix> &fixes, const std::string &csvPath,
                             const std::string &journalPath)
{
    const Bytes data = readFile(csvPath, limits::kMaxCsvBytes);
    const std::string text(data.begin(), data.end());
    std::vector<std::string> lines;
    for (std::size_t at = 0; at <= text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    const fs::path base = fs::path(csvPath).parent_path();
    std::map<std::string, const LabelFix *> byPath;
    for (const auto &f : fixes)
        byPath[fs::weakly_canonical(f.path).string()] = &f;
    AppliedFixes a;
    std::set<std::string> found;
    forEachCsvRow(data, csvPath, 8, [&](const std::vector<std::string> &cells, std::size_t line) {
        if (cells.size() < 2 || line > lines.size())
            return true;
        const auto it = byPath.find(fs::weakly_canonical(base / cells[0]).string());
        if (it == byPath.end())
            return true;
        found.insert(it->first);
        const LabelFix &f = *it->second;
        if (f.action == FixAction::Relabel) {
            std::string row = csvCell(cells[0]) + "," + csvCell(f.newLabel);
            for (std::size_t k = 2; k < cells.size(); ++k)
                row += "," + csvCell(cells[k]);
            lines[line - 1] =
                row + (lines[line - 1].size() && lines[line - 1].back() == '\r' ? "\r" : "");
            ++a.relabelled;
        } else {
            lines[line - 1] = std::string(1, '\0'); // removed below
            ++a.setAside;
        }
        return true;
    });
    for (const auto &f : fixes)
        if (!found.count(fs::weakly_canonical(f.path).string()))
            throw Error(f.path + ": not listed in " + csvPath);
    std::string out;
    for (std::size_t k = 0; k < lines.size(); ++k)
        if (lines[k] != std::string(1, '\0'))
            out += lines[k] + (k + 1 < lines.size() ? "\n" : "");
    const std::string backup = journalPath + ".before.csv";
    writeFileAtomic(backup, text);
    nlohmann::json journal = {{"format", kJournalFormat},
                              {"kind", "csv"},
                              {"csv", {{"file", csvPath}, {"backup", backup}}}};
    writeJournal(journalPath, journal);
    writeFileAtomic(csvPath, out);
    journal["csv"]["sha256_after"] = sha256(csvPath);
    writeJournal(journalPath, journal);
    a.journal = journalPath;
    return a;
}

std::string undoLabelFixes(const std::string &journalPath, std::size_t *leftAlone)
{
    nlohmann::json j = readJournal(journalPath);
    if (j.value("undone", false))
        return journalPath + " was undone already: nothing to do";
    std::size_t back = 0;
    std::vector<std::string> refused;
    if (j.value("kind", "") == "csv") {
        const auto &c = j["csv"];
        const std::string file =
            jsonAs<std::string>(c.value("file", nlohmann::json()), journalPath, "csv.file");
        const std::string backup =
            jsonAs<std::string>(c.value("backup", nlohmann::json()), journalPath, "csv.backup");
        if (c.contains("sha256_after") && sha256(file) != c["sha256_after"].get<std::string>())
            throw fileError(file, "changed since the fixes were applied: not restored (the "
                                  "original is kept in " +
                                      backup + ")");
        const Bytes original = readFile(backup, limits::kMaxCsvBytes);
        writeFileAtomic(file, std::string(original.begin(), original.end()));
        fs::remove(backup);
        back = 1;
    } else {
        const auto &moves = j.value("moves", nlohmann::json::array());
        for (auto it = moves.rbegin(); it != moves.rend(); ++it) {
            const std::string from = jsonAs<std::string>((*it)["from"], journalPath, "from");
            const std::string to = jsonAs<std::string>((*it)["to"], journalPath, "to");
            std::error_code ec;
            if (!fs::exists(to, ec) && fs::exists(from, ec))
                continue; // never moved (an interrupted apply)
            if (fs::exists(from, ec) || sha256(to) != (*it).value("sha256", "")) {
                refused.push_back(to);
                continue;
            }
            fs::create_directories(fs::path(from).parent_path());
            fs::rename(to, from);
            ++back;
        }
        const auto &created = j.value("created", nlohmann::json::array());
        for (auto it = created.rbegin(); it != created.rend(); ++it) {
            std::error_code ec;
            if (it->is_string() && fs::is_empty(it->get<std::string>(), ec))
                fs::remove(it->get<std::string>(), ec);
        }
    }
    j["undone"] = refused.empty();
    writeJournal(journalPath, j);
    if (leftAlone)
        *leftAlone = refused.size();
    std::string said = journalPath + ": " + std::to_string(back) + " file(s) put back";
    if (!refused.empty())
        said += "; left alone, changed or in the way since: " + refused.front() +
                (refused.size() > 1 ? " and " + std::to_string(refused.size() - 1) + " more" : "");
    return said;
}

} // namespace tl::runs
