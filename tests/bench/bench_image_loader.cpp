// bench_image_loader FOLDER SIZE WORKERS [train]: lists an image folder (seconds printed), then
// one pass of the streamed loader over every image at SIZE x SIZE (evaluation preparation, or
// RandomResizedCrop + flip with "train"), WORKERS threads, batches of 64, no cache (data.cache_mib
// 0: every image decoded from disk). Prints images/s. bench_image_loader.sh runs it beside
// PyTorch's DataLoader with torchvision's transforms.
#include "data/batch_loader.h"
#include "data/image_folder.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <string>

using namespace tl;

int main(int argc, char **argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_image_loader FOLDER SIZE WORKERS [train]\n");
        return 2;
    }
    const int size = std::stoi(argv[2]), workers = std::stoi(argv[3]);
    const bool train = argc > 4 && std::string(argv[4]) == "train";
    torch::set_num_threads(1);
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    data::ImageFolderOptions fo;
    fo.testFraction = 0.0001;
    fo.cacheBytes = 0;
    const data::FileDataset fd = data::readImageFolder(argv[1], fo);
    const double listed = std::chrono::duration<double>(clock::now() - t0).count();
    std::printf("listed %zu files in %.2f s (%zu skipped)\n", fd.files, listed, fd.skipped.size());
    data::PreprocessOptions pre;
    pre.imageSize = size;
    pre.channels = 3;
    pre.normalization = data::Normalization::ImageNet;
    pre = data::resolvePreprocess(pre, fd.train);
    data::AugmentOptions aug;
    aug.hflip = train;
    data::LoaderOptions lo;
    lo.batchSize = 64;
    lo.shuffle = train;
    lo.augment = train;
    lo.workers = workers;
    lo.prefetch = 2 * workers;
    data::BatchLoader loader(
        fd.train, data::SampleTransform(fd.train.height, fd.train.width, 3, aug, pre), lo);
    const auto t1 = clock::now();
    loader.startEpoch(0);
    train::Batch b;
    std::int64_t n = 0;
    double checksum = 0;
    while (loader.next(b)) {
        n += b.images.size(0);
        checksum += b.images[0][0][0][0].item<double>();
    }
    const double s = std::chrono::duration<double>(clock::now() - t1).count();
    std::printf(
        "transferlab: %lld images in %.2f s: %.0f images/s (%d workers, %s, checksum %.3f)\n",
        static_cast<long long>(n), s, double(n) / s, workers, train ? "train" : "eval", checksum);
    return 0;
}
