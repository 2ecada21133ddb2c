#pragma once

namespace tl {

// Keep freed tensor memory for reuse instead of handing it back to the system.
//
// glibc's malloc serves every block above its mmap threshold (128 KiB at first, growing to what
// has been freed, at most 32 MiB) with a fresh mmap and unmaps it on free, and trims the heap's
// top above 128 KiB. A training step allocates and frees the same activation and gradient
// tensors (megabytes each) hundreds of times a second, so each of them came back as new pages
// that the kernel had to fault in and zero: on the default demo (simple-cnn, 2 cores) a third
// of the CPU time went to the kernel (11 s of 64 s) and the run took 36-42 s; with the blocks
// kept, 1.4 s in the kernel and 26-28 s. The resident memory stays the same: the blocks are
// reused, not piled up. (tests/bench/bench_profile shows where a step's time goes.)
//
// Call first thing in main(). A user's own MALLOC_* or GLIBC_TUNABLES malloc settings are kept.
void keepFreedMemoryForReuse();

} // namespace tl
