#pragma once

#include <cstddef>
#include <string>

namespace tl {

enum class HashKind { Md5, Sha256 };

// Incremental digest (OpenSSL EVP), lowercase hex.
class Hasher
{
public:
    explicit Hasher(HashKind kind);
    ~Hasher();
    Hasher(const Hasher &) = delete;
    Hasher &operator=(const Hasher &) = delete;
    void update(const void *data, std::size_t size);
    std::string hexDigest();

private:
    void *m_ctx;
};

std::string hashFile(const std::string &path, HashKind kind);

} // namespace tl
