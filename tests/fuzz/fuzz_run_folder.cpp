// The files of a run folder: summary.json, and the CSVs read back into the Results panel
// (confusion.csv first, then predictions, metrics and per-epoch confusions), and a sweep
// folder's sweep.json, a list of marked images (data.exclude's CSV) and progress.csv's lines. The
// first byte chooses which file the rest is; CSVs after confusion.csv get a valid one first.
#include "fuzz_common.h"
#include "rundir/progress_log.h"
#include "run/run_experiment.h"
#include "analysis/run_inspect.h"
#include "inference/run_features.h"
#include "rundir/run_reader.h"
#include "rundir/run_summary.h"
#include "orchestration/sweep_results.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const Bytes bytes(data + 1, data + size);
    const std::string text(bytes.begin(), bytes.end());
    return fuzz::refuseCleanly([&] {
        runs::RunResult r;
        const std::string header = "true\\predicted,a,b,c\na,1,2,3\nb,4,5,6\nc,7,8,9\n";
        switch (data[0] % 8) {
        case 0:
            runs::RunSummary::fromJson(text, "summary.json");
            break;
        case 1:
            runs::parseConfusionCsv(bytes, "confusion.csv", r);
            break;
        case 2:
            runs::parseConfusionCsv(Bytes(header.begin(), header.end()), "confusion.csv", r);
            runs::parsePredictionsCsv(bytes, "predictions.csv", r);
            break;
        case 3:
            runs::parseMetricsCsv(bytes, "metrics.csv", r);
            break;
        case 5:
            runs::parseSweep(text, "sweep.json", "/nonexistent/sweep");
            break;
        case 6:
            runs::parseIndexList(bytes, "marked.csv");
            break;
        case 7: { // progress.csv, line by line as ProgressTail reads it
            std::size_t start = 0;
            while (start < text.size()) {
                const std::size_t nl = std::min(text.find('\n', start), text.size());
                runs::ProgressRow row;
                if (runs::parseProgressLine(text.substr(start, nl - start), row) &&
                    (row.batch > row.batches || row.batches < 1))
                    __builtin_trap(); // a row the reader accepted must be a sane one
                start = nl + 1;
            }
            break;
        }
        default:
            runs::parseConfusionCsv(Bytes(header.begin(), header.end()), "confusion.csv", r);
            const std::string metrics = "stage,stage_name,epoch,global_epoch,train_loss,"
                                        "train_accuracy,val_loss,val_accuracy,learning_rate,"
                                        "seconds,images_per_second\n"
                                        "0,a,1,1,1,1,,,1,1,1\n0,a,2,2,1,1,,,1,1,1\n";
            runs::parseMetricsCsv(Bytes(metrics.begin(), metrics.end()), "metrics.csv", r);
            runs::parseEpochConfusionsCsv(bytes, "confusion_epochs.csv", r);
            break;
        }
    });
}
