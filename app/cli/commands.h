#pragma once

#include "args.h"

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

} // namespace tl::cli
