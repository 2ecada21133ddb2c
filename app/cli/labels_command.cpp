// transferlab-cli labels: apply a list of label fixes to a run's dataset (moving files with a
// journal, or as a label-override file) and undo them (issue 28; core/analysis/label_fixes.h).

#include "commands.h"

#include "analysis/label_fixes.h"
#include "base/error.h"
#include "data/dataset.h"
#include "experiment/experiment_config.h"
#include "io/files.h"
#include "rundir/run_dir.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

namespace tl::cli {
namespace {

const char *kLabelsHelp =
    R"(Usage: transferlab-cli labels apply RUN_DIR FIXES.csv (--move | --overrides OUT.csv)
       transferlab-cli labels undo JOURNAL

Fixes the labels of the images a run's inspection found wrong. FIXES.csv has a header naming
its columns: index, label, split (train, val or test; train when absent), path (folder and CSV
datasets), and either fix (a class name, "ambiguous" or "leave out") or, as the window's
suspicious-labels list exports it, mark ("wrong label": the suggested class; "ambiguous") and
suggested. index is the number inspect and predictions.csv give the image: its place in the
dataset's listing (of a folder, or of the training or test files), which a validation image
keeps from the training split it was held out of. Before anything changes each row is checked
against the run's data: its image exists, path (when given) is that image's file, label its
class now.

Options:
  --move                folder and CSV datasets: a relabelled file moves into its class's
                        folder (a CSV's label is rewritten); ambiguous and left-out files
                        move into the dataset's hidden .transferlab-set-aside folder (the
                        CSV loses their rows). A journal written first (RUN_DIR/label-fixes-
                        TIME.journal.json, or --journal FILE) lets `labels undo` put every
                        file back
  --overrides OUT.csv   leave the dataset as it is: write the fixes as a label-override file
                        (split,index,label; "exclude" for ambiguous and left-out images)
                        that `train --label-overrides OUT.csv` (data.label_overrides)
                        applies, to test images too (a left-out one leaves the test set)
  --journal FILE        where --move writes its journal

Exit status: 0 done; 1 undo left files alone (changed or in the way since; named); 2 bad
input (nothing changed).
)";

std::string timeStamp()
{
    char buf[32];
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

int apply(const std::string &run, const std::string &list, Args &args)
{
    if (args.flag("move") == args.has("overrides"))
        throw UsageError{"labels apply: one of --move or --overrides OUT.csv"};
    const auto config = experiment::ExperimentConfig::fromFile(runs::RunDir(run).config());
    const data::DatasetSplits data = runs::loadRunData(run);
    const std::vector<runs::LabelFix> fixes = runs::readLabelFixes(
        list, data.allClassNames.empty() ? data.train.classNames : data.allClassNames);
    runs::checkFixesAgainstData(fixes, data, list);
    if (args.has("overrides")) {
        const std::string out = args.str("overrides", "");
        // The run's own overrides stay: the file is all the run's fixes, for its retraining.
        writeFileAtomic(out, runs::labelOverridesCsv(fixes, config.data.labelOverrides));
        std::printf("%zu fix%s written to %s; train with them: transferlab-cli train --config "
                    "%s --label-overrides %s\n",
                    fixes.size(), fixes.size() == 1 ? "" : "es", out.c_str(),
                    runs::RunDir(run).config().c_str(), out.c_str());
        return 0;
    }
    const std::string &name = config.data.name;
    if (name != "folder" && name != "csv")
        throw UsageError{"labels apply --move: the run's data is the built-in '" + name +
                         "' dataset, whose files TransferLab does not change: use --overrides "
                         "OUT.csv"};
    if (config.data.root.empty())
        throw UsageError{"labels apply --move: the run's config names no data root"};
    const std::string journal = args.str(
        "journal",
        (std::filesystem::path(run) / ("label-fixes-" + timeStamp() + ".journal.json")).string());
    const runs::AppliedFixes a = name == "folder"
                                     ? runs::applyFixesToFolder(fixes, config.data.root, journal)
                                     : runs::applyFixesToCsv(fixes, config.data.root, journal);
    const std::string aside = a.setAside == 0        ? std::string()
                              : a.setAsideIn.empty() ? " (their rows removed from the CSV)"
                                                     : " in " + a.setAsideIn;
    std::printf("%zu relabelled in %s; %zu set aside%s.\nUndo: transferlab-cli labels undo %s\n"
                "Retrain to see what the fixes did: transferlab-cli train --config %s --out "
                "%s-fixed, then transferlab-cli compare %s %s-fixed\n",
                a.relabelled, config.data.root.c_str(), a.setAside, aside.c_str(),
                a.journal.c_str(), runs::RunDir(run).config().c_str(), run.c_str(), run.c_str(),
                run.c_str());
    return 0;
}

} // namespace

const Options &labelsOptions()
{
    static const Options options = optionsFromHelp(kLabelsHelp);
    return options;
}

int labelsCommand(Args &args)
{
    allow(args, labelsOptions());
    const auto &pos = args.positional();
    if (args.flag("help") || pos.empty()) {
        std::fputs(kLabelsHelp, args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    if (pos[0] == "apply" && pos.size() == 3)
        return apply(pos[1], pos[2], args);
    if (pos[0] == "undo" && pos.size() == 2) {
        std::size_t leftAlone = 0;
        std::printf("%s\n", runs::undoLabelFixes(pos[1], &leftAlone).c_str());
        return leftAlone ? 1 : 0; // a partial undo: a script must not take it for a whole one
    }
    throw UsageError{"expected 'apply RUN_DIR FIXES.csv' or 'undo JOURNAL' (see --help)"};
}

} // namespace tl::cli
