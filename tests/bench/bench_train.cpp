// Training throughput of simple-cnn on Fashion-MNIST: the full data pipeline (BatchLoader:
// augmentation on worker threads, bounded prefetch) against pre-made tensors (compute only).
// Prints one JSON line per mode. Run by tests/bench/run_bench.sh next to the PyTorch script.

#include "data/batch_loader.h"
#include "data/dataset.h"
#include "data/transform.h"
#include "platform/malloc_policy.h"
#include "models/model_factory.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace tl;

int main(int argc, char **argv)
{
    tl::keepFreedMemoryForReuse(); // as the programs do
    std::string mode = "both";
    int limit = 0, workers = 1, threads = 0, epochs = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--mode"))
            mode = argv[i + 1];
        else if (!std::strcmp(argv[i], "--limit"))
            limit = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--workers"))
            workers = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--epochs"))
            epochs = std::atoi(argv[i + 1]);
    }
    if (threads > 0)
        torch::set_num_threads(threads);

    data::DatasetOptions dopt;
    dopt.name = "fashion-mnist";
    data::DatasetSplits ds = data::loadDataset(dopt);
    if (limit > 0 && static_cast<std::size_t>(limit) < ds.train.size()) {
        std::vector<std::size_t> idx(static_cast<std::size_t>(limit));
        for (std::size_t i = 0; i < idx.size(); ++i)
            idx[i] = i;
        ds.train = ds.train.subset(idx);
    }
    data::AugmentOptions aug;
    aug.hflip = true;
    const data::PreprocessOptions pre = data::resolvePreprocess({}, ds.train);
    data::SampleTransform transform(ds.train.height, ds.train.width, ds.train.channels, aug, pre);

    auto run = [&](const char *name, train::BatchSource &source) {
        torch::manual_seed(0);
        models::ModelSpec spec;
        spec.inChannels = 1;
        spec.inputSize = 28;
        auto model = models::createModel(spec);
        train::Trainer trainer(model, torch::kCPU);
        train::FitOptions fo;
        fo.epochs = epochs;
        const train::FitResult r = trainer.fit(source, nullptr, fo);
        std::printf(
            "{\"tool\": \"transferlab\", \"mode\": \"%s\", \"train_images_per_second\": %.1f, "
            "\"seconds\": %.3f, \"workers\": %d, \"torch_threads\": %d}\n",
            name, r.imagesPerSecond, r.seconds, workers, at::get_num_threads());
        std::fflush(stdout);
    };

    if (mode == "both" || mode == "pipeline") {
        data::LoaderOptions lo;
        lo.batchSize = 64;
        lo.workers = workers;
        data::BatchLoader loader(ds.train, transform, lo);
        run("pipeline", loader);
    }
    if (mode == "both" || mode == "compute") {
        // The same samples, transformed once up front (no augmentation cost in the loop).
        data::LoaderOptions lo;
        lo.batchSize = static_cast<int>(ds.train.size());
        lo.workers = 0;
        lo.shuffle = false;
        lo.augment = false;
        data::BatchLoader all(ds.train, transform, lo);
        train::Batch b;
        all.next(b);
        train::TensorBatchSource tensors(b.images, b.labels, 64, true, 0);
        run("compute", tensors);
    }
    return 0;
}
