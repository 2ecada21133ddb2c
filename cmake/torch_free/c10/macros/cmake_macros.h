// Poison for the torch-free targets (cmake/TorchFree.cmake): this folder comes first on their
// include path, and every LibTorch header (torch/, ATen/, c10/) includes this file's namesake.
#error "A LibTorch header reached a torch-free target (ui/, app/, app/cli/): include only core's torch-free headers (docs/ARCHITECTURE.md, Boundaries) and put the tensor code in core behind one"
