#include "data/image_folder.h"

#include "io/csv.h"
#include "data/splits.h"
#include "base/error.h"
#include "io/file_limits.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

namespace fs = std::filesystem;

namespace tl::data {

bool hasImageExtension(const std::string &path)
{
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    static const char *known[] = {".jpg", ".jpeg", ".jpe",  ".png",  ".bmp",  ".dib",
                                  ".tif", ".tiff", ".webp", ".pgm",  ".ppm",  ".pbm",
                                  ".pnm", ".pxm",  ".sr",   ".ras",  ".jp2",  ".exr",
                                  ".hdr", ".pic",  ".gif",  ".heic", ".heif", ".avif"};
    return std::any_of(std::begin(known), std::end(known), [&](const char *k) { return ext == k; });
}

namespace {

struct Listing
{
    std::string root;
    std::vector<std::string> classNames;
    std::vector<std::string> classOrigins; // the folder (or CSV label) each class came from
    std::vector<std::string> files;
    std::vector<std::int64_t> labels;
};

bool hidden(const fs::path &p)
{
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

// The image-named files under `dir`, sorted; hidden files and folders are passed over and folder
// symlinks not followed (recursive_directory_iterator's default), so a loop ends.
std::vector<std::string> listImages(const fs::path &dir)
{
    std::vector<std::string> files;
    const auto options = fs::directory_options::skip_permission_denied;
    for (auto it = fs::recursive_directory_iterator(dir, options);
         it != fs::recursive_directory_iterator(); ++it) {
        if (hidden(it->path())) {
            if (it->is_directory())
                it.disable_recursion_pending();
            continue;
        }
        std::error_code ec;
        if (it->is_regular_file(ec) && hasImageExtension(it->path().string()))
            files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// checkImageFile on every file (on a few threads: a cold disk answers faster to several
// requests); the files that fail move to `skipped`, the others keep their order.
void dropBadFiles(Listing &l, std::vector<SkippedFile> &skipped)
{
    std::vector<std::optional<SkippedFile>> why(l.files.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < l.files.size(); i = next++)
            why[i] = checkImageFile(l.files[i]);
    };
    const unsigned n = std::max(1u, std::min(8u, std::thread::hardware_concurrency() * 2));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < n && l.files.size() > 64; ++t)
        threads.emplace_back(work);
    work();
    for (auto &t : threads)
        t.join();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < l.files.size(); ++i) {
        if (why[i]) {
            skipped.push_back(std::move(*why[i]));
            continue;
        }
        if (kept != i) {
            l.files[kept] = std::move(l.files[i]);
            l.labels[kept] = l.labels[i];
        }
        ++kept;
    }
    l.files.resize(kept);
    l.labels.resize(kept);
}

// tl::Error naming the class (its folder) that has no usable image, or the dataset when none.
void requireImages(const Listing &l, std::size_t listed, const std::vector<SkippedFile> &skipped)
{
    if (l.files.empty())
        throw fileError(l.root, "no usable image" +
                                    (listed ? ": " + skippedSummary(skipped, listed, "") : ""));
    std::vector<std::size_t> counts(l.classNames.size(), 0);
    for (const auto label : l.labels)
        ++counts[std::size_t(label)];
    for (std::size_t c = 0; c < counts.size(); ++c) {
        if (counts[c] != 0)
            continue;
        // Name what was left out of it (a folder class: the files under its folder).
        std::string why;
        int named = 0;
        for (const auto &s : skipped)
            if (named < 3 && s.path.rfind(l.classOrigins[c] + "/", 0) == 0)
                why += std::string(named++ ? "; " : ": ") + s.path + " " + s.reason + " (" +
                       s.detail + ")";
        if (why.empty() && !skipped.empty())
            why = " (files were skipped)";
        throw fileError(l.classOrigins[c],
                        "class '" + l.classNames[c] + "' holds no images it can use" + why);
    }
}

Listing listClassFolders(const fs::path &root, const std::vector<std::string> *expectedClasses,
                         std::size_t &listed)
{
    Listing l;
    l.root = root.string();
    std::vector<fs::path> dirs;
    for (const auto &e : fs::directory_iterator(root)) {
        std::error_code ec;
        if (e.is_directory(ec) && !hidden(e.path()))
            dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    if (dirs.size() > std::size_t(limits::kMaxClasses))
        throw limitError(root.string(), "the number of class folders", dirs.size(),
                         std::uint64_t(limits::kMaxClasses));
    if (dirs.empty())
        throw fileError(root.string(), "holds no class folders (expected one subfolder per class)");
    for (const auto &d : dirs) {
        l.classNames.push_back(d.filename().string());
        l.classOrigins.push_back(d.string());
    }
    if (expectedClasses && *expectedClasses != l.classNames)
        throw fileError(root.string(), "its class folders differ from those of the train folder");
    for (std::size_t c = 0; c < dirs.size(); ++c) {
        std::vector<std::string> files = listImages(dirs[c]);
        if (files.empty())
            throw fileError(dirs[c].string(), "class folder holds no images");
        listed += files.size();
        for (auto &f : files) {
            l.files.push_back(std::move(f));
            l.labels.push_back(static_cast<std::int64_t>(c));
        }
    }
    return l;
}

Listing listChecked(const fs::path &root, const std::vector<std::string> *expectedClasses,
                    FileDataset &out)
{
    try {
        std::size_t listed = 0;
        Listing l = listClassFolders(root, expectedClasses, listed);
        const std::size_t before = out.skipped.size();
        dropBadFiles(l, out.skipped);
        out.files += listed;
        requireImages(l, listed,
                      std::vector<SkippedFile>(out.skipped.begin() + std::ptrdiff_t(before),
                                               out.skipped.end()));
        return l;
    } catch (const fs::filesystem_error &e) {
        throw fileError(e.path1().empty() ? root.string() : e.path1().string(),
                        "cannot list: " + e.code().message());
    }
}

ImageStore streamedStore(const Listing &l, const FileDataset &out, int size)
{
    ImageStore s;
    s.height = s.width = size;
    s.channels = 3;
    s.classNames = l.classNames;
    s.labels = l.labels;
    s.sourceIndex.resize(l.files.size());
    for (std::size_t i = 0; i < s.sourceIndex.size(); ++i)
        s.sourceIndex[i] = std::int64_t(i);
    s.sourcePaths = l.files;
    s.files = out.images;
    return s;
}

void holdOutTest(FileDataset &out, const ImageFolderOptions &options)
{
    const auto [keep, held] = stratifiedSplit(out.train.labels, out.train.numClasses(),
                                              options.testFraction, options.seed);
    ImageStore all = std::move(out.train);
    out.train = all.subset(keep);
    out.test = all.subset(held);
}

int shownSize(const ImageFolderOptions &o)
{
    return o.imageSize > 0 ? o.imageSize : kDefaultStreamedSize;
}

} // namespace

FileDataset readImageFolder(const std::string &rootPath, const ImageFolderOptions &options)
{
    const fs::path root(rootPath);
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw fileError(rootPath, "no such folder");
    FileDataset out;
    out.images = std::make_shared<ImageFiles>(options.cacheBytes);
    const int size = shownSize(options);
    const fs::path trainDir = root / "train";
    if (fs::is_directory(trainDir, ec)) {
        const Listing train = listChecked(trainDir, nullptr, out);
        out.train = streamedStore(train, out, size);
        for (const char *name : {"test", "val"}) {
            if (fs::is_directory(root / name, ec)) {
                out.test =
                    streamedStore(listChecked(root / name, &train.classNames, out), out, size);
                return out;
            }
        }
        holdOutTest(out, options);
        return out;
    }
    out.train = streamedStore(listChecked(root, nullptr, out), out, size);
    holdOutTest(out, options);
    return out;
}

std::vector<ImageCsvRow> parseImageCsv(const Bytes &data, const std::string &origin)
{
    std::vector<ImageCsvRow> rows;
    std::map<std::string, std::size_t> seen;
    auto lower = [](std::string t) {
        for (auto &ch : t)
            ch = char(std::tolower(static_cast<unsigned char>(ch)));
        return t;
    };
    auto trim = [](std::string t) {
        const auto b = t.find_first_not_of(" \t\r");
        const auto e = t.find_last_not_of(" \t\r");
        return b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
    };
    forEachCsvRow(data, origin, 3, [&](const std::vector<std::string> &raw, std::size_t line) {
        std::vector<std::string> cells;
        for (const auto &c : raw)
            cells.push_back(trim(c));
        const auto where = [&] { return "line " + std::to_string(line) + ": "; };
        if (cells.empty() || (cells.size() == 1 && cells[0].empty()))
            return true; // a blank line
        if (rows.empty() && seen.empty() && line == 1) {
            static const std::set<std::string> pathNames = {
                "path", "file", "filename", "file_name", "image", "image_path", "filepath", "id"};
            if (pathNames.count(lower(cells[0])))
                return true; // the header
        }
        if (cells.size() < 2)
            throw fileError(origin, where() + "expected path,label[,split], found " +
                                        std::to_string(cells.size()) + " column");
        ImageCsvRow r;
        r.line = line;
        r.path = cells[0];
        r.label = cells[1];
        r.split = cells.size() > 2 ? lower(cells[2]) : "";
        if (r.path.empty())
            throw fileError(origin, where() + "the path is empty");
        if (r.path.find('\0') != std::string::npos)
            throw fileError(origin, where() + "the path holds a NUL byte");
        if (r.label.empty())
            throw fileError(origin, where() + "the label of '" + r.path + "' is empty");
        if (r.split.empty() || r.split == "train")
            r.split = "train";
        else if (r.split == "val" || r.split == "valid" || r.split == "validation")
            r.split = "val";
        else if (r.split != "test")
            throw fileError(origin, where() + "split '" + cells[2] + "' is not train, val or test");
        const auto [it, fresh] = seen.emplace(r.path, line);
        if (!fresh)
            throw fileError(origin, where() + "'" + r.path + "' is listed twice (also line " +
                                        std::to_string(it->second) + ")");
        rows.push_back(std::move(r));
        return true;
    });
    if (rows.empty())
        throw fileError(origin, "lists no images (expected lines of path,label[,split])");
    return rows;
}

FileDataset readImageCsv(const std::string &csvPath, const ImageFolderOptions &options)
{
    std::error_code ec;
    if (!fs::is_regular_file(csvPath, ec))
        throw fileError(csvPath, "no such file");
    const std::vector<ImageCsvRow> rows =
        parseImageCsv(readFile(csvPath, limits::kMaxCsvBytes), csvPath);
    const fs::path base = fs::path(csvPath).parent_path();
    std::set<std::string> labelSet;
    for (const auto &r : rows)
        labelSet.insert(r.label);
    if (labelSet.size() > std::size_t(limits::kMaxClasses))
        throw limitError(csvPath, "the number of labels", labelSet.size(),
                         std::uint64_t(limits::kMaxClasses));
    const std::vector<std::string> classes(labelSet.begin(), labelSet.end());
    std::map<std::string, std::int64_t> labelOf;
    for (std::size_t i = 0; i < classes.size(); ++i)
        labelOf[classes[i]] = std::int64_t(i);

    FileDataset out;
    out.images = std::make_shared<ImageFiles>(options.cacheBytes);
    out.files = rows.size();
    std::map<std::string, Listing> bySplit;
    for (const char *split : {"train", "val", "test"}) {
        Listing &l = bySplit[split];
        l.root = csvPath + " (" + split + " rows)";
        l.classNames = classes;
        for (const auto &c : classes)
            l.classOrigins.push_back(csvPath + ": label '" + c + "'");
    }
    for (const auto &r : rows) {
        const fs::path p(r.path);
        Listing &l = bySplit[r.split];
        l.files.push_back((p.is_absolute() ? p : base / p).lexically_normal().string());
        l.labels.push_back(labelOf[r.label]);
    }
    for (auto &[split, l] : bySplit)
        dropBadFiles(l, out.skipped);
    const int size = shownSize(options);
    Listing &train = bySplit["train"], &val = bySplit["val"], &test = bySplit["test"];
    if (train.files.empty() && !out.skipped.empty())
        train.root = csvPath;
    requireImages(train, rows.size(), out.skipped);
    out.train = streamedStore(train, out, size);
    if (!test.files.empty()) {
        out.test = streamedStore(test, out, size);
        if (!val.files.empty()) {
            out.val = streamedStore(val, out, size);
            out.hasVal = true;
        }
    } else if (!val.files.empty()) {
        out.test = streamedStore(val, out, size);
    } else {
        holdOutTest(out, options);
    }
    return out;
}

} // namespace tl::data
