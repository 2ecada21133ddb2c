#include "models/penultimate.h"

#include "base/error.h"

#include <torch/torch.h>

#include <vector>

namespace tl::models {

PenultimateProbe::PenultimateProbe(NetworkImpl &model) : m_model(model)
{
    for (const auto &m : model.named_modules("", false))
        if (auto *linear = dynamic_cast<torch::nn::LinearImpl *>(m.value().get())) {
            m_linear = linear;
            m_name = m.key();
        }
    if (!m_linear)
        throw Error(model.name() + " has no Linear layer to take features before");
}

std::pair<torch::Tensor, torch::Tensor> PenultimateProbe::operator()(const torch::Tensor &x)
{
    if (m_position == kUnknown)
        locate(x);
    if (m_position == kBody) {
        const torch::Tensor body = m_model.forwardBody(x);
        return {body.flatten(1), m_model.forwardHead(body)};
    }
    int count = 0;
    torch::Tensor taken;
    const torch::Tensor out =
        m_model.forwardTraced(x, [&](const torch::nn::Module *, const torch::Tensor &t) {
            if (count++ == m_position)
                taken = t;
        });
    return {taken.flatten(1), out};
}

void PenultimateProbe::locate(const torch::Tensor &x)
{
    std::vector<std::pair<const torch::nn::Module *, torch::Tensor>> outputs;
    m_model.forwardTraced(
        x, [&](const torch::nn::Module *m, const torch::Tensor &t) { outputs.emplace_back(m, t); });
    const std::int64_t w = width();
    auto fits = [&](const torch::Tensor &input, const torch::Tensor &output) {
        if (!input.defined() || input.dim() < 2 || input.size(0) != x.size(0) ||
            input.numel() / input.size(0) != w)
            return false;
        const torch::Tensor again = m_linear->forward(input.flatten(1));
        return again.sizes() == output.sizes() && torch::allclose(again, output, 1e-4, 1e-5);
    };
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (outputs[i].first != m_linear)
            continue;
        // The nearest earlier output that is the Linear's input.
        for (std::size_t k = i; k-- > 0;) {
            if (fits(outputs[k].second, outputs[i].second)) {
                m_position = int(k);
                return;
            }
        }
        if (m_model.canSplit() && fits(m_model.forwardBody(x), outputs[i].second)) {
            m_position = kBody;
            return;
        }
    }
    throw Error("cannot find the input of " + m_model.name() + "'s layer " + m_name +
                " in its forward pass");
}

} // namespace tl::models
