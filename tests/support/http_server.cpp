#include "support/http_server.h"

#include <chrono>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <sstream>
#include <stdexcept>

namespace tl::test {

LocalHttpServer::LocalHttpServer()
{
    m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(m_listen, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        ::listen(m_listen, 8) != 0)
        throw std::runtime_error("cannot listen on loopback");
    socklen_t len = sizeof addr;
    ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { loop(); });
}

LocalHttpServer::~LocalHttpServer()
{
    m_stop = true;
    ::shutdown(m_listen, SHUT_RDWR);
    ::close(m_listen);
    m_thread.join();
}

void LocalHttpServer::serve(const std::string &path, std::vector<std::uint8_t> body)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_files[path] = std::move(body);
}

void LocalHttpServer::cutNextResponse(const std::string &path, std::size_t bytes)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cut[path] = bytes;
}

std::string LocalHttpServer::url(const std::string &path) const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

std::string LocalHttpServer::lastRangeHeader() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_lastRange;
}

void LocalHttpServer::loop()
{
    while (!m_stop) {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const int fd = ::accept(m_listen, nullptr, nullptr);
        if (fd < 0)
            continue;
        handle(fd);
        ::close(fd);
    }
}

static void sendAll(int fd, const void *data, std::size_t n)
{
    const char *p = static_cast<const char *>(data);
    while (n > 0) {
        const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return;
        p += w;
        n -= std::size_t(w);
    }
}

void LocalHttpServer::throttle(const std::string &path, std::size_t bytesPerSecond)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_throttle[path] = bytesPerSecond;
}

void LocalHttpServer::serveEndless(const std::string &path)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_endless[path] = true;
}

void LocalHttpServer::handle(int fd)
{
    std::string req;
    char buf[4096];
    while (req.find("\r\n\r\n") == std::string::npos) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 2000) <= 0)
            return;
        const ssize_t r = ::recv(fd, buf, sizeof buf, 0);
        if (r <= 0)
            return;
        req.append(buf, std::size_t(r));
    }
    ++m_requests;
    std::istringstream in(req);
    std::string method, path, version, line;
    in >> method >> path >> version;
    std::size_t from = 0;
    bool ranged = false;
    std::string range;
    while (std::getline(in, line)) {
        if (line.rfind("Range:", 0) == 0 || line.rfind("range:", 0) == 0) {
            range = line;
            const auto eq = line.find('=');
            from = std::stoul(line.substr(eq + 1));
            ranged = true;
        }
    }
    std::vector<std::uint8_t> body;
    std::size_t cut = std::string::npos, rate = 0;
    bool found, endless = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (auto t = m_throttle.find(path); t != m_throttle.end())
            rate = t->second;
        endless = m_endless.count(path) != 0;
        m_lastRange = range;
        auto it = m_files.find(path);
        found = it != m_files.end();
        if (found)
            body = it->second;
        if (auto c = m_cut.find(path); c != m_cut.end()) {
            cut = c->second;
            m_cut.erase(c);
        }
    }
    if (endless) {
        const std::string head = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
        sendAll(fd, head.data(), head.size());
        const std::vector<std::uint8_t> zeros(1 << 16, 0);
        while (!m_stop && ::send(fd, zeros.data(), zeros.size(), MSG_NOSIGNAL) > 0) {
        }
        return;
    }
    if (!found) {
        const std::string r =
            "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found";
        sendAll(fd, r.data(), r.size());
        return;
    }
    if (ranged && from >= body.size()) {
        const std::string r =
            "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        sendAll(fd, r.data(), r.size());
        return;
    }
    const std::size_t len = body.size() - from;
    std::ostringstream h;
    if (ranged)
        h << "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " << from << "-"
          << body.size() - 1 << "/" << body.size() << "\r\n";
    else
        h << "HTTP/1.1 200 OK\r\n";
    h << "Content-Length: " << len
      << "\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
    const std::string head = h.str();
    sendAll(fd, head.data(), head.size());
    const std::size_t n = std::min(len, cut);
    if (rate == 0) {
        sendAll(fd, body.data() + from, n);
        return;
    }
    // Trickle: a few bytes ten times a second, until done, the client leaves, or shutdown.
    const std::size_t step = std::max<std::size_t>(1, rate / 10);
    for (std::size_t sent = 0; sent < n && !m_stop;) {
        const std::size_t k = std::min(step, n - sent);
        if (::send(fd, body.data() + from + sent, k, MSG_NOSIGNAL) <= 0)
            return;
        sent += k;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

} // namespace tl::test
