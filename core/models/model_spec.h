#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tl::models {

// What to build: plain values shared by the experiment file, the CLI and the GUI.
struct ModelSpec
{
    std::string name = "simple-cnn";
    int numClasses = 10;
    int inChannels = 3;
    int inputSize = 32;       // side of the square input the model will see
    double dropout = -1;      // < 0: the model's own default
    bool batchNorm = false;   // vgg-style-cnn: BatchNorm between each conv and its activation
    double bnMomentum = 0.99; // Keras convention (moving-average decay); torch uses 1 - this
    double l2 = 0.0;          // Keras-style L2 penalty on conv and first dense kernels
    int poolSize = 3;         // vgg-style-cnn: MaxPooling2D((k, k)) as in seed 002
    // Module paths (state_dict prefixes, e.g. "features.conv1") whose parameters do not train.
    std::vector<std::string> frozen;

    // torchvision backbones:
    // head: keep (the backbone's classifier, its last Linear sized numClasses), imagenet (the
    // 1000-class classifier as is), gap or flatten (global average pooling / flatten, then an
    // optional Dense(headHidden)+BatchNorm+ReLU, Dropout(headDropout), Linear(numClasses)).
    std::string head = "keep";
    int headHidden = 0;
    double headDropout = 0.0;
    std::string truncateAt; // keep the features up to this layer (path or Keras alias)
    // Which layers to freeze, resolved against the built model (see resolveFreezeSpec):
    // none | backbone | before:LAYER | all-but-last:N | PATH[,PATH...]. Adds to `frozen`.
    std::string freeze = "none";
    // none | imagenet (torchvision's checkpoint, from the torch hub cache) | a checkpoint file
    std::string weights = "none";
};

struct ModelInfo
{
    std::string name;
    std::string family;
    std::string description;
    int nativeInputSize = 0;         // 0: any size
    std::string normalization;       // what its preprocessing expects: "dataset" or "imagenet"
    std::int64_t imagenetParams = 0; // torchvision's parameter count with the 1000-class head
    std::string weightsFile;         // torchvision's checkpoint file name ("" for our own models)
    bool isBackbone() const { return !weightsFile.empty(); }
};

const std::vector<ModelInfo> &modelCatalog();
const ModelInfo &modelInfo(const std::string &name); // tl::Error listing the known names

} // namespace tl::models
