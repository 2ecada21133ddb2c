#include "weights/weight_catalog.h"

#include "base/error.h"
#include "io/files.h"
#include "io/hash.h"
#include "models/model_spec.h"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace tl::weights {

const std::vector<WeightInfo> &weightCatalog()
{
    static const std::vector<WeightInfo> catalog = [] {
        std::vector<WeightInfo> out;
        for (const auto &m : models::modelCatalog()) {
            if (!m.isBackbone())
                continue;
            WeightInfo w;
            w.model = m.name;
            w.fileName = m.weightsFile;
            w.url = "https://download.pytorch.org/models/" + m.weightsFile;
            // "resnet18-f37072fd.pth" -> "f37072fd"
            const auto dash = m.weightsFile.rfind('-');
            const auto dot = m.weightsFile.rfind('.');
            w.sha256Prefix = m.weightsFile.substr(dash + 1, dot - dash - 1);
            out.push_back(w);
        }
        return out;
    }();
    return catalog;
}

const WeightInfo &weightInfo(const std::string &model)
{
    for (const auto &w : weightCatalog())
        if (w.model == model)
            return w;
    throw Error("model '" + model + "' has no ImageNet weights (it is one of our own small CNNs)");
}

std::string torchHubCheckpointDir()
{
    const char *torchHome = std::getenv("TORCH_HOME");
    const std::string home = torchHome && *torchHome ? torchHome : xdgCacheHome() + "/torch";
    return home + "/hub/checkpoints";
}

std::string findWeights(const std::string &model)
{
    const WeightInfo &w = weightInfo(model);
    const fs::path p = fs::path(torchHubCheckpointDir()) / w.fileName;
    std::error_code ec;
    return fs::is_regular_file(p, ec) ? p.string() : std::string();
}

bool verifyWeights(const std::string &path, const WeightInfo &info)
{
    return hashFile(path, HashKind::Sha256).rfind(info.sha256Prefix, 0) == 0;
}

std::string downloadWeights(const std::string &model, const tl::DownloadProgressFn &progress,
                            const std::string &mirror)
{
    const WeightInfo &w = weightInfo(model);
    tl::RemoteFile f;
    f.fileName = w.fileName;
    f.sha256 = w.sha256Prefix;
    // float32 weights plus the archive's overhead: a bound, not the exact size.
    const auto params = models::modelInfo(model).imagenetParams;
    if (params > 0)
        f.size = params * 4 + params / 20 + (1 << 20);
    f.urls = {mirror.empty() ? w.url : (mirror.back() == '/' ? mirror : mirror + "/") + w.fileName};
    return tl::downloadFile(f, torchHubCheckpointDir(), progress);
}

} // namespace tl::weights
