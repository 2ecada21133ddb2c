#include "dist/process_group.h"

#include "base/error.h"
#include "train/collective.h"

#ifdef TL_HAVE_GLOO
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef TL_HAVE_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <torch/torch.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>

namespace tl::dist {

namespace {

using namespace std::chrono_literals;
constexpr auto kBeat = 500ms; // how often each rank says it is alive

std::string beatKey(int rank)
{
    return "tl/alive/" + std::to_string(rank);
}

// A client (or, for rank 0 without torchrun's agent, the server) of the rendezvous store;
// under torchrun's agent, keys carry this attempt's prefix as torch.distributed's do.
// `counted`: the rank's main connection, which checks in with the server (the server waits
// until every rank has); the heartbeat's second connection does not.
c10::intrusive_ptr<c10d::Store> openStore(const DistSettings &s, bool server, bool counted,
                                          std::chrono::milliseconds timeout)
{
    c10d::TCPStoreOptions o;
    o.port = std::uint16_t(s.masterPort);
    o.isServer = server && !s.agentStore;
    if (counted)
        o.numWorkers = std::size_t(s.worldSize);
    o.waitWorkers = counted;
    o.timeout = timeout;
    auto tcp = c10::make_intrusive<c10d::TCPStore>(s.masterAddr, o);
    if (!s.agentStore)
        return tcp;
    return c10::make_intrusive<c10d::PrefixStore>("/worker/attempt_" + std::to_string(s.attempt),
                                                  tcp);
}

// Every rank adds one to its key in the store twice a second from a thread of its own (with its
// own connection), so that after a failed collective the survivors can tell which rank went
// quiet: a rank that waits in a collective still beats, a killed one does not.
class Heartbeat
{
public:
    Heartbeat(const DistSettings &s, std::chrono::milliseconds timeout) : m_rank(s.rank)
    {
        m_store = openStore(s, false, false, timeout);
        m_store->add(beatKey(m_rank), 1);
        m_thread = std::thread([this] { loop(); });
    }
    ~Heartbeat() { stop(); }

    void stop()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

    // Which ranks did not beat during the next `window` (empty list: all did). False when the
    // store itself is gone (rank 0 hosts it).
    bool quietRanks(int world, std::chrono::milliseconds window, std::vector<int> &quiet)
    {
        try {
            std::vector<std::int64_t> before(std::size_t(world), 0);
            for (int r = 0; r < world; ++r)
                before[std::size_t(r)] = m_store->add(beatKey(r), 0);
            std::this_thread::sleep_for(window);
            for (int r = 0; r < world; ++r)
                if (m_store->add(beatKey(r), 0) == before[std::size_t(r)])
                    quiet.push_back(r);
            return true;
        } catch (const std::exception &) {
            return false;
        }
    }

private:
    void loop()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_cv.wait_for(lock, kBeat, [&] { return m_stop; })) {
            try {
                m_store->add(beatKey(m_rank), 1);
            } catch (const std::exception &) {
                return; // the store is gone: quietRanks will say so
            }
        }
    }

    int m_rank;
    c10::intrusive_ptr<c10d::Store> m_store;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::thread m_thread;
};

// Gloo binds to an interface the other ranks can reach: GLOO_SOCKET_IFNAME as torch does, the
// loopback address for a run on one machine, else the address this machine's name resolves to.
std::shared_ptr<::gloo::transport::Device> glooDevice(const DistSettings &s)
{
    if (const char *ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
        return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
    if (s.masterAddr == "localhost" || s.masterAddr.rfind("127.", 0) == 0)
        return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

class C10dCollective : public train::Collective
{
public:
    C10dCollective(const DistSettings &s, bool cuda) : m_s(s)
    {
        m_timeout = std::chrono::milliseconds(std::int64_t(s.timeoutSeconds * 1000.0));
        m_backendName = chooseBackend(s.backend, cuda);
        try {
            m_store = openStore(s, s.rank == 0, true, m_timeout);
#ifdef TL_HAVE_NCCL
            if (m_backendName == "nccl") {
                m_cuda = torch::Device(torch::kCUDA, c10::DeviceIndex(s.localRank));
                auto options = c10d::ProcessGroupNCCL::Options::create();
                options->timeout = m_timeout;
                m_nccl = c10::make_intrusive<c10d::ProcessGroupNCCL>(m_store, s.rank, s.worldSize,
                                                                     options);
            }
#endif
            if (m_backendName == "gloo") {
                auto options = c10d::ProcessGroupGloo::Options::create(m_timeout);
                options->devices.push_back(glooDevice(s));
                options->threads = 2;
                m_gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(m_store, s.rank, s.worldSize,
                                                                     options);
            }
            m_heartbeat = std::make_unique<Heartbeat>(s, m_timeout);
        } catch (const std::exception &e) {
            throw RankLostError("rendezvous at " + s.masterAddr + ":" +
                                std::to_string(s.masterPort) + " failed: not every one of the " +
                                std::to_string(s.worldSize) + " ranks arrived within " +
                                std::to_string(int(s.timeoutSeconds)) + " s (" +
                                firstLine(e.what()) + ")");
        }
    }

    ~C10dCollective() override
    {
        m_heartbeat.reset();
        if (!m_failed) {
            // Rank 0 hosts the store: nobody leaves before everyone is done with it.
            try {
                std::vector<at::Tensor> t = stage({torch::zeros({1})});
                run([&] { return allreduce(t); });
            } catch (const std::exception &) {
            }
        }
    }

    int rank() const override
    {
        return m_s.rank;
    }
    int size() const override
    {
        return m_s.worldSize;
    }
    std::string backend() const override
    {
        return m_backendName;
    }

    void allReduceSum(std::vector<torch::Tensor> &tensors) override
    {
        std::vector<c10::intrusive_ptr<c10d::Work>> works;
        std::vector<at::Tensor> staged = stage(tensors);
        guard([&] {
            for (auto &t : staged) {
                std::vector<at::Tensor> one{t};
                works.push_back(allreduce(one));
            }
            for (auto &w : works)
                w->wait(m_timeout);
        });
        unstage(staged, tensors);
    }

    torch::Tensor allGather(const torch::Tensor &tensor) override
    {
        std::vector<at::Tensor> in = stage({tensor.contiguous()});
        std::vector<std::vector<at::Tensor>> out(1);
        for (int r = 0; r < m_s.worldSize; ++r)
            out[0].push_back(torch::empty_like(in[0]));
        guard([&] {
            auto w = m_gloo ? m_gloo->allgather(out, in) : ncclOnly()->allgather(out, in);
            w->wait(m_timeout);
        });
        return torch::stack(out[0]).to(tensor.device());
    }

    void broadcast(std::vector<torch::Tensor> &tensors, int root) override
    {
        c10d::BroadcastOptions o;
        o.rootRank = root;
        std::vector<c10::intrusive_ptr<c10d::Work>> works;
        std::vector<at::Tensor> staged = stage(tensors);
        guard([&] {
            for (auto &t : staged) {
                std::vector<at::Tensor> one{t};
                works.push_back(m_gloo ? m_gloo->broadcast(one, o) : ncclOnly()->broadcast(one, o));
            }
            for (auto &w : works)
                w->wait(m_timeout);
        });
        unstage(staged, tensors);
    }

private:
    static std::string firstLine(const std::string &s)
    {
        return s.substr(0, s.find('\n'));
    }

    static std::string chooseBackend(const std::string &asked, bool cuda)
    {
        if (asked == "nccl" && !ncclAvailable())
            throw Error("--dist-backend nccl: this LibTorch build has no NCCL (a CUDA build "
                        "with c10d's NCCL process group is needed); use gloo");
        if (asked == "nccl" && !cuda)
            throw Error("--dist-backend nccl needs CUDA devices; this run trains on the CPU");
        if (asked == "auto")
            return cuda && ncclAvailable() ? "nccl" : "gloo";
        return asked;
    }

    c10::intrusive_ptr<c10d::Work> allreduce(std::vector<at::Tensor> &t)
    {
        return m_gloo ? m_gloo->allreduce(t) : ncclOnly()->allreduce(t);
    }

#ifdef TL_HAVE_NCCL
    c10d::ProcessGroupNCCL *ncclOnly()
    {
        return m_nccl.get();
    }
#else
    c10d::ProcessGroupGloo *ncclOnly()
    {
        throw Error("no process group");
    }
#endif

    template <class F> void run(F &&f)
    {
        f()->wait(m_timeout);
    }

    // NCCL works on CUDA tensors only: the small CPU ones (metrics, votes, the evaluation's
    // gathered logits) travel through the rank's GPU. Gloo takes them as they are.
    std::vector<at::Tensor> stage(const std::vector<torch::Tensor> &tensors) const
    {
        std::vector<at::Tensor> out;
        for (const auto &t : tensors)
            out.push_back(m_cuda && !t.is_cuda() ? t.to(*m_cuda) : t);
        return out;
    }
    static void unstage(const std::vector<at::Tensor> &staged, std::vector<torch::Tensor> &tensors)
    {
        for (std::size_t i = 0; i < tensors.size(); ++i)
            if (!staged[i].is_same(tensors[i]))
                tensors[i].copy_(staged[i]);
    }

    // Runs collectives; a failure becomes one RankLostError naming the rank that went quiet.
    template <class F> void guard(F &&f)
    {
        if (m_failed)
            throw RankLostError(m_failure);
        try {
            f();
        } catch (const std::exception &e) {
            m_failed = true;
            m_failure = diagnose(firstLine(e.what()));
            throw RankLostError(m_failure);
        }
    }

    std::string diagnose(const std::string &cause)
    {
        std::vector<int> quiet;
        const bool storeUp = m_heartbeat->quietRanks(m_s.worldSize, 4 * kBeat, quiet);
        const std::string me = "rank " + std::to_string(m_s.rank) + " leaves";
        if (!storeUp)
            return "rank 0 is gone (its rendezvous store at " + m_s.masterAddr + ":" +
                   std::to_string(m_s.masterPort) + " no longer answers); " + me;
        std::string names;
        for (const int r : quiet)
            if (r != m_s.rank)
                names += (names.empty() ? "" : ", ") + std::to_string(r);
        if (!names.empty())
            return std::string("rank") + (quiet.size() > 1 ? "s " : " ") + names + " of " +
                   std::to_string(m_s.worldSize) +
                   " went quiet (killed, crashed or cut off: " + cause + "); " + me;
        return "no answer from the other ranks within " + std::to_string(int(m_s.timeoutSeconds)) +
               " s (--dist-timeout), though all still run (" + cause + "); " + me;
    }

    DistSettings m_s;
    std::optional<torch::Device> m_cuda; // NCCL's device
    std::chrono::milliseconds m_timeout;
    std::string m_backendName;
    c10::intrusive_ptr<c10d::Store> m_store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> m_gloo;
#ifdef TL_HAVE_NCCL
    c10::intrusive_ptr<c10d::ProcessGroupNCCL> m_nccl;
#endif
    std::unique_ptr<Heartbeat> m_heartbeat;
    bool m_failed = false;
    std::string m_failure;
};

} // namespace

#endif // TL_HAVE_GLOO

bool ncclAvailable()
{
#ifdef TL_HAVE_NCCL
    return true;
#else
    return false;
#endif
}

std::shared_ptr<train::Collective> connect(const DistSettings &settings, bool cuda,
                                           const std::function<void(const std::string &)> &say)
{
#ifndef TL_HAVE_GLOO
    (void)cuda;
    (void)say;
    throw Error("this TransferLab was built without Gloo's headers (Debian: libgloo-dev), so it "
                "cannot join " +
                describe(settings));
#else
    auto c = std::make_unique<C10dCollective>(settings, cuda);
    if (say)
        say("Joined the run as " + describe(settings) + " over " + c->backend());
    return std::shared_ptr<train::Collective>(std::move(c));
#endif
}

} // namespace tl::dist
