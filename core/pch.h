// Precompiled for every translation unit of core that includes torch: parsing <torch/torch.h>
// costs 10-20 s per file on a laptop, once here.
#pragma once

#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>
