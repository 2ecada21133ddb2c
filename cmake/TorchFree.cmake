# The torch-free boundary (docs/ARCHITECTURE.md, "Boundaries"): ui/, the window and the CLI see
# core through transferlab_api, whose headers include no LibTorch header, and this makes that a
# build error rather than a convention:
#
#   tl_torch_free(target)
#
# puts cmake/torch_free/ first on the target's include path. It holds files named as LibTorch's
# roots: c10/macros/cmake_macros.h, which every torch, ATen and c10 header includes (through
# c10/macros/Macros.h or Export.h), and torch/torch.h, torch/types.h; each is an #error. Debian
# installs LibTorch in /usr/include, so leaving torch's include directories out (transferlab_api
# does) would not be enough on its own: -I folders are searched before /usr/include, so the
# poison is found first. tools/check_structure.py checks the result from the build's dependency
# information as well (ninja -t deps).
function(tl_torch_free target)
  target_include_directories(${target} BEFORE PRIVATE ${PROJECT_SOURCE_DIR}/cmake/torch_free)
endfunction()
