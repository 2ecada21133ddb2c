#pragma once

// A tiny HTTP/1.1 file server on 127.0.0.1 (ephemeral port) for download tests: GET with
// optional "Range: bytes=N-", 404 for unknown paths, and a switch that cuts a response short
// to simulate a dropped connection. Never touches the network beyond loopback.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tl::test {

class LocalHttpServer
{
public:
    LocalHttpServer();
    ~LocalHttpServer();

    void serve(const std::string &path, std::vector<std::uint8_t> body);
    // The next response for `path` stops after `bytes` body bytes and closes the connection.
    void cutNextResponse(const std::string &path, std::size_t bytes);
    // Responses for `path` trickle out at `bytesPerSecond` (a stalling server).
    void throttle(const std::string &path, std::size_t bytesPerSecond);
    // Responses for `path` never end: zeros without a Content-Length, until the client leaves.
    void serveEndless(const std::string &path);
    std::string url(const std::string &path) const;
    int port() const { return m_port; }
    int requests() const { return m_requests; }
    std::string lastRangeHeader() const;

private:
    void loop();
    void handle(int fd);

    int m_listen = -1;
    int m_port = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_requests{0};
    mutable std::mutex m_mutex;
    std::map<std::string, std::vector<std::uint8_t>> m_files;
    std::map<std::string, std::size_t> m_cut;
    std::map<std::string, std::size_t> m_throttle;
    std::map<std::string, bool> m_endless;
    std::string m_lastRange;
};

} // namespace tl::test
