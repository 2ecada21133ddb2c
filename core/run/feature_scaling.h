#pragma once

#include "models/network.h"
#include "train/batch_source.h"

#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include <vector>

namespace tl::runs {

// The head of a frozen backbone trains on standardised cached features: each feature centred
// by its mean over the training images and divided by its spread. A random backbone's features
// can sit at any scale (a random mobilenet_v3_small's are all of order 1e-9: its BatchNorm layers
// keep their placeholder statistics), where a head trained on them as they are stays at chance.
// The scaling lives only while the head trains: it is folded into the head's first Linear layer
// (W' = W / spread, b' = b - W' mean) whenever weights leave the stage (model.pth, the state, the
// test pass on raw features), so the saved model is an ordinary one with the same outputs on
// raw images. Only a head whose first computing layer is a Linear with a bias is scaled.
struct FeatureScaling
{
    torch::Tensor mean, spread;           // per feature, float32 on the CPU; undefined: none
    torch::nn::LinearImpl *layer = nullptr; // the head's first Linear layer
    bool active() const { return layer != nullptr; }
};

// The head's first computing layer when it is a Linear with a bias and nothing before it but
// containers, dropout, identity or flatten; else null.
torch::nn::LinearImpl *headInputLinear(models::NetworkImpl &model);

// The scaling for features `train` ([N, in_features], float32, possibly a mapped file: read in
// chunks) of the model's head; inactive when the head cannot take it or the features are all
// constant. A spread near zero is raised to 1 % of the features' mean spread (a floor relative
// to their scale: an absolute one would flatten features of order 1e-9).
FeatureScaling featureScaling(models::NetworkImpl &model, const torch::Tensor &train);

// The layer's weights for standardised inputs (W s = W * spread, b s = b + W mean) and back.
// Computed in double, stored in the layer's own type and device.
void standardiseLayer(const FeatureScaling &s);
void foldLayer(const FeatureScaling &s);

// The same on a snapshot of the model's parameters then buffers (Trainer's bestWeights).
void foldSnapshot(models::NetworkImpl &model, const FeatureScaling &s,
                  std::vector<torch::Tensor> &snapshot, bool fold);

// Another source's batches, standardised with the scaling (per feature: (x - mean) / spread).
class ScaledBatchSource : public train::BatchSource
{
public:
    ScaledBatchSource(train::BatchSource &inner, const FeatureScaling &scaling)
        : m_inner(inner), m_scaling(scaling)
    {
    }
    void startEpoch(int epoch) override { m_inner.startEpoch(epoch); }
    bool next(train::Batch &batch) override;
    std::int64_t batchesPerEpoch() const override { return m_inner.batchesPerEpoch(); }
    std::int64_t size() const override { return m_inner.size(); }

private:
    train::BatchSource &m_inner;
    const FeatureScaling &m_scaling;
};

} // namespace tl::runs
