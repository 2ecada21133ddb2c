#pragma once

// The ONNX side of `export` and `predict` (issue 29): the exported file runs in OpenCV's DNN
// module, without LibTorch.

#include "args.h"

#include <string>

namespace tl::cli {

// FILE ends in .onnx (any case).
bool isOnnxFile(const std::string &path);

// `export RUN_DIR --format onnx --out FILE.onnx [--json]`: writes and checks the export, prints
// what was written (the file, its JSON, size, largest logit difference in OpenCV).
int exportOnnxCommand(const Args &args, const std::string &runDir, const std::string &out);

// `predict --model FILE.onnx IMAGE...`: the classes of each image through OpenCV's DNN module,
// with the preprocessing and class names of the file's metadata (the same output as --run).
// `predict --model FILE.onnx --run RUN_DIR` (no images): the file against its run on the run's
// test images: agreement with predictions.csv, largest logit difference from LibTorch on
// model.pth, and the speed of both.
int predictWithOnnx(const Args &args);

} // namespace tl::cli
