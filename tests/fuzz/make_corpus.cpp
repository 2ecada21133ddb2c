// make_corpus OUT_DIR: one folder per fuzz target under OUT_DIR, seeded with the valid files the
// tests already make and with every hostile case's files (so the fuzzers start from the inputs
// that once crashed TransferLab's readers).

#include "support/fixtures.h"
#include "support/hostile.h"

#include "experiment/experiment_config.h"
#include "models/model_factory.h"
#include "rundir/run_state.h"
#include "weights/checkpoint.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;
using namespace tl;
using test::Bytes;

namespace {

fs::path g_out;

void seed(const std::string &target, const std::string &name, const Bytes &b)
{
    fs::create_directories(g_out / target);
    test::writeBytes((g_out / target / name).string(), b);
}

void seed(const std::string &target, const std::string &name, const std::string &s)
{
    seed(target, name, Bytes(s.begin(), s.end()));
}

Bytes fileBytes(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Bytes prefixed(std::uint8_t first, const Bytes &b)
{
    Bytes out{first};
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

// The hostile cases' files, each to the target whose reader it attacks (by name).
void hostileSeeds()
{
    const fs::path dir = g_out / "_hostile";
    for (const auto &c : test::hostileCases()) {
        if (!c.write)
            continue;
        const fs::path caseDir = dir / c.name;
        fs::create_directories(caseDir);
        c.write(caseDir.string());
        for (const auto &e : fs::recursive_directory_iterator(caseDir)) {
            if (!e.is_regular_file() || e.file_size() > (4 << 20))
                continue;
            const std::string name = c.name + "-" + e.path().filename().string();
            const std::string file = e.path().filename().string();
            const Bytes b = fileBytes(e.path());
            if (file.find(".pth") != std::string::npos || file.find(".st") != std::string::npos) {
                seed("fuzz_checkpoint", name, b);
                seed("fuzz_zip", name, b);
            } else if (file == "state.tlstate") {
                seed("fuzz_tlstate", name, b);
            } else if (file.find(".json") != std::string::npos && c.name.find("config") == 0) {
                seed("fuzz_experiment", name, b);
            } else if (file == "summary.json") {
                seed("fuzz_run_folder", name, prefixed(0, b));
            } else if (file == "confusion.csv") {
                seed("fuzz_run_folder", name, prefixed(1, b));
            } else if (file == "predictions.csv") {
                seed("fuzz_run_folder", name, prefixed(2, b));
            } else if (file == "metrics.csv") {
                seed("fuzz_run_folder", name, prefixed(3, b));
            } else if (file.find(".tar.gz") != std::string::npos) {
                seed("fuzz_targz", name, b);
            } else if (file.find(".png") != std::string::npos) {
                seed("fuzz_image_header", name, b);
            }
        }
    }
    fs::remove_all(dir);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: make_corpus OUT_DIR\n";
        return 2;
    }
    g_out = argv[1];
    const std::vector<float> v = {1.f, 2.f, 3.f, 4.f};
    // Checkpoints in the three formats, and their pickle and archive on their own.
    seed("fuzz_checkpoint", "zip.pth", test::validTorchZip(v));
    seed("fuzz_checkpoint", "legacy.pth", test::validLegacy(v));
    seed("fuzz_checkpoint", "weights.safetensors", test::validSafetensors(v));
    seed("fuzz_zip", "zip.pth", test::validTorchZip(v));
    test::PickleWriter p;
    p.global("collections", "OrderedDict").op(')').op('R').op('(');
    p.str("w").tensor("0", 4, 0, {2, 2}, {2, 1}).op('u');
    seed("fuzz_pickle", "state_dict.pkl", p.stop());
    // A real model's export (many tensors, nested names).
    {
        models::ModelSpec s;
        s.name = "simple-cnn";
        s.inChannels = 1;
        s.inputSize = 28;
        s.numClasses = 10;
        auto model = models::createModel(s, 0);
        const fs::path tmp = g_out / "simple-cnn.pth";
        weights::exportStateDict(*model, tmp.string());
        seed("fuzz_checkpoint", "simple-cnn.pth", fileBytes(tmp));
        seed("fuzz_zip", "simple-cnn.pth", fileBytes(tmp));
        fs::remove(tmp);
        // A training state of it.
        runs::RunState rs;
        rs.model = weights::stateDictOf(*model);
        rs.configJson = experiment::ExperimentConfig{}.toJson();
        rs.stageState.optimizerName = "adam";
        const fs::path state = g_out / "state.tlstate";
        runs::writeRunState(rs, state.string());
        seed("fuzz_tlstate", "state.tlstate", fileBytes(state));
        fs::remove(state);
    }
    // Datasets: IDX (images | labels, split by the first two bytes), CIFAR batches, a .tar.gz.
    {
        const Bytes images = test::gzip(test::idxImages(6, 28, 28));
        const Bytes labels = test::idxLabels({0, 1, 2, 3, 4, 5});
        Bytes idx = {std::uint8_t(images.size() >> 8), std::uint8_t(images.size())};
        idx.insert(idx.end(), images.begin(), images.end());
        idx.insert(idx.end(), labels.begin(), labels.end());
        seed("fuzz_idx", "fashion.idx", idx);
        seed("fuzz_cifar", "cifar10.bin", prefixed(0, test::cifar10Records({0, 1, 2})));
        seed("fuzz_cifar", "cifar100.bin", prefixed(1, test::cifar100Records({{0, 5}, {3, 99}})));
        seed("fuzz_targz", "cifar.tar.gz",
             test::gzip(test::tar(
                 {{"cifar-10-batches-bin/test_batch.bin", test::cifar10Records({0, 1})}})));
    }
    // The experiment file and a run folder's files, as TransferLab writes them.
    seed("fuzz_experiment", "default.json", experiment::ExperimentConfig{}.toJson());
    seed("fuzz_run_folder", "summary.json",
         prefixed(0, Bytes{'{', '"', 'e', 'p', 'o', 'c', 'h', 's', '"', ':', '1', '}'}));
    const std::string confusion = "true\\predicted,a,b\na,3,1\nb,1,3\n";
    seed("fuzz_run_folder", "confusion.csv",
         prefixed(1, Bytes(confusion.begin(), confusion.end())));
    const std::string preds =
        "index,true,predicted,confidence,loss\n0,0,1,0.7,1.2\n1,2,2,0.9,0.1\n";
    seed("fuzz_run_folder", "predictions.csv", prefixed(2, Bytes(preds.begin(), preds.end())));
    const std::string metrics =
        "stage,stage_name,epoch,global_epoch,train_loss,train_accuracy,val_loss,val_accuracy,"
        "learning_rate,seconds,images_per_second,trainable_params\n"
        "0,train,1,1,0.5,0.8,0.6,0.7,0.001,1.5,100,10\n";
    seed("fuzz_run_folder", "metrics.csv", prefixed(3, Bytes(metrics.begin(), metrics.end())));
    const std::string perEpoch = "global_epoch,true,predicted,count\n1,0,1,4\n2,2,2,7\n";
    seed("fuzz_run_folder", "confusion_epochs.csv",
         prefixed(4, Bytes(perEpoch.begin(), perEpoch.end())));
    {
        const std::string sweep =
            R"({"sweep": "grid.json", "mode": "grid", "repeats": 2, "parameters": ["model.freeze",
                "stages.0.optimizer.lr"], "points": [{"name": "freeze-none_lr-0.01-r1",
                "variant": "freeze-none_lr-0.01", "settings": {"model.freeze": "none",
                "stages.0.optimizer.lr": 0.01}, "repeat": 1, "seed": 1, "run":
                "freeze-none_lr-0.01-r1", "status": "finished", "message": "",
                "test_accuracy": 0.85, "seconds": 12.5}]})";
        seed("fuzz_run_folder", "sweep.json", prefixed(5, Bytes(sweep.begin(), sweep.end())));
    }
    seed("fuzz_image_header", "header.png",
         Bytes{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
               'R',  0,   0,   0,   8,    0,    0,    0,    8, 8, 2, 0,  0,   0});
    seed("fuzz_image_header", "header.pgm", std::string("P5\n# c\n640 480\n255\n"));
    hostileSeeds();
    std::cout << "corpora written to " << g_out.string() << "\n";
    return 0;
}
