#include "train/optimizers.h"

#include "base/error.h"

#include <torch/torch.h>

#include <cmath>
#include <set>

namespace tl::train {

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &c,
                                                       const std::vector<torch::Tensor> &params)
{
    if (!(c.lr > 0) || !std::isfinite(c.lr))
        throw Error("learning rate must be positive, got " + std::to_string(c.lr));
    if (c.weightDecay < 0)
        throw Error("weight decay must not be negative");
    if (c.name == "sgd") {
        if (c.nesterov && c.momentum <= 0)
            throw Error("nesterov momentum needs --momentum > 0");
        return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(c.lr)
                                                               .momentum(c.momentum)
                                                               .nesterov(c.nesterov)
                                                               .weight_decay(c.weightDecay));
    }
    if (c.name == "adam")
        return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(c.lr)
                                                                .betas({c.beta1, c.beta2})
                                                                .eps(c.eps)
                                                                .weight_decay(c.weightDecay));
    if (c.name == "adamw")
        return std::make_unique<torch::optim::AdamW>(params, torch::optim::AdamWOptions(c.lr)
                                                                 .betas({c.beta1, c.beta2})
                                                                 .eps(c.eps)
                                                                 .weight_decay(c.weightDecay));
    if (c.name == "rmsprop")
        return std::make_unique<torch::optim::RMSprop>(
            params,
            torch::optim::RMSpropOptions(c.lr).momentum(c.momentum).weight_decay(c.weightDecay));
    throw Error("unknown optimizer '" + c.name + "' (known: sgd, adam, adamw, rmsprop)");
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &c,
                                                       const std::vector<torch::Tensor> &backbone,
                                                       const std::vector<torch::Tensor> &head,
                                                       double multiplier)
{
    if (!(multiplier > 0))
        throw Error("the backbone's learning-rate multiplier must be positive");
    if (backbone.empty() || head.empty() || multiplier == 1.0) {
        std::vector<torch::Tensor> all = backbone;
        all.insert(all.end(), head.begin(), head.end());
        return makeOptimizer(c, all);
    }
    auto optimizer = makeOptimizer(c, head);
    auto options = optimizer->defaults().clone();
    options->set_lr(c.lr * multiplier);
    optimizer->add_param_group(torch::optim::OptimizerParamGroup(backbone, std::move(options)));
    return optimizer;
}

namespace {

// Each optimizer's per-parameter slots, by name.
template <class State> State *stateAs(torch::optim::OptimizerParamState *s)
{
    return dynamic_cast<State *>(s);
}

void putTensor(std::map<std::string, torch::Tensor> &out, const std::string &key,
               const torch::Tensor &t)
{
    if (t.defined())
        out[key] = t.detach().to(torch::kCPU).clone();
}

torch::Tensor getTensor(const std::map<std::string, torch::Tensor> &in, const std::string &key,
                        const torch::Tensor &like)
{
    auto it = in.find(key);
    if (it == in.end())
        return {};
    if (!it->second.sizes().equals(like.sizes()) || !it->second.is_floating_point())
        throw Error("saved optimizer state " + key + " does not fit the parameter's shape");
    return it->second.to(like.options()).clone();
}

// Adam and AdamW keep the same slots in different types.
template <class State>
void putAdam(std::map<std::string, torch::Tensor> &out, const std::string &k, State &s)
{
    out[k + "step"] = torch::full({1}, s.step(), torch::kInt64);
    putTensor(out, k + "exp_avg", s.exp_avg());
    putTensor(out, k + "exp_avg_sq", s.exp_avg_sq());
    putTensor(out, k + "max_exp_avg_sq", s.max_exp_avg_sq());
}

template <class State>
std::unique_ptr<State> adamState(std::int64_t step, const torch::Tensor &avg,
                                 const torch::Tensor &sq, const torch::Tensor &mx)
{
    auto s = std::make_unique<State>();
    s->step(step);
    s->exp_avg(avg);
    s->exp_avg_sq(sq);
    if (mx.defined())
        s->max_exp_avg_sq(mx);
    return s;
}

std::int64_t getStep(const std::map<std::string, torch::Tensor> &in, const std::string &key)
{
    auto it = in.find(key);
    if (it == in.end())
        return 0;
    // A state file's tensor: one integer, or the file is damaged.
    if (it->second.numel() != 1 || it->second.is_floating_point() || it->second.is_complex())
        throw Error("saved optimizer state " + key + " is not a step count");
    const std::int64_t step = it->second.item<std::int64_t>();
    if (step < 0)
        throw Error("saved optimizer state " + key + " is negative");
    return step;
}

} // namespace

std::map<std::string, torch::Tensor> optimizerState(torch::optim::Optimizer &optimizer,
                                                    const std::string &name,
                                                    models::NetworkImpl &model)
{
    std::map<std::string, torch::Tensor> out;
    auto &state = optimizer.state();
    for (const auto &np : model.named_parameters()) {
        auto it = state.find(c10::guts::to_string(np.value().unsafeGetTensorImpl()));
        if (it == state.end())
            continue;
        const std::string k = np.key() + "/";
        auto *raw = it->second.get();
        if (name == "sgd") {
            if (auto *s = stateAs<torch::optim::SGDParamState>(raw))
                putTensor(out, k + "momentum_buffer", s->momentum_buffer());
        } else if (name == "adam") {
            if (auto *s = stateAs<torch::optim::AdamParamState>(raw))
                putAdam(out, k, *s);
        } else if (name == "adamw") {
            if (auto *s = stateAs<torch::optim::AdamWParamState>(raw))
                putAdam(out, k, *s);
        } else if (name == "rmsprop") {
            if (auto *s = stateAs<torch::optim::RMSpropParamState>(raw)) {
                out[k + "step"] = torch::full({1}, s->step(), torch::kInt64);
                putTensor(out, k + "square_avg", s->square_avg());
                putTensor(out, k + "momentum_buffer", s->momentum_buffer());
                putTensor(out, k + "grad_avg", s->grad_avg());
            }
        }
    }
    return out;
}

void loadOptimizerState(torch::optim::Optimizer &optimizer, const std::string &name,
                        models::NetworkImpl &model, const std::map<std::string, torch::Tensor> &in)
{
    std::set<const void *> held;
    for (const auto &g : optimizer.param_groups())
        for (const auto &p : g.params())
            held.insert(p.unsafeGetTensorImpl());
    auto &state = optimizer.state();
    for (const auto &np : model.named_parameters()) {
        const torch::Tensor &p = np.value();
        if (!held.count(p.unsafeGetTensorImpl()))
            continue;
        const std::string k = np.key() + "/";
        const std::string key = c10::guts::to_string(p.unsafeGetTensorImpl());
        if (name == "sgd") {
            auto buffer = getTensor(in, k + "momentum_buffer", p);
            if (!buffer.defined())
                continue;
            auto s = std::make_unique<torch::optim::SGDParamState>();
            s->momentum_buffer(buffer);
            state[key] = std::move(s);
        } else if (name == "adam" || name == "adamw") {
            auto avg = getTensor(in, k + "exp_avg", p), sq = getTensor(in, k + "exp_avg_sq", p);
            if (!avg.defined() || !sq.defined())
                continue;
            auto mx = getTensor(in, k + "max_exp_avg_sq", p);
            const std::int64_t step = getStep(in, k + "step");
            if (name == "adam")
                state[key] = adamState<torch::optim::AdamParamState>(step, avg, sq, mx);
            else
                state[key] = adamState<torch::optim::AdamWParamState>(step, avg, sq, mx);
        } else if (name == "rmsprop") {
            auto sq = getTensor(in, k + "square_avg", p);
            if (!sq.defined())
                continue;
            auto s = std::make_unique<torch::optim::RMSpropParamState>();
            s->step(getStep(in, k + "step"));
            s->square_avg(sq);
            if (auto m = getTensor(in, k + "momentum_buffer", p); m.defined())
                s->momentum_buffer(m);
            if (auto g = getTensor(in, k + "grad_avg", p); g.defined())
                s->grad_avg(g);
            state[key] = std::move(s);
        }
    }
}

void checkOptimizerState(models::NetworkImpl &model,
                         const std::map<std::string, torch::Tensor> &state)
{
    std::map<std::string, torch::Tensor> params;
    for (const auto &p : model.named_parameters())
        params.emplace(p.key(), p.value());
    static const std::set<std::string> shaped = {"momentum_buffer", "exp_avg", "exp_avg_sq",
                                                 "max_exp_avg_sq", "square_avg", "grad_avg"};
    for (const auto &[key, t] : state) {
        const auto slash = key.rfind('/');
        const std::string name = slash == std::string::npos ? key : key.substr(0, slash);
        const std::string slot = slash == std::string::npos ? "" : key.substr(slash + 1);
        auto p = params.find(name);
        if (p == params.end())
            throw Error("saved optimizer state '" + key + "' names no parameter of the model");
        if (slot == "step") {
            if (t.numel() != 1 || t.is_floating_point() || t.item<std::int64_t>() < 0)
                throw Error("saved optimizer state '" + key + "' is not a step count");
        } else if (shaped.count(slot)) {
            if (!t.is_floating_point() || !t.sizes().equals(p->second.sizes()))
                throw Error("saved optimizer state '" + key +
                            "' does not fit the parameter's shape");
        } else {
            throw Error("saved optimizer state '" + key + "' has an unknown slot");
        }
    }
}

} // namespace tl::train
