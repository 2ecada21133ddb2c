#include "io/hash.h"

#include "base/error.h"

#include <openssl/evp.h>

#include <cstdio>
#include <vector>

namespace tl {

Hasher::Hasher(HashKind kind) : m_ctx(EVP_MD_CTX_new())
{
    auto *ctx = static_cast<EVP_MD_CTX *>(m_ctx);
    if (!ctx ||
        EVP_DigestInit_ex(ctx, kind == HashKind::Md5 ? EVP_md5() : EVP_sha256(), nullptr) != 1)
        throw Error("cannot initialise the hash function (OpenSSL)");
}

Hasher::~Hasher()
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(m_ctx));
}

void Hasher::update(const void *data, std::size_t size)
{
    EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(m_ctx), data, size);
}

std::string Hasher::hexDigest()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(m_ctx), md, &len);
    std::string hex;
    char buf[3];
    for (unsigned i = 0; i < len; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", md[i]);
        hex += buf;
    }
    return hex;
}

std::string hashFile(const std::string &path, HashKind kind)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        throw fileError(path, "cannot open for hashing");
    Hasher h(kind);
    std::vector<unsigned char> buf(1 << 20);
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0)
        h.update(buf.data(), n);
    std::fclose(f);
    return h.hexDigest();
}

} // namespace tl
