#pragma once

// Fixing the labels a user found wrong (issue 28), in one of two ways:
// - on disk, for folder and CSV datasets: a relabelled file moves into its class's folder (a
//   CSV's label cell is rewritten), an ambiguous or left-out one moves into the dataset's hidden
//   `.transferlab-set-aside/` folder (which the reader ignores; a CSV loses the row). A journal
//   written before anything moves lists each step and the files' SHA-256, so `undoLabelFixes`
//   puts every file back, byte for byte, and refuses to touch a file changed since;
// - as a label-override file (`data.label_overrides`, `train --label-overrides FILE`): split,
//   index and new label (or "exclude") per image, training, validation or test, applied when
//   the data is loaded; the dataset's files stay as they are (built-in datasets, or on request).
// Qt-free and torch-free.

#include <cstdint>
#include <string>
#include <vector>

namespace tl::data {
struct DatasetSplits;
}

namespace tl::runs {

enum class FixAction { Relabel, Ambiguous, LeaveOut };

struct LabelFix
{
    // The image's source index in its split, as inspect and predictions.csv give it: a test
    // image's in the test split, a training or validation image's in the training split (or, for
    // a CSV that lists validation rows of its own, in those).
    std::int64_t index = -1;
    std::string split; // train, val or test ("": train, when the list does not say)
    std::string path;  // the file (folder and CSV datasets)
    std::string label; // the label it has now
    FixAction action = FixAction::Relabel;
    std::string newLabel; // Relabel: a class of the dataset
    std::size_t line = 0; // of the list, for messages
};

// A list of fixes: a CSV with a header naming its columns: index, label, and either `fix` (a
// class name, "ambiguous" or "leave out") or, as the suspicious-labels view exports it, `mark`
// ("wrong label": the `suggested` class; "ambiguous") and `suggested`; `path` and `split` when
// known. Class names must be among `classNames` (case as written there); split, when given, is
// train, val or test. An image is listed once (its path, else its split and index). tl::Error
// naming `origin` and the line otherwise.
std::vector<LabelFix> parseLabelFixes(const std::vector<std::uint8_t> &csv,
                                      const std::string &origin,
                                      const std::vector<std::string> &classNames);
std::vector<LabelFix> readLabelFixes(const std::string &path,
                                     const std::vector<std::string> &classNames);

// Checks a fix list against the run's data (loadRunData): each fix's image exists in its split,
// its `path` (when given) is that image's file and its `label` (when given) that image's class
// now, so that --overrides (by index) and --move (by path) act on the same image and a list
// made for other data or applied already is refused. tl::Error naming `origin` and the line.
void checkFixesAgainstData(const std::vector<LabelFix> &fixes, const data::DatasetSplits &data,
                           const std::string &origin);

// --- Label overrides ----------------------------------------------------------------------

// "split,index,label" rows under that header (data/label_overrides.h reads them; split "train"
// when a fix names none), label "exclude" for images left out or marked ambiguous. `basedOn`: an
// override file whose rows come first (the run's own data.label_overrides, so that fixing a run
// trained with fixes keeps them); a later fix of the same image replaces its row (training and
// validation images share the training split's index). tl::Error naming `basedOn` when it does
// not read.
std::string labelOverridesCsv(const std::vector<LabelFix> &fixes, const std::string &basedOn = {});

// --- On disk, with a journal --------------------------------------------------------------

struct AppliedFixes
{
    std::string journal;
    std::size_t moved = 0;      // files moved (folder datasets)
    std::size_t relabelled = 0; // of them, or CSV rows, given a new class
    std::size_t setAside = 0;   // ambiguous or left out
    std::string setAsideIn;     // where they went (folder datasets; a CSV loses their rows)
};

// Folder dataset under `root` (ROOT/<class>/..., or ROOT/train/<class>/... beside
// ROOT/test/<class>/..., test images as well as training ones): each fix's file
// moves to the folder of its new class beside its old one, or under ROOT/.transferlab-set-aside/.
// A name taken at the destination gets a number (a-2.png). Everything is checked first (each
// file inside `root` and present, its folder its current label's); the journal is written
// before the first move.
// tl::Error naming the file and what is wrong, with nothing moved.
AppliedFixes applyFixesToFolder(const std::vector<LabelFix> &fixes, const std::string &root,
                                const std::string &journalPath);

// CSV dataset `csvPath` (path,label[,split]): the rows of the fixed files, of any split, get
// their new label (the split cell kept) or are removed; the original is kept beside the journal.
// tl::Error with nothing changed when a fix names a path the CSV does not list.
AppliedFixes applyFixesToCsv(const std::vector<LabelFix> &fixes, const std::string &csvPath,
                             const std::string &journalPath);

// Undoes a journal: every moved file back (newest first), a rewritten CSV restored, folders the
// fixes created removed when empty. A file changed since (its SHA-256) is left alone and named.
// Returns what was done, one sentence; `leftAlone` (when given): how many files were left alone.
std::string undoLabelFixes(const std::string &journalPath, std::size_t *leftAlone = nullptr);

} // namespace tl::runs
