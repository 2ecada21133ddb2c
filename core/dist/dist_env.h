#pragma once

#include <functional>
#include <optional>
#include <string>

namespace tl::dist {

// Where this process stands in a data-parallel run: its rank among `worldSize` processes, its
// rank on this machine (which GPU it takes), and where rank 0's rendezvous store listens.
struct DistSettings
{
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    std::string backend = "auto"; // auto (NCCL on CUDA when built in, else Gloo), gloo, nccl
    double timeoutSeconds = 60;   // every collective and the rendezvous
    std::string launcher;         // "torchrun", "slurm", "flags"; empty: one process
    // torchrun's agent already hosts the store at MASTER_ADDR:MASTER_PORT
    // (TORCHELASTIC_USE_AGENT_STORE): every rank is a client, under the key prefix
    // "/worker/attempt_<TORCHELASTIC_RESTART_COUNT>", as torch.distributed does.
    bool agentStore = false;
    int attempt = 0;
    bool distributed() const { return worldSize > 1; }
};

// What the command line said (--dist-rank, --dist-world-size, --dist-master ADDR:PORT,
// --dist-backend, --dist-timeout); each one set wins over the environment.
struct DistFlags
{
    std::optional<int> rank, worldSize;
    std::optional<std::string> master; // "ADDR:PORT"
    std::optional<std::string> backend;
    std::optional<double> timeoutSeconds;
};

using GetEnv = std::function<const char *(const char *)>;

// The settings from the launcher's environment and the flags: torchrun's RANK, WORLD_SIZE,
// LOCAL_RANK, MASTER_ADDR, MASTER_PORT; else Slurm's SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID
// and the first host of SLURM_JOB_NODELIST (MASTER_PORT, or a port derived from SLURM_JOB_ID so
// that two jobs on one node do not collide); else one process. tl::Error naming the variable or
// flag for a value that is not a number, out of range or inconsistent (rank >= world size).
DistSettings resolveDistSettings(const DistFlags &flags, const GetEnv &getenv);

// The first host of a Slurm node list: "node[03-05,9],gpu1" -> "node03". tl::Error for a list
// that is not one.
std::string firstSlurmHost(const std::string &nodelist);

// "rank 1 of 2 (torchrun), rendezvous at 127.0.0.1:29500, gloo"
std::string describe(const DistSettings &s);

} // namespace tl::dist
