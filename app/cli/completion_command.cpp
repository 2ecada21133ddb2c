// transferlab-cli completion bash: the bash completion script, made from the table of every
// command's options (options.h); the package installs it (packaging/make-docs.sh).

#include "commands.h"
#include "options.h"

#include "data/dataset.h"
#include "models/model_spec.h"
#include "orchestration/recipes.h"

#include <cstdio>

namespace tl::cli {

std::vector<CommandOptions> allCommandOptions()
{
    std::string datasets;
    for (const auto &d : data::datasetCatalog())
        datasets += (datasets.empty() ? "" : " ") + d.name;
    return {
        {"train", trainOptions(), {}},
        {"lesson", lessonOptions(), "transfer-lesson"},
        {"sweep", sweepOptions(), {}},
        {"inspect", inspectOptions(), {}},
        {"calibrate", calibrateOptions(), {}},
        {"labels", labelsOptions(), "apply undo"},
        {"evaluate", evaluateOptions(), {}},
        {"export", exportOptions(), {}},
        {"compare", compareOptions(), {}},
        {"report", reportOptions(), {}},
        {"recipes", recipesOptions(), {}},
        {"summary", summaryOptions(), {}},
        {"predict", predictOptions(), {}},
        {"weights", weightsOptions(), "list download verify inspect"},
        {"models", {}, {}},
        {"datasets", {}, {}},
        {"download", downloadOptions(), datasets},
        {"info", infoOptions(), {}},
        {"capture", {}, {}},
        {"completion", {}, "bash"},
    };
}

int completionCommand(Args &args)
{
    allow(args, {});
    if (args.flag("help") || args.positional() != std::vector<std::string>{"bash"}) {
        std::fputs("Usage: transferlab-cli completion bash\n"
                   "Prints the bash completion script of transferlab-cli (the package installs "
                   "it):\n"
                   "  source <(transferlab-cli completion bash)\n",
                   args.flag("help") ? stdout : stderr);
        return args.flag("help") ? 0 : 2;
    }
    std::vector<std::string> models, datasets, recipeNames;
    for (const auto &m : models::modelCatalog())
        models.push_back(m.name);
    for (const auto &d : data::datasetCatalog())
        datasets.push_back(d.name);
    for (const auto &r : runs::recipes())
        recipeNames.push_back(r.name);
    std::fputs(bashCompletion(allCommandOptions(), models, datasets, recipeNames).c_str(), stdout);
    return 0;
}

} // namespace tl::cli
