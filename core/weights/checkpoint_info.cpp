#include "weights/checkpoint_info.h"

#include "models/model_factory.h"
#include "models/model_spec.h"
#include "weights/checkpoint.h"

#include <torch/torch.h>

namespace tl::weights {

CheckpointInfo inspectCheckpoint(const std::string &path)
{
    const Checkpoint c = readCheckpoint(path);
    CheckpointInfo info;
    info.format = formatName(c.format);
    info.wrapper = c.wrapper;
    for (const auto &[name, t] : c.tensors) {
        info.values += t.numel();
        info.tensors.push_back({name, t.sizes().vec(), c10::toString(t.scalar_type())});
    }
    for (const auto &m : models::modelCatalog()) {
        if (!m.isBackbone())
            continue;
        models::ModelSpec s;
        s.name = m.name;
        s.inputSize = 64;
        s.numClasses = headClassesOf(c.tensors, path);
        auto model = models::createModel(s);
        if (loadStateDict(*model, c.tensors, false, path).complete()) {
            info.fitsModel = m.name;
            info.fitsClasses = s.numClasses;
            break;
        }
    }
    return info;
}

} // namespace tl::weights
