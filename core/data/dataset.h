#pragma once

#include "data/image_files.h"
#include "data/image_store.h"
#include "io/download.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {

struct DatasetOptions
{
    // fashion-mnist | mnist | cifar10 | cifar100 | cifar100-coarse | folder | csv
    std::string name = "fashion-mnist";
    // Folder or archive to read (csv: the CSV file). Empty: the usual places (Debian's dataset
    // package, the cache).
    std::string root;
    double trainFraction = 1.0; // stratified, seeded subset of the training set (notebooks: 0.1)
    double valSplit = 0.0;      // held out from the training set, Keras-style (its last part)
    double testFraction = 1.0;  // stratified subset of the test set (for quick runs)
    std::uint64_t seed = 0;
    bool download = false; // fetch from the official addresses when not found locally
    // Image folders and CSV datasets (streamed): the side images are shown at, and the model's
    // input side when neither preprocess.image_size nor model.input_size says (0: the model's own).
    int imageSize = 0;
    // Streamed datasets: memory for decoded images (beyond it they are decoded again each epoch).
    int cacheMiB = kDefaultImageCacheMiB;
    std::string mirror; // replaces the official base address (tests, local mirrors)
    // Only these classes (names, case-insensitive, or indices into the dataset's classes), in
    // this order: the model sees them as 0..k-1 and every table keeps their names. Empty: all.
    std::vector<std::string> classes;
    // Few-shot: exactly this many training images per class (stratified, seeded; after
    // trainFraction, before valSplit). 0: all of them.
    int perClass = 0;
    // Training images left out (their index in the dataset's training split, as `inspect` and
    // the suspicious-labels export list them): labels a user found wrong. Applied last, to the
    // training and validation images, so nothing else about the data changes.
    std::vector<std::int64_t> exclude;
    // A label-override file (label_overrides.h): training, validation or test images given
    // another class, or left out ("exclude"), by split and index. Applied after the subsets and
    // the validation split are drawn (with the old labels), so each split holds the images it
    // held without the file: the fixed run is tested on the same images, less those left out.
    std::string labelOverrides;
};

struct DatasetSplits
{
    std::string name;
    std::string source;     // where it was read from
    DatasetOptions options; // what was loaded (a run checks that it is what it asks for)
    std::vector<std::string> allClassNames; // the dataset's classes before options.classes
    ImageStore train;
    ImageStore val;
    ImageStore test;
    // Streamed datasets (folder, csv): the files left out while listing, the number of files
    // listed, and the decoder (which records the files that fail to decode later).
    std::vector<SkippedFile> skipped;
    std::size_t filesListed = 0;
    // "; label overrides from FILE: N relabelled, M left out (...)" when options.labelOverrides
    // named a file (a run's log says it), else "".
    std::string overridesNote;
    std::shared_ptr<ImageFiles> images;

    bool streamed() const { return images != nullptr; }
    // Every file left out so far: while listing, then while decoding.
    std::vector<SkippedFile> allSkipped() const;
    // skippedSummary of allSkipped(); empty when nothing was skipped.
    std::string skippedText(const std::string &seeAlso) const;
};

struct DatasetInfo
{
    std::string name;
    std::string title;
    std::string description;
    std::vector<RemoteFile> files; // empty: nothing to download
};

const std::vector<DatasetInfo> &datasetCatalog();
const DatasetInfo &datasetInfo(const std::string &name); // tl::Error listing the known names

// $XDG_CACHE_HOME/transferlab/datasets/<name>
std::string datasetCacheFolder(const std::string &name);

// Downloads the dataset's files into its cache folder (checksums verified) and returns it.
// `stallSeconds` > 0: give up on a transfer that stalls that long (default: DownloadLimits').
std::string downloadDataset(const std::string &name, const std::string &mirror = {},
                            const DownloadProgressFn &progress = {}, int stallSeconds = 0);

// The indices into `names` that `wanted` picks (see DatasetOptions::classes), in its order;
// tl::Error naming an unknown or repeated class and listing the known ones.
std::vector<std::size_t> resolveClasses(const std::vector<std::string> &wanted,
                                        const std::vector<std::string> &names);

DatasetSplits loadDataset(const DatasetOptions &options, const DownloadProgressFn &progress = {});

// Whether data loaded with `loaded` is what `wanted` asks for (dataset, folder, subset,
// validation split, seed; not the download setting); else why not, for a message.
std::string datasetMismatch(const DatasetOptions &loaded, const DatasetOptions &wanted);

} // namespace tl::data
