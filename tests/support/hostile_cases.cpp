// The hostile inputs of issue 10, by class, generated at test time. Each is small on disk; what
// makes it hostile is a number that lies (an offset, a size, a count, a depth).

#include "support/fixtures.h"
#include "support/hostile.h"

#include "experiment/experiment_config.h"
#include "models/model_factory.h"
#include "rundir/run_state.h"
#include "weights/checkpoint.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <torch/torch.h>

#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace tl::test {

namespace {

Bytes le64(std::uint64_t v)
{
    Bytes b;
    for (int i = 0; i < 8; ++i)
        b.push_back(std::uint8_t(v >> (8 * i)));
    return b;
}

Bytes zip64Extra(const std::vector<std::uint64_t> &fields, std::uint16_t declaredLength)
{
    Bytes b = {0x01, 0x00, std::uint8_t(declaredLength), std::uint8_t(declaredLength >> 8)};
    for (auto f : fields) {
        const Bytes v = le64(f);
        b.insert(b.end(), v.begin(), v.end());
    }
    return b;
}

// A state dict whose pickle is `p` (one float storage "0" of 4 values).
Bytes zipWithPickle(PickleWriter &p)
{
    return torchZip(p.stop(), {{"0", Bytes(16, 0)}});
}

PickleWriter stateDictStart()
{
    PickleWriter p;
    p.global("collections", "OrderedDict").op(')').op('R').op('(');
    return p;
}

void file(const std::string &dir, const std::string &name, const Bytes &b)
{
    fs::create_directories(fs::path(dir) / fs::path(name).parent_path());
    writeBytes((fs::path(dir) / name).string(), b);
}

void text(const std::string &dir, const std::string &name, const std::string &s)
{
    fs::create_directories(fs::path(dir) / fs::path(name).parent_path());
    writeText((fs::path(dir) / name).string(), s);
}

std::string deepJson(int depth)
{
    return std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']');
}

experiment::ExperimentConfig smallConfig()
{
    experiment::ExperimentConfig c;
    c.data.name = "fashion-mnist";
    c.data.trainFraction = 0.01;
    c.data.testFraction = 0.01;
    c.model.name = "simple-cnn";
    c.model.numClasses = 10;
    c.model.inChannels = 1;
    c.model.inputSize = 28;
    c.preprocess.channels = 1;
    c.preprocess.imageSize = 28;
    c.device = "cpu";
    c.stages.front().epochs = 3;
    return c;
}

// A run folder with a genuine state of simple-cnn, changed by `tamper` before it is written.
void stateRun(const std::string &dir, const std::function<void(runs::RunState &)> &tamper,
              const std::string &metadataOverride = {})
{
    const auto c = smallConfig();
    text(dir, "config.json", c.toJson());
    models::ModelSpec spec = c.model;
    auto model = models::createModel(spec, 0);
    runs::RunState s;
    s.stage = 0;
    s.stageState.epochsDone = 1;
    s.nextGlobalEpoch = 2;
    s.model = weights::stateDictOf(*model);
    s.configJson = c.toJson();
    s.stageState.optimizerName = "adam";
    tamper(s);
    const std::string path = (fs::path(dir) / "state.tlstate").string();
    runs::writeRunState(s, path);
    if (!metadataOverride.empty()) {
        // Replace the header's JSON by hand: the writer never produces such a file.
        weights::StateDict tensors;
        for (const auto &[n, t] : s.model)
            tensors.emplace_back("model/" + n, t);
        weights::writeSafetensors(tensors, path, {{"transferlab_state", metadataOverride}});
    }
}

// A finished run folder (written by hand) whose `file` is replaced by `content`.
void finishedRun(const std::string &dir, const std::string &file, const std::string &content)
{
    text(dir, "config.json", smallConfig().toJson());
    text(dir, "summary.json",
         R"({"model":"simple-cnn","dataset":"fashion-mnist","epochs":1,)"
         R"("test_accuracy":0.5,"stopped":false})");
    text(dir, "confusion.csv", "true\\predicted,a,b\na,3,1\nb,1,3\n");
    text(dir, "predictions.csv", "index,true,predicted,confidence,loss\n0,0,0,0.9,0.1\n");
    text(dir, "metrics.csv",
         "stage,stage_name,epoch,global_epoch,train_loss,train_accuracy,val_loss,val_accuracy,"
         "learning_rate,seconds,images_per_second,trainable_params\n"
         "0,train,1,1,0.5,0.8,,,0.001,1,100,10\n");
    text(dir, file, content);
}

Bytes pngOfSize(int width, int height)
{
    cv::Mat m(height, width, CV_8UC3, cv::Scalar(10, 20, 30));
    std::vector<std::uint8_t> buf;
    cv::imencode(".png", m, buf);
    return buf;
}

// An IDX folder whose training images are `images` (gzip), labels and test files valid.
void idxRun(const std::string &dir, const Bytes &imagesGz)
{
    writeIdxFolder(dir, 8, 4, true);
    file(dir, "train-images-idx3-ubyte.gz", imagesGz);
}

} // namespace

std::vector<HostileCase> hostileCases()
{
    const std::vector<std::string> inspect = {"weights", "inspect", "{FILE}"};
    std::vector<HostileCase> c;
    auto add = [&](std::string name, int category, std::vector<std::string> args,
                   std::string mention, std::string fileName,
                   std::function<void(const std::string &)> write) {
        c.push_back({std::move(name), category, std::move(args), std::move(mention),
                     std::move(write), std::move(fileName)});
    };

    // 1. Offsets and sizes that wrap around.
    add("zip64-locator", 1, inspect, "ZIP64", "zip64-locator.pth", [](const std::string &d) {
        ZipLies l;
        l.zip64 = true;
        l.zip64RecordOffset = ~std::uint64_t(0) - 10;
        file(d, "zip64-locator.pth", torchZip(PickleWriter().op('}').stop(), {}, l));
    });
    add("zip-directory-wraps", 1, inspect, "central directory", "zip-directory-wraps.pth",
        [](const std::string &d) {
            ZipLies l;
            l.zip64 = true;
            l.dirOffset = ~std::uint64_t(0) - 15;
            l.dirSize = 64;
            file(d, "zip-directory-wraps.pth", torchZip(PickleWriter().op('}').stop(), {}, l));
        });
    add("zip64-header-offset", 1, inspect, "header offset", "zip64-header-offset.pth",
        [](const std::string &d) {
            ZipLies l;
            l.firstExtra = zip64Extra({16, 16, ~std::uint64_t(0) - 8}, 24);
            file(d, "zip64-header-offset.pth", torchZip(PickleWriter().op('}').stop(), {}, l));
        });
    add("zip64-compressed-size", 1, inspect, "truncated", "zip64-compressed-size.pth",
        [](const std::string &d) {
            ZipLies l;
            l.firstExtra = zip64Extra({16, ~std::uint64_t(0) - 4, 0}, 24);
            file(d, "zip64-compressed-size.pth", torchZip(PickleWriter().op('}').stop(), {}, l));
        });
    add("zip64-extra-short", 1, inspect, "ZIP64 field", "zip64-extra-short.pth",
        [](const std::string &d) {
            ZipLies l;
            l.firstExtra = zip64Extra({16}, 4); // says 4 bytes, the three fields need 24
            l.firstExtra.resize(8);
            file(d, "zip64-extra-short.pth", torchZip(PickleWriter().op('}').stop(), {}, l));
        });
    add("safetensors-offsets-wrap", 1, inspect, "data offsets", "safetensors-offsets-wrap.st",
        [](const std::string &d) {
            file(d, "safetensors-offsets-wrap.st",
                 safetensors(R"({"w":{"dtype":"F32","shape":[2],)"
                             R"("data_offsets":[18446744073709551608,0]}})",
                             Bytes(8, 0)));
        });
    add("safetensors-numel-overflow", 1, inspect, "too large", "safetensors-numel-overflow.st",
        [](const std::string &d) {
            file(d, "safetensors-numel-overflow.st",
                 safetensors(R"({"w":{"dtype":"F32","shape":[2147483648,2147483648,16],)"
                             R"("data_offsets":[0,0]}})",
                             {}));
        });
    add("tar-size-wraps", 1,
        {"train", "--dataset", "cifar10", "--data-root", "{FILE}", "--epochs", "1"}, "tar",
        "tar-size-wraps.tar.gz", [](const std::string &d) {
            Bytes size(12, 0xff); // base-256: near 2^88, far past 64 bits
            size[0] = 0x80;
            file(d, "tar-size-wraps.tar.gz", gzipBytes(tarWithSizeField("x", Bytes(8, 1), size)));
        });
    add("tar-size-near-2^64", 1,
        {"train", "--dataset", "cifar10", "--data-root", "{FILE}", "--epochs", "1"}, "truncated",
        "tar-size-near-2^64.tar.gz", [](const std::string &d) {
            Bytes size = {0x80, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00};
            file(d, "tar-size-near-2^64.tar.gz",
                 gzipBytes(tarWithSizeField("x", Bytes(8, 1), size)));
        });
    add("legacy-numel-wraps", 1, inspect, "truncated", "legacy-numel-wraps.pth",
        [](const std::string &d) {
            PickleWriter p = stateDictStart();
            p.str("w").tensor("0", 4, 0, {4}, {1}).op('u');
            file(d, "legacy-numel-wraps.pth",
                 legacyCheckpoint(p.stop(), {"0"}, {{std::int64_t(1) << 62, Bytes(16, 0)}}));
        });
    add("tensor-extent-wraps", 1, inspect, "too large", "tensor-extent-wraps.pth",
        [](const std::string &d) {
            PickleWriter p = stateDictStart();
            p.str("w")
                .tensor("0", 4, 0, {std::int64_t(1) << 30, std::int64_t(1) << 30},
                        {std::int64_t(1) << 40, 1})
                .op('u');
            file(d, "tensor-extent-wraps.pth", zipWithPickle(p));
        });

    // 2. Recursion the file chooses.
    add("dict-holds-itself", 2, inspect, "state dict", "dict-holds-itself.pth",
        [](const std::string &d) {
            PickleWriter p;
            p.op('}').put(0).str("state_dict").get(0).op('s');
            file(d, "dict-holds-itself.pth", zipWithPickle(p));
        });
    add("nested-lists", 2, inspect, "nesting depth", "nested-lists.pth", [](const std::string &d) {
        PickleWriter p;
        const int n = 200000;
        for (int i = 0; i < n; ++i)
            p.op(']');
        for (int i = 1; i < n; ++i)
            p.op('a');
        file(d, "nested-lists.pth", zipWithPickle(p));
    });
    add("open-marks", 2, inspect, "nesting depth", "open-marks.pth", [](const std::string &d) {
        PickleWriter p;
        for (int i = 0; i < 200000; ++i)
            p.op('(');
        file(d, "open-marks.pth", zipWithPickle(p));
    });
    add("list-appended-to-itself", 2, inspect, "nesting depth", "list-appended-to-itself.pth",
        [](const std::string &d) {
            PickleWriter p;
            p.op(']').put(0);
            for (int i = 0; i < 5000; ++i)
                p.get(0).op('a');
            file(d, "list-appended-to-itself.pth", zipWithPickle(p));
        });
    add("tlstate-deep-json", 2, {"train", "--resume", "{DIR}/tlstate-deep-json"}, "nesting depth",
        "tlstate-deep-json/state.tlstate", [](const std::string &d) {
            stateRun(
                d + "/tlstate-deep-json", [](runs::RunState &) {}, deepJson(1000000));
        });
    add("experiment-deep-json", 2, {"train", "--config", "{FILE}"}, "nesting depth",
        "experiment-deep-json.json", [](const std::string &d) {
            text(d, "experiment-deep-json.json", "{\"name\": " + deepJson(1000000) + "}");
        });
    add("summary-deep-json", 2, {"compare", "{DIR}/summary-deep-json"}, "nesting depth",
        "summary-deep-json/summary.json", [](const std::string &d) {
            finishedRun(d + "/summary-deep-json", "summary.json",
                        "{\"epochs\": 1, \"x\": " + deepJson(1000000) + "}");
        });

    // 3. Counts taken from the file, not checked against the model.
    add("best-weights-short", 3, {"train", "--resume", "{DIR}/best-weights-short"},
        "best-epoch weights", "best-weights-short/state.tlstate", [](const std::string &d) {
            stateRun(d + "/best-weights-short", [](runs::RunState &s) {
                for (int i = 0; i < 3; ++i)
                    s.stageState.bestWeights.push_back(s.model[std::size_t(i)].second.clone());
            });
        });
    add("optimizer-state-shape", 3, {"train", "--resume", "{DIR}/optimizer-state-shape"},
        "optimizer state", "optimizer-state-shape/state.tlstate", [](const std::string &d) {
            stateRun(d + "/optimizer-state-shape", [](runs::RunState &s) {
                s.stageState.optimizer[s.model.front().first + "/exp_avg"] = torch::zeros({3});
            });
        });
    add("tlstate-best-count-lies", 3, {"train", "--resume", "{DIR}/tlstate-best-count-lies"},
        "best-epoch", "tlstate-best-count-lies/state.tlstate", [](const std::string &d) {
            stateRun(
                d + "/tlstate-best-count-lies", [](runs::RunState &) {},
                R"({"version":1,"stage":0,"next_global_epoch":2,"global_step":1,)"
                R"("epochs":[],"stage_state":{"epochs_done":1,"finished":false,)"
                R"("plateau_factor":1,"plateau_best":0,"plateau_wait":0,"plateau_seen":false,)"
                R"("best":0,"best_seen":false,"since_best":0,"best_epoch":0,)"
                R"("best_weights":1000000000000,"optimizer":"adam"},"config":"{}"})");
        });

    // 4. Allocations sized by the file.
    add("gzip-bomb", 4,
        {"train", "--dataset", "fashion-mnist", "--data-root", "{DIR}/gzip-bomb", "--epochs", "1"},
        "inflated size", "gzip-bomb/train-images-idx3-ubyte.gz", [](const std::string &d) {
            // Concatenated gzip members of zeros: 17 x 64 MiB inflate past the 1 GiB limit.
            const Bytes member = gzipBytes(Bytes(std::size_t(64) << 20, 0));
            Bytes bomb;
            for (int i = 0; i < 17; ++i)
                bomb.insert(bomb.end(), member.begin(), member.end());
            idxRun(d + "/gzip-bomb", bomb);
        });
    add("set-amplification", 4, inspect, "items", "set-amplification.pth",
        [](const std::string &d) {
            PickleWriter p;
            p.op(']').op('(');
            for (int i = 0; i < 20000; ++i)
                p.op(')');
            p.op('e').put(0);
            for (int i = 0; i < 2000; ++i)
                p.global("builtins", "set").get(0).op('\x85').op('R').op('0');
            file(d, "set-amplification.pth", zipWithPickle(p));
        });
    add("zip-declared-size", 4, inspect, "inflate", "zip-declared-size.pth",
        [](const std::string &d) {
            ZipLies l;
            l.declaredSize = 0xfffffff0;
            file(d, "zip-declared-size.pth",
                 zipArchive({{"archive/data.pkl", PickleWriter().op('}').stop(), true}}, l));
        });
    add("stride-zero", 4, inspect, "storages can supply", "stride-zero.pth",
        [](const std::string &d) {
            PickleWriter p = stateDictStart();
            p.str("w").tensor("0", 4, 0, {std::int64_t(1) << 30}, {0}).op('u');
            file(d, "stride-zero.pth", zipWithPickle(p));
        });
    add("empty-tensor-huge-dim", 4, inspect, "dimension", "empty-tensor-huge-dim.pth",
        [](const std::string &d) {
            PickleWriter p = stateDictStart();
            p.str("fc.weight").tensor("0", 4, 0, {std::int64_t(1) << 40, 0}, {1, 1}).op('u');
            file(d, "empty-tensor-huge-dim.pth", zipWithPickle(p));
        });
    add("confusion-columns", 4, {"report", "{DIR}/confusion-columns", "-o", "{DIR}/out.html"},
        "columns", "confusion-columns/confusion.csv", [](const std::string &d) {
            finishedRun(d + "/confusion-columns", "confusion.csv",
                        "true\\predicted" + std::string(200000, ',') + "\n");
        });
    add("config-image-size", 4, {"train", "--config", "{FILE}"}, "data.image_size",
        "config-image-size.json", [](const std::string &d) {
            text(d, "config-image-size.json", R"({"data": {"image_size": 1000000}})");
        });
    add("config-num-classes", 4, {"train", "--config", "{FILE}"}, "model.num_classes",
        "config-num-classes.json", [](const std::string &d) {
            text(d, "config-num-classes.json", R"({"model": {"num_classes": 2000000000}})");
        });
    add("config-input-size", 4, {"train", "--config", "{FILE}"}, "model.input_size",
        "config-input-size.json", [](const std::string &d) {
            text(d, "config-input-size.json", R"({"model": {"input_size": 100000}})");
        });
    add("long-image", 4,
        {"train", "--dataset", "folder", "--data-root", "{DIR}/long-image", "--epochs", "1"},
        "side", "long-image/a/long.png", [](const std::string &d) {
            file(d, "long-image/a/long.png", pngOfSize(1000000, 1));
            file(d, "long-image/b/small.png", pngOfSize(8, 8));
        });
    add("png-header-lies", 4,
        {"train", "--dataset", "folder", "--data-root", "{DIR}/png-header-lies", "--epochs", "1"},
        "pixel", "png-header-lies/a/lie.png", [](const std::string &d) {
            Bytes png = pngOfSize(8, 8);
            const Bytes big = {0x00, 0x00, 0x3f, 0xff}; // 16383 x 16383 claimed
            std::memcpy(png.data() + 16, big.data(), 4);
            std::memcpy(png.data() + 20, big.data(), 4);
            file(d, "png-header-lies/a/lie.png", png);
            file(d, "png-header-lies/b/small.png", pngOfSize(8, 8));
        });

    // 6. Library errors and numbers out of range.
    add("epochs-overflow", 6, {"train", "--epochs", "4294967297"}, "--epochs", "", nullptr);
    add("summary-wrong-type", 6, {"compare", "{DIR}/summary-wrong-type"}, "epochs",
        "summary-wrong-type/summary.json", [](const std::string &d) {
            finishedRun(d + "/summary-wrong-type", "summary.json", R"({"epochs": "many"})");
        });
    add("config-wrong-type", 6, {"train", "--config", "{FILE}"}, "expected an integer",
        "config-wrong-type.json", [](const std::string &d) {
            text(d, "config-wrong-type.json", R"({"stages": [{"epochs": "ten"}]})");
        });
    add("config-int-overflow", 6, {"train", "--config", "{FILE}"}, "out of range",
        "config-int-overflow.json", [](const std::string &d) {
            text(d, "config-int-overflow.json", R"({"stages": [{"epochs": 4294967297}]})");
        });
    add("config-augment-range", 6, {"train", "--config", "{FILE}"}, "augment.translate",
        "config-augment-range.json", [](const std::string &d) {
            text(d, "config-augment-range.json", R"({"augment": {"translate": 5}})");
        });
    add("safetensors-shape-type", 6, inspect, "shape", "safetensors-shape-type.st",
        [](const std::string &d) {
            file(d, "safetensors-shape-type.st",
                 safetensors(R"({"w":{"dtype":"F32","shape":["a"],"data_offsets":[0,4]}})",
                             Bytes(4, 0)));
        });
    add("safetensors-not-object", 6, inspect, "expected an object", "safetensors-not-object.st",
        [](const std::string &d) {
            file(d, "safetensors-not-object.st", safetensors("{\"w\": 3}", {}));
        });
    add("corrupt-image", 6,
        {"train", "--dataset", "folder", "--data-root", "{DIR}/corrupt-image", "--epochs", "1"},
        "truncated", "corrupt-image/a/x.png", [](const std::string &d) {
            Bytes png = pngOfSize(8, 8);
            png.resize(40);
            file(d, "corrupt-image/a/x.png", png);
            file(d, "corrupt-image/b/y.png", pngOfSize(8, 8));
        });
    add("metrics-not-a-number", 6, {"report", "{DIR}/metrics-not-a-number", "-o", "{DIR}/out.html"},
        "not a number", "metrics-not-a-number/metrics.csv", [](const std::string &d) {
            finishedRun(d + "/metrics-not-a-number", "metrics.csv",
                        "stage,stage_name,epoch,global_epoch,train_loss\n"
                        "0,train,1,1,1e999,0.5,,,0.1,1,1,1\n");
        });
    add("predictions-label-range", 6,
        {"report", "{DIR}/predictions-label-range", "-o", "{DIR}/out.html"}, "out of range",
        "predictions-label-range/predictions.csv", [](const std::string &d) {
            finishedRun(d + "/predictions-label-range", "predictions.csv",
                        "index,true,predicted,confidence,loss\n0,7,99999999999,0.5,0.1\n");
        });
    add("classifier-size", 6, inspect, "class count", "classifier-size.pth",
        [](const std::string &d) {
            PickleWriter p = stateDictStart();
            p.str("fc.weight").tensor("0", 4, 0, {1, 4}, {4, 1}).op('u');
            file(d, "classifier-size.pth", zipWithPickle(p));
        });
    return c;
}

} // namespace tl::test
