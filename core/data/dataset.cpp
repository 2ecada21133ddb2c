#include "data/dataset.h"

#include "base/error.h"
#include "data/cifar_reader.h"
#include "data/idx_reader.h"
#include "data/image_folder.h"
#include "data/label_overrides.h"
#include "data/splits.h"
#include "io/files.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <unordered_map>

namespace fs = std::filesystem;

namespace tl::data {

namespace {

const char *kDebianFashionMnist = "/usr/share/datasets/fashion-mnist";

struct IdxFile
{
    std::string name, md5;
    std::int64_t size;
};

std::vector<RemoteFile> idxFiles(const std::vector<std::string> &mirrors,
                                 const std::vector<IdxFile> &files)
{
    std::vector<RemoteFile> out;
    for (const auto &[name, md5, size] : files) {
        RemoteFile f;
        f.fileName = name;
        f.md5 = md5;
        f.size = size;
        for (const auto &m : mirrors)
            f.urls.push_back(m + name);
        out.push_back(f);
    }
    return out;
}

std::string baseOf(const std::string &url)
{
    return url.substr(0, url.rfind('/') + 1);
}

} // namespace

const std::vector<DatasetInfo> &datasetCatalog()
{
    // Addresses and checksums as published by the datasets' authors (and used by torchvision).
    static const std::vector<DatasetInfo> catalog = {
        {"fashion-mnist", "Fashion-MNIST",
         "70,000 28x28 grayscale images of clothing in 10 classes (Zalando)",
         idxFiles({"http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"},
                  {{"train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", 26421880},
                   {"train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", 29515},
                   {"t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", 4422102},
                   {"t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", 5148}})},
        {"mnist", "MNIST", "70,000 28x28 grayscale handwritten digits",
         idxFiles({"https://ossci-datasets.s3.amazonaws.com/mnist/",
                   "http://yann.lecun.com/exdb/mnist/"},
                  {{"train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422},
                   {"train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", 28881},
                   {"t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", 1648877},
                   {"t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", 4542}})},
        {"cifar10",
         "CIFAR-10",
         "60,000 32x32 colour images in 10 classes",
         {{"cifar-10-binary.tar.gz",
           {"https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"},
           "c32a1d4ab5d03f1284b67883e8d87530",
           "",
           170052171}}},
        {"cifar100",
         "CIFAR-100",
         "60,000 32x32 colour images in 100 fine classes",
         {{"cifar-100-binary.tar.gz",
           {"https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"},
           "03b5dce01913d631647c71ecec9e9cb8",
           "",
           168513733}}},
        {"cifar100-coarse",
         "CIFAR-100 (20 superclasses)",
         "CIFAR-100 labelled with its 20 coarse superclasses",
         {{"cifar-100-binary.tar.gz",
           {"https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"},
           "03b5dce01913d631647c71ecec9e9cb8",
           "",
           168513733}}},
        {"folder", "Image folder", "your own images: one subfolder per class", {}},
        {"csv",
         "Images listed in a CSV file",
         "your own images: a CSV file of path,label[,split] lines, paths relative to it",
         {}},
    };
    return catalog;
}

const DatasetInfo &datasetInfo(const std::string &name)
{
    std::string known;
    for (const auto &d : datasetCatalog()) {
        if (d.name == name)
            return d;
        known += (known.empty() ? "" : ", ") + d.name;
    }
    throw Error("unknown dataset '" + name + "' (known: " + known + ")");
}

std::string datasetCacheFolder(const std::string &name)
{
    // Both CIFAR-100 label sets share one download.
    const std::string folder = name == "cifar100-coarse" ? "cifar100" : name;
    return (fs::path(xdgCacheHome()) / "transferlab" / "datasets" / folder).string();
}

std::string downloadDataset(const std::string &name, const std::string &mirror,
                            const DownloadProgressFn &progress, int stallSeconds)
{
    const DatasetInfo &info = datasetInfo(name);
    if (info.files.empty())
        throw Error("dataset '" + name + "' has nothing to download");
    const std::string folder = datasetCacheFolder(name);
    for (RemoteFile f : info.files) {
        if (!mirror.empty()) {
            std::string base = mirror;
            if (base.back() != '/')
                base += '/';
            for (auto &u : f.urls)
                u = base + u.substr(baseOf(u).size());
        }
        DownloadLimits limits = DownloadLimits::forFile(f);
        if (stallSeconds > 0)
            limits.stallSeconds = stallSeconds;
        downloadFile(f, folder, progress, &limits);
    }
    return folder;
}

static std::string locate(const DatasetOptions &o, const DownloadProgressFn &progress)
{
    if (!o.root.empty())
        return o.root;
    std::error_code ec;
    if (o.name == "fashion-mnist" && fs::is_directory(kDebianFashionMnist, ec))
        return kDebianFashionMnist;
    const DatasetInfo &info = datasetInfo(o.name);
    if (info.files.empty())
        throw Error(o.name == "csv" ? "dataset 'csv' needs its CSV file (--data-root FILE.csv)"
                                    : "dataset 'folder' needs a root folder (--data-root)");
    const std::string cache = datasetCacheFolder(o.name);
    bool complete = true;
    for (const auto &f : info.files)
        complete = complete && fs::exists(fs::path(cache) / f.fileName, ec);
    if (complete)
        return cache;
    if (o.download)
        return downloadDataset(o.name, o.mirror, progress);
    std::string hint = "pass --download to fetch it";
    if (o.name == "fashion-mnist")
        hint = "install Debian's dataset-fashion-mnist package or pass --download";
    throw Error(info.title + " not found (looked in " + cache + "); " + hint +
                ", or --data-root FOLDER");
}

std::vector<std::size_t> resolveClasses(const std::vector<std::string> &wanted,
                                        const std::vector<std::string> &names)
{
    auto lower = [](std::string t) {
        for (auto &ch : t)
            ch = char(std::tolower(static_cast<unsigned char>(ch)));
        return t;
    };
    auto known = [&] {
        std::string k;
        for (std::size_t i = 0; i < names.size() && i < 20; ++i)
            k += (i ? ", " : "") + std::to_string(i) + " " + names[i];
        return k + (names.size() > 20 ? ", ..." : "");
    };
    std::vector<std::size_t> out;
    for (const std::string &w : wanted) {
        std::size_t index = names.size();
        const bool digits =
            !w.empty() && w.size() <= 6 && std::all_of(w.begin(), w.end(), [](char ch) {
                return std::isdigit(static_cast<unsigned char>(ch));
            });
        for (std::size_t i = 0; i < names.size() && index == names.size(); ++i)
            if (lower(names[i]) == lower(w))
                index = i; // a name first: a folder's class may be called "3"
        if (index == names.size() && digits && std::stoul(w) < names.size())
            index = std::stoul(w);
        if (index == names.size())
            throw Error("unknown class '" + w + "' (the classes: " + known() + ")");
        if (std::find(out.begin(), out.end(), index) != out.end())
            throw Error("class '" + names[index] + "' is named twice");
        out.push_back(index);
    }
    if (out.size() == 1)
        throw Error("a classifier needs at least 2 classes; only '" + names[out[0]] +
                    "' was chosen");
    return out;
}

namespace {

// The images of the classes `keep` (indices into store.classNames), relabelled 0..k-1.
ImageStore keepClasses(const ImageStore &store, const std::vector<std::size_t> &keep)
{
    std::vector<std::int64_t> newLabel(store.classNames.size(), -1);
    for (std::size_t i = 0; i < keep.size(); ++i)
        newLabel[keep[i]] = std::int64_t(i);
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < store.size(); ++i) {
        const auto l = store.labels[i];
        if (l >= 0 && std::size_t(l) < newLabel.size() && newLabel[std::size_t(l)] >= 0)
            rows.push_back(i);
    }
    ImageStore out = store.subset(rows);
    for (auto &l : out.labels)
        l = newLabel[std::size_t(l)];
    out.classNames.clear();
    for (const std::size_t k : keep)
        out.classNames.push_back(store.classNames[k]);
    return out;
}

// tl::Error naming `source` for an index of data.exclude (training images left out) that the
// training split does not have.
void checkExcluded(const ImageStore &store, const std::vector<std::int64_t> &exclude,
                   const std::string &source)
{
    if (exclude.empty())
        return;
    // Source indices run to the split's size, or further in a folder whose test images were
    // held out of one listing.
    std::size_t bound = store.size();
    for (const std::int64_t index : store.sourceIndex)
        bound = std::max(bound, std::size_t(std::max<std::int64_t>(index, 0)) + 1);
    for (const std::int64_t i : exclude)
        if (i < 0 || std::uint64_t(i) >= bound)
            throw fileError(source, "data.exclude: image " + std::to_string(i) +
                                        " is not in the training set (0.." +
                                        std::to_string(bound - 1) + ")");
}

ImageStore withoutImages(const ImageStore &store, const std::vector<char> &drop)
{
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < store.size(); ++r) {
        const std::int64_t index =
            r < store.sourceIndex.size() ? store.sourceIndex[r] : std::int64_t(r);
        if (index < 0 || std::uint64_t(index) >= drop.size() || !drop[std::size_t(index)])
            rows.push_back(r);
    }
    return store.subset(rows);
}

// What a dataset's source holds: training and test images, and a CSV's own validation rows.
struct SourceSplits
{
    TrainTest tt;
    ImageStore listedVal;
    bool hasListedVal = false;
};

// What data.exclude and the overrides do to a split, by source index: the images left out and
// the new labels (class names).
struct SplitChanges
{
    std::vector<std::int64_t> left;
    std::unordered_map<std::int64_t, std::string> relabel;
};

// Per split: the training split's (data.exclude and the overrides' train and val lines; a
// held-out validation image keeps its training index), a CSV's own validation rows', the test
// split's.
struct DataChanges
{
    SplitChanges train, val, test;
};

// A flag per source index up to the largest of `indices` (checked by the caller).
std::vector<char> dropFlags(const std::vector<std::int64_t> &indices)
{
    std::vector<char> drop(
        indices.empty() ? 0 : std::size_t(*std::max_element(indices.begin(), indices.end())) + 1,
        0);
    for (const std::int64_t i : indices)
        drop[std::size_t(i)] = 1;
    return drop;
}

// The overrides, checked against the whole source and collected into `changes`: test lines for
// the test split, val lines for a CSV's own validation rows when it lists some, train and val
// lines for the training split otherwise. tl::Error naming `file` and the line for an index its
// split does not have, a class the data does not have, or an image named twice (as train and as
// val: the same training image).
void collectLabelOverrides(const std::vector<LabelOverride> &overrides, const std::string &file,
                           const SourceSplits &src, DataChanges &changes)
{
    struct Target
    {
        const ImageStore *store;
        const char *what;
        SplitChanges *changes;
        std::unordered_map<std::int64_t, std::size_t> rowOf;
        std::unordered_map<std::int64_t, std::size_t> named; // index -> line
    };
    Target train{&src.tt.train, "training set", &changes.train, {}, {}};
    Target test{&src.tt.test, "test set", &changes.test, {}, {}};
    Target val{&src.listedVal, "validation rows", &changes.val, {}, {}};
    for (Target *t : {&train, &test, &val})
        for (std::size_t r = 0; r < t->store->size(); ++r)
            t->rowOf[r < t->store->sourceIndex.size() ? t->store->sourceIndex[r]
                                                      : std::int64_t(r)] = r;
    for (const LabelOverride &o : overrides) {
        Target &t = o.split == "test" ? test : o.split == "val" && src.hasListedVal ? val : train;
        const std::string at =
            "line " + std::to_string(o.line) + ": " + o.split + " image " + std::to_string(o.index);
        const auto row = t.rowOf.find(o.index);
        if (row == t.rowOf.end())
            throw fileError(file, at + " is not in the " + t.what + " (" +
                                      std::to_string(t.store->size()) + " images)");
        const auto [earlier, fresh] = t.named.emplace(o.index, o.line);
        if (!fresh)
            throw fileError(file, at + " is the image of line " + std::to_string(earlier->second) +
                                      " too (a validation image is a training image held out)");
        if (o.exclude) {
            t.changes->left.push_back(o.index);
            continue;
        }
        const auto &names = t.store->classNames;
        if (std::find(names.begin(), names.end(), o.label) == names.end())
            throw fileError(file, at + ": '" + o.label + "' is not a class of the data");
        t.changes->relabel[o.index] = o.label;
    }
}

// The new labels on the images a split drew: its subsets were drawn with the old labels, so it
// holds the images it held without the overrides. An image relabelled as a class that
// data.classes leaves out is left out with that class.
void relabel(ImageStore &store, SplitChanges &c)
{
    for (std::size_t r = 0; r < store.size() && !c.relabel.empty(); ++r) {
        const std::int64_t index =
            r < store.sourceIndex.size() ? store.sourceIndex[r] : std::int64_t(r);
        const auto it = c.relabel.find(index);
        if (it == c.relabel.end())
            continue;
        const auto &names = store.classNames;
        const auto cls = std::find(names.begin(), names.end(), it->second);
        if (cls == names.end())
            c.left.push_back(index);
        else
            store.labels[r] = std::int64_t(cls - names.begin());
    }
}

// Reads the dataset `o.name` from `source` (its file or folder); a folder's or CSV's skipped
// files and counts go to `out`.
SourceSplits readSource(const DatasetOptions &o, const std::string &source, DatasetSplits &out)
{
    SourceSplits r;
    TrainTest &tt = r.tt;
    if (o.name == "fashion-mnist" || o.name == "mnist") {
        const auto &names = o.name == "mnist" ? mnistClassNames() : fashionMnistClassNames();
        tt.train = readIdxFolder(source, "train", names);
        tt.test = readIdxFolder(source, "t10k", names);
    } else if (o.name == "cifar10" || o.name == "cifar100" || o.name == "cifar100-coarse") {
        const auto variant = o.name == "cifar10"    ? CifarVariant::Cifar10
                             : o.name == "cifar100" ? CifarVariant::Cifar100Fine
                                                    : CifarVariant::Cifar100Coarse;
        std::string path = source;
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            // The cache folder holds the archive; a user's folder holds the extracted files.
            for (const auto &f : datasetInfo(o.name).files)
                if (fs::exists(fs::path(path) / f.fileName, ec) &&
                    !fs::exists(fs::path(path) / (variant == CifarVariant::Cifar10
                                                      ? "cifar-10-batches-bin"
                                                      : "cifar-100-binary"),
                                ec))
                    path = (fs::path(path) / f.fileName).string();
        }
        tt = readCifar(path, variant);
    } else if (o.name == "folder" || o.name == "csv") {
        ImageFolderOptions fo;
        fo.imageSize = o.imageSize;
        fo.seed = o.seed;
        fo.cacheBytes = std::uint64_t(std::max(o.cacheMiB, 0)) << 20;
        FileDataset fd =
            o.name == "folder" ? readImageFolder(source, fo) : readImageCsv(source, fo);
        tt.train = std::move(fd.train);
        tt.test = std::move(fd.test);
        r.listedVal = std::move(fd.val);
        r.hasListedVal = fd.hasVal;
        out.skipped = std::move(fd.skipped);
        out.filesListed = fd.files;
        out.images = fd.images;
    } else {
        datasetInfo(o.name); // throws with the list of names
    }

    return r;
}

// The validation images: a CSV's own, else `o.valSplit` of the training images (every class's
// share for folders and CSV files, the last fraction otherwise); `out.train` gets the rest.
void splitValidation(const DatasetOptions &o, ImageStore train, SourceSplits &src,
                     DatasetSplits &out)
{
    if (src.hasListedVal) {
        out.val = std::move(src.listedVal);
        out.train = std::move(train);
    } else if (o.valSplit > 0.0 && train.streamed()) {
        // A folder or CSV lists its files class by class: the last fraction would be the last
        // class alone (a validation accuracy of 0 % beside a training accuracy of 37 %). Every
        // class gives the same share, chosen with the seed, as torchvision users split theirs.
        if (!(o.valSplit < 1.0))
            throw Error("validation split must be in [0, 1), got " + std::to_string(o.valSplit));
        const auto [kept, held] =
            stratifiedSplit(train.labels, train.numClasses(), o.valSplit, o.seed ^ 0x7a11dULL);
        out.val = train.subset(held);
        out.train = train.subset(kept);
    } else if (o.valSplit > 0.0) {
        // Keras' validation_split: the last fraction of the (shuffled) training set.
        const auto [head, tail] = tailSplit(train.size(), o.valSplit);
        out.val = train.subset(tail);
        out.train = train.subset(head);
    } else {
        out.train = std::move(train);
        out.val = out.train.subset({});
    }
}

} // namespace

DatasetSplits loadDataset(const DatasetOptions &o, const DownloadProgressFn &progress)
{
    DatasetSplits out;
    out.name = o.name;
    out.options = o;
    const std::string source = locate(o, progress);
    out.source = source;
    SourceSplits src = readSource(o, source, out);
    TrainTest &tt = src.tt;

    // Checked against the whole training split; applied last, so that leaving images out changes
    // nothing else (the same subset, the same validation images).
    DataChanges changes;
    changes.train.left = o.exclude;
    checkExcluded(tt.train, o.exclude, source);
    if (!o.labelOverrides.empty()) {
        collectLabelOverrides(readLabelOverrides(o.labelOverrides), o.labelOverrides, src, changes);
        const std::size_t relabelled =
            changes.train.relabel.size() + changes.val.relabel.size() + changes.test.relabel.size();
        const std::size_t left = changes.train.left.size() - o.exclude.size() +
                                 changes.val.left.size() + changes.test.left.size();
        const std::size_t tests = changes.test.relabel.size() + changes.test.left.size();
        out.overridesNote = "; label overrides from " + o.labelOverrides + ": " +
                            std::to_string(relabelled) + " relabelled, " + std::to_string(left) +
                            " left out" +
                            (tests ? " (" + std::to_string(tests) + " of them test images)" : "");
    }
    out.allClassNames = tt.train.classNames;
    if (!o.classes.empty()) {
        std::vector<std::size_t> keep;
        try {
            keep = resolveClasses(o.classes, tt.train.classNames);
        } catch (const Error &e) {
            throw fileError(source, std::string("data.classes: ") + e.what());
        }
        tt.train = keepClasses(tt.train, keep);
        tt.test = keepClasses(tt.test, keep);
        if (src.hasListedVal)
            src.listedVal = keepClasses(src.listedVal, keep);
    }
    if (o.perClass > 0 && o.trainFraction < 1.0)
        tt.train = tt.train.subset(
            stratifiedSubset(tt.train.labels, tt.train.numClasses(), o.trainFraction, o.seed));
    if (o.perClass > 0) {
        try {
            tt.train = tt.train.subset(
                perClassSubset(tt.train.labels, tt.train.classNames, o.perClass, o.seed));
        } catch (const Error &e) {
            throw fileError(source, e.what());
        }
    }
    ImageStore train = o.trainFraction < 1.0 && o.perClass <= 0
                           ? tt.train.subset(stratifiedSubset(
                                 tt.train.labels, tt.train.numClasses(), o.trainFraction, o.seed))
                           : std::move(tt.train);
    splitValidation(o, std::move(train), src, out);
    out.test = o.testFraction < 1.0
                   ? tt.test.subset(stratifiedSubset(tt.test.labels, tt.test.numClasses(),
                                                     o.testFraction, o.seed))
                   : std::move(tt.test);
    relabel(out.train, changes.train);
    // Validation images held out of the training split keep their indices there.
    SplitChanges &val = src.hasListedVal ? changes.val : changes.train;
    relabel(out.val, val);
    relabel(out.test, changes.test);
    if (!changes.train.left.empty())
        out.train = withoutImages(out.train, dropFlags(changes.train.left));
    if (!val.left.empty())
        out.val = withoutImages(out.val, dropFlags(val.left));
    if (!changes.test.left.empty()) // an image left out of the test set is not scored
        out.test = withoutImages(out.test, dropFlags(changes.test.left));
    if (out.train.empty())
        throw fileError(source, "the training set is empty");
    return out;
}

std::vector<SkippedFile> DatasetSplits::allSkipped() const
{
    std::vector<SkippedFile> all = skipped;
    if (images)
        for (auto &s : images->skipped())
            all.push_back(std::move(s));
    return all;
}

std::string DatasetSplits::skippedText(const std::string &seeAlso) const
{
    return skippedSummary(allSkipped(), filesListed, seeAlso);
}

std::string datasetMismatch(const DatasetOptions &loaded, const DatasetOptions &wanted)
{
    auto num = [](double v) {
        char b[32];
        std::snprintf(b, sizeof b, "%g", v);
        return std::string(b);
    };
    if (loaded.name != wanted.name)
        return "the loaded data is " + loaded.name + ", the experiment asks for " + wanted.name;
    if (loaded.root != wanted.root)
        return "the loaded data comes from '" + loaded.root + "', the experiment names '" +
               wanted.root + "'";
    if (loaded.trainFraction != wanted.trainFraction || loaded.testFraction != wanted.testFraction)
        return "the loaded subset (" + num(loaded.trainFraction) + " of the training set, " +
               num(loaded.testFraction) + " of the test set) differs from the experiment's (" +
               num(wanted.trainFraction) + ", " + num(wanted.testFraction) + ")";
    if (loaded.valSplit != wanted.valSplit)
        return "the loaded validation split (" + num(loaded.valSplit) +
               ") differs from the experiment's (" + num(wanted.valSplit) + ")";
    if (loaded.classes != wanted.classes) {
        auto list = [](const std::vector<std::string> &v) {
            std::string s;
            for (const auto &c : v)
                s += (s.empty() ? "" : ",") + c;
            return s.empty() ? std::string("all") : s;
        };
        return "the loaded classes (" + list(loaded.classes) + ") differ from the experiment's (" +
               list(wanted.classes) + ")";
    }
    if (loaded.perClass != wanted.perClass)
        return "the loaded data has " +
               (loaded.perClass > 0 ? std::to_string(loaded.perClass) : std::string("all")) +
               " training images per class, the experiment asks for " +
               (wanted.perClass > 0 ? std::to_string(wanted.perClass) : std::string("all"));
    if (loaded.labelOverrides != wanted.labelOverrides)
        return "the loaded labels were overridden by '" + loaded.labelOverrides +
               "', the experiment's by '" + wanted.labelOverrides + "'";
    if (loaded.exclude != wanted.exclude)
        return "the loaded data leaves out " + std::to_string(loaded.exclude.size()) +
               " training images, the experiment " + std::to_string(wanted.exclude.size());
    if (loaded.seed != wanted.seed)
        return "the loaded subset was drawn with seed " + std::to_string(loaded.seed) +
               ", the experiment uses " + std::to_string(wanted.seed);
    if ((loaded.name == "folder" || loaded.name == "csv") && loaded.imageSize != wanted.imageSize)
        return "the loaded images were resized to " + std::to_string(loaded.imageSize) +
               ", the experiment asks for " + std::to_string(wanted.imageSize);
    return {};
}

} // namespace tl::data
