#include "commands.h"
#include "interrupt.h"
#include "options.h"
#include "rundir/run_dir.h"

#include "base/error.h"
#include "orchestration/lesson.h"

#include <algorithm>
#include <cstdio>

namespace tl::cli {

namespace {

const char *kLessonHelp =
    R"(Usage: transferlab-cli lesson transfer-lesson [--out DIR] [OPTIONS]

"Why transfer learning", offline on Fashion-MNIST (Debian's dataset-fashion-mnist):
  1. pretrain simple-cnn on five classes (trouser, sandal, sneaker, bag, ankle boot) with all
     their images;
  2. learn the five tops (T-shirt/top, pullover, dress, coat, shirt) from N images per class,
     three ways: from scratch, frozen pretrained features + a new head, fine-tuned (the
     pretrained layers at a tenth of the learning rate);
  3. print the comparison table (test accuracy on the tops' 5,000 test images).
Writes one run folder per step and lesson.json, lesson.csv and lesson.md into DIR. Started
again on the same DIR, it continues where it stopped (finished steps are read back).

Options:
  --out DIR             lesson folder (default runs/transfer-lesson)
  --per-class LIST      images per class, e.g. 10,20,50 (default)
  --seeds N             runs per point, each with other images and start (default 3)
  --quick               one seed, 20 images per class, one pretraining epoch
  --data-root PATH      Fashion-MNIST folder instead of the usual places
  --threads N           compute threads (default: every core)
)";

std::vector<int> parseCounts(const std::string &list)
{
    std::vector<int> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const std::string item = list.substr(start, comma - start);
        int v = 0;
        try {
            std::size_t used = 0;
            v = std::stoi(item, &used);
            if (used != item.size())
                v = 0;
        } catch (const std::exception &) {
            v = 0;
        }
        if (v < 1 || v > 5000)
            throw UsageError{"--per-class: '" + item + "' is not a count of 1..5000"};
        out.push_back(v);
        start = comma + 1;
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

const Options &lessonOptions()
{
    static const Options options = optionsFromHelp(kLessonHelp);
    return options;
}

int lessonCommand(Args &args)
{
    allow(args, lessonOptions());
    if (args.flag("help")) {
        std::fputs(kLessonHelp, stdout);
        return 0;
    }
    const auto &pos = args.positional();
    if (pos.size() != 1 || pos[0] != "transfer-lesson")
        throw UsageError{pos.empty() ? "which lesson? (transfer-lesson)"
                                     : "unknown lesson '" + pos[0] + "' (known: transfer-lesson)"};
    runs::LessonOptions o;
    if (args.has("per-class"))
        o.perClass = parseCounts(args.str("per-class"));
    o.seeds = args.intIn("seeds", o.seeds, 1, 20);
    o.quick = args.flag("quick");
    o.dataRoot = args.str("data-root");
    o.threads = args.intIn("threads", 0, 0, 256);
    const std::string dir = args.str("out", "runs/transfer-lesson");

    runs::LessonCallbacks cb;
    cb.stepStarted = [](std::size_t i, std::size_t n, const runs::LessonStep &s) {
        std::printf("[%zu/%zu] %s ... ", i + 1, n, s.title.c_str());
        std::fflush(stdout);
    };
    cb.stepFinished = [](const runs::LessonPoint &p) {
        if (p.status == "finished")
            std::printf("test accuracy %.4f (%.1f s)\n", p.testAccuracy, p.seconds);
        else
            std::printf("%s%s%s\n", p.status.c_str(), p.error.empty() ? "" : ": ", p.error.c_str());
        std::fflush(stdout);
    };
    InterruptScope interruptible; // Ctrl-C: the running step stops at its next batch
    const runs::LessonResult r =
        runs::runTransferLesson(o, dir, "/proc/self/exe", cb, [] { return interrupted(); });
    if (r.stopped) {
        std::fprintf(stderr,
                     "\nstopped; continue with: transferlab-cli lesson transfer-lesson "
                     "--out %s (same options)\n",
                     dir.c_str());
        return 130;
    }
    std::printf("\nPretraining: %.4f test accuracy on its five classes.\n"
                "Test accuracy on the five tops (mean, range over seeds):\n\n%s\n%s\n"
                "\nLesson finished in %.0f s; %s, %s, %s\n",
                r.pretrainAccuracy, r.table().c_str(), r.conclusion().c_str(), r.seconds,
                runs::RunDir(dir).lessonMarkdown().c_str(), runs::RunDir::kLessonCsv,
                runs::RunDir::kLesson);
    return 0;
}

} // namespace tl::cli
