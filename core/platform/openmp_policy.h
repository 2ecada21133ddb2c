#pragma once

// How OpenMP's worker threads wait for each other, chosen before the OpenMP runtime starts.
//
// LibTorch and OpenBLAS run their parallel loops on one OpenMP team. Between two parallel loops
// (thousands per training step) the team's threads wait; libgomp's default lets each spin
// 300,000 times before it sleeps. When another program keeps a core busy, the spinning threads
// take turns with it and training runs at a third of its speed (measured on 2 cores with one
// kept busy: about 500 images/s with libgomp's default, 1,300 with a spin of 1,000, 1,330
// sleeping at once; on a quiet machine all of them within the run-to-run noise, about 2,500).
// tests/bench/bench_threads.sh measures the policy against every fixed setting.
//
// libgomp reads its settings once, when it is loaded, before main(): an executable that wants
// them changed sets the environment and starts itself again (exec keeps the process id, the
// arguments and every open file). It does so only when, over a short sample at start-up, other
// programs keep a core busy at normal priority: on a quiet machine, or one busy with niced
// work only, libgomp's long spin is the fastest, and the compute threads then follow the load
// during the run (Trainer::setAdaptiveThreads). A user's own OMP_WAIT_POLICY or GOMP_SPINCOUNT
// is kept, and TL_OPENMP_SPIN sets a spin count whatever the load.

namespace tl {

// Spins before a waiting OpenMP thread sleeps (libgomp's default: 300,000; it drops to 1,000
// itself only when there are more threads than cores).
inline constexpr const char *kOpenMpSpinCount = "1000";

// How long the start-up sample of the load lasts.
inline constexpr int kLoadSampleMs = 150;

// Whether a short spin pays: other programs keep at least 0.4 of a core busy at normal
// priority (or the load cannot be read).
bool shortSpinFor(double othersBusyCores);

// Call first thing in main(). Returns only when the environment is already right (or when
// starting again failed: then the program goes on with libgomp's defaults).
void chooseOpenMpWaitPolicy(char **argv);

} // namespace tl
