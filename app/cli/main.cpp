// transferlab-cli: runs TransferLab experiments without a display.

#include "args.h"
#include "base/error.h"
#include "commands.h"
#include "interrupt.h"
#include "platform/malloc_policy.h"
#include "platform/openmp_policy.h"
#include "tl_version.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <string>

namespace {

const char *kUsage = R"(transferlab-cli: transfer learning experiments, headless

Usage: transferlab-cli COMMAND [OPTIONS]

Commands:
  train       train a model and write a run directory (transferlab-cli train --help)
  evaluate    re-check a run's (or an export's) test accuracy
  export      a run's weights for PyTorch (.pth) or safetensors, with its preprocessing
  compare     the comparison table of finished runs (Markdown, or --csv)
  inspect     a run's feature space: suspicious labels, nearest training images, a map
  labels      apply the label fixes an inspection found (moving files, with undo) or
              write them as a label-override file
  calibrate   how far a run's confidence can be trusted; when it should say "I don't know"
  report      one self-contained HTML page of runs, for a class handout (-o FILE.html)
  recipes     the seed notebooks' experiments, ready to run (train --recipe NAME)
  sweep       run every point of an experiment file's "sweep" block (sweep --help)
  lesson      a guided comparison: transfer-lesson, "why transfer learning" (offline)
  summary     print a model's layers and parameter counts (--freeze, --head, --json)
  predict     classify images with a checkpoint (torchvision's or our export), or a
              camera's frames with a run (predict RUN --camera SOURCE --frames N)
  capture     record camera (or video-file) frames into a class folder
  weights     list, download, verify or inspect checkpoints
  models      list the models
  datasets    list the datasets and where they are found
  download    download a dataset into the cache (checksums verified)
  info        versions, device, BLAS, threads and paths (paste it into a bug report)
  completion  the bash completion script (completion bash)

Exit codes: 0 success, 2 bad input (the message names the file or option),
3 training diverged (NaN/inf loss), 4 a rank of a distributed run was lost (named),
130 interrupted (Ctrl-C), 1 internal error.
)";

// The commands that run tensors on OpenMP's threads (info reports the policy they get). Only
// these pay for choosing the waiting policy, which may start the program once more (0.6 s of
// loading LibTorch again): `models`, `--help` or bash completion answer at once.
bool computes(const char *command)
{
    for (const char *c :
         {"train", "evaluate", "predict", "sweep", "lesson", "info", "inspect", "calibrate"})
        if (!std::strcmp(command, c))
            return true;
    return false;
}

// Every command by its name.
using Command = int (*)(tl::cli::Args &);
Command commandNamed(const std::string &name)
{
    using namespace tl::cli;
    static const std::map<std::string, Command> commands = {
        {"train", trainCommand},       {"evaluate", evaluateCommand},
        {"export", exportCommand},     {"compare", compareCommand},
        {"inspect", inspectCommand},   {"calibrate", calibrateCommand},
        {"labels", labelsCommand},     {"report", reportCommand},
        {"recipes", recipesCommand},   {"sweep", sweepCommand},
        {"lesson", lessonCommand},     {"datasets", datasetsCommand},
        {"download", downloadCommand}, {"models", modelsCommand},
        {"summary", summaryCommand},   {"capture", captureCommand},
        {"predict", predictCommand},   {"weights", weightsCommand},
        {"info", infoCommand},         {"completion", completionCommand},
    };
    const auto it = commands.find(name);
    return it == commands.end() ? nullptr : it->second;
}

} // namespace

int main(int argc, char **argv)
{
    tl::keepFreedMemoryForReuse();
    if (argc >= 2 && computes(argv[1]))
        tl::chooseOpenMpWaitPolicy(argv); // before any OpenMP work: may start the program again
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
        !std::strcmp(argv[1], "help")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("transferlab-cli %s\n", TL_VERSION_STRING);
        return 0;
    }
    const std::string command = argv[1];
    tl::cli::installInterruptGuard(); // SIGINT and SIGTERM, the same for every command
    try {
        tl::cli::Args args(argc, argv, 2);
        if (const auto run = commandNamed(command))
            return run(args);
        std::fprintf(stderr, "transferlab-cli: unknown command '%s' (see --help)\n",
                     command.c_str());
        return 2;
    } catch (const tl::cli::UsageError &e) {
        std::fprintf(stderr, "transferlab-cli %s: %s\n", command.c_str(), e.message.c_str());
        return 2;
    } catch (const tl::DivergenceError &e) {
        std::fprintf(stderr, "transferlab-cli %s: %s\n", command.c_str(), e.what());
        return 3;
    } catch (const tl::RankLostError &e) {
        std::fprintf(stderr, "transferlab-cli %s: %s\n", command.c_str(), e.what());
        return 4;
    } catch (const tl::Error &e) {
        std::fprintf(stderr, "transferlab-cli %s: %s\n", command.c_str(), e.what());
        return 2;
    } catch (const std::bad_alloc &) {
        std::fprintf(stderr, "transferlab-cli %s: out of memory\n", command.c_str());
        return 1;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "transferlab-cli %s: internal error: %s\n", command.c_str(),
                     tl::userMessage(e).c_str());
        return 1;
    }
}
