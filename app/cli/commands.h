#pragma once

#include "args.h"
#include "inference/run_features.h"
#include "options.h"

#include <string>
#include <vector>

namespace tl::cli {

int trainCommand(Args &args);
int recipesCommand(Args &args);
int datasetsCommand(Args &args);
int downloadCommand(Args &args);
int modelsCommand(Args &args);
int compareCommand(Args &args);
int reportCommand(Args &args);
int summaryCommand(Args &args);
int predictCommand(Args &args);
int weightsCommand(Args &args);
int evaluateCommand(Args &args);
int exportCommand(Args &args);
int infoCommand(Args &args);
int lessonCommand(Args &args);
int sweepCommand(Args &args);
int inspectCommand(Args &args);
int calibrateCommand(Args &args);
int completionCommand(Args &args);

// Each command's options (options.h): its allow-list, help and bash completion.
const Options &trainOptions();
const Options &recipesOptions();
const Options &lessonOptions();
const Options &sweepOptions();
const Options &inspectOptions();
const Options &calibrateOptions();
const Options &predictOptions();
const Options &evaluateOptions();
const Options &exportOptions();
const Options &weightsOptions();
const Options &compareOptions();
const Options &reportOptions();
const Options &summaryOptions();
const Options &downloadOptions();
const Options &infoOptions();
int captureCommand(Args &args);
int labelsCommand(Args &args);
const Options &labelsOptions();

// predict RUN_DIR --camera SOURCE [--frames N]: the run labels camera (or video-file) frames
// (capture_command.cpp).
int predictFromCamera(const std::string &runDir, Args &args);

// predict with a run folder as the model (calibrate_command.cpp): its calibrated probabilities
// and the unfamiliar score when the run is calibrated.
int predictWithRunFolder(const std::string &runDir, const std::vector<std::string> &images,
                         int topk, bool json);

// Progress of a long computation on a terminal only, one line rewritten (inspect_command.cpp).
runs::FeatureProgress progressLine();

} // namespace tl::cli
