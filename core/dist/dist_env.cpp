#include "dist/dist_env.h"

#include "base/error.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace tl::dist {

namespace {

constexpr int kMaxWorldSize = 65536;

// A whole decimal number in [lo, hi]; tl::Error naming `what` otherwise.
int parseInt(const std::string &text, const std::string &what, long lo, long hi)
{
    if (text.empty() || text.size() > 12)
        throw Error(what + ": '" + text + "' is not a number");
    char *end = nullptr;
    errno = 0;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || !std::isdigit(static_cast<unsigned char>(text[0])))
        throw Error(what + ": '" + text + "' is not a number");
    if (v < lo || v > hi)
        throw Error(what + ": " + text + " is outside " + std::to_string(lo) + ".." +
                    std::to_string(hi));
    return int(v);
}

const char *env(const GetEnv &getenv, const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : nullptr;
}

void setMaster(DistSettings &s, const std::string &master, const std::string &what)
{
    const auto colon = master.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw Error(what + ": '" + master + "' is not ADDR:PORT");
    s.masterAddr = master.substr(0, colon);
    s.masterPort = parseInt(master.substr(colon + 1), what + " (port)", 1, 65535);
}

} // namespace

std::string firstSlurmHost(const std::string &nodelist)
{
    // Up to the first comma outside brackets: "node[03-05,9]" or "gpu1".
    std::string first;
    int depth = 0;
    for (const char c : nodelist) {
        if (c == '[')
            ++depth;
        else if (c == ']')
            --depth;
        if (depth < 0 || depth > 1)
            break;
        if (c == ',' && depth == 0)
            break;
        first += c;
    }
    if (depth != 0 || first.empty() || first.front() == '[')
        throw Error("SLURM_JOB_NODELIST: '" + nodelist + "' is not a Slurm node list");
    const auto open = first.find('[');
    if (open == std::string::npos)
        return first;
    const auto close = first.find(']', open);
    if (close == std::string::npos)
        throw Error("SLURM_JOB_NODELIST: '" + nodelist + "' is not a Slurm node list");
    // The first number of the first range keeps its zero padding: node[03-05] -> node03.
    std::string range = first.substr(open + 1, close - open - 1);
    std::string number;
    for (const char c : range) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            break;
        number += c;
    }
    if (number.empty())
        throw Error("SLURM_JOB_NODELIST: '" + nodelist + "' is not a Slurm node list");
    return first.substr(0, open) + number + first.substr(close + 1);
}

DistSettings resolveDistSettings(const DistFlags &flags, const GetEnv &getenv)
{
    DistSettings s;
    if (const char *world = env(getenv, "WORLD_SIZE")) { // torchrun (or a user's own launcher)
        s.launcher = "torchrun";
        s.worldSize = parseInt(world, "WORLD_SIZE", 1, kMaxWorldSize);
        const char *rank = env(getenv, "RANK");
        if (!rank)
            throw Error("WORLD_SIZE is set but RANK is not (start the ranks with torchrun, or "
                        "pass --dist-rank)");
        s.rank = parseInt(rank, "RANK", 0, kMaxWorldSize - 1);
        if (const char *local = env(getenv, "LOCAL_RANK"))
            s.localRank = parseInt(local, "LOCAL_RANK", 0, kMaxWorldSize - 1);
        if (const char *addr = env(getenv, "MASTER_ADDR"))
            s.masterAddr = addr;
        if (const char *port = env(getenv, "MASTER_PORT"))
            s.masterPort = parseInt(port, "MASTER_PORT", 1, 65535);
        if (const char *agent = env(getenv, "TORCHELASTIC_USE_AGENT_STORE"))
            s.agentStore = std::string(agent) == "True";
        if (const char *attempt = env(getenv, "TORCHELASTIC_RESTART_COUNT"))
            s.attempt = parseInt(attempt, "TORCHELASTIC_RESTART_COUNT", 0, 1000000);
    } else if (const char *tasks = env(getenv, "SLURM_NTASKS")) {
        s.launcher = "slurm";
        s.worldSize = parseInt(tasks, "SLURM_NTASKS", 1, kMaxWorldSize);
        if (const char *rank = env(getenv, "SLURM_PROCID"))
            s.rank = parseInt(rank, "SLURM_PROCID", 0, kMaxWorldSize - 1);
        if (const char *local = env(getenv, "SLURM_LOCALID"))
            s.localRank = parseInt(local, "SLURM_LOCALID", 0, kMaxWorldSize - 1);
        if (const char *addr = env(getenv, "MASTER_ADDR"))
            s.masterAddr = addr;
        else if (const char *nodes = env(getenv, "SLURM_JOB_NODELIST"))
            s.masterAddr = firstSlurmHost(nodes);
        if (const char *port = env(getenv, "MASTER_PORT"))
            s.masterPort = parseInt(port, "MASTER_PORT", 1, 65535);
        else if (const char *job = env(getenv, "SLURM_JOB_ID"))
            s.masterPort = 20000 + parseInt(job, "SLURM_JOB_ID", 0, 2147483647) % 20000;
    }
    if (flags.worldSize) {
        s.launcher = "flags";
        s.worldSize = *flags.worldSize;
        if (s.worldSize < 1 || s.worldSize > kMaxWorldSize)
            throw Error("--dist-world-size: " + std::to_string(s.worldSize) + " is outside 1.." +
                        std::to_string(kMaxWorldSize));
    }
    if (flags.rank) {
        s.rank = *flags.rank;
        if (!flags.worldSize && s.launcher.empty())
            throw Error("--dist-rank needs --dist-world-size");
    }
    if (flags.master) {
        setMaster(s, *flags.master, "--dist-master");
        s.agentStore = false; // a store of the user's choosing: rank 0 hosts it
    }
    if (flags.backend) {
        if (*flags.backend != "auto" && *flags.backend != "gloo" && *flags.backend != "nccl")
            throw Error("--dist-backend: '" + *flags.backend + "' (use auto, gloo or nccl)");
        s.backend = *flags.backend;
    }
    if (flags.timeoutSeconds) {
        if (!(*flags.timeoutSeconds >= 1 && *flags.timeoutSeconds <= 86400))
            throw Error("--dist-timeout: give seconds between 1 and 86400");
        s.timeoutSeconds = *flags.timeoutSeconds;
    }
    if (s.rank < 0 || s.rank >= s.worldSize)
        throw Error("rank " + std::to_string(s.rank) + " does not exist in a world of " +
                    std::to_string(s.worldSize) + " process" + (s.worldSize == 1 ? "" : "es") +
                    (s.launcher == "flags" ? " (--dist-rank, --dist-world-size)" : ""));
    if (flags.worldSize && !flags.rank && s.worldSize > 1 && s.launcher == "flags" &&
        !env(getenv, "RANK") && !env(getenv, "SLURM_PROCID"))
        throw Error("--dist-world-size needs --dist-rank (or a launcher's RANK)");
    return s;
}

std::string describe(const DistSettings &s)
{
    return "rank " + std::to_string(s.rank) + " of " + std::to_string(s.worldSize) +
           (s.launcher.empty() ? "" : " (" + s.launcher + ")") + ", rendezvous at " + s.masterAddr +
           ":" + std::to_string(s.masterPort);
}

} // namespace tl::dist
