// Does freezing make training faster? resnet18 on synthetic 3x64x64 batches, the whole network
// trainable against the backbone frozen (only fc trains: no gradients for the backbone's
// weights, and its BatchNorm layers run in inference mode). Interleaved repeats, medians.

#include "models/model_factory.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace tl;

namespace {

double imagesPerSecond(const std::string &freeze, const torch::Tensor &x, const torch::Tensor &y)
{
    models::ModelSpec s;
    s.name = "resnet18";
    s.inputSize = int(x.size(2));
    s.numClasses = 10;
    s.freeze = freeze;
    torch::manual_seed(0);
    auto model = models::createModel(s);
    train::Trainer trainer(model, torch::kCPU);
    train::TensorBatchSource source(x, y, 32, true);
    train::FitOptions o;
    o.epochs = 1;
    return trainer.fit(source, nullptr, o).imagesPerSecond;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    const int repeats = argc > 1 ? std::atoi(argv[1]) : 3;
    const int size = argc > 2 ? std::atoi(argv[2]) : 64;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(0);
    const torch::Tensor x = torch::randn({512, 3, size, size}, gen);
    const torch::Tensor y = torch::randint(0, 10, {512}, gen);
    std::vector<double> full, frozen;
    for (int r = 0; r < repeats; ++r) {
        full.push_back(imagesPerSecond("none", x, y));
        frozen.push_back(imagesPerSecond("backbone", x, y));
    }
    std::printf("{\"model\": \"resnet18\", \"input\": %d, \"threads\": %d, \"repeats\": %d, "
                "\"unfrozen_images_per_second\": %.1f, \"frozen_backbone_images_per_second\": "
                "%.1f, \"speedup\": %.2f}\n",
                size, at::get_num_threads(), repeats, median(full), median(frozen),
                median(frozen) / median(full));
    return 0;
}
