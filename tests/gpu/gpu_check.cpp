// CUDA path check for machines with nothing but LibTorch (built with -DTL_TRAIN_ONLY=ON):
// trains the small CNNs for a few steps on synthetic tensors on the CPU and on CUDA from the
// same initial weights and batches, and compares the losses. Prints one JSON line per model.
// Exit code 0 when every CUDA loss is within tolerance of the CPU's (or no CUDA device exists).

#include "models/model_factory.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdio>

using namespace tl;

namespace {

std::vector<double> lossesOn(torch::Device device, const models::ModelSpec &spec,
                             const torch::Tensor &x, const torch::Tensor &y, int steps)
{
    torch::manual_seed(0);
    auto model = models::createModel(spec);
    model->to(device);
    model->train();
    train::OptimizerConfig oc;
    oc.name = "sgd";
    oc.lr = 0.01;
    oc.momentum = 0.9;
    auto opt = train::makeOptimizer(oc, model->parameters());
    std::vector<double> losses;
    for (int s = 0; s < steps; ++s) {
        auto xb = x.slice(0, s * 32, (s + 1) * 32).to(device);
        auto yb = y.slice(0, s * 32, (s + 1) * 32).to(device);
        opt->zero_grad();
        auto loss = torch::nn::functional::cross_entropy(model->forward(xb), yb);
        loss.backward();
        opt->step();
        losses.push_back(loss.item<double>());
    }
    return losses;
}

// Trainer::fit for two epochs with the CUDA options (mixed precision with loss scaling,
// channels-last, cuDNN benchmark); on the CPU they are no-ops. Returns the epochs' train losses.
std::vector<double> fitWith(torch::Device device, const train::DeviceOptions &options,
                            const torch::Tensor &x, const torch::Tensor &y)
{
    torch::manual_seed(0);
    models::ModelSpec spec;
    spec.name = "vgg-style-cnn";
    spec.batchNorm = true;
    spec.dropout = 0.0;
    auto model = models::createModel(spec);
    train::Trainer trainer(model, device);
    trainer.setDeviceOptions(options);
    train::TensorBatchSource source(x, y, 32, true, 3);
    train::FitOptions fo;
    fo.epochs = 2;
    fo.optimizer.name = "adam";
    fo.optimizer.lr = 1e-3;
    std::vector<double> losses;
    for (const auto &e : trainer.fit(source, nullptr, fo).epochs)
        losses.push_back(e.trainLoss);
    return losses;
}

} // namespace

int main()
{
    const bool cuda = torch::cuda::is_available();
    std::printf("{\"cuda_available\": %s, \"cuda_devices\": %d}\n", cuda ? "true" : "false",
                cuda ? int(torch::cuda::device_count()) : 0);
    const int steps = 20;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
    const torch::Tensor x = torch::randn({steps * 32, 3, 32, 32}, gen);
    const torch::Tensor y = torch::randint(0, 10, {steps * 32}, gen);
    int failures = 0;
    for (const char *name : {"simple-cnn", "vgg-style-cnn"}) {
        models::ModelSpec spec;
        spec.name = name;
        spec.batchNorm = true;
        // Dropout draws differ between devices; switch it off to compare the arithmetic.
        spec.dropout = 0.0;
        const auto cpu = lossesOn(torch::kCPU, spec, x, y, steps);
        double maxRel = 0.0;
        if (cuda) {
            const auto gpu = lossesOn(torch::kCUDA, spec, x, y, steps);
            for (int i = 0; i < steps; ++i)
                maxRel = std::max(maxRel, std::abs(gpu[std::size_t(i)] - cpu[std::size_t(i)]) /
                                              std::max(1e-6, std::abs(cpu[std::size_t(i)])));
            failures += maxRel > 1e-2;
        }
        std::printf("{\"model\": \"%s\", \"first_loss\": %.6f, \"last_loss\": %.6f, "
                    "\"max_rel_diff_cuda_vs_cpu\": %s}\n",
                    name, cpu.front(), cpu.back(), cuda ? std::to_string(maxRel).c_str() : "null");
    }
    // The GPU options through the trainer: with mixed precision the loss must still fall and
    // stay near full precision's.
    train::DeviceOptions fast;
    fast.mixedPrecision = true;
    fast.channelsLast = true;
    const auto full =
        fitWith(cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU), {}, x, y);
    const auto amp =
        fitWith(cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU), fast, x, y);
    const double rel = std::abs(amp.back() - full.back()) / std::max(1e-6, full.back());
    const bool ok = amp.back() < amp.front() && rel < 0.1;
    failures += !ok;
    std::printf("{\"trainer\": \"vgg-style-cnn, 2 epochs\", \"device\": \"%s\", "
                "\"loss_full_precision\": [%.6f, %.6f], \"loss_amp_channels_last\": [%.6f, %.6f], "
                "\"rel_diff\": %.4f, \"ok\": %s}\n",
                cuda ? "cuda" : "cpu (options are no-ops)", full.front(), full.back(), amp.front(),
                amp.back(), rel, ok ? "true" : "false");
    return failures == 0 ? 0 : 1;
}
